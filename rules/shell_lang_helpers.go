package rules

// Helpers shared by the language package manager and shell practice rules
// (DF7xx). Every package-level name here starts with df7 so that the rules
// written in parallel in this package cannot collide with them.

import (
	"slices"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dflint/dflint/internal/dockerfile"
)

// df7ArgSpan is the span from the start of argument a to the end of
// argument b of command c (a and b may be the same); the command's span
// when positions are unknown.
func df7ArgSpan(inst *Instruction, c *ShellCommand, a, b ShellArg) Span {
	if inst.Run == nil {
		return At(inst)
	}
	line, col := inst.Run.Position(c, a.Pos)
	if line == 0 || col == 0 || a.End <= a.Pos {
		return AtCommand(inst, c)
	}
	s := Span{Line: line, Column: col, EndLine: line}
	if b.End > b.Pos {
		if el, ec := inst.Run.Position(c, b.End-1); el >= line && ec > 0 {
			s.EndLine, s.EndColumn = el, ec+1
		}
	}
	return s
}

// df7NodeSpan is the span of a syntax node of one of the RUN's scripts.
func df7NodeSpan(inst *Instruction, sc *dockerfile.Script, n syntax.Node) Span {
	line, col := sc.Position(int(n.Pos().Offset()))
	if line == 0 {
		return At(inst)
	}
	s := Span{Line: line, Column: col, EndLine: line}
	if end := int(n.End().Offset()); col > 0 && end > int(n.Pos().Offset()) {
		if el, ec := sc.Position(end - 1); el >= line && ec > 0 {
			s.EndLine, s.EndColumn = el, ec+1
		}
	}
	return s
}

// df7StageName names a stage for messages.
func df7StageName(s *Stage) string {
	if s == nil {
		return "?"
	}
	if s.Name != "" {
		return "'" + s.Name + "'"
	}
	return "#" + strconv.Itoa(s.Index)
}

// df7Opts describes a command-line syntax for df7Parse: the options that
// take a value as the next word (or attached).
type df7Opts struct {
	// short lists the single-letter options that take a value ("-r FILE",
	// "-rFILE"), e.g. "rcf".
	short string
	// long lists the long options that take a value as the next word when
	// written without "=", e.g. "--requirement".
	long []string
	// singleDashLong makes "-name" a long option (go, find): then long may
	// hold "-ldflags" and short is unused.
	singleDashLong bool
	// optionalLong are long options with an optional value that take the
	// next word as value when it does not start with "-" (Ruby's
	// OptionParser).
	optionalLong []string
}

// df7Parsed is the result of df7Parse.
type df7Parsed struct {
	// Positionals are the indexes (in the args given) of the operands.
	Positionals []int
}

// df7Parse splits args into options and operands. Options are not
// validated; unknown options take no value.
func df7Parse(args []ShellArg, o df7Opts) df7Parsed {
	var p df7Parsed
	for i := 0; i < len(args); i++ {
		v := args[i].Value
		if v == "--" {
			for j := i + 1; j < len(args); j++ {
				p.Positionals = append(p.Positionals, j)
			}
			break
		}
		if len(v) < 2 || v[0] != '-' {
			p.Positionals = append(p.Positionals, i)
			continue
		}
		if v[1] == '-' || o.singleDashLong {
			if strings.Contains(v, "=") {
				continue
			}
			if slices.Contains(o.long, v) {
				i++
			} else if slices.Contains(o.optionalLong, v) && i+1 < len(args) && !strings.HasPrefix(args[i+1].Value, "-") {
				i++
			}
			continue
		}
		for j := 1; j < len(v); j++ {
			if strings.IndexByte(o.short, v[j]) >= 0 {
				if j == len(v)-1 {
					i++
				}
				break
			}
		}
	}
	return p
}

// df7ShortValue returns the value of option -X (letter x, possibly inside a
// cluster such as "-qO-" or "-sSLo FILE") or of one of the long forms
// ("--output FILE", "--output=FILE"), the last occurrence winning. shortVal
// lists every single-letter option of the tool that takes a value, so that
// a cluster is read correctly.
func df7ShortValue(args []ShellArg, x byte, shortVal string, longs ...string) (string, bool) {
	val, found := "", false
	for i := 0; i < len(args); i++ {
		v := args[i].Value
		if v == "--" {
			break
		}
		if len(v) < 2 || v[0] != '-' {
			continue
		}
		if v[1] == '-' {
			name, value, hasValue := strings.Cut(v, "=")
			if slices.Contains(longs, name) {
				if hasValue {
					val, found = value, true
				} else if i+1 < len(args) {
					i++
					val, found = args[i].Value, true
				}
			}
			continue
		}
		for j := 1; j < len(v); j++ {
			if strings.IndexByte(shortVal, v[j]) < 0 {
				continue
			}
			var value string
			if j == len(v)-1 {
				if i+1 < len(args) {
					i++
					value = args[i].Value
				}
			} else {
				value = v[j+1:]
			}
			if v[j] == x {
				val, found = value, true
			}
			break
		}
	}
	return val, found
}

// df7HasSuffixFold reports whether s ends with one of the suffixes,
// ignoring case.
func df7HasSuffixFold(s string, suffixes ...string) bool {
	ls := strings.ToLower(s)
	for _, suf := range suffixes {
		if strings.HasSuffix(ls, suf) {
			return true
		}
	}
	return false
}

// df7ShellNames are the POSIX-family shells.
var df7ShellNames = map[string]bool{"sh": true, "bash": true, "dash": true, "ash": true, "zsh": true, "ksh": true, "mksh": true}

// df7Quote renders a word for a message.
func df7Quote(s string) string {
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return "'" + s + "'"
}

// df7CleanupScript reports a command that looks like a project's own
// cleanup script ("clean-layer.sh", "/usr/local/bin/cleanup"): it may
// remove caches this package cannot see.
func df7CleanupScript(c *ShellCommand) bool {
	return strings.Contains(strings.ToLower(c.Base), "clean")
}
