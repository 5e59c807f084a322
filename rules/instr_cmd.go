package rules

// CMD, ENTRYPOINT and HEALTHCHECK: the shell form of the container's main
// command (DF801), instructions a later one of the same kind overrides in
// the same stage (DF802-DF804), and an image without HEALTHCHECK (DF819).

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"

	"github.com/dflint/dflint/internal/shell"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF801",
		Name:     "json-args-recommended",
		Severity: SeverityWarning,
		Summary:  "CMD or ENTRYPOINT uses the shell form instead of the JSON (exec) form",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3025"}, BuildKit: []string{"JSONArgsRecommended"}},
		Doc: Doc{
			Why: "The shell form `CMD my-app --serve` runs `/bin/sh -c \"my-app --serve\"`: the shell is PID 1 " +
				"and, depending on the shell and the command, does not pass SIGTERM on to the program, so " +
				"`docker stop` waits its timeout and then kills it without a clean shutdown. A shell-form " +
				"ENTRYPOINT also ignores CMD and the arguments of `docker run`.",
			Bad:  "FROM alpine:3.20\nENTRYPOINT my-app --serve",
			Good: "FROM alpine:3.20\nENTRYPOINT [\"my-app\", \"--serve\"]",
			Fix: "Use the JSON form, `CMD [\"my-app\", \"--serve\"]` (dflint suggests it when the command is a " +
				"single command with literal words). When you need shell features, start the long-running " +
				"program with `exec` (`CMD cd /app && exec my-app`) or move the logic into an entrypoint script.",
			Notes: "Only the CMD and ENTRYPOINT that take effect (the last of each in a stage) are checked; the " +
				"earlier ones are reported by DF802/DF803. As BuildKit does, the rule is quiet in a stage " +
				"(or a stage it builds on) that sets SHELL explicitly. Unlike BuildKit and hadolint it is " +
				"also quiet when the shell `exec`s the program (`CMD exec my-app`), since the program then " +
				"receives the signals itself, and in Windows stages, where signals do not apply. A command " +
				"that was meant as the JSON form but is not valid JSON (`CMD ['my-app', '--serve']`, " +
				"`CMD [my-app, --serve]`) silently runs as a shell command made of brackets and quotes: it " +
				"is always reported, with SHELL and on Windows too, and the fix gives the corrected array.",
		},
		Check: checkJSONArgs,
	})
	for _, m := range []struct {
		id, name, keyword string
		hadolint, trivy   string
		bad, good         string
	}{
		{"DF802", "multiple-cmd", "CMD", "DL4003", "DS016",
			"FROM python:3.12-slim\nCMD [\"python\", \"-m\", \"http.server\"]\nCMD [\"gunicorn\", \"app:app\"]",
			"FROM python:3.12-slim\nCMD [\"gunicorn\", \"app:app\"]"},
		{"DF803", "multiple-entrypoint", "ENTRYPOINT", "DL4004", "DS007",
			"FROM alpine:3.20\nENTRYPOINT [\"/bin/sh\"]\nENTRYPOINT [\"/entrypoint.sh\"]",
			"FROM alpine:3.20\nENTRYPOINT [\"/entrypoint.sh\"]"},
		{"DF804", "multiple-healthcheck", "HEALTHCHECK", "DL3012", "DS023",
			"FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK CMD wget -qO- http://localhost/ || exit 1",
			"FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1"},
	} {
		keyword := m.keyword
		MustRegister(&Rule{
			ID:       m.id,
			Name:     m.name,
			Severity: SeverityWarning,
			Summary:  "A stage has more than one " + keyword + "; only the last one takes effect",
			Since:    "1.0",
			Aliases: Aliases{Hadolint: []string{m.hadolint}, BuildKit: []string{"MultipleInstructionsDisallowed"},
				Trivy: []string{m.trivy}},
			Doc: Doc{
				Why: "Each " + keyword + " replaces the previous one of the stage, so every " + keyword +
					" but the last is dead code. Readers (and reviewers) easily take the first one for the " +
					"one that runs, and a leftover from an edit hides which command the image really uses.",
				Bad:  m.bad,
				Good: m.good,
				Fix:  "Delete the earlier " + keyword + " instructions and keep the one the image should use.",
				Notes: "Reported on each " + keyword + " that a later one in the same stage overrides. A " + keyword +
					" in another stage (including a stage this one is built FROM) is not a duplicate: a " +
					"stage may deliberately override what it inherits.",
			},
			Check: func(p *Pass) { checkMultipleInstr(p, keyword) },
		})
	}
	MustRegister(&Rule{
		ID:         "DF819",
		Name:       "no-healthcheck",
		Severity:   SeverityInfo,
		Summary:    "The image the build produces has no HEALTHCHECK",
		Since:      "1.0",
		DefaultOff: true,
		Aliases:    Aliases{Hadolint: []string{"DL3057"}, Trivy: []string{"DS026"}},
		Doc: Doc{
			Why: "Without a HEALTHCHECK, Docker and Swarm only know whether the process is running, not " +
				"whether it works: a hung server stays \"up\" and keeps receiving traffic.",
			Bad:  "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/",
			Good: "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1",
			Fix: "Add `HEALTHCHECK CMD <probe>` with a cheap probe of the service, or `HEALTHCHECK NONE` to " +
				"record that the image deliberately has none.",
			Notes: "Off by default: Kubernetes and most orchestrators ignore HEALTHCHECK and use their own " +
				"probes. Only the final stage (with the stages it is built FROM) is checked. A HEALTHCHECK " +
				"that the base image defines is invisible to dflint, so turn the rule off for images built " +
				"on such bases. Images built on scratch without CMD or ENTRYPOINT (artifact images for " +
				"`--output`) are not flagged.",
		},
		Check: checkNoHealthcheck,
	})
}

// checkJSONArgs is DF801.
func checkJSONArgs(p *Pass) {
	for _, s := range p.File.Stages {
		for _, kw := range []string{"CMD", "ENTRYPOINT"} {
			inst := df8Last(s, kw)
			if inst == nil {
				continue
			}
			cmdLine, shellForm := df8ShellForm(inst)
			if !shellForm || len(cmdLine) == 0 {
				continue
			}
			if argv, why, ok := df8PseudoJSON(cmdLine[0]); ok {
				// Not a style question: the author meant the exec form
				// and got a shell command made of brackets and quotes.
				fix := ""
				if argv != nil {
					fix = inst.Written + " " + df8JSONArgv(argv)
				}
				sh := "/bin/sh -c"
				if len(inst.Shell) > 0 {
					sh = strings.Join(inst.Shell, " ")
				}
				p.ReportFix(At(inst), fix,
					"%s looks like the JSON (exec) form but is not valid JSON (%s), so it runs as the shell command %s '%s'",
					kw, why, sh, strings.TrimSpace(cmdLine[0]))
				continue
			}
			if s.Windows || df8ShellSetBefore(s, inst) {
				continue
			}
			var sc *shell.Script // nil when the command line does not parse
			if c := inst.Cmd; c != nil && len(c.Scripts) == 1 {
				sc = c.Scripts[0].Script
			}
			if sc != nil && df8ExecsProgram(sc) {
				continue
			}
			var msg string
			if kw == "CMD" {
				msg = "CMD uses the shell form, so it runs under /bin/sh -c, which may not pass stop signals on to the program; use the JSON (exec) form"
			} else {
				msg = "ENTRYPOINT uses the shell form, so it runs under /bin/sh -c: it ignores CMD and `docker run` arguments, and the shell may not pass stop signals on to the program; use the JSON (exec) form"
			}
			fix := ""
			if sc != nil {
				if argv, ok := df8SimpleArgv(sc); ok {
					fix = inst.Written + " " + df8JSONArgv(argv)
				} else {
					fix = "start the long-running program with exec (`" + inst.Written + " ... && exec <program>`), or move the shell logic into a script and use " + inst.Written + " [\"/path/to/script\"]"
				}
			}
			p.ReportFix(At(inst), fix, "%s", msg)
		}
	}
}

// df8PseudoJSON reports whether a shell-form command line is a failed
// attempt at the JSON form: `['app', '--serve']`, `[app, --serve]`,
// `["app", "--serve",]`, `["app"] # comment`. A test command
// (`[ -f x ] && ...`) is not one: the bracketed text must hold a comma or
// be a single quoted word. argv is the intended argument list when it can
// be recovered, nil otherwise; why says what makes it invalid JSON.
func df8PseudoJSON(line string) (argv []string, why string, ok bool) {
	s := strings.TrimSpace(line)
	if len(s) < 2 || s[0] != '[' {
		return nil, "", false
	}
	if s[len(s)-1] != ']' {
		// `["app"] # comment`: Dockerfiles have no end-of-line comments.
		i := strings.LastIndex(s, "]")
		rest := strings.TrimSpace(s[i+1:])
		if i < 0 || !strings.HasPrefix(rest, "#") {
			return nil, "", false
		}
		var list []string
		if json.Unmarshal([]byte(s[:i+1]), &list) == nil && len(list) > 0 {
			return list, "a Dockerfile has no end-of-line comments, so the `" + rest + "` after it is part of the command", true
		}
		s = s[:i+1]
	}
	inner := strings.TrimSpace(s[1 : len(s)-1])
	trailing := strings.HasSuffix(inner, ",")
	inner = strings.TrimSpace(strings.TrimSuffix(inner, ","))
	if inner == "" {
		return nil, "", false
	}
	elems, clean := df8SplitPseudoJSON(inner)
	single := len(inner) >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[len(inner)-1] == inner[0]
	if !strings.Contains(inner, ",") && !single && !trailing {
		return nil, "", false
	}
	switch {
	case strings.Contains(inner, "'"):
		why = "JSON strings need double quotes, not single quotes"
	case trailing && clean && (single || strings.Contains(inner, "\"")):
		why = "JSON allows no trailing comma"
	case !clean && single && !strings.Contains(inner, ","):
		why = "JSON array elements are separated by commas"
	default:
		why = "every element must be a double-quoted JSON string"
	}
	if !clean {
		return nil, why, true
	}
	return elems, why, true
}

// df8SplitPseudoJSON splits the inside of a pseudo-JSON array on commas
// outside quotes and unquotes each element. clean is false when an element
// is empty, has an unterminated quote or characters around its quotes.
func df8SplitPseudoJSON(inner string) (elems []string, clean bool) {
	clean = true
	var cur strings.Builder
	var quote byte
	quoted, after := false, false
	flush := func() {
		v := cur.String()
		if !quoted {
			v = strings.TrimSpace(v)
		}
		if !quoted && (v == "" || strings.ContainsAny(v, "\"'[] \t")) {
			clean = false
		}
		elems = append(elems, v)
		cur.Reset()
		quoted, after = false, false
	}
	for i := 0; i < len(inner); i++ {
		c := inner[i]
		switch {
		case quote != 0:
			if c == quote {
				quote, after = 0, true
				continue
			}
			if c == '\\' && quote == '"' && i+1 < len(inner) {
				i++
				c = inner[i]
			}
			cur.WriteByte(c)
		case c == ',':
			flush()
		case c == '\'' || c == '"':
			if quoted || strings.TrimSpace(cur.String()) != "" {
				clean = false
			}
			cur.Reset()
			quote, quoted = c, true
		case c == ' ' || c == '\t':
			if !quoted {
				cur.WriteByte(c)
			}
		default:
			if after {
				clean = false
			}
			cur.WriteByte(c)
		}
	}
	if quote != 0 {
		clean = false
	}
	flush()
	return elems, clean
}

// df8ShellForm returns the command line of a CMD or ENTRYPOINT and
// whether it is in the shell form.
func df8ShellForm(inst *Instruction) ([]string, bool) {
	switch c := inst.Command.(type) {
	case *instructions.CmdCommand:
		return c.CmdLine, c.PrependShell
	case *instructions.EntrypointCommand:
		return c.CmdLine, c.PrependShell
	}
	return nil, false
}

// df8Last is the last instruction of keyword kw in stage s.
func df8Last(s *Stage, kw string) *Instruction {
	for i := len(s.Instructions) - 1; i >= 0; i-- {
		if s.Instructions[i].Keyword == kw {
			return s.Instructions[i]
		}
	}
	return nil
}

// df8ShellSetBefore reports whether a SHELL instruction precedes inst in its
// stage or appears in a stage the stage is built FROM: BuildKit's check
// is then quiet, as the author chose the shell deliberately.
func df8ShellSetBefore(s *Stage, inst *Instruction) bool {
	for _, st := range stageChain(s) {
		for _, i := range st.Instructions {
			if st == s && i.Line >= inst.Line {
				break
			}
			if i.Keyword == "SHELL" {
				return true
			}
		}
	}
	return false
}

// df8ExecsProgram reports whether the main shell replaces itself with the
// program (`exec my-app`), so signals reach the program.
func df8ExecsProgram(sc *shell.Script) bool {
	for _, c := range sc.Commands {
		if c.Nested == 0 && !c.Subshell && slices.Contains(c.Wrappers, "exec") {
			return true
		}
	}
	return false
}

// df8SimpleArgv returns the words of a script that is one simple command
// with literal words and nothing else (no redirection, assignment,
// operator, glob or expansion).
func df8SimpleArgv(sc *shell.Script) ([]string, bool) {
	if sc.File == nil || len(sc.File.Stmts) != 1 {
		return nil, false
	}
	st := sc.File.Stmts[0]
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || st.Negated || st.Background || st.Coprocess || len(st.Redirs) > 0 || len(call.Assigns) > 0 || len(call.Args) == 0 {
		return nil, false
	}
	var cmd *shell.Command
	for _, c := range sc.Commands {
		if c.Call == call {
			cmd = c
			break
		}
	}
	if cmd == nil || cmd.Name == "" || len(cmd.Wrappers) > 0 || len(cmd.Args)+1 != len(call.Args) {
		return nil, false
	}
	name, ok := df8LiteralWord(call.Args[0])
	if !ok {
		return nil, false
	}
	argv := []string{name}
	for _, a := range cmd.Args {
		if !a.Literal || a.Glob || a.Brace {
			return nil, false
		}
		argv = append(argv, a.Value)
	}
	return argv, true
}

// df8LiteralWord is the value of a word made only of plain text and quotes.
func df8LiteralWord(w *syntax.Word) (string, bool) {
	var b strings.Builder
	for _, part := range w.Parts {
		switch x := part.(type) {
		case *syntax.Lit:
			if strings.ContainsAny(x.Value, "\\*?[{~") {
				return "", false
			}
			b.WriteString(x.Value)
		case *syntax.SglQuoted:
			if x.Dollar {
				return "", false
			}
			b.WriteString(x.Value)
		case *syntax.DblQuoted:
			for _, q := range x.Parts {
				l, ok := q.(*syntax.Lit)
				if !ok || strings.Contains(l.Value, "\\") {
					return "", false
				}
				b.WriteString(l.Value)
			}
		default:
			return "", false
		}
	}
	return b.String(), true
}

// df8JSONArgv renders argv as a Dockerfile JSON array: ["a", "b"].
func df8JSONArgv(argv []string) string {
	parts := make([]string, len(argv))
	for i, a := range argv {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(a)
		parts[i] = strings.TrimSuffix(b.String(), "\n")
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// checkMultipleInstr is DF802-DF804: every instruction of keyword kw that a
// later one in the same stage overrides.
func checkMultipleInstr(p *Pass, kw string) {
	for _, s := range p.File.Stages {
		last := df8Last(s, kw)
		if last == nil {
			continue
		}
		for _, inst := range s.Instructions {
			if inst.Keyword != kw || inst == last {
				continue
			}
			p.ReportFix(inst.KeywordSpan(), "remove this "+kw,
				"%s is overridden by the %s on line %d: only the last %s of a stage takes effect", kw, kw, last.Line, kw)
		}
	}
}

// checkNoHealthcheck is DF819.
func checkNoHealthcheck(p *Pass) {
	final := p.File.FinalStage()
	if final == nil {
		return
	}
	runs := false
	for _, s := range stageChain(final) {
		for _, inst := range s.Instructions {
			switch inst.Keyword {
			case "HEALTHCHECK":
				return
			case "CMD", "ENTRYPOINT":
				runs = true
			}
		}
	}
	if root := rootStage(final); root.Base.Scratch && !runs {
		return // an artifact image (docker build --output), not a service
	}
	stage := "the final stage"
	if final.Name != "" {
		stage = fmt.Sprintf("the final stage %q", final.Name)
	}
	p.ReportFix(final.From.KeywordSpan(), "HEALTHCHECK CMD <probe> (or HEALTHCHECK NONE)",
		"%s defines no HEALTHCHECK, so Docker cannot tell a hung container from a working one", stage)
}
