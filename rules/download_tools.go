package rules

// Downloads in RUN: two downloaders in one image (DF712), wget flooding the
// build log (DF713), and remote scripts piped straight into a shell (DF723).

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dflint/dflint/internal/dockerfile"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF712",
		Name:     "wget-and-curl",
		Severity: SeverityInfo,
		Summary:  "A stage uses both wget and curl",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL4001"}, Trivy: []string{"DS014"}},
		Doc: Doc{
			Why: "wget and curl do the same job. Using both means the image must carry (and keep patched) " +
				"two download tools and their libraries, and the Dockerfile mixes two sets of flags for " +
				"retries, TLS and error handling.",
			Bad:  "FROM debian:12\nRUN curl -fsSL -o /tmp/a.tgz https://example.com/a.tgz\nRUN wget -q -O /tmp/b.tgz https://example.com/b.tgz",
			Good: "FROM debian:12\nRUN curl -fsSL -o /tmp/a.tgz https://example.com/a.tgz\nRUN curl -fsSL -o /tmp/b.tgz https://example.com/b.tgz",
			Fix:  "Pick one downloader for the stage and use it everywhere (and install only that one).",
			Notes: "Counted per stage, as hadolint does (Trivy counts per file): different stages have different " +
				"images. Only real invocations count, not `apt-get install curl wget`, `command -v wget` or " +
				"`--version` checks, and not commands that only run conditionally (`curl ... || wget ...` " +
				"fallbacks, `if`/`case` branches). Stages only used as `COPY --from` sources are not checked: " +
				"their tools never reach an image. Reported once per stage, at the first use of the second tool.",
		},
		Check: checkWgetAndCurl,
	})
	MustRegister(&Rule{
		ID:       "DF713",
		Name:     "wget-no-progress",
		Severity: SeverityInfo,
		Summary:  "wget without --progress or -q floods the build log",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3047"}},
		Doc: Doc{
			Why: "Without a terminal, GNU wget prints its progress as rows of dots: a large download writes " +
				"thousands of lines to the build log, which hides the output that matters and can hit CI " +
				"log limits.",
			Bad:  "FROM debian:12\nRUN wget -O /tmp/go.tgz https://go.dev/dl/go1.23.2.linux-amd64.tar.gz",
			Good: "FROM debian:12\nRUN wget --progress=dot:giga -O /tmp/go.tgz https://go.dev/dl/go1.23.2.linux-amd64.tar.gz",
			Fix:  "Add `--progress=dot:giga` (one dot per megabyte), `-nv`/`--no-verbose`, or `-q`/`--quiet`.",
			Notes: "Quiet when wget has `--progress`, `-q`, `-nv`, `-o`/`--output-file` or `-a`/`--append-output`, " +
				"for `--help`/`--version`, and in Alpine and BusyBox stages (by image name, or because the stage " +
				"uses apk), whose wget is BusyBox's (a single progress line, and no `--progress` option) unless " +
				"the stage installs GNU wget with apk, and when the base image is an unknown ARG.",
		},
		Check: checkWgetNoProgress,
	})
	MustRegister(&Rule{
		ID:       "DF723",
		Name:     "curl-pipe-shell",
		Severity: SeverityWarning,
		Summary:  "A script downloaded with curl or wget is run without being verified",
		Since:    "1.0",
		Doc: Doc{
			Why: "`curl https://... | sh` runs whatever the server sends at build time: a compromised or " +
				"hijacked host, a changed installer or a truncated download (the shell runs the part it got) " +
				"goes straight into the image, and nothing in the Dockerfile says which script was run.",
			Bad:  "FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh",
			Good: "FROM debian:12\nARG INSTALL_SHA256=0f3c5e2a4b6d8f0a1c3e5a7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f\nRUN curl -fsSL -o /tmp/install.sh https://example.com/install.sh \\\n && echo \"$INSTALL_SHA256  /tmp/install.sh\" | sha256sum -c - \\\n && sh /tmp/install.sh && rm /tmp/install.sh",
			Fix: "Download the script to a file, check it against a known checksum (`sha256sum -c`) or " +
				"signature, then run it. Better still, install a pinned release artifact or a distribution " +
				"package instead of an installer script.",
			Notes: "Reported: a pipeline in which curl (writing to standard output) or wget (`-O -`) feeds a " +
				"shell or interpreter that reads its program from standard input (sh, bash, dash, ash, zsh, " +
				"ksh, python, perl, ruby, node, php; with no script argument, `-` or `-s`), and " +
				"`bash <(curl ...)`, `sh -c \"$(curl ...)\"` and `eval \"$(curl ...)\"`. A shell given a script " +
				"file or a `-c` string of its own is not reading the download. No peer linter has this check.",
		},
		Check: checkCurlPipeShell,
	})
}

// df7Invocation reports a command that runs tool name for real (not
// --version/--help, not conditionally).
func df7Invocation(c *ShellCommand, name string) bool {
	return c.Base == name && !c.Conditional && !c.HasFlag("--version", "-V", "--help", "-h")
}

func checkWgetAndCurl(p *Pass) {
	shipped := shippedStages(p.File)
	for _, s := range p.File.Stages {
		if !shipped[s] {
			continue
		}
		type use struct {
			inst *Instruction
			cmd  *ShellCommand
		}
		var curl, wget *use
		for _, inst := range s.Instructions {
			if !knownRun(inst) {
				continue
			}
			for _, c := range inst.Run.Commands() {
				switch {
				case curl == nil && df7Invocation(c, "curl"):
					curl = &use{inst, c}
				case wget == nil && df7Invocation(c, "wget"):
					wget = &use{inst, c}
				default:
					continue
				}
				if curl != nil && wget != nil {
					second, first, firstName := wget, curl, "curl"
					if c.Base == "curl" {
						second, first, firstName = curl, wget, "wget"
					}
					p.ReportFix(AtCommand(second.inst, second.cmd), "download with "+firstName+" here too, and install only "+firstName,
						"stage %s uses both %s (line %d) and %s; use one downloader",
						df7StageName(s), firstName, df7CmdLine(first.inst, first.cmd), second.cmd.Base)
					break
				}
			}
			if curl != nil && wget != nil {
				break
			}
		}
	}
}

// df7CmdLine is the file line of a command.
func df7CmdLine(inst *Instruction, c *ShellCommand) int {
	return AtCommand(inst, c).Line
}

// wget's short options that take a value.
const df7WgetShortVal = "oaOPeiBtTwQlDAIRXU"

func checkWgetNoProgress(p *Pass) {
	busybox := map[*Stage]bool{}
	for _, s := range p.File.Stages {
		busybox[s] = df7BusyboxWget(s)
	}
	eachKnownRun(p.File, func(inst *Instruction) {
		if busybox[inst.Stage] {
			return
		}
		for _, c := range inst.Run.Commands() {
			if c.Base != "wget" || c.HasDynamicArgs() {
				continue
			}
			if c.HasFlag("--progress", "-q", "--quiet", "-nv", "--no-verbose", "-o", "--output-file",
				"-a", "--append-output", "--help", "-h", "--version", "-V") {
				continue
			}
			p.ReportFix(AtCommand(inst, c), "wget --progress=dot:giga ...",
				"wget without --progress, -nv or -q logs a line of progress dots for every 50 KB it downloads; add --progress=dot:giga")
		}
	})
}

// df7BusyboxWget reports a stage whose wget may well be BusyBox's: its
// base image (or an ancestor's) is unknown, Alpine or BusyBox, or the stage
// uses apk, and the stage does not install GNU wget with apk.
func df7BusyboxWget(s *Stage) bool {
	bb := false
	if root := rootStage(s); root != nil {
		if !root.Base.Known {
			return true // unknown image: do not guess
		}
		ref := strings.ToLower(root.Base.Resolved)
		bb = strings.Contains(ref, "alpine") || strings.Contains(ref, "busybox")
	}
	for _, x := range stageChain(s) {
		for _, inst := range x.Instructions {
			if !knownRun(inst) {
				continue
			}
			for _, c := range inst.Run.Commands() {
				if c.Base != "apk" {
					continue
				}
				bb = true // an Alpine stage, whatever its image is called
				for _, a := range c.Args {
					if a.Value == "wget" || strings.HasPrefix(a.Value, "wget=") || strings.HasPrefix(a.Value, "wget~") {
						return false
					}
				}
			}
		}
	}
	return bb
}

// df7ToStdout reports a curl or wget command that writes the download to
// standard output.
func df7ToStdout(c *ShellCommand) bool {
	stdout := func(v string) bool { return v == "-" || v == "/dev/stdout" }
	switch c.Base {
	case "curl":
		if c.HasFlag("-O", "--remote-name", "--remote-name-all", "--output-dir") {
			return false
		}
		if v, ok := df7ShortValue(c.Args, 'o', "oudeErHAbcCKmTxXwyYzQFPtDU", "--output"); ok {
			return stdout(v)
		}
		return true
	case "wget":
		v, ok := df7ShortValue(c.Args, 'O', df7WgetShortVal, "--output-document")
		return ok && stdout(v)
	}
	return false
}

// df7StdinInterpreters are the interpreters that read a program from
// standard input; the value lists the options after which the program
// comes from elsewhere (a -c string, an -e expression, a module).
var df7StdinInterpreters = map[string]string{
	"sh": "c", "bash": "c", "dash": "c", "ash": "c", "zsh": "c", "ksh": "c", "mksh": "c",
	"python": "cm", "perl": "eE", "ruby": "e", "node": "ep", "php": "rfBRFE",
}

// df7InterpreterBase maps python3.12, perl5.36, nodejs ... to the table's
// names.
func df7InterpreterBase(base string) string {
	switch {
	case df7IsVersioned(base, "python"), df7IsVersioned(base, "pypy"):
		return "python"
	case df7IsVersioned(base, "perl"):
		return "perl"
	case df7IsVersioned(base, "ruby"):
		return "ruby"
	case base == "nodejs":
		return "node"
	case df7IsVersioned(base, "php"):
		return "php"
	}
	return base
}

// df7ReadsStdin reports an interpreter command that runs the program it
// reads from standard input.
func df7ReadsStdin(c *ShellCommand) bool {
	base := df7InterpreterBase(c.Base)
	other, ok := df7StdinInterpreters[base]
	if !ok {
		return false
	}
	shellLike := df7ShellNames[base]
	for i := 0; i < len(c.Args); i++ {
		a := c.Args[i]
		v := a.Value
		if !a.Literal {
			return false
		}
		if v == "-" || v == "--" && shellLike {
			return true
		}
		if len(v) < 2 || v[0] != '-' && (v[0] != '+' || !shellLike) {
			return false // a script file
		}
		if v[1] == '-' {
			switch v {
			case "--eval", "--print", "--command", "--module":
				return false
			case "--rcfile", "--init-file", "--require", "--import":
				i++
			}
			continue
		}
		for j := 1; j < len(v); j++ {
			switch {
			case strings.IndexByte(other, v[j]) >= 0:
				return false
			case shellLike && v[j] == 's':
				return true
			case shellLike && (v[j] == 'o' || v[j] == 'O'),
				base == "python" && (v[j] == 'W' || v[j] == 'X'),
				base == "node" && v[j] == 'r',
				base == "php" && (v[j] == 'd' || v[j] == 'c' || v[j] == 'z'):
				if j == len(v)-1 {
					i++
				}
				j = len(v)
			}
		}
	}
	return true
}

func checkCurlPipeShell(p *Pass) {
	eachKnownRun(p.File, func(inst *Instruction) {
		if inst.Run.Exec {
			return
		}
		for _, sc := range inst.Run.Scripts {
			if sc.File == nil || !df7MayRunDownload(sc) {
				continue
			}
			df7FindRemoteExec(sc, func(n syntax.Node, dl, runner *ShellCommand) {
				p.ReportFix(df7NodeSpan(inst, sc, n), "curl -fsSL -o /tmp/script URL && echo \"<sha256>  /tmp/script\" | sha256sum -c - && sh /tmp/script",
					"script downloaded by %s is run by %s without being verified; save it, check its checksum, then run it",
					dl.Base, df7Quote(runner.Name))
			})
		}
	})
}

// df7MayRunDownload is a cheap pre-check for df7FindRemoteExec, which
// builds a map and walks the whole syntax tree: every place it reports
// needs a curl or wget that writes to standard output, and a command of
// the script itself (not of an "sh -c" string) that can run a program: an
// interpreter that reads standard input, a shell, or eval.
func df7MayRunDownload(sc *dockerfile.Script) bool {
	download, runner := false, false
	for _, c := range sc.Commands {
		if !download && (c.Base == "curl" || c.Base == "wget") && df7ToStdout(c) {
			download = true
		}
		if !runner && c.Call != nil && c.Nested == 0 && df7MayRun(c) {
			runner = true
		}
		if download && runner {
			return true
		}
	}
	return false
}

// df7MayRun reports a command that df7ReadsStdin or df7ScriptWord may
// accept.
func df7MayRun(c *ShellCommand) bool {
	if c.Name == "eval" || df7ShellNames[c.Base] {
		return true
	}
	_, ok := df7StdinInterpreters[df7InterpreterBase(c.Base)]
	return ok
}

// df7FindRemoteExec calls report for every place of the script where a
// download is executed: "curl | sh", "bash <(curl)", "sh -c "$(curl)"",
// "eval "$(curl)"".
func df7FindRemoteExec(sc *dockerfile.Script, report func(n syntax.Node, dl, runner *ShellCommand)) {
	calls := make(map[*syntax.CallExpr]*ShellCommand, len(sc.Commands))
	for _, c := range sc.Commands {
		if c.Call != nil && c.Nested == 0 {
			calls[c.Call] = c
		}
	}
	// downloaderIn returns a downloader writing to stdout whose program
	// word lies in [from, to).
	downloaderIn := func(from, to int) *ShellCommand {
		for _, c := range sc.Commands {
			if c.Pos >= from && c.Pos < to && (c.Base == "curl" || c.Base == "wget") && df7ToStdout(c) {
				return c
			}
		}
		return nil
	}
	seen := map[*syntax.BinaryCmd]bool{}
	syntax.Walk(sc.File, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.BinaryCmd:
			if (n.Op != syntax.Pipe && n.Op != syntax.PipeAll) || seen[n] {
				return true
			}
			elems := df7PipeElems(n)
			var x func(s *syntax.Stmt)
			x = func(s *syntax.Stmt) {
				if b, ok := s.Cmd.(*syntax.BinaryCmd); ok {
					seen[b] = true
					x(b.X)
					x(b.Y)
				}
			}
			x(n.X)
			ce, ok := elems[len(elems)-1].Cmd.(*syntax.CallExpr)
			if !ok {
				return true
			}
			runner := calls[ce]
			if runner == nil || !df7ReadsStdin(runner) {
				return true
			}
			for _, e := range elems[:len(elems)-1] {
				if dl := downloaderIn(int(e.Pos().Offset()), int(e.End().Offset())); dl != nil {
					report(n, dl, runner)
					break
				}
			}
		case *syntax.CallExpr:
			runner := calls[n]
			if runner == nil {
				return true
			}
			w := df7ScriptWord(runner, n)
			if w == nil {
				return true
			}
			for _, part := range w.Parts {
				var from, to int
				switch q := part.(type) {
				case *syntax.ProcSubst:
					from, to = int(q.Pos().Offset()), int(q.End().Offset())
				case *syntax.CmdSubst:
					from, to = int(q.Pos().Offset()), int(q.End().Offset())
				case *syntax.DblQuoted:
					if len(q.Parts) == 1 {
						if cs, ok := q.Parts[0].(*syntax.CmdSubst); ok {
							from, to = int(cs.Pos().Offset()), int(cs.End().Offset())
						}
					}
				}
				if to > from {
					if dl := downloaderIn(from, to); dl != nil {
						report(n, dl, runner)
						break
					}
				}
			}
		}
		return true
	})
}

// df7ScriptWord returns the word holding the program a command runs: the
// -c string or the script operand of a shell, or eval's argument; nil for
// other commands.
func df7ScriptWord(c *ShellCommand, ce *syntax.CallExpr) *syntax.Word {
	ni := len(ce.Args) - len(c.Args) - 1
	if ni < 0 {
		return nil
	}
	words := ce.Args[ni+1:]
	if c.Name == "eval" {
		if len(words) == 1 {
			return words[0]
		}
		return nil
	}
	if !df7ShellNames[c.Base] {
		return nil
	}
	for i := 0; i < len(c.Args); i++ {
		a := c.Args[i]
		v := a.Value
		if !a.Literal {
			return words[i] // an unknown operand (or option): take it as the program
		}
		if v == "--" || v == "-" {
			continue
		}
		if len(v) > 1 && (v[0] == '-' || v[0] == '+') {
			if v == "--rcfile" || v == "--init-file" {
				i++
			} else if v[1] != '-' && (v[len(v)-1] == 'o' || v[len(v)-1] == 'O') {
				i++ // -o OPTION
			}
			continue
		}
		return words[i]
	}
	return nil
}
