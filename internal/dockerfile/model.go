// Package dockerfile is dflint's model of one Dockerfile, built on BuildKit's
// parser and instructions packages: stages, typed instructions with exact
// line ranges, variables resolved the way a build resolves them, the shell
// code of every RUN parsed once into a syntax tree, and the build context.
//
// Rules only read the model; it is built once per file and never mutated
// afterwards, so rules need no locking.
package dockerfile

import (
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dflint/dflint/internal/buildctx"
	"github.com/dflint/dflint/internal/shell"
)

// File is one parsed Dockerfile.
type File struct {
	// Path is the file's path as the user named it ("-" for standard input).
	Path string
	// Source is the file's content with a leading UTF-8 byte-order mark
	// removed.
	Source []byte
	// Lines are the source lines without line terminators (a trailing "\r"
	// is removed too), so Lines[n-1] is line n.
	Lines []string
	// Escape is the escape character (`\` unless `# escape=` says otherwise).
	Escape rune
	// Directives are the parser directives of the leading comment block
	// (syntax, escape, check), in file order.
	Directives []Directive
	// Comments are every comment line of the file (parser directives
	// included), in order.
	Comments []Comment
	// MetaArgs are the ARG instructions before the first FROM.
	MetaArgs []*Instruction
	// Stages are the build stages in order.
	Stages []*Stage
	// Instructions are all top-level instructions in file order, meta ARGs
	// included.
	Instructions []*Instruction
	// Warnings are the parser's warnings (e.g. empty continuation lines).
	Warnings []Warning
	// Context is the build context, or nil when it is unknown (standard
	// input without --context).
	Context *buildctx.Context
	// Target is the stage the build targets (--target), "" for the last.
	Target string
}

// Directive is a parser directive such as "# syntax=docker/dockerfile:1".
type Directive struct {
	Name  string // lower-case: "syntax", "escape", "check"
	Value string
	Line  int
}

// Comment is a comment line; Text excludes the leading "#" and surrounding
// white space.
type Comment struct {
	Line int
	Text string
}

// Warning is a parser warning with the line it applies to.
type Warning struct {
	Line    int
	Message string
}

// Stage is one build stage: a FROM and the instructions after it.
type Stage struct {
	// Index is the stage's position, from 0.
	Index int
	// Name is the lower-cased name from "FROM x AS name", "" when unnamed.
	Name string
	// From is the FROM instruction.
	From *Instruction
	// Base is the stage's base: an image, an earlier stage, or scratch.
	Base ImageRef
	// Platform is the --platform flag as written, "" when absent.
	Platform string
	// Instructions are the stage's instructions after FROM, in order.
	Instructions []*Instruction
	// Parent is the earlier stage this stage builds on (FROM <stage>), or nil.
	Parent *Stage
	// Windows reports whether the stage is (very likely) a Windows image:
	// a Windows base image, a windows/* platform, or a Windows parent stage.
	Windows bool

	// endScope and endShell are the variables and shell at the end of the
	// stage, which a stage built FROM this one inherits (ENV only).
	endScope *Scope
	endShell []string
}

// Final reports whether s is the stage the build produces: the --target
// stage when one was given, else the last stage.
func (s *Stage) Final(f *File) bool {
	return f.FinalStage() == s
}

// FinalStage returns the stage the build produces, or nil when the file has
// no stage (or the --target names none).
func (f *File) FinalStage() *Stage {
	if len(f.Stages) == 0 {
		return nil
	}
	if f.Target == "" {
		return f.Stages[len(f.Stages)-1]
	}
	for _, s := range f.Stages {
		if s.Name == f.Target {
			return s
		}
	}
	return nil
}

// StageByName returns the stage named name (case-insensitive, as BuildKit
// lower-cases stage names) defined before stage index before, or a stage
// referenced by its numeric index.
func (f *File) StageByName(name string, before int) *Stage {
	lower := strings.ToLower(name)
	for _, s := range f.Stages {
		if s.Index >= before {
			break
		}
		if s.Name != "" && s.Name == lower {
			return s
		}
	}
	if n, err := strconv.Atoi(name); err == nil && n >= 0 && n < before && n < len(f.Stages) {
		return f.Stages[n]
	}
	return nil
}

// Instruction is one Dockerfile instruction.
type Instruction struct {
	// Keyword is the upper-case instruction keyword ("RUN").
	Keyword string
	// Written is the keyword as written in the file ("run"), for casing
	// checks.
	Written string
	// Line and EndLine are the 1-based lines the instruction spans,
	// heredoc bodies included.
	Line, EndLine int
	// Node is BuildKit's parse node.
	Node *parser.Node
	// Command is BuildKit's typed command (*instructions.RunCommand, ...),
	// or for FROM the *instructions.Stage.
	Command any
	// Flags are the instruction's flags as written ("--from=build").
	Flags []string
	// Args are the instruction's words after the keyword and flags, as
	// BuildKit's parser split them (unexpanded).
	Args []string
	// Stage is the stage the instruction belongs to (the stage it starts,
	// for FROM); nil for meta ARGs.
	Stage *Stage
	// Vars is the variable scope in effect for the instruction.
	Vars *Scope
	// Shell is the shell that runs shell-form RUN/CMD/ENTRYPOINT in this
	// stage, e.g. ["/bin/sh", "-c"].
	Shell []string
	// Run is the parsed shell of a RUN instruction; nil for other
	// instructions. See RunScript.
	Run *RunScript
	// Cmd is the parsed command of a CMD or ENTRYPOINT (the shell code of
	// the shell form, the argv of the exec form); nil for other
	// instructions.
	Cmd *RunScript

	file   *File
	joined joinedLine
	// mounts are a RUN's --mount flags, parsed by BuildKit with the
	// instruction's variables; mountsKnown is false when a variable in them
	// was unknown (its raw text is kept then).
	mounts      []*instructions.Mount
	mountsKnown bool
}

// Mounts returns the --mount flags of a RUN as BuildKit parses them (type,
// source, target, from, ...), with variables expanded. known is false when
// some value used a variable the linter cannot know; such values keep
// their raw text, so comparisons with them simply fail to match.
func (i *Instruction) Mounts() (mounts []*instructions.Mount, known bool) {
	return i.mounts, i.mountsKnown
}

// RunScript is the shell code a RUN executes, parsed once.
type RunScript struct {
	// Exec is true for the exec (JSON) form.
	Exec bool
	// POSIX is false when the stage's shell is not a POSIX shell
	// (PowerShell, cmd): shell-aware rules must stay quiet then. Scripts
	// whose shebang names another interpreter are not POSIX either.
	POSIX bool
	// Scripts are the parsed scripts: the command line, and for `RUN <<EOF`
	// the heredoc bodies that the shell executes. Empty when !POSIX or the
	// code does not parse.
	Scripts []*Script
	// ParseErr is the shell syntax error, if the code did not parse (rules
	// treat the RUN as unknown then).
	ParseErr error
}

// Script is one parsed piece of shell code and where it sits in the file.
type Script struct {
	*shell.Script
	// pos maps byte offsets in Script.Source to file positions.
	pos posMapper
}

// Commands returns every simple command of every script of the RUN, in
// order; nil for a RUN whose shell is not POSIX.
func (r *RunScript) Commands() []*shell.Command {
	if r == nil {
		return nil
	}
	if len(r.Scripts) == 1 {
		return r.Scripts[0].Commands
	}
	var out []*shell.Command
	for _, s := range r.Scripts {
		out = append(out, s.Commands...)
	}
	return out
}

// Position returns the 1-based line and column of byte offset off in the
// script's source; column 0 when only the line is known.
func (s *Script) Position(off int) (line, col int) {
	return s.pos.position(off)
}

// Position returns the file position of a shell command or argument offset
// of the RUN's scripts; cmd selects the script that holds it.
func (r *RunScript) Position(cmd *shell.Command, off int) (line, col int) {
	for _, s := range r.Scripts {
		for _, c := range s.Commands {
			if c == cmd {
				return s.Position(off)
			}
		}
	}
	return 0, 0
}

// typed accessors, so rules need not import BuildKit.

// Copy returns the typed COPY command, or nil.
func (i *Instruction) Copy() *instructions.CopyCommand {
	c, _ := i.Command.(*instructions.CopyCommand)
	return c
}

// Add returns the typed ADD command, or nil.
func (i *Instruction) Add() *instructions.AddCommand {
	c, _ := i.Command.(*instructions.AddCommand)
	return c
}

// RunCommand returns the typed RUN command, or nil.
func (i *Instruction) RunCommand() *instructions.RunCommand {
	c, _ := i.Command.(*instructions.RunCommand)
	return c
}

// Flag returns the value of flag --name (as written, unexpanded) and whether
// it is present. A flag without a value ("--link") returns "", true.
func (i *Instruction) Flag(name string) (string, bool) {
	for _, f := range i.Flags {
		body, ok := strings.CutPrefix(f, "--")
		if !ok {
			continue
		}
		k, v, hasValue := strings.Cut(body, "=")
		if strings.EqualFold(k, name) {
			if !hasValue {
				return "", true
			}
			return v, true
		}
	}
	return "", false
}

// FlagValues returns every value of a repeatable flag (--mount).
func (i *Instruction) FlagValues(name string) []string {
	var out []string
	for _, f := range i.Flags {
		body, ok := strings.CutPrefix(f, "--")
		if !ok {
			continue
		}
		k, v, _ := strings.Cut(body, "=")
		if strings.EqualFold(k, name) {
			out = append(out, v)
		}
	}
	return out
}

// File returns the file the instruction belongs to.
func (i *Instruction) File() *File { return i.file }

// Expand resolves variables in word with the instruction's scope, as the
// build would. known is false when the result depends on a value the linter
// cannot know (an ARG without default, a variable from the base image).
func (i *Instruction) Expand(word string) (value string, known bool) {
	return i.Vars.Expand(word, i.file.Escape)
}
