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

// df7Opts is the command-line syntax of a tool (see optSpec).
type df7Opts = optSpec

// df7Parsed is the result of df7Parse.
type df7Parsed struct {
	// Positionals are the indexes (in the args given) of the operands.
	Positionals []int
}

// df7Parse splits args into options and operands (see parseOpts).
func df7Parse(args []ShellArg, o df7Opts) df7Parsed {
	_, pos := parseOpts(args, o)
	return df7Parsed{Positionals: pos}
}

// df7ShortValue returns the value of option -X (letter x, possibly inside a
// cluster such as "-qO-" or "-sSLo FILE") or of one of the long forms
// ("--output FILE", "--output=FILE"), the last occurrence winning. shortVal
// lists every single-letter option of the tool that takes a value, so that
// a cluster is read correctly.
func df7ShortValue(args []ShellArg, x byte, shortVal string, longs ...string) (string, bool) {
	opts, _ := parseOpts(args, optSpec{short: shortVal, long: longs})
	val, found := "", false
	for _, o := range opts {
		short := o.name == "-"+string(x) && strings.IndexByte(shortVal, x) >= 0
		if short || o.has && slices.Contains(longs, o.name) {
			val, found = o.value, true
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
