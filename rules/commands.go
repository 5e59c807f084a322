package rules

// Helpers for the shell commands of RUN instructions, shared by the rules:
// which RUNs can be analysed, the commands after a given one, and the
// environment a command sees.

import (
	"path"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// knownRun reports whether inst is a RUN whose commands can be analysed: a
// POSIX shell (or exec form) whose code parsed. Rules stay quiet on the
// others.
func knownRun(inst *Instruction) bool {
	return inst.Run != nil && inst.Run.POSIX && inst.Run.ParseErr == nil
}

// eachKnownRun calls fn for every RUN of f whose shell code is known
// (knownRun), in file order.
func eachKnownRun(f *File, fn func(inst *Instruction)) {
	for _, s := range f.Stages {
		for _, inst := range s.Instructions {
			if knownRun(inst) {
				fn(inst)
			}
		}
	}
}

// eachLinuxRun calls fn for every known RUN outside Windows stages that
// has at least one command, with its commands.
func eachLinuxRun(f *File, fn func(inst *Instruction, cmds []*ShellCommand)) {
	for _, s := range f.Stages {
		if s.Windows {
			continue
		}
		for _, inst := range s.Instructions {
			if !knownRun(inst) {
				continue
			}
			if cmds := inst.Run.Commands(); len(cmds) > 0 {
				fn(inst, cmds)
			}
		}
	}
}

// commandsAfter returns the commands of the RUN that come after c, in
// order as written; nil when c is not one of them.
func commandsAfter(inst *Instruction, c *ShellCommand) []*ShellCommand {
	all := inst.Run.Commands()
	for i, o := range all {
		if o == c {
			return all[i+1:]
		}
	}
	return nil
}

// envSet reports whether environment variable name is (or may be) set for
// command c of inst: an ENV or ARG in scope, an assignment before the
// command ("NAME=v cmd", "env NAME=v cmd"), or an "export NAME=..." earlier
// in the same RUN. value is the known value ("" when unknown or not set).
func envSet(inst *Instruction, c *ShellCommand, name string) (value string, set bool) {
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

// hasMount reports whether the RUN has a --mount of one of the types
// ("cache", "tmpfs", "ssh", ...) whose target satisfies match (nil matches
// any target; a target the linter cannot know matches too, to stay quiet
// when unsure).
func hasMount(inst *Instruction, match func(target string) bool, types ...string) bool {
	mounts, _ := inst.Mounts()
	for _, m := range mounts {
		if !slices.Contains(types, string(m.Type)) {
			continue
		}
		if match == nil {
			return true
		}
		t, known := mountTarget(m)
		if !known || match(t) {
			return true
		}
	}
	return false
}

// mountTarget returns the target of a RUN mount as a clean absolute path
// ("/" is prepended to a relative one), and whether it is known: the model
// keeps the raw text, with its "$", of a variable it could not expand.
func mountTarget(m *instructions.Mount) (string, bool) {
	t := strings.TrimSpace(m.Target)
	if t == "" || strings.Contains(t, "$") {
		return "", false
	}
	return path.Clean("/" + t), true
}

// optSpec describes a tool's command-line syntax for parseOpts: which
// options take a value. Options are not validated; an unknown option takes
// no value.
type optSpec struct {
	// short lists the single-letter options that take a value ("-r FILE",
	// "-rFILE"); in a cluster ("-qr FILE") the first such letter takes the
	// rest of the word or, at its end, the next word.
	short string
	// long lists the long options that take the next word as value when
	// written without "=" ("--requirement FILE").
	long []string
	// singleDashLong makes "-name" a long option (go, find): long may then
	// hold "-ldflags" and short is unused.
	singleDashLong bool
	// optionalLong are long options with an optional value that take the
	// next word when it does not start with "-" (Ruby's OptionParser).
	optionalLong []string
}

// cmdOpt is one option parseOpts found.
type cmdOpt struct {
	name  string // "-r", "--requirement"
	value string // as written: an attached short value keeps a leading "="
	has   bool   // a value was given
}

// parseOpts splits args, GNU/optparse style, into options and the indexes
// of the operands; everything after "--" is an operand.
func parseOpts(args []ShellArg, spec optSpec) (opts []cmdOpt, pos []int) {
	for i := 0; i < len(args); i++ {
		v := args[i].Value
		if v == "--" {
			for j := i + 1; j < len(args); j++ {
				pos = append(pos, j)
			}
			break
		}
		if len(v) < 2 || v[0] != '-' {
			pos = append(pos, i)
			continue
		}
		if v[1] == '-' || spec.singleDashLong {
			name, val, has := strings.Cut(v, "=")
			if !has && i+1 < len(args) {
				next := args[i+1].Value
				if slices.Contains(spec.long, name) ||
					slices.Contains(spec.optionalLong, name) && !strings.HasPrefix(next, "-") {
					i++
					val, has = next, true
				}
			}
			opts = append(opts, cmdOpt{name: name, value: val, has: has})
			continue
		}
		for j := 1; j < len(v); j++ {
			o := cmdOpt{name: "-" + string(v[j])}
			if strings.IndexByte(spec.short, v[j]) < 0 {
				opts = append(opts, o)
				continue
			}
			o.value, o.has = v[j+1:], j+1 < len(v)
			if !o.has && i+1 < len(args) {
				i++
				o.value, o.has = args[i].Value, true
			}
			opts = append(opts, o)
			break
		}
	}
	return opts, pos
}
