package rules

// pip: the download cache left in the image (DF701) and packages installed
// without a version (DF702). pip is recognised as pip, pip3, pip3.12,
// /path/to/venv/bin/pip and "python[3[.x]] -m pip"; uv, pipx and pipenv are
// other tools and are not checked.

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF701",
		Name:     "pip-no-cache-dir",
		Severity: SeverityInfo,
		Summary:  "pip install keeps its download cache in the image",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3042"}},
		Doc: Doc{
			Why: "pip caches every wheel it downloads or builds under `~/.cache/pip`. In an image that " +
				"cache is dead weight (often tens or hundreds of megabytes) that is shipped with every " +
				"pull, and a later `rm` in another RUN cannot take it out of the layer.",
			Bad:  "FROM python:3.12-slim\nRUN pip install flask==3.0.3",
			Good: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3",
			Fix: "Add `--no-cache-dir` to `pip install`, set `ENV PIP_NO_CACHE_DIR=1`, or keep the cache " +
				"out of the image with a BuildKit cache mount: `RUN --mount=type=cache,target=/root/.cache/pip pip install ...`.",
			Notes: "Quiet when `PIP_NO_CACHE_DIR` is set by ENV, ARG, `export` or a `VAR=value` prefix (pip " +
				"disables the cache for any valid value, even `0`/`false`, for backwards compatibility), when " +
				"`PIP_CONFIG_FILE` is set or a `pip.conf`/`pip.ini` is written or copied earlier in the stage, " +
				"when the RUN has a cache or tmpfs mount on the pip cache (a target ending in `.cache` or naming " +
				"pip, or the `--cache-dir`/`PIP_CACHE_DIR` directory), and when the same RUN removes the cache " +
				"afterwards (`rm -rf ~/.cache/pip`, `pip cache purge`, or a script of its own whose name says " +
				"\"clean\", such as `clean-layer.sh`). Unlike hadolint, stages that are only " +
				"used as `COPY --from` sources are not checked: their cache never reaches an image. An unknown " +
				"argument (`pip install $PIP_ARGS ...`) may hold the flag, so the command is skipped. One finding per RUN.",
		},
		Check: checkPipNoCacheDir,
	})
	MustRegister(&Rule{
		ID:       "DF702",
		Name:     "pip-unpinned",
		Severity: SeverityInfo,
		Summary:  "pip install of a package without a version",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3013"}},
		Doc: Doc{
			Why: "`pip install flask` installs whatever version is newest on the day of the build. " +
				"Rebuilding the same Dockerfile later can pull a new major version and break the image, " +
				"and two builds of one commit are not the same software.",
			Bad:  "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask gunicorn",
			Good: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0",
			Fix: "Pin each package (`flask==3.0.3`, or at least a range such as `flask~=3.0`), or install " +
				"from a requirements file (`pip install -r requirements.txt`) or with a constraints file (`-c`).",
			Notes: "Any version specifier (`==`, `~=`, `>=`, `<`, `!=`, `===`) or direct reference (`pkg @ url`) " +
				"counts as pinned. A VCS requirement (`git+https://host/repo.git#egg=x`, also `hg+`, `svn+`, " +
				"`bzr+`) is reported when it names no revision (`...repo.git@v1.2#egg=x`), like hadolint. Not " +
				"checked: `-r`/`-c`/`--group` installs (and `PIP_CONSTRAINT`), `--no-index` " +
				"installs from a local wheel directory, paths, archives and other URLs, `-e` " +
				"editables, and arguments built from variables. Upgrading pip itself (`pip install -U pip`) is " +
				"not reported: the installer is not an application dependency (hadolint reports it); setuptools " +
				"and wheel are.",
		},
		Check: checkPipUnpinned,
	})
}

// df7PipCall is a pip invocation: every argument given to pip (global
// options, the subcommand and its arguments).
type df7PipCall struct {
	args   []ShellArg
	sub    string
	subIdx int
	// python is true for "python -m pip".
	python bool
}

// pip's general options that take a value (they may precede the
// subcommand).
var df7PipGlobalValue = []string{
	"--python", "--log", "--log-file", "--local-log", "--proxy", "--retries", "--timeout",
	"--exists-action", "--trusted-host", "--cert", "--client-cert", "--cache-dir",
	"--keyring-provider", "--use-feature", "--use-deprecated", "--resume-retries",
}

// pip install's options that take a value.
var df7PipInstallOpts = df7Opts{
	short: "rcetifCbd",
	long: append([]string{
		"--requirement", "--constraint", "--editable", "--target", "--platform", "--python-version",
		"--implementation", "--abi", "--root", "--prefix", "--src", "--upgrade-strategy",
		"--install-option", "--global-option", "--config-settings", "--no-binary", "--only-binary",
		"--progress-bar", "--root-user-action", "--report", "--index-url", "--extra-index-url",
		"--find-links", "--group", "--build", "--download",
	}, df7PipGlobalValue...),
}

// df7IsVersioned reports whether name is prefix followed by nothing or a
// version suffix ("3", "3.12", "-3.8").
func df7IsVersioned(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return false
	}
	rest = strings.TrimPrefix(rest, "-")
	for i := 0; i < len(rest); i++ {
		if (rest[i] < '0' || rest[i] > '9') && rest[i] != '.' {
			return false
		}
	}
	return true
}

// df7Pip recognises a pip invocation.
func df7Pip(c *ShellCommand) (df7PipCall, bool) {
	var pc df7PipCall
	switch {
	case df7IsVersioned(c.Base, "pip"):
		pc.args = c.Args
	case df7IsVersioned(c.Base, "python") || df7IsVersioned(c.Base, "pypy"):
		mod, rest, ok := df7PythonModule(c.Args)
		if !ok || mod != "pip" {
			return pc, false
		}
		pc.args, pc.python = rest, true
	default:
		return pc, false
	}
	pc.subIdx = -1
	for i := 0; i < len(pc.args); i++ {
		v := pc.args[i].Value
		if len(v) > 1 && v[0] == '-' {
			if slices.Contains(df7PipGlobalValue, v) {
				i++
			}
			continue
		}
		pc.sub, pc.subIdx = v, i
		break
	}
	return pc, pc.subIdx >= 0
}

// df7PythonModule finds "-m MODULE" in a python command line and returns
// the module and the arguments after it.
func df7PythonModule(args []ShellArg) (string, []ShellArg, bool) {
	for i := 0; i < len(args); i++ {
		v := args[i].Value
		if !args[i].Literal || len(v) < 2 || v[0] != '-' || v[1] == '-' {
			return "", nil, false // a script, an unknown word, or a long option
		}
		for j := 1; j < len(v); j++ {
			switch v[j] {
			case 'm':
				if j < len(v)-1 {
					return v[j+1:], args[i+1:], true
				}
				if i+1 < len(args) && args[i+1].Literal {
					return args[i+1].Value, args[i+2:], true
				}
				return "", nil, false
			case 'c':
				return "", nil, false
			case 'W', 'X':
				if j == len(v)-1 {
					i++
				}
				j = len(v)
			}
		}
	}
	return "", nil, false
}

// describe renders the invocation for messages.
func (pc df7PipCall) describe() string {
	if pc.python {
		return "python -m pip " + pc.sub
	}
	return "pip " + pc.sub
}

// df7PipNoCacheFlag reports --no-cache-dir, or one of its unambiguous
// abbreviations (optparse accepts "--no-cache").
func df7PipNoCacheFlag(args []ShellArg) bool {
	for _, a := range args {
		v := a.Value
		if v == "--" {
			return false
		}
		// pip accepts any unambiguous prefix of a long option (--no-cac...).
		if len(v) >= len("--no-cac") && strings.HasPrefix("--no-cache-dir", v) { //nolint:gocritic // v is the prefix

			return true
		}
	}
	return false
}

func checkPipNoCacheDir(p *Pass) {
	shipped := shippedStages(p.File)
	eachKnownRun(p.File, func(inst *Instruction) {
		if !shipped[inst.Stage] {
			return
		}
		var first *ShellCommand
		var firstCall df7PipCall
		n := 0
		for _, c := range inst.Run.Commands() {
			pc, ok := df7Pip(c)
			if !ok || pc.sub != "install" || c.HasDynamicArgs() || df7PipNoCacheFlag(pc.args) {
				continue
			}
			if df7PipCacheHandled(inst, c, pc) {
				continue
			}
			if first == nil {
				first, firstCall = c, pc
			}
			n++
		}
		if first == nil {
			return
		}
		more := ""
		if n > 1 {
			more = " (and " + df7Plural(n-1, "more pip install") + " in this RUN)"
		}
		p.ReportFix(AtCommand(inst, first), firstCall.describe()+" --no-cache-dir ...",
			"%s without --no-cache-dir leaves pip's download cache in the image%s", firstCall.describe(), more)
	})
}

// df7Plural renders "1 thing" / "3 things".
func df7Plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// df7PipCacheHandled reports the ways a pip install can avoid leaving its
// cache in the layer, other than --no-cache-dir.
func df7PipCacheHandled(inst *Instruction, c *ShellCommand, pc df7PipCall) bool {
	if _, set := envSet(inst, c, "PIP_NO_CACHE_DIR"); set {
		return true
	}
	if _, set := envSet(inst, c, "PIP_CONFIG_FILE"); set {
		return true
	}
	// The directories the cache may be in, besides ~/.cache/pip.
	var dirs []string
	if v, ok := df7ShortValue(pc.args, 0, "", "--cache-dir"); ok && v != "" {
		dirs = append(dirs, v)
	}
	for _, name := range []string{"PIP_CACHE_DIR", "XDG_CACHE_HOME"} {
		if v, set := envSet(inst, c, name); set {
			if v == "" {
				return true // somewhere unknown: do not guess
			}
			dirs = append(dirs, v)
		}
	}
	isCacheDir := func(t string) bool {
		if strings.HasSuffix(t, "/.cache") || strings.Contains(t, "pip") {
			return true
		}
		for _, d := range dirs {
			d = strings.TrimRight(d, "/")
			if d == t || strings.HasPrefix(d, t+"/") {
				return true
			}
		}
		return false
	}
	if hasMount(inst, isCacheDir, "cache", "tmpfs") {
		return true
	}
	// Removed later in the same RUN.
	for _, o := range commandsAfter(inst, c) {
		if o.Base == "rm" {
			for _, a := range o.Args {
				if strings.Contains(a.Value, ".cache") || strings.Contains(a.Value, "pip") && strings.Contains(a.Value, "cache") {
					return true
				}
				for _, d := range dirs {
					if strings.TrimRight(a.Value, "/") == strings.TrimRight(d, "/") {
						return true
					}
				}
			}
		}
		if opc, ok := df7Pip(o); ok && opc.sub == "cache" || df7CleanupScript(o) {
			return true
		}
	}
	return df7PipConfigured(inst)
}

// df7PipConfigured reports a pip configuration file written or copied
// before inst in its stage (or the stages it builds on), or a "pip config"
// command: it may disable the cache.
func df7PipConfigured(inst *Instruction) bool {
	mentions := func(s string) bool {
		return strings.Contains(s, "pip.conf") || strings.Contains(s, "pip.ini")
	}
	found := false
	for o := range instructionsUpTo(inst) {
		switch {
		case o.Copy() != nil || o.Add() != nil:
			for _, a := range o.Args {
				if mentions(a) {
					found = true
				}
			}
		case o.Run != nil:
			for _, c := range o.Run.Commands() {
				if pc, ok := df7Pip(c); ok && pc.sub == "config" {
					found = true
				}
				for _, a := range c.Args {
					if mentions(a.Value) {
						found = true
					}
				}
			}
			for _, sc := range o.Run.Scripts {
				if sc.File == nil {
					continue
				}
				syntax.Walk(sc.File, func(n syntax.Node) bool {
					if r, ok := n.(*syntax.Redirect); ok && r.Word != nil && mentions(r.Word.Lit()) {
						found = true
					}
					return !found
				})
			}
		}
		if found {
			break
		}
	}
	return found
}

// df7PipName matches a bare requirement name with optional extras.
var df7PipName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?(\[[A-Za-z0-9._, -]*\])?$`)
})

func checkPipUnpinned(p *Pass) {
	eachKnownRun(p.File, func(inst *Instruction) {
		for _, c := range inst.Run.Commands() {
			pc, ok := df7Pip(c)
			if !ok || pc.sub != "install" || c.HasDynamicArgs() {
				continue
			}
			args := pc.args[pc.subIdx+1:]
			all := pc.args
			if df7HasFlagIn(all, "-r", "--requirement", "-c", "--constraint", "--group", "--no-index") {
				continue
			}
			if _, set := envSet(inst, c, "PIP_CONSTRAINT"); set {
				continue
			}
			var bad []ShellArg
			for _, i := range df7Parse(args, df7PipInstallOpts).Positionals {
				a := args[i]
				if a.Literal && df7PipVCSUnpinned(a.Value) {
					bad = append(bad, a)
					continue
				}
				if !a.Literal || a.Glob || a.Brace || !df7PipName().MatchString(a.Value) {
					continue
				}
				if df7HasSuffixFold(a.Value, ".whl", ".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".egg") {
					continue
				}
				name, _, _ := strings.Cut(a.Value, "[")
				if df7NormalizePyName(name) == "pip" {
					continue
				}
				bad = append(bad, a)
			}
			if len(bad) == 0 {
				continue
			}
			names := make([]string, len(bad))
			for i, a := range bad {
				names[i] = a.Value
			}
			fix := names[0] + "==<version>"
			what := "package " + df7Quote(names[0]) + " without a version; pin it"
			if df7PipVCSUnpinned(names[0]) {
				fix = df7PipVCSPin(names[0])
				what = "VCS requirement " + df7Quote(names[0]) + " without a revision; pin it"
			}
			pin := fix
			if len(names) > 1 {
				what, pin = "packages "+strings.Join(names, ", ")+" without versions; pin them", fix+", ..."
			}
			p.ReportFix(df7ArgSpan(inst, c, bad[0], bad[len(bad)-1]), fix,
				"%s of %s (%s) or install from a requirements or constraints file", pc.describe(), what, pin)
		}
	})
}

// df7HasFlagIn is shell.Command.HasFlag for a slice of arguments.
func df7HasFlagIn(args []ShellArg, flags ...string) bool {
	c := ShellCommand{Args: args}
	return c.HasFlag(flags...)
}

// df7NormalizePyName normalises a Python project name (PEP 503).
func df7NormalizePyName(s string) string {
	s = strings.ToLower(s)
	return strings.NewReplacer("_", "-", ".", "-").Replace(s)
}

// df7PipVCSUnpinned reports a VCS requirement ("git+https://host/repo.git",
// "git+ssh://git@host/repo#egg=x", also hg+, svn+, bzr+) that names no
// revision ("@tag", "@commit" after the repository path), so it installs
// whatever the default branch holds.
func df7PipVCSUnpinned(v string) bool {
	lower := strings.ToLower(v)
	scheme, rest, ok := strings.Cut(lower, "://")
	if !ok {
		return false
	}
	vcs, transport, ok := strings.Cut(scheme, "+")
	if !ok || transport == "file" {
		return false
	}
	switch vcs {
	case "git", "hg", "svn", "bzr":
	default:
		return false
	}
	rest, _, _ = strings.Cut(rest, "#")
	rest, _, _ = strings.Cut(rest, "?")
	_, repoPath, ok := strings.Cut(rest, "/") // after the host (and any user@)
	return ok && repoPath != "" && !strings.Contains(repoPath, "@")
}

// df7PipVCSPin renders the pinned form of a VCS requirement: the URL with
// "@<commit or tag>" before any "#egg=" fragment.
func df7PipVCSPin(v string) string {
	url, frag, hasFrag := strings.Cut(v, "#")
	out := url + "@<commit or tag>"
	if hasFrag {
		out += "#" + frag
	}
	return out
}
