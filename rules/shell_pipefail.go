package rules

// DF711: a pipeline whose failure can be masked, because the shell does not
// run with pipefail.

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dflint/dflint/internal/dockerfile"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF711",
		Name:     "pipefail",
		Severity: SeverityWarning,
		Summary:  "RUN pipeline can hide a failure because pipefail is not set",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL4006"}, Trivy: []string{"DS-0032"}},
		Doc: Doc{
			Why: "A pipeline's exit status is the status of its last command. In `curl -fsSL $URL | tar -xz`, " +
				"a failed download is invisible if tar happens to succeed on what it got, and the build goes " +
				"on with a broken or empty result. With `pipefail` the pipeline fails when any of its " +
				"commands fails, so the build stops where the problem is.",
			Bad:  "FROM debian:12\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt",
			Good: "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt",
			Fix: "Set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the RUN (Debian/Ubuntu images " +
				"have bash; on Alpine use `[\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]`), or start the RUN with " +
				"`set -o pipefail &&` when its shell supports it (bash, ash/busybox; Debian's dash only " +
				"from 0.5.12).",
			Notes: "Reports the first such pipeline of each RUN. Quiet when the stage's SHELL sets pipefail " +
				"(`-o pipefail`, `-eo pipefail`, ...), when the RUN runs `set -o pipefail` (or `set -euxo pipefail`) " +
				"before the pipeline, when a heredoc script's shebang sets it, when the stage keeps the SHELL " +
				"of a base image known to set pipefail (CircleCI's `cimg/*`, the Jupyter Docker Stacks' " +
				"`jupyter/*-notebook`), and for shells other than " +
				"sh/bash/dash/ash/zsh/ksh (PowerShell, cmd). The fix keeps a bash, zsh, ksh or ash SHELL and adds " +
				"`-o pipefail`; for sh and dash it suggests bash. Unlike hadolint and Trivy, `SHELL [\"/bin/sh\", " +
				"\"-o\", \"pipefail\", \"-c\"]` counts as setting pipefail: a /bin/sh that supports it (BusyBox ash, " +
				"dash 0.5.13+, bash as sh) sets it, and one that does not fails every RUN with \"Illegal option -o " +
				"pipefail\", so no failure is hidden. Unlike hadolint, pipelines whose failure cannot " +
				"matter are not reported: every command before the last is `echo`, `printf`, `yes`, `true` " +
				"or a `cat` of standard input (a here-document), also inside `{ ...; }` blocks; the last command " +
				"verifies its input (`sha256sum -c` and friends, `apt-key add`, `gpg --import` fail on a missing or " +
				"truncated input; `sha1sum file | grep $SHA1` fails when sha1sum does) or is " +
				"`grep -q` (where pipefail would only add SIGPIPE failures); the pipeline's status is deliberately ignored " +
				"(`... || true`), negated (`! a | b`) or tested (`if a | grep -q x`), where pipefail would " +
				"change the meaning; or it sits inside a command substitution. Exec-form RUNs and " +
				"`sh -c` strings are not analysed.",
		},
		Check: checkPipefail,
	})
}

// df7PipefailShells are the shells this rule knows the pipefail story of.
var df7PipefailShells = map[string]bool{
	"sh": true, "bash": true, "dash": true, "ash": true, "busybox": true, "zsh": true, "ksh": true, "mksh": true,
}

// df7ArgvSetsPipefail reports "-o pipefail" (also "-eo pipefail",
// "-opipefail") in a shell or set command line; mentioned is true when the
// line sets or unsets ("+o pipefail") the option, set tells which one wins.
func df7ArgvSetsPipefail(argv []string) (set bool) {
	set, _ = df7ArgvPipefail(argv)
	return set
}

func df7ArgvPipefail(argv []string) (set, mentioned bool) {
	for i, a := range argv {
		if len(a) < 2 || a[0] != '-' && a[0] != '+' || a[1] == '-' {
			continue
		}
		k := strings.IndexByte(a, 'o')
		if k < 0 {
			continue
		}
		opt := a[k+1:]
		if opt == "" && i+1 < len(argv) {
			opt = argv[i+1]
		}
		if opt == "pipefail" {
			set, mentioned = a[0] == '-', true
		}
	}
	return set, mentioned
}

func checkPipefail(p *Pass) {
	for _, s := range p.File.Stages {
		for _, inst := range s.Instructions {
			if !knownRun(inst) || inst.Run.Exec || len(inst.Shell) == 0 {
				continue
			}
			shellName := strings.TrimSuffix(strings.ToLower(path.Base(strings.ReplaceAll(inst.Shell[0], `\`, "/"))), ".exe")
			if !df7PipefailShells[shellName] || df7ArgvSetsPipefail(inst.Shell) {
				continue
			}
			if v, ok := inst.Vars.Lookup("SHELLOPTS"); ok && (!v.Known || strings.Contains(v.Value, "pipefail")) {
				continue
			}
			if df7ImageShellPipefail(inst) {
				continue
			}
			for _, sc := range inst.Run.Scripts {
				if pl, first, last := df7MaskedPipeline(sc); pl != nil {
					shell := strings.Join(inst.Shell, " ")
					fix := `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`
					switch shellName {
					case "bash", "zsh", "ksh", "mksh", "ash":
						// The same shell, with pipefail.
						fix = `SHELL ["` + inst.Shell[0] + `", "-o", "pipefail", "-c"]`
					}
					if first == last {
						first, last = "the first "+first, "the last one"
					}
					p.ReportFix(df7NodeSpan(inst, sc, pl), fix,
						"pipeline runs under '%s' without pipefail: a failure of %s is hidden by the exit status of %s",
						shell, first, last)
					break
				}
			}
		}
	}
}

// df7MaskedPipeline returns the first pipeline of the script whose failure
// pipefail would reveal, and the name of its first command that can fail;
// nil when there is none or the script sets pipefail before it.
func df7MaskedPipeline(sc *dockerfile.Script) (pl *syntax.BinaryCmd, first, last string) {
	// A pipeline needs a "|" (or "|&") in the source: most scripts have
	// none.
	if sc.File == nil || strings.IndexByte(sc.Source, '|') < 0 {
		return nil, "", ""
	}
	if strings.HasPrefix(sc.Source, "#!") {
		line, _, _ := strings.Cut(sc.Source, "\n")
		if strings.Contains(line, "pipefail") {
			return nil, "", ""
		}
	}
	w := df7PipeWalker{cmds: sc.Commands}
	w.stmts(sc.File.Stmts, false)
	if w.found == nil {
		return nil, "", ""
	}
	// A "set -o pipefail" before the pipeline turns it on.
	on := false
	for _, c := range sc.Commands {
		if c.Pos >= int(w.found.Pos().Offset()) {
			break
		}
		if c.Name == "set" && c.Nested == 0 {
			argv := make([]string, len(c.Args))
			for i, a := range c.Args {
				argv[i] = a.Value
			}
			if set, mentioned := df7ArgvPipefail(argv); mentioned {
				on = set
			}
		}
	}
	if on {
		return nil, "", ""
	}
	return w.found, w.first, w.last
}

// df7PipeWalker finds the first statement-level pipeline whose status
// matters.
type df7PipeWalker struct {
	calls map[*syntax.CallExpr]*ShellCommand // built by call on first use
	cmds  []*ShellCommand
	found *syntax.BinaryCmd
	first string
	last  string
}

// call returns the command of the script itself (not of an "sh -c"
// string) whose syntax node is ce, or nil.
func (w *df7PipeWalker) call(ce *syntax.CallExpr) *ShellCommand {
	if w.calls == nil {
		w.calls = make(map[*syntax.CallExpr]*ShellCommand, len(w.cmds))
		for _, c := range w.cmds {
			if c.Call != nil && c.Nested == 0 {
				w.calls[c.Call] = c
			}
		}
	}
	return w.calls[ce]
}

func (w *df7PipeWalker) stmts(list []*syntax.Stmt, tested bool) {
	for _, s := range list {
		if w.found != nil {
			return
		}
		w.stmt(s, tested)
	}
}

// stmt walks a statement; tested is true when its status is consumed by a
// condition or deliberately ignored.
func (w *df7PipeWalker) stmt(s *syntax.Stmt, tested bool) {
	if s == nil || w.found != nil {
		return
	}
	if s.Negated {
		tested = true
	}
	switch c := s.Cmd.(type) {
	case *syntax.BinaryCmd:
		switch c.Op {
		case syntax.Pipe, syntax.PipeAll:
			elems := df7PipeElems(c)
			var lc *ShellCommand
			if ce, ok := elems[len(elems)-1].Cmd.(*syntax.CallExpr); ok {
				lc = w.call(ce)
			}
			if !tested && (lc == nil || !df7VerifiesInput(lc)) && !w.checksumGrep(elems, lc) {
				if first := w.mayFail(elems); first != "" {
					w.found, w.first, w.last = c, first, "the last command"
					if lc != nil && lc.Name != "" {
						w.last = df7Quote(lc.Name)
					}
					return
				}
			}
			for _, e := range elems {
				w.stmt(e, true) // nested compound commands: not the pipeline's status
			}
		case syntax.OrStmt:
			w.stmt(c.X, tested || df7Ignores(c.Y))
			w.stmt(c.Y, tested)
		default:
			w.stmt(c.X, tested)
			w.stmt(c.Y, tested)
		}
	case *syntax.Block:
		w.stmts(c.Stmts, tested)
	case *syntax.Subshell:
		w.stmts(c.Stmts, tested)
	case *syntax.IfClause:
		for ic := c; ic != nil; ic = ic.Else {
			w.stmts(ic.Cond, true)
			w.stmts(ic.Then, tested)
		}
	case *syntax.WhileClause:
		w.stmts(c.Cond, true)
		w.stmts(c.Do, tested)
	case *syntax.ForClause:
		w.stmts(c.Do, tested)
	case *syntax.CaseClause:
		for _, it := range c.Items {
			w.stmts(it.Stmts, tested)
		}
	case *syntax.FuncDecl:
		w.stmt(c.Body, tested)
	case *syntax.TimeClause:
		w.stmt(c.Stmt, tested)
	}
}

// df7PipeElems flattens a (left-associative) pipeline into its elements.
func df7PipeElems(c *syntax.BinaryCmd) []*syntax.Stmt {
	var out []*syntax.Stmt
	var walk func(s *syntax.Stmt)
	walk = func(s *syntax.Stmt) {
		if b, ok := s.Cmd.(*syntax.BinaryCmd); ok && (b.Op == syntax.Pipe || b.Op == syntax.PipeAll) && !s.Negated && len(s.Redirs) == 0 {
			walk(b.X)
			walk(b.Y)
			return
		}
		out = append(out, s)
	}
	walk(c.X)
	walk(c.Y)
	return out
}

// df7Ignores reports a statement that makes "x || STMT" ignore x's
// failure: true, ":" or "exit 0".
func df7Ignores(s *syntax.Stmt) bool {
	ce, ok := s.Cmd.(*syntax.CallExpr)
	if !ok || len(ce.Args) == 0 {
		return false
	}
	switch ce.Args[0].Lit() {
	case "true", ":":
		return true
	case "exit", "return":
		return len(ce.Args) == 2 && ce.Args[1].Lit() == "0"
	}
	return false
}

// mayFail returns the name of the first command among the pipeline's
// elements but the last whose failure could be masked, or "". A compound
// element ({ ...; }, ( ... )) can fail when any command in it can.
func (w *df7PipeWalker) mayFail(elems []*syntax.Stmt) string {
	for i, e := range elems[:len(elems)-1] {
		if ce, ok := e.Cmd.(*syntax.CallExpr); ok {
			c := w.call(ce)
			switch {
			case c == nil || c.Name == "":
				return "an earlier command"
			case !df7CannotFail(c):
				return df7Quote(c.Name)
			}
			continue
		}
		// A compound element: any command of it (but those in command
		// substitutions, whose failures pipefail does not see either). A
		// here-document body ends after the whole pipeline: bound the
		// element by the start of the next one.
		from, to := int(e.Pos().Offset()), min(int(e.End().Offset()), int(elems[i+1].Pos().Offset()))
		var substs [][2]int
		syntax.Walk(e, func(n syntax.Node) bool {
			switch n.(type) {
			case *syntax.CmdSubst, *syntax.ProcSubst:
				substs = append(substs, [2]int{int(n.Pos().Offset()), int(n.End().Offset())})
				return false
			}
			return true
		})
		n := 0
	cmds:
		for _, c := range w.cmds {
			if c.Pos < from || c.Pos >= to {
				continue
			}
			for _, sp := range substs {
				if c.Pos >= sp[0] && c.Pos < sp[1] {
					continue cmds
				}
			}
			n++
			if !df7CannotFail(c) {
				if c.Name == "" {
					return "an earlier command"
				}
				return "the group holding " + df7Quote(c.Name)
			}
		}
		if n == 0 {
			return "an earlier command"
		}
	}
	return ""
}

// df7CannotFail reports commands whose failure is not worth reporting:
// they only print their arguments (or a here-document).
func df7CannotFail(c *ShellCommand) bool {
	switch c.Base {
	case "echo", "printf", "yes", "true", ":":
		return true
	case "cat":
		return len(c.Args) == 0 || len(c.Args) == 1 && c.Args[0].Value == "-"
	}
	return false
}

// df7VerifiesInput reports a last pipeline element that fails by itself
// when the commands before it fail (a checksum check of their output), or
// that stops reading early (grep -q), where pipefail would only add
// SIGPIPE failures.
func df7VerifiesInput(c *ShellCommand) bool {
	switch c.Base {
	case "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "md5sum", "b2sum", "shasum":
		return c.HasFlag("-c", "--check")
	case "grep", "egrep", "fgrep":
		return c.HasFlag("-q", "--quiet", "--silent")
	case "apt-key":
		sub, _ := c.Subcommand()
		return sub == "add" // fails on a missing or truncated key
	case "gpg", "gpg2":
		return c.HasFlag("--import", "--verify") // "no valid OpenPGP data found"
	}
	return false
}

// df7ChecksumTools print the checksum of their file arguments.
var df7ChecksumTools = map[string]bool{
	"sha1sum": true, "sha224sum": true, "sha256sum": true, "sha384sum": true, "sha512sum": true,
	"md5sum": true, "b2sum": true, "shasum": true,
}

// checksumGrep reports the old verification idiom `sha1sum file | grep
// $SHA1`: a checksum tool that fails prints no checksum, so the grep for
// the expected sum fails too and nothing is hidden.
func (w *df7PipeWalker) checksumGrep(elems []*syntax.Stmt, lc *ShellCommand) bool {
	if len(elems) != 2 || lc == nil {
		return false
	}
	switch lc.Base {
	case "grep", "egrep", "fgrep":
	default:
		return false
	}
	if lc.HasFlag("-v", "--invert-match", "-c", "--count", "-L", "--files-without-match") {
		return false
	}
	ce, ok := elems[0].Cmd.(*syntax.CallExpr)
	if !ok {
		return false
	}
	c := w.call(ce)
	return c != nil && df7ChecksumTools[c.Base] && !c.HasFlag("-c", "--check")
}

// df7ImageShellPipefail reports whether the RUN uses the shell its base
// image declares (SHELL is part of the image configuration and is
// inherited; no SHELL instruction in the stage or the stages it is built
// FROM replaces it) and that image is one known to declare a pipefail
// SHELL: CircleCI's cimg/* images (["/bin/bash", "-exo", "pipefail", "-c"])
// and the Jupyter Docker Stacks (["/bin/bash", "-o", "pipefail", "-c"]).
func df7ImageShellPipefail(inst *Instruction) bool {
	root := rootStage(inst.Stage)
	if root == nil || !root.Base.IsImage() {
		return false
	}
	domain, repo := root.Base.Domain(), root.Base.Path()
	switch {
	case domain == "docker.io" && strings.HasPrefix(repo, "cimg/"):
	case (domain == "docker.io" || domain == "quay.io") && strings.HasPrefix(repo, "jupyter/") &&
		(strings.HasSuffix(repo, "-notebook") || repo == "jupyter/docker-stacks-foundation"):
	default:
		return false
	}
	for o := range instructionsUpTo(inst) {
		if o.Keyword == "SHELL" {
			return false
		}
	}
	return true
}
