package rules

// Other language package managers: RubyGems (DF704) and the go command
// (DF705) installing packages without a version.

import (
	"slices"
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF704",
		Name:     "gem-unpinned",
		Severity: SeverityInfo,
		Summary:  "gem install of a gem without a version",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3028"}},
		Doc: Doc{
			Why: "`gem install rails` installs whatever version is newest on the day of the build. A " +
				"rebuild can pull a new major version (or a bundler that no longer matches your " +
				"Gemfile.lock) and break the image.",
			Bad:  "FROM ruby:3.3-slim\nRUN gem install bundler",
			Good: "FROM ruby:3.3-slim\nRUN gem install bundler -v 2.5.22",
			Fix: "Give a version with `-v`/`--version` (`gem install bundler -v 2.5.22`) or in the name " +
				"(`gem install 'bundler:2.5.22'`), or install from a Gemfile with `bundle install`.",
			Notes: "`gem install -g Gemfile` (a gem dependencies file), local `.gem` files and paths, " +
				"gem names built from variables, the build options after `--` (`gem install pg -- " +
				"--with-pg-config /usr/bin/pg_config`) and a word after a long option gem does not know as a " +
				"flag (it may be that option's value) are not reported. `-v` applies to every gem of the command, " +
				"so its presence pins them all, as RubyGems reads it.",
		},
		Check: checkGemUnpinned,
	})
	MustRegister(&Rule{
		ID:       "DF705",
		Name:     "go-install-unpinned",
		Severity: SeverityInfo,
		Summary:  "go install, go get or go run of a remote module at latest",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3062"}},
		Doc: Doc{
			Why: "`go install example.com/tool@latest` builds whatever was released last (or, with `@main`, " +
				"whatever was pushed last). A rebuild of the same Dockerfile can produce a different, " +
				"possibly broken, binary.",
			Bad:  "FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest",
			Good: "FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2",
			Fix:  "Name a version (`@v0.16.2`) or a commit; for tools your module depends on, record them in go.mod (`go get -tool`) and install without a version.",
			Notes: "Reported: `go install`/`go get`/`go run` of a module at a moving query (`@latest`, `@upgrade`, " +
				"`@patch`, or a branch such as `@main`, `@master`, `@HEAD`), and `go get` of a remote package " +
				"without any version (it resolves to the latest release). Unlike hadolint's DL3062, `go install " +
				"pkg` and `go run pkg` without `@version` are not reported: in module mode they build the " +
				"version go.mod requires, and outside a module they fail. Local packages (`./...`, `.`, absolute " +
				"paths) are never reported, nor is `go get` in a RUN that also checks out a revision with git " +
				"(the GOPATH-era way to pin). hadolint's examples with bare names (`go install tool foobar`, " +
				"`go get -tool foobar`) are not remote module paths and are not reported.",
		},
		Check: checkGoInstallUnpinned,
	})
}

// gem install's options that take a value.
var df7GemOpts = df7Opts{
	short: "vinsPBg",
	long: []string{
		"--version", "--install-dir", "--bindir", "--source", "--platform", "--trust-policy", "--build-root",
		"--config-file", "--without", "--bulk-threshold", "--file", "--target-rbconfig",
	},
	optionalLong: []string{"--document", "--http-proxy", "--format-executable"},
}

func checkGemUnpinned(p *Pass) {
	eachKnownRun(p.File, func(inst *Instruction) {
		for _, c := range inst.Run.Commands() {
			if c.Base != "gem" || c.HasDynamicArgs() {
				continue
			}
			pos := df7Parse(c.Args, df7GemOpts).Positionals
			if len(pos) == 0 {
				continue
			}
			if sub := c.Args[pos[0]].Value; sub != "install" && sub != "i" {
				continue
			}
			if c.HasFlag("-v", "--version", "-g", "--file") {
				continue
			}
			var bad []ShellArg
			for _, i := range pos[1:] {
				if df7GemOptionValue(c.Args, i) {
					continue
				}
				a := c.Args[i]
				v := a.Value
				if a.Glob || a.Brace || v == "" || strings.ContainsAny(v, ":/\\") || df7HasSuffixFold(v, ".gem") {
					continue
				}
				if !df7GemNameOK(v) {
					continue
				}
				bad = append(bad, a)
			}
			if len(bad) == 0 {
				continue
			}
			subject := "gem " + df7Quote(bad[0].Value)
			if len(bad) > 1 {
				vals := make([]string, len(bad))
				for i, a := range bad {
					vals[i] = a.Value
				}
				subject = "gems " + strings.Join(vals, ", ")
			}
			p.ReportFix(df7ArgSpan(inst, c, bad[0], bad[len(bad)-1]), "gem install "+bad[0].Value+" -v <version>",
				"gem install of %s without a version; add -v <version> or write %s:<version>", subject, bad[0].Value)
		}
	})
}

// df7GemBoolLong are gem install's long options that take no value (and
// the global ones): a word after any other long option may be its value.
var df7GemBoolLong = map[string]bool{
	"--prerelease": true, "--no-prerelease": true, "--pre": true, "--vendor": true, "--no-document": true,
	"--env-shebang": true, "--no-env-shebang": true, "--force": true, "--no-force": true, "--wrappers": true,
	"--no-wrappers": true, "--ignore-dependencies": true, "--no-format-executable": true, "--user-install": true,
	"--no-user-install": true, "--development": true, "--development-all": true, "--conservative": true,
	"--minimal-deps": true, "--post-install-message": true, "--no-post-install-message": true, "--default": true,
	"--explain": true, "--lock": true, "--no-lock": true, "--suggestions": true, "--no-suggestions": true,
	"--local": true, "--remote": true, "--both": true, "--clear-sources": true, "--no-http-proxy": true,
	"--quiet": true, "--verbose": true, "--no-verbose": true, "--silent": true, "--backtrace": true,
	"--debug": true, "--norc": true, "--update-sources": true, "--no-update-sources": true, "--no-ri": true,
	"--no-rdoc": true, "--ri": true, "--rdoc": true, "--help": true,
}

// df7GemOptionValue reports whether the operand at index i is not a gem
// name: it comes after "--" (arguments for the gem's build, as in "gem
// install pg -- --with-pg-config /usr/bin/pg_config"), or it follows a long
// option gem does not know to be a flag, whose value it may be.
func df7GemOptionValue(args []ShellArg, i int) bool {
	for j := 0; j < i; j++ {
		if args[j].Value == "--" {
			return true
		}
	}
	if i == 0 {
		return false
	}
	prev := args[i-1].Value
	return strings.HasPrefix(prev, "--") && len(prev) > 2 && !strings.Contains(prev, "=") &&
		!df7GemBoolLong[prev] && !slices.Contains(df7GemOpts.long, prev) && !slices.Contains(df7GemOpts.optionalLong, prev)
}

// df7GemNameOK reports whether s looks like a gem name.
func df7GemNameOK(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return s[0] != '.' && s[0] != '-'
}

// go build flags that take a value (the go command accepts -flag and
// --flag, with the value attached by "=" or as the next word).
var df7GoOpts = df7Opts{singleDashLong: true, long: df7GoValueFlags()}

func df7GoValueFlags() []string {
	names := []string{
		"o", "p", "C", "asmflags", "buildmode", "compiler", "gccgoflags", "gcflags", "installsuffix",
		"ldflags", "mod", "modfile", "overlay", "pgo", "pkgdir", "tags", "toolexec", "exec", "covermode",
		"coverpkg", "buildvcs",
	}
	out := make([]string, 0, 2*len(names))
	for _, n := range names {
		out = append(out, "-"+n, "--"+n)
	}
	return out
}

// df7GoMovingQueries are version queries that do not name a fixed version.
var df7GoMovingQueries = map[string]bool{
	"latest": true, "upgrade": true, "patch": true, "master": true, "main": true, "HEAD": true,
	"head": true, "trunk": true, "develop": true, "dev": true,
}

// df7GoRemote reports whether a package path names a remote module (its
// first element has a dot: "github.com/x/y", "golang.org/x/tools/...").
func df7GoRemote(p string) bool {
	if p == "" || p[0] == '.' || p[0] == '/' || p[0] == '-' || strings.Contains(p, "\\") {
		return false
	}
	first, _, _ := strings.Cut(p, "/")
	return strings.Contains(first, ".") && !strings.HasSuffix(p, ".go")
}

func checkGoInstallUnpinned(p *Pass) {
	eachKnownRun(p.File, func(inst *Instruction) {
		checkedOut := -1 // lazily: does the RUN check out a revision with git?
		for _, c := range inst.Run.Commands() {
			if c.Base != "go" || len(c.Args) == 0 || c.HasDynamicArgs() {
				continue
			}
			sub := c.Args[0].Value
			if sub != "install" && sub != "get" && sub != "run" {
				continue
			}
			args := c.Args[1:]
			pos := df7Parse(args, df7GoOpts).Positionals
			if sub == "run" && len(pos) > 1 {
				pos = pos[:1] // the rest are the program's arguments
			}
			if sub == "install" && len(pos) > 0 && args[pos[0]].Value == "tool" {
				pos = pos[1:]
			}
			for _, i := range pos {
				a := args[i]
				if a.Glob || a.Brace {
					continue
				}
				pkg, version, hasVersion := strings.Cut(a.Value, "@")
				if !df7GoRemote(pkg) {
					continue
				}
				switch {
				case hasVersion && df7GoMovingQueries[version]:
					p.ReportFix(df7ArgSpan(inst, c, a, a), pkg+"@<version>",
						"go %s of %s at '@%s', which moves; pin a version (%s@v1.2.3)", sub, pkg, version, pkg)
				case !hasVersion && sub == "get":
					if checkedOut < 0 {
						checkedOut = 0
						if df7RunChecksOut(inst) {
							checkedOut = 1
						}
					}
					if checkedOut == 1 {
						continue
					}
					p.ReportFix(df7ArgSpan(inst, c, a, a), pkg+"@<version>",
						"go get of %s without a version fetches the latest release; pin a version (%s@v1.2.3)", pkg, pkg)
				default:
					continue
				}
				break // one finding per command
			}
		}
	})
}

// df7RunChecksOut reports a "git checkout/reset/switch" in the RUN.
func df7RunChecksOut(inst *Instruction) bool {
	for _, c := range inst.Run.Commands() {
		if c.Base != "git" {
			continue
		}
		for _, a := range c.Args {
			switch a.Value {
			case "checkout", "reset", "switch":
				return true
			}
		}
	}
	return false
}
