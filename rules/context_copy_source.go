package rules

// COPY/ADD sources checked against the build context on disk: a source the
// ignore file excludes entirely (DF503), and a source that is not in the
// context at all (DF504). Both need the context (f.Context); without it
// they stay quiet.

import (
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF503",
		Name:     "copy-source-ignored",
		Severity: SeverityError,
		Summary:  "COPY/ADD source is excluded from the build context by .dockerignore",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"CopyIgnoredFile"}},
		Doc: Doc{
			Why: "The builder only sees what the client sends, and the client leaves out everything the " +
				"ignore file excludes. A COPY of an excluded file or directory then fails with " +
				"\"not found\" (and a wildcard whose matches are all excluded silently copies nothing), " +
				"although the file is right there on disk. The cause is easy to miss because the " +
				"Dockerfile and the ignore file are usually edited at different times.",
			Bad:         "FROM nginx:1.27\nCOPY docs/ /usr/share/nginx/html/",
			BadContext:  map[string]string{".dockerignore": "*.md\ndocs\n", "docs/index.html": "<h1>hi</h1>"},
			Good:        "FROM nginx:1.27\nCOPY docs/ /usr/share/nginx/html/",
			GoodContext: map[string]string{".dockerignore": "*.md\n", "docs/index.html": "<h1>hi</h1>"},
			Fix: "Remove or narrow the ignore pattern the message names, or add an exception for the source " +
				"(`!docs/`), or stop copying it.",
			Notes: "The ignore file in effect is the Dockerfile-specific `<Dockerfile>.dockerignore` when it " +
				"exists, else `.dockerignore` at the context root, as BuildKit chooses. Exceptions (`!path`) " +
				"are honoured the way BuildKit's context sender applies them, so unlike BuildKit's " +
				"CopyIgnoredFile check (which stays silent whenever the ignore file has an exception, " +
				"and warns about `COPY .` under an allow-list) this rule also works with allow-list " +
				"ignore files. Only sources that exist on disk are checked (a missing one is DF504); " +
				"sources from other stages (`--from`), URLs, git remotes, heredocs and sources built from " +
				"unknown variables are skipped. Without a known build context (standard input without " +
				"`--context`) the rule is quiet.",
		},
		Check: checkCopySourceIgnored,
	})
	MustRegister(&Rule{
		ID:       "DF504",
		Name:     "copy-source-missing",
		Severity: SeverityError,
		Summary:  "COPY/ADD source does not exist in the build context",
		Since:    "1.0",
		Doc: Doc{
			Why: "A COPY or ADD whose source is not in the build context fails the build with " +
				"\"failed to compute cache key: ... not found\", typically after minutes of earlier steps. " +
				"Renamed files, a wrong letter case, a Dockerfile moved into a subdirectory while its " +
				"sources stayed relative to the old place, and `../` paths (the context cannot be left) " +
				"are the usual causes.",
			Bad:         "FROM python:3.12-slim\nCOPY requirements.txt /app/\nRUN pip install -r /app/requirements.txt",
			BadContext:  map[string]string{"requirement.txt": "flask\n"},
			Good:        "FROM python:3.12-slim\nCOPY requirements.txt /app/\nRUN pip install -r /app/requirements.txt",
			GoodContext: map[string]string{"requirements.txt": "flask\n"},
			Fix: "Fix the path (it is relative to the build context root, not to the Dockerfile), create the " +
				"file, or build with the context that holds it (`docker build -f sub/Dockerfile .`).",
			Notes: "A wildcard that matches nothing is not an error in BuildKit (the COPY copies nothing), so " +
				"it is only reported when the directory before the first wildcard is missing, which does " +
				"fail. A source that climbs out of the context (`../x`) is reported too: BuildKit quietly " +
				"reads `x` at the context root instead, and the classic builder fails with \"forbidden " +
				"path outside the build context\". The context on disk is not always the one the build " +
				"will see, so to avoid false alarms the rule stays quiet for: sources built from variables " +
				"(build arguments are routinely overridden); sources that .gitignore lists, that sit in a " +
				"usual output directory (`dist`, `build`, `target`, `bin`, ...) or that are archives, " +
				"packages or binaries (`.jar`, `.zip`, `.tar.gz`, ...), all of which a build step or the " +
				"user puts in place before `docker build`; a path whose directory is missing altogether " +
				"(a generated tree) rather than a file missing from an existing directory; a wildcard next " +
				"to a source that exists (`COPY Dockerfile patches/* /tmp/`, an optional drop-in " +
				"directory); a source without an extension (a directory, or a program built before " +
				"`docker build`, such as `COPY minio /usr/bin/`), unless the context has it in another letter " +
				"case or it is a well-known file such as Gemfile or Makefile; and, when no `--context` was given, a source found in a parent directory " +
				"(the Dockerfile is then probably built with that directory as its context). Windows " +
				"stages compare names case-insensitively; elsewhere a near miss in letter case is named. " +
				"Sources from other stages, URLs, git remotes and heredocs are skipped. A source the " +
				"ignore file excludes is DF503's, never both. hadolint, Trivy and BuildKit's checks do " +
				"not look at the build context.",
		},
		Check: checkCopySourceMissing,
	})
}

func checkCopySourceIgnored(p *Pass) {
	c := p.File.Context
	if c == nil || len(c.Patterns()) == 0 {
		return
	}
	for _, cp := range ctxCopies(p.File) {
		for _, s := range cp.Sources {
			if !s.Known {
				continue
			}
			res := c.Resolve(s.Path)
			if res.Escapes || !res.Exists || !res.AllIgnored {
				continue
			}
			ig := ctxIgnoreName(c)
			switch {
			case res.Pattern == ".":
				p.ReportFix(ctxSpan(cp.Inst, s), "narrow the patterns of "+ig+" or add exceptions (`!src/`) for what the image needs",
					"%s %s copies nothing: %s excludes every file of the build context", cp.Keyword, s.Raw, ig)
			case res.Wildcard:
				what := "so this " + cp.Keyword + " copies nothing"
				if base := ctxWildcardBase(res.Pattern); base != "." && c.Ignored(base) && !c.Sent(base) {
					what = "so the build fails: directory '" + base + "' is not sent to the builder"
				}
				p.ReportFix(ctxSpan(cp.Inst, s), ctxIgnoredFix(c, res.Matches[0]),
					"every path matching %s source %s is excluded by %s, %s",
					cp.Keyword, ctxShow(s), ctxExcluder(c, res.Matches), what)
			default:
				p.ReportFix(ctxSpan(cp.Inst, s), ctxIgnoredFix(c, res.Matches[0]),
					"%s source %s is excluded by %s, so the build fails with \"not found\"",
					cp.Keyword, ctxShow(s), ctxExcluder(c, res.Matches))
			}
		}
	}
}

// ctxExcluder names the ignore line that excludes the first match (and
// says so when other matches are excluded by other lines).
func ctxExcluder(c *BuildContext, matches []string) string {
	first, ok := ctxDecidingPattern(c, matches[0])
	if !ok {
		return ctxIgnoreName(c)
	}
	out := ctxDescribePattern(c, first)
	for _, m := range matches[1:] {
		if p, ok := ctxDecidingPattern(c, m); ok && p != first {
			return out + " and other lines"
		}
	}
	return out
}

func ctxIgnoredFix(c *BuildContext, rel string) string {
	ig := ctxIgnoreName(c)
	if p, ok := ctxDecidingPattern(c, rel); ok {
		if p.Line > 0 {
			return "remove or narrow line " + strconv.Itoa(p.Line) + " of " + ig + " ('" + p.Text + "'), or add the exception `!" + rel + "` after it"
		}
		return "remove or narrow the pattern '" + p.Text + "' of " + ig + ", or add the exception `!" + rel + "` after it"
	}
	return "add the exception `!" + rel + "` at the end of " + ig
}

// ctxWildcardBase is the part of a clean wildcard pattern before its first
// wildcard segment ("." when the first segment has one); BuildKit's copy
// walks it and fails when it does not exist.
func ctxWildcardBase(p string) string {
	segs := strings.Split(p, "/")
	i := 0
	for i < len(segs) && !strings.ContainsAny(segs[i], "*?[") {
		i++
	}
	if i == 0 {
		return "."
	}
	return strings.Join(segs[:i], "/")
}

func checkCopySourceMissing(p *Pass) {
	f := p.File
	c := f.Context
	if c == nil {
		return
	}
	var git *ctxGitignore
	// Whether the context is implicit costs a filepath.Abs (a getwd for a
	// relative path): work it out on first need, which few files have.
	implicitKnown, implicit := false, false
	for _, cp := range ctxCopies(f) {
		windows := cp.Inst.Stage != nil && cp.Inst.Stage.Windows
		for _, s := range cp.Sources {
			// Sources built from variables are skipped: their defaults are
			// often placeholders that --build-arg replaces.
			if !s.Known || s.Vars {
				continue
			}
			res := c.Resolve(s.Path)
			if res.Escapes {
				if res.Exists {
					instead := "reads '" + res.Pattern + "' at the context root"
					if res.Pattern == "." {
						instead = "copies the whole context"
					}
					p.ReportFix(ctxSpan(cp.Inst, s), "write the path relative to the build context root ('"+res.Pattern+"'), or build with a context that contains what you meant",
						"%s source '%s' is outside the build context: BuildKit quietly %s instead, and the classic builder fails with \"forbidden path outside the build context\"",
						cp.Keyword, s.Raw, instead)
				} else {
					p.ReportFix(ctxSpan(cp.Inst, s), "build with a context that contains the file (docker build -f path/to/Dockerfile <dir>) and write the source relative to it",
						"%s source '%s' is outside the build context, so the build fails: a build can only read files inside its context",
						cp.Keyword, s.Raw)
				}
				continue
			}
			missing := res.Pattern
			if res.Wildcard {
				// An empty wildcard is fine; a missing directory before the
				// first wildcard is not.
				missing = ctxWildcardBase(res.Pattern)
				if missing == "." || c.Exists(missing) {
					continue
				}
				// "COPY Dockerfile patches/* /dst/": a source that is
				// sure to exist next to the wildcard marks the wildcard
				// as an optional drop-in directory, one the user is told
				// to create before building.
				if ctxOtherSourceExists(c, cp, s) {
					continue
				}
			} else if res.Exists {
				continue
			}
			// The reasons to stay quiet, cheapest first (they have no side
			// effects, so their order does not matter otherwise).
			if ctxLooksBuilt(missing) {
				continue
			}
			// A whole missing directory tree is usually produced by a
			// build step (or the context is not the one assumed); a file
			// missing from an existing directory is the classic
			// rename-or-typo bug, and the one worth reporting.
			if dir := path.Dir(missing); dir != "." && !c.Exists(dir) {
				continue
			}
			if !res.Wildcard && ctxMaybeDirOrBinary(missing) && ctxCaseAlternative(c.Dir(), missing) == "" {
				continue
			}
			if windows && ctxExistsFold(c.Dir(), missing) {
				continue
			}
			if !implicitKnown {
				implicitKnown, implicit = true, ctxImplicit(f)
			}
			if implicit && ctxInAncestor(f, missing) {
				continue
			}
			if git == nil {
				git = newCtxGitignore(c)
			}
			if ig, _ := git.Ignored(missing); ig {
				continue
			}
			msg := cp.Keyword + " source '" + s.Raw + "' does not exist in the build context, so the build fails with \"not found\""
			if res.Wildcard {
				msg = cp.Keyword + " source '" + s.Raw + "' needs directory '" + missing + "', which does not exist in the build context, so the build fails"
			}
			fix := "fix the path (it is relative to the build context root, not to the Dockerfile) or create the file"
			if alt := ctxCaseAlternative(c.Dir(), missing); alt != "" {
				msg += "; the context has '" + alt + "' (names are case-sensitive)"
				fix = "use the exact name '" + alt + "'"
			}
			if c.Ignored(missing) {
				if pat, ok := ctxDecidingPattern(c, missing); ok {
					msg += " (and " + ctxDescribePattern(c, pat) + " would exclude it anyway)"
				}
			}
			p.ReportFix(ctxSpan(cp.Inst, s), fix, "%s", msg)
		}
	}
}

// ctxExistsFold reports whether rel exists in dir when names are compared
// case-insensitively, as on Windows.
func ctxExistsFold(dir, rel string) bool {
	cur := dir
	for _, seg := range strings.Split(rel, "/") {
		entries, err := os.ReadDir(cur)
		if err != nil {
			return false
		}
		found := ""
		for _, e := range entries {
			if strings.EqualFold(e.Name(), seg) {
				found = e.Name()
				break
			}
		}
		if found == "" {
			return false
		}
		cur = filepath.Join(cur, found)
	}
	return true
}

// ctxCaseAlternative returns the context path that differs from the
// missing rel only in letter case, or "".
func ctxCaseAlternative(dir, rel string) string {
	cur := dir
	var out []string
	for _, seg := range strings.Split(rel, "/") {
		entries, err := os.ReadDir(cur)
		if err != nil || len(entries) > 10000 {
			return ""
		}
		found := ""
		for _, e := range entries {
			if e.Name() == seg {
				found = seg
				break
			}
			if found == "" && strings.EqualFold(e.Name(), seg) {
				found = e.Name()
			}
		}
		if found == "" {
			return ""
		}
		out = append(out, found)
		cur = filepath.Join(cur, found)
	}
	alt := path.Join(out...)
	if alt == rel {
		return ""
	}
	return alt
}

// ctxOutputDirs are directory names that usually hold build outputs or
// fetched dependencies, produced before `docker build` runs.
var ctxOutputDirs = map[string]bool{
	"dist": true, "build": true, "builds": true, "target": true, "out": true, "output": true, "bin": true,
	"obj": true, "publish": true, "release": true, "releases": true, "artifacts": true, "_build": true,
	".build": true, "node_modules": true, "vendor": true, ".next": true,
}

// ctxArtifactExts are extensions of files that are built or downloaded
// rather than written: archives, packages and binaries.
var ctxArtifactExts = map[string]bool{
	".zip": true, ".tar": true, ".tgz": true, ".gz": true, ".bz2": true, ".xz": true, ".zst": true, ".7z": true,
	".jar": true, ".war": true, ".ear": true, ".whl": true, ".egg": true, ".gem": true, ".nupkg": true,
	".deb": true, ".rpm": true, ".apk": true, ".msi": true, ".exe": true, ".dll": true, ".so": true, ".bin": true,
}

// ctxLooksBuilt reports whether a missing context path looks like a build
// output or a downloaded artifact, which a build script or the user puts
// in place before running docker build: a path through a usual output
// directory, or an archive, package or binary.
func ctxLooksBuilt(rel string) bool {
	for _, seg := range strings.Split(rel, "/") {
		if ctxOutputDirs[strings.ToLower(seg)] {
			return true
		}
	}
	return ctxArtifactExts[strings.ToLower(path.Ext(rel))]
}

// ctxPlainFiles are well-known file names without an extension.
var ctxPlainFiles = map[string]bool{
	"Gemfile": true, "Pipfile": true, "Makefile": true, "GNUmakefile": true, "Dockerfile": true,
	"Containerfile": true, "Procfile": true, "Rakefile": true, "Brewfile": true, "Vagrantfile": true,
	"Jenkinsfile": true, "Caddyfile": true, "Justfile": true, "justfile": true, "LICENSE": true,
	"README": true, "VERSION": true, "mvnw": true, "gradlew": true,
}

// ctxMaybeDirOrBinary reports whether a missing source without an
// extension may be a directory or a compiled program: a directory whose
// files all sit in subdirectories is easily absent from a partial
// checkout, and a binary is built before docker build runs (`COPY minio
// /usr/bin/`), so a missing one is not reported. Well-known extensionless
// files (Gemfile, Makefile, ...) are still judged.
func ctxMaybeDirOrBinary(rel string) bool {
	base := path.Base(rel)
	return path.Ext(base) == "" && !ctxPlainFiles[base]
}

// ctxOtherSourceExists reports whether another known source of the copy
// exists in the context.
func ctxOtherSourceExists(c *BuildContext, cp ctxCopy, self ctxSource) bool {
	for _, o := range cp.Sources {
		if o.Arg == self.Arg && o.Raw == self.Raw {
			continue
		}
		if o.Known && c.Resolve(o.Path).Exists {
			return true
		}
	}
	return false
}
