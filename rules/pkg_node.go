package rules

// Node.js package managers: packages added without a version (DF703) and
// the yarn cache left in the image (DF706).

import (
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF703",
		Name:     "npm-unpinned",
		Severity: SeverityInfo,
		Summary:  "npm install, yarn add or pnpm add of a package without a version",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3016"}},
		Doc: Doc{
			Why: "`npm install -g typescript` installs whatever version is newest on the day of the build. " +
				"A rebuild can silently pull a new major version and break the image; two builds of the " +
				"same commit are not the same software.",
			Bad:  "FROM node:22-slim\nRUN npm install -g typescript",
			Good: "FROM node:22-slim\nRUN npm install -g typescript@5.6.3",
			Fix: "Add a version (`typescript@5.6.3`, `@angular/cli@18.2.0`), or declare the dependency in " +
				"package.json and install from the lockfile with `npm ci`.",
			Notes: "Checks `npm install`/`npm i`/`npm add` (and npm's other install aliases), `yarn add`, " +
				"`yarn global add` and `pnpm add` with registry package names. A bare `npm install`/`npm ci`/" +
				"`yarn install` installs from package.json and the lockfile and is not reported, nor are " +
				"tarballs, paths, HTTP URLs, aliases (`x@npm:y`), GitHub shorthands and names built " +
				"from variables. A git URL (`git+https://...`, `git+ssh://...`, `git://...`) is reported when it " +
				"names no commit, tag or range after `#`, like hadolint. Any `@version`, range or tag counts as pinned except `@latest`, which is the " +
				"same as no version. Upgrading npm itself (`npm install -g npm`) is not reported. hadolint's " +
				"DL3016 only looks at `npm install`.",
		},
		Check: checkNpmUnpinned,
	})
	MustRegister(&Rule{
		ID:       "DF706",
		Name:     "yarn-cache-clean",
		Severity: SeverityInfo,
		Summary:  "yarn install keeps its package cache in the image",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3060"}},
		Doc: Doc{
			Why: "yarn keeps a copy of every package it downloads in its global cache " +
				"(`/usr/local/share/.cache/yarn` for root). In an image that cache duplicates " +
				"node_modules and is shipped with every pull; removing it in a later RUN does not " +
				"shrink the layer.",
			Bad:  "FROM node:22-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile",
			Good: "FROM node:22-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean",
			Fix: "Run `yarn cache clean` in the same RUN, or keep the cache out of the image with a BuildKit " +
				"cache mount: `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install`.",
			Notes: "`yarn` without a subcommand is `yarn install` and is checked too. Quiet when the same RUN " +
				"runs `yarn cache clean` (or `yarn cache dir`, usually to remove it) or removes a yarn cache " +
				"directory (one named like it, or the `--cache-folder` / `YARN_CACHE_FOLDER` directory) or runs " +
				"a cleanup script of its own (a command whose name says \"clean\"), or when " +
				"the RUN has a cache or tmpfs mount. Stages that are only used as " +
				"`COPY --from` sources are not checked (hadolint checks them): their cache never reaches an " +
				"image. Yarn 2+ projects may keep the cache in the project (`.yarn/cache`), which this rule " +
				"cannot know about; use an ignore pragma there.",
		},
		Check: checkYarnCacheClean,
	})
}

// npm's install command and its aliases.
var df7NpmInstall = map[string]bool{
	"install": true, "i": true, "add": true, "in": true, "ins": true, "inst": true, "insta": true,
	"instal": true, "isnt": true, "isnta": true, "isntal": true, "isntall": true,
}

// Options taking a value, for npm (nopt treats unknown options as
// booleans), yarn and pnpm.
var (
	df7NpmOpts = df7Opts{short: "wC", long: []string{
		"--prefix", "--registry", "--cache", "--userconfig", "--globalconfig", "--loglevel",
		"--workspace", "--tag", "--omit", "--include", "--location", "--before", "--otp", "--scope",
		"--save-prefix", "--install-strategy", "--script-shell", "--cafile", "--proxy", "--https-proxy",
		"--node-options", "--auth-type", "--foreground-scripts-shell",
	}}
	df7YarnOpts = df7Opts{long: []string{
		"--cwd", "--cache-folder", "--modules-folder", "--network-timeout", "--mutex", "--global-folder",
		"--link-folder", "--registry", "--prefix", "--use-yarnrc", "--network-concurrency", "--https-proxy",
		"--proxy", "--otp",
	}}
	df7PnpmOpts = df7Opts{short: "CF", long: []string{
		"--dir", "--filter", "--filter-prod", "--reporter", "--store-dir", "--virtual-store-dir",
		"--loglevel", "--registry", "--config-dir", "--global-dir", "--modules-dir", "--test-pattern",
		"--changed-files-ignore-pattern", "--workspace-concurrency",
	}}
)

// df7NodeAdd returns the operands of a command that adds registry packages
// by name (npm install PKG, yarn [global] add PKG, pnpm add PKG) and the
// command as the messages name it.
func df7NodeAdd(c *ShellCommand) (args []ShellArg, ops []int, what string) {
	switch c.Base {
	case "npm":
		p := df7Parse(c.Args, df7NpmOpts)
		if len(p.Positionals) == 0 || !df7NpmInstall[c.Args[p.Positionals[0]].Value] {
			return nil, nil, ""
		}
		return c.Args, p.Positionals[1:], "npm " + c.Args[p.Positionals[0]].Value
	case "yarn":
		p := df7Parse(c.Args, df7YarnOpts)
		pos := p.Positionals
		what := "yarn"
		if len(pos) > 0 && c.Args[pos[0]].Value == "global" {
			pos, what = pos[1:], "yarn global"
		}
		if len(pos) == 0 || c.Args[pos[0]].Value != "add" {
			return nil, nil, ""
		}
		return c.Args, pos[1:], what + " add"
	case "pnpm":
		p := df7Parse(c.Args, df7PnpmOpts)
		if len(p.Positionals) == 0 || c.Args[p.Positionals[0]].Value != "add" {
			return nil, nil, ""
		}
		return c.Args, p.Positionals[1:], "pnpm add"
	}
	return nil, nil, ""
}

// df7NpmSpec splits a registry package spec ("name", "@scope/name@1.2")
// into name and version; ok is false for anything else (paths, URLs,
// tarballs, git and GitHub shorthands, aliases).
func df7NpmSpec(spec string) (name, version string, hasVersion, ok bool) {
	rest := spec
	scope := ""
	if strings.HasPrefix(rest, "@") {
		i := strings.IndexByte(rest, '/')
		if i < 2 {
			return "", "", false, false
		}
		scope, rest = rest[:i+1], rest[i+1:]
		if !df7NpmNameOK(scope[1 : len(scope)-1]) {
			return "", "", false, false
		}
	}
	name, version, hasVersion = strings.Cut(rest, "@")
	if !df7NpmNameOK(name) || strings.ContainsAny(version, ":/") {
		return "", "", false, false // "x@npm:y", "x@https://...", "x@file:..."
	}
	if df7HasSuffixFold(name, ".tgz", ".tar", ".tar.gz") {
		return "", "", false, false
	}
	return scope + name, version, hasVersion, true
}

// df7NpmNameOK reports whether s can be an npm package name (legacy names
// included: upper case is tolerated).
func df7NpmNameOK(s string) bool {
	if s == "" || s[0] == '.' || s[0] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
		}
	}
	return true
}

func checkNpmUnpinned(p *Pass) {
	eachKnownRun(p.File, func(inst *Instruction) {
		for _, c := range inst.Run.Commands() {
			args, ops, what := df7NodeAdd(c)
			if what == "" || c.HasDynamicArgs() {
				continue
			}
			var bad []ShellArg
			var names []string
			for _, i := range ops {
				a := args[i]
				if !a.Literal || a.Glob || a.Brace {
					continue
				}
				if df7GitUnpinned(a.Value) {
					bad = append(bad, a)
					names = append(names, a.Value)
					continue
				}
				name, version, _, ok := df7NpmSpec(a.Value)
				if !ok || name == "npm" && c.Base == "npm" {
					continue
				}
				if version == "" || version == "latest" {
					bad = append(bad, a)
					names = append(names, name)
				}
			}
			if len(bad) == 0 {
				continue
			}
			subject := "package " + df7Quote(bad[0].Value)
			if len(bad) > 1 {
				vals := make([]string, len(bad))
				for i, a := range bad {
					vals[i] = a.Value
				}
				subject = "packages " + strings.Join(vals, ", ")
			}
			fix := names[0] + "@<version>"
			if df7GitUnpinned(names[0]) {
				fix = names[0] + "#<commit or tag>"
			}
			p.ReportFix(df7ArgSpan(inst, c, bad[0], bad[len(bad)-1]), fix,
				"%s of %s without a pinned version; use %s", what, subject, fix)
		}
	})
}

// df7YarnSub returns yarn's subcommand ("" when none) and whether the
// command is yarn.
func df7YarnSub(c *ShellCommand) (sub string, pos []int, ok bool) {
	if c.Base != "yarn" {
		return "", nil, false
	}
	pp := df7Parse(c.Args, df7YarnOpts).Positionals
	if len(pp) == 0 {
		return "", nil, true
	}
	return c.Args[pp[0]].Value, pp, true
}

func checkYarnCacheClean(p *Pass) {
	shipped := shippedStages(p.File)
	eachKnownRun(p.File, func(inst *Instruction) {
		if !shipped[inst.Stage] {
			return
		}
		var install *ShellCommand
		for _, c := range inst.Run.Commands() {
			sub, _, ok := df7YarnSub(c)
			if !ok || c.HasDynamicArgs() {
				continue
			}
			if sub == "install" || sub == "" && !c.HasFlag("--help", "-h", "--version", "-v") {
				install = c
				break
			}
		}
		if install == nil || hasMount(inst, nil, "cache", "tmpfs") {
			return
		}
		// A cache folder of the project's choosing, removed by name.
		var dirs []string
		if v, ok := df7ShortValue(install.Args, 0, "", "--cache-folder"); ok {
			dirs = append(dirs, v)
		}
		if v, set := envSet(inst, install, "YARN_CACHE_FOLDER"); set {
			dirs = append(dirs, v)
		}
		for _, c := range commandsAfter(inst, install) {
			if df7CleanupScript(c) {
				return
			}
			if sub, pos, ok := df7YarnSub(c); ok && sub == "cache" && len(pos) > 1 {
				if v := c.Args[pos[1]].Value; v == "clean" || v == "dir" {
					return
				}
			}
			if c.Base == "rm" {
				for _, a := range c.Args {
					if df7RemovesDir(a, dirs) {
						return
					}
					v := strings.ToLower(a.Value)
					if strings.Contains(v, "yarn") && strings.Contains(v, "cache") || strings.HasSuffix(v, "/.cache") ||
						strings.HasSuffix(v, "/.cache/") {
						return
					}
				}
			}
		}
		p.ReportFix(AtCommand(inst, install), "yarn install ... && yarn cache clean",
			"yarn install without 'yarn cache clean' in the same RUN leaves yarn's cache in the image")
	})
}

// df7RemovesDir reports whether the rm argument a removes one of dirs (the
// directory, its contents or a directory above it). With a configured
// directory, an argument dflint cannot read may be it.
func df7RemovesDir(a ShellArg, dirs []string) bool {
	if len(dirs) == 0 {
		return false
	}
	if !a.Literal {
		return true
	}
	v := strings.TrimSuffix(strings.TrimSuffix(a.Value, "*"), "/")
	if v == "" || strings.HasPrefix(v, "-") {
		return false
	}
	for _, d := range dirs {
		if d == "" || strings.ContainsRune(d, 0) {
			return true // a directory dflint cannot read
		}
		d = strings.TrimSuffix(d, "/")
		if v == d || strings.HasPrefix(d, v+"/") {
			return true
		}
	}
	return false
}

// df7GitUnpinned reports a git URL spec of npm, yarn or pnpm
// ("git+https://host/repo.git", "git://...", "git+ssh://...") that names
// no commit, tag or semver range after "#", so it installs whatever the
// default branch holds.
func df7GitUnpinned(spec string) bool {
	lower := strings.ToLower(spec)
	if !strings.HasPrefix(lower, "git://") && !strings.HasPrefix(lower, "git+") || strings.HasPrefix(lower, "git+file:") {
		return false
	}
	if !strings.Contains(lower, "://") {
		return false
	}
	_, ref, _ := strings.Cut(spec, "#")
	return ref == ""
}
