package rules

// Helpers shared by the language package manager and shell practice rules
// (DF7xx). Every package-level name here starts with df7 so that the rules
// written in parallel in this package cannot collide with them.

import (
	"path"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dflint/dflint/internal/dockerfile"
)

// df7Runs calls fn for every RUN of the file whose shell code is known: a
// POSIX shell (or exec form) that parsed.
func df7Runs(f *File, fn func(inst *Instruction)) {
	for _, s := range f.Stages {
		for _, inst := range s.Instructions {
			if df7KnownRun(inst) {
				fn(inst)
			}
		}
	}
}

// df7KnownRun reports whether inst is a RUN whose commands can be analysed.
func df7KnownRun(inst *Instruction) bool {
	return inst.Run != nil && inst.Run.POSIX && inst.Run.ParseErr == nil
}

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

// df7Mount is one --mount flag of a RUN.
type df7Mount struct {
	Type   string // lower-case; "bind" when not given
	Target string // as written (unexpanded)
	From   string
}

// df7Mounts parses the --mount flags of a RUN (type, target and from; the
// other keys are not needed).
func df7Mounts(inst *Instruction) []df7Mount {
	vals := inst.FlagValues("mount")
	if len(vals) == 0 {
		return nil
	}
	out := make([]df7Mount, 0, len(vals))
	for _, v := range vals {
		m := df7Mount{Type: "bind"}
		for _, field := range strings.Split(v, ",") {
			k, val, _ := strings.Cut(strings.TrimSpace(field), "=")
			val = strings.Trim(val, `"'`)
			switch strings.ToLower(k) {
			case "type":
				m.Type = strings.ToLower(val)
			case "target", "dst", "destination":
				m.Target = val
			case "from":
				m.From = val
			}
		}
		out = append(out, m)
	}
	return out
}

// df7MountTarget returns a mount's target with variables expanded, and
// whether it is known.
func df7MountTarget(inst *Instruction, m df7Mount) (string, bool) {
	t, ok := inst.Expand(m.Target)
	if !ok || strings.TrimSpace(t) == "" {
		return "", false
	}
	return path.Clean("/" + strings.TrimSpace(t)), true
}

// df7HasMount reports whether the RUN has a mount of one of the types
// ("cache", "tmpfs", "ssh", ...) whose target satisfies match (nil matches
// any target; an unknown target matches too, to stay quiet when unsure).
func df7HasMount(inst *Instruction, match func(target string) bool, types ...string) bool {
	for _, m := range df7Mounts(inst) {
		if !df7In(m.Type, types) {
			continue
		}
		if match == nil {
			return true
		}
		t, known := df7MountTarget(inst, m)
		if !known || match(t) {
			return true
		}
	}
	return false
}

// df7Shipped returns the stages whose layers can end up in an image the
// user ships: the target (or last) stage and the stages it is built FROM
// and, without --target, every stage that no other stage uses (it may be
// built with --target). A stage only used as a COPY --from or RUN --mount
// source is not shipped: its caches never reach an image.
func df7Shipped(f *File) map[*Stage]bool {
	out := make(map[*Stage]bool, len(f.Stages))
	mark := func(s *Stage) {
		for x := s; x != nil && !out[x]; x = x.Parent {
			out[x] = true
		}
	}
	final := f.FinalStage()
	if final == nil {
		for _, s := range f.Stages {
			out[s] = true
		}
		return out
	}
	mark(final)
	if f.Target != "" {
		return out
	}
	used := map[*Stage]bool{}
	for _, s := range f.Stages {
		if s.Parent != nil {
			used[s.Parent] = true
		}
		for _, inst := range s.Instructions {
			var froms []string
			if c := inst.Copy(); c != nil && c.From != "" {
				froms = append(froms, c.From)
			}
			for _, m := range df7Mounts(inst) {
				if m.From != "" {
					froms = append(froms, m.From)
				}
			}
			for _, from := range froms {
				name, ok := inst.Expand(from)
				if !ok {
					continue
				}
				if ref := f.StageByName(name, s.Index); ref != nil {
					used[ref] = true
				}
			}
		}
	}
	for _, s := range f.Stages {
		if !used[s] {
			mark(s)
		}
	}
	return out
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

// df7EnvSet reports whether environment variable name is (or may be) set
// for command c of inst: an ENV or ARG in scope, an assignment before the
// command ("NAME=v cmd", "env NAME=v cmd"), or an "export NAME=..." earlier
// in the same RUN. value is the known value ("" when unknown or not set).
func df7EnvSet(inst *Instruction, c *ShellCommand, name string) (value string, set bool) {
	if v, ok := inst.Vars.Lookup(name); ok {
		return v.Value, true
	}
	prefix := name + "="
	if c.Call != nil {
		for _, a := range c.Call.Assigns {
			if a.Name != nil && a.Name.Value == name {
				if a.Value != nil {
					return a.Value.Lit(), true
				}
				return "", true
			}
		}
		// Words stripped as wrappers: "env NAME=v cmd", "sudo NAME=v cmd".
		if ni := len(c.Call.Args) - len(c.Args) - 1; ni > 0 {
			for _, w := range c.Call.Args[:ni] {
				if lit := w.Lit(); strings.HasPrefix(lit, prefix) {
					return lit[len(prefix):], true
				}
			}
		}
	}
	for _, o := range inst.Run.Commands() {
		if o == c {
			break
		}
		if o.Name != "export" && o.Name != "declare" && o.Name != "typeset" {
			continue
		}
		for _, a := range o.Args {
			if a.Value == name || strings.HasPrefix(a.Value, prefix) {
				return strings.TrimPrefix(a.Value, prefix), true
			}
		}
	}
	return "", false
}

// df7LaterCommands returns the commands of the RUN after c (in execution
// order as written).
func df7LaterCommands(inst *Instruction, c *ShellCommand) []*ShellCommand {
	all := inst.Run.Commands()
	for i, o := range all {
		if o == c {
			return all[i+1:]
		}
	}
	return nil
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
			if df7In(v, o.long) {
				i++
			} else if df7In(v, o.optionalLong) && i+1 < len(args) && !strings.HasPrefix(args[i+1].Value, "-") {
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
			if df7In(name, longs) {
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

func df7In(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
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
