package rules

// What a whole-context copy (COPY . /app) drags into the image: without
// any ignore file (DF501), or through an ignore file that leaves .git or
// secret-looking files in (DF502). Both need the build context; without it
// they stay quiet.

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF501",
		Name:     "dockerignore-missing",
		Severity: SeverityWarning,
		Summary:  "The whole build context is copied but there is no .dockerignore",
		Since:    "1.0",
		Doc: Doc{
			Why: "`COPY . /app` copies everything the client sends, and without a `.dockerignore` that is " +
				"the whole directory: the `.git` history, `node_modules`, local `.env` files and keys, " +
				"build outputs and editor files. They bloat the image, can leak secrets to anyone who " +
				"pulls it, and bust the layer cache on every commit or local build, so every later step " +
				"reruns.",
			Bad:        "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]",
			BadContext: map[string]string{"package.json": "{}", "server.js": ""},
			Good:       "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]",
			GoodContext: map[string]string{
				"package.json": "{}", "server.js": "",
				".dockerignore": ".git\n**/node_modules\n**/.env\n",
			},
			Fix: "Create a `.dockerignore` at the root of the build context (or `<Dockerfile>.dockerignore` " +
				"beside the Dockerfile) that excludes at least `.git`, dependency directories, secrets and " +
				"build outputs; the finding's fix lists a starter set checked against the Dockerfile's own " +
				"COPY sources.",
			Notes: "Reported once, on the first COPY/ADD of the whole context (`.`, `./`, `/` or `*`) that " +
				"has no `--exclude`; copies from other stages (`--from`) do not count. A Dockerfile-specific " +
				"ignore file counts as an ignore file. When no `--context` was given, a parent directory " +
				"holds a `.dockerignore` and a COPY source is missing beside the Dockerfile but present " +
				"under that parent, the Dockerfile is evidently built from there and the rule stays quiet. hadolint, Trivy and BuildKit's checks do not look at the build context.",
		},
		Check: checkDockerignoreMissing,
	})
	MustRegister(&Rule{
		ID:       "DF502",
		Name:     "dockerignore-leaks",
		Severity: SeverityWarning,
		Summary:  "The .dockerignore lets .git or a secret-looking file into a copy of the context",
		Since:    "1.0",
		Doc: Doc{
			Why: "A `.dockerignore` that forgets `.git` puts the repository history (with every secret " +
				"ever committed) into the image and invalidates the cache on every commit. A private key, " +
				"`.env` or credentials file that the copy takes along ends up in a layer where anyone who " +
				"can pull the image can read it, even if a later step deletes it.",
			Bad:         "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]",
			BadContext:  map[string]string{".dockerignore": "__pycache__\n", "app.py": "", ".env": "API_KEY=s3cr3t\n"},
			Good:        "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]",
			GoodContext: map[string]string{".dockerignore": "__pycache__\n.env\n", "app.py": "", ".env": "API_KEY=s3cr3t\n"},
			Fix: "Add the line the finding names to the ignore file (e.g. `.git`, `.env`, `**/*.pem`), and pass " +
				"secrets the build needs with `RUN --mount=type=secret` instead of copying them.",
			Notes: "Checked for whole-context copies (`COPY . /app`; `--exclude` flags are honoured) and, for " +
				"`.env` files, SSH keys, credential files and Terraform state, for directory copies that " +
				"contain them. Secret-looking names are `.env`/`.env.*` (not `.env.example`, `.sample`, " +
				"`.template`, `.dist`), `*.pem`, `*.key`, `*.p12`, `*.pfx`, `*.tfstate`, `id_rsa`-style keys, " +
				"`.npmrc`, `.pypirc`, `.netrc`, `.aws/credentials` and `.docker/config.json`, up to four " +
				"levels deep. To stay precise the file's content is looked at: empty files, certificates " +
				"and public keys, and `.npmrc` files without a literal token are not reported. A file " +
				"committed to git is still reported: images usually travel further than the repository " +
				"(public registries, customers), so a secret in it leaks further. `.git` is not reported " +
				"when it is a worktree's or submodule's one-line `.git` file, " +
				"when a RUN uses git, when the ignore file re-includes it (`!.git`) or when the Python " +
				"project derives its version from git (setuptools-scm, hatch-vcs, ...). At most five " +
				"findings per copy. Without an ignore file DF501 reports instead. The severity is " +
				"warning because names are only a hint; the message says which file leaks.",
		},
		Check: checkDockerignoreLeaks,
	})
}

// ctxWholeCopy finds the whole-context source of a copy, if any.
func ctxWholeCopy(cp ctxCopy) (ctxSource, bool) {
	for _, s := range cp.Sources {
		if s.Known && ctxWhole(s.Path) {
			return s, true
		}
	}
	return ctxSource{}, false
}

func checkDockerignoreMissing(p *Pass) {
	f := p.File
	c := f.Context
	if c == nil || c.IgnoreFile() != "" {
		return
	}
	copies := ctxCopies(f)
	var first *ctxCopy
	var src ctxSource
	for i := range copies {
		if len(copies[i].Excludes) > 0 || !copies[i].ExcludesKnown {
			continue
		}
		if s, ok := ctxWholeCopy(copies[i]); ok {
			first, src = &copies[i], s
			break
		}
	}
	if first == nil {
		return
	}
	if ctxImplicit(f) && ctxBuiltFromAncestor(f, copies) {
		for _, a := range ctxAncestors(c.Dir()) {
			if ctxExists(filepath.Join(a, ".dockerignore")) {
				return
			}
		}
	}
	var found []string
	if c.GitPresent() {
		found = append(found, ".git")
	}
	if c.Exists("node_modules") {
		found = append(found, "node_modules")
	}
	secrets := ctxLeakingSecrets(c, c.Secrets(), false)
	for i, s := range secrets {
		if i == 3 {
			found = append(found, "...")
			break
		}
		found = append(found, s)
	}
	msg := first.Keyword + " " + src.Raw + " copies the whole build context" + ctxStageNote(f, first.Inst) +
		" but there is no .dockerignore: .git, node_modules, secrets such as .env and build outputs go into the image and bust the build cache"
	if len(found) > 0 {
		msg += " (this context has " + strings.Join(found, ", ") + ")"
	}
	p.ReportFix(ctxSpan(first.Inst, src), ctxStarterIgnore(f, copies, secrets), "%s", msg)
}

// ctxStarterIgnore proposes a first .dockerignore, leaving out any line
// that would exclude a source the Dockerfile copies by name.
func ctxStarterIgnore(f *File, copies []ctxCopy, secrets []string) string {
	c := f.Context
	lines := []string{".git"}
	if c.Exists("node_modules") || c.Exists("package.json") {
		lines = append(lines, "**/node_modules")
	}
	lines = append(lines, "**/.env")
	for _, s := range secrets {
		if path.Base(s) != ".env" {
			lines = append(lines, s)
		}
	}
	var named []string
	for _, cp := range copies {
		for _, s := range cp.Sources {
			if s.Known && !ctxWhole(s.Path) {
				named = append(named, strings.TrimPrefix(path.Join("/", s.Path), "/"))
			}
		}
	}
	var keep []string
	for _, l := range lines {
		ok := true
		for _, n := range named {
			if ctxPatternMatches(l, n) {
				ok = false
				break
			}
		}
		if ok {
			keep = append(keep, l)
		}
	}
	return "create .dockerignore at the root of the build context, starting with:\n" + strings.Join(keep, "\n")
}

// ctxMaxLeaks is the number of DF502 findings per copy; the last one
// mentions how many more there are.
const ctxMaxLeaks = 5

func checkDockerignoreLeaks(p *Pass) {
	f := p.File
	c := f.Context
	if c == nil {
		return
	}
	copies := ctxCopies(f)
	if len(copies) == 0 {
		return
	}
	ig := ctxIgnoreName(c)
	notExcluded := ig + " does not exclude it"
	if c.IgnoreFile() == "" {
		notExcluded = "there is no .dockerignore to exclude it"
	}
	reported := map[string]bool{}
	// The filtered secrets, computed on first use: [0] for whole-context
	// copies, [1] (strict) for directory copies.
	var leaking [2][]string
	var loaded [2]bool
	leakingSecrets := func(strict bool) []string {
		i := 0
		if strict {
			i = 1
		}
		if !loaded[i] {
			loaded[i] = true
			leaking[i] = ctxLeakingSecrets(c, c.Secrets(), strict)
		}
		return leaking[i]
	}
	for _, cp := range copies {
		if !cp.ExcludesKnown {
			continue
		}
		type leak struct {
			rel, msg, fix string
			at            Span
		}
		var leaks []leak
		if s, ok := ctxWholeCopy(cp); ok {
			if c.IgnoreFile() == "" {
				continue // DF501's finding
			}
			at := ctxSpan(cp.Inst, s)
			what := cp.Keyword + " " + s.Raw + ctxStageNote(f, cp.Inst)
			if !reported[".git"] && ctxGitLeaks(f, cp) {
				leaks = append(leaks, leak{".git", "the repository's .git directory is not excluded by " + ig +
					", so " + what + " copies the whole git history into the image and every commit busts the build cache",
					"add the line `.git` to " + ig, at})
			}
			for _, rel := range leakingSecrets(false) {
				if reported[rel] || ctxExcluded(cp.Excludes, rel) {
					continue
				}
				leaks = append(leaks, leak{rel, "secret-looking file '" + rel + "' is not excluded by " + ig +
					", so " + what + " copies it into the image", "add the line `" + rel + "` to " + ig, at})
			}
		} else {
			// Directory copies: only files that never belong in an image.
			for _, s := range cp.Sources {
				if !s.Known || s.Vars {
					continue
				}
				res, anyDir := c.ResolveDir(s.Path)
				if res.Escapes || !res.Exists || res.Truncated || !anyDir {
					continue
				}
				for _, rel := range leakingSecrets(true) {
					if reported[rel] || ctxExcluded(cp.Excludes, rel) {
						continue
					}
					dir := ctxContainingMatch(res.Matches, rel)
					if dir == "" {
						continue
					}
					leaks = append(leaks, leak{rel, "secret-looking file '" + rel + "' is inside '" + dir + "', which " +
						cp.Keyword + " " + s.Raw + ctxStageNote(f, cp.Inst) + " copies into the image, and " + notExcluded,
						"add the line `" + rel + "` to " + ig + ", or copy only the files the image needs", ctxSpan(cp.Inst, s)})
				}
			}
		}
		for i, l := range leaks {
			reported[l.rel] = true
			if i == ctxMaxLeaks-1 && len(leaks) > ctxMaxLeaks {
				rest := len(leaks) - ctxMaxLeaks
				var names []string
				for _, r := range leaks[ctxMaxLeaks:] {
					reported[r.rel] = true
					if len(names) < 3 {
						names = append(names, r.rel)
					}
				}
				more := strings.Join(names, ", ")
				if rest > len(names) {
					more += ", ..."
				}
				p.ReportFix(l.at, l.fix, "%s (and %d more: %s)", l.msg, rest, more)
				break
			}
			p.ReportFix(l.at, l.fix, "%s", l.msg)
		}
	}
}

// ctxContainingMatch returns the match (a directory source) that contains
// rel, or "".
func ctxContainingMatch(matches []string, rel string) string {
	for _, m := range matches {
		if m == "." {
			continue // whole context: handled by the whole-context branch
		}
		if strings.HasPrefix(rel, m+"/") {
			return m
		}
	}
	return ""
}

// ctxGitLeaks reports whether a whole-context copy takes .git along and
// the build does not seem to want it.
func ctxGitLeaks(f *File, cp ctxCopy) bool {
	c := f.Context
	if !c.GitPresent() || !c.Sent(".git") || ctxExcluded(cp.Excludes, ".git") {
		return false
	}
	// A worktree's or submodule's .git is a one-line file pointing
	// elsewhere: nothing to leak, and it does not change per commit.
	if fi, err := os.Lstat(filepath.Join(c.Dir(), ".git")); err != nil || !fi.IsDir() {
		return false
	}
	for _, pat := range c.Patterns() {
		if pat.Exclusion && (pat.Text == ".git" || strings.HasPrefix(pat.Text, ".git/")) {
			return false // deliberately re-included
		}
	}
	if ctxRunsAny(f, "git") {
		return false
	}
	return !ctxVersionFromGit(c)
}

// ctxVersionFromGit reports whether the Python project at the context root
// derives its version from git metadata, which needs .git in the context.
func ctxVersionFromGit(c *BuildContext) bool {
	for _, name := range []string{"pyproject.toml", "setup.py", "setup.cfg"} {
		data, err := ctxReadHead(filepath.Join(c.Dir(), name), 1<<20)
		if err != nil {
			continue
		}
		for _, marker := range []string{"setuptools_scm", "setuptools-scm", "hatch-vcs", "hatch_vcs", "versioningit", "dunamai", "poetry-dynamic-versioning", "pbr"} {
			if bytes.Contains(data, []byte(marker)) {
				return true
			}
		}
	}
	return false
}

// ctxLeakingSecrets filters buildctx's secret-looking files down to those
// that really leak something: non-empty, not a certificate or public key,
// an .npmrc/.pypirc/.netrc/docker config with credentials in it. A file
// committed to git still leaks: the image usually travels further than the
// repository. With strict, TLS material (*.pem, *.key, *.p12, *.pfx),
// which a directory copy often takes along on purpose, is left out.
func ctxLeakingSecrets(c *BuildContext, secrets []string, strict bool) []string {
	var out []string
	for _, rel := range secrets {
		ext := strings.ToLower(path.Ext(rel))
		tls := ext == ".pem" || ext == ".key" || ext == ".p12" || ext == ".pfx"
		if strict && tls {
			continue
		}
		data, err := ctxReadHead(filepath.Join(c.Dir(), filepath.FromSlash(rel)), 1<<16)
		if err != nil || len(bytes.TrimSpace(data)) == 0 {
			continue
		}
		if !ctxSecretContent(rel, data) {
			continue
		}
		out = append(out, rel)
	}
	return out
}

// ctxSecretContent looks at the start of a secret-looking file for signs
// that it holds no secret.
func ctxSecretContent(rel string, data []byte) bool {
	name := path.Base(rel)
	switch strings.ToLower(path.Ext(name)) {
	case ".pem", ".key":
		if bytes.Contains(data, []byte("PRIVATE KEY")) {
			return true
		}
		// A certificate, CSR or public key in PEM form is not a secret.
		return !bytes.Contains(data, []byte("-----BEGIN "))
	}
	switch name {
	case ".npmrc":
		for _, line := range strings.Split(string(data), "\n") {
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				continue
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if (strings.Contains(k, "_auth") || strings.Contains(k, "_password")) && v != "" && !strings.HasPrefix(v, "${") {
				return true
			}
		}
		return false
	case ".pypirc", ".netrc":
		return bytes.Contains(bytes.ToLower(data), []byte("password"))
	case "config.json":
		return bytes.Contains(data, []byte(`"auth"`)) || bytes.Contains(data, []byte(`"identitytoken"`))
	}
	return true
}

// ctxBuiltFromAncestor reports evidence that a Dockerfile linted with its
// own directory as context is really built from a parent directory
// ("docker build -f svc/Dockerfile ."): a COPY/ADD source that is missing
// beside the Dockerfile but exists under an ancestor.
func ctxBuiltFromAncestor(f *File, copies []ctxCopy) bool {
	for _, cp := range copies {
		for _, src := range cp.Sources {
			if !src.Known || src.Path == "" || src.Path == "." || strings.ContainsAny(src.Path, "*?[") {
				continue
			}
			rel := strings.TrimPrefix(path.Clean("/"+src.Path), "/")
			if rel == "" || f.Context.Exists(rel) {
				continue
			}
			if ctxInAncestor(f, rel) {
				return true
			}
		}
	}
	return false
}
