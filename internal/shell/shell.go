// Package shell turns the shell code of a Dockerfile RUN instruction into the
// list of simple commands it executes, so that lint rules can ask precise
// questions ("does this RUN call apt-get install without -y?") without ever
// splitting shell text with strings or regular expressions.
//
// Source is parsed once with mvdan.cc/sh (bash dialect). Every simple command
// found anywhere in the tree becomes a [Command]: in lists, pipelines,
// subshells, blocks, if/while/until/for/case bodies, function bodies, command
// and process substitutions (including those in assignments, redirections and
// unquoted here-document bodies), and, recursively, in the string given to
// "sh -c", "su -c" and "eval". Here-document text itself never produces
// commands.
//
// Anything not statically known is marked, never guessed: an argument with a
// parameter expansion, command substitution, arithmetic, tilde prefix or
// ANSI-C string is not [Arg.Literal], and a command whose program word is not
// a plain literal has an empty [Command.Name].
package shell

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// maxNested bounds the recursion into "sh -c", "su -c" and "eval" strings.
const maxNested = 4

// Script is the result of extracting the commands of one piece of shell code.
type Script struct {
	// Source is the shell source given to Parse; "" for ParseArgv.
	Source string
	// File is the syntax tree of Source; nil for ParseArgv.
	File *syntax.File
	// Commands lists every simple command executed, in pre-order: a command
	// comes after the commands of its leading assignments and before the
	// commands of its "sh -c"/"eval" string, then those of the substitutions
	// in its arguments and redirections.
	Commands []*Command
}

// Command is one simple command of a script.
type Command struct {
	// Name is the program after stripping wrappers, as written ("apt-get",
	// "/usr/bin/pip3"). It is "" when the program word is not a plain literal
	// (e.g. "$CC", a glob, or a "~" prefix).
	Name string
	// Base is path.Base(Name) ("pip3"), or "" when Name is "".
	Base string
	// Args are the arguments after Name.
	Args []Arg
	// Wrappers are the base names of the wrappers stripped before Name, in
	// order, e.g. ["sudo", "env"]. Bash's "time" keyword counts as one.
	Wrappers []string
	// Call is the syntax node of the command; nil for exec-form commands and
	// for declaration builtins (see Decl).
	Call *syntax.CallExpr
	// Decl is set instead of Call for bash declaration builtins ("export",
	// "declare", "local", "readonly", "typeset", "nameref"), which the bash
	// parser does not represent as calls.
	Decl *syntax.DeclClause
	// Pos and End are byte offsets in the Source of the outermost script of
	// the program word and of the end of the call. For commands nested in an
	// "sh -c" string whose offsets cannot be mapped exactly, both are the
	// span of the whole string word. For ParseArgv, both are 0.
	Pos, End int
	// Subshell reports that the command does not run in the main shell
	// process: inside ( ), $( ), `...`, <( ), >( ), a coproc, a background
	// (&) statement, a non-last element of a pipeline, or an "sh -c"/"su -c"
	// string.
	Subshell bool
	// InPipeline reports that the command is part of a pipeline of two or
	// more elements (the last element too), or nested inside such an element.
	InPipeline bool
	// Conditional reports that the command's execution is governed by shell
	// control flow rather than the straight-line path of the script: it is in
	// an if/elif/while/until condition (its status is tested, its failure does
	// not stop the script), in a then/else branch, in a for/select/while/
	// until loop body, in a case branch or pattern, on the right side of
	// "||", or inside a function body. The right side of "&&" and the left
	// side of "||" are not conditional: they are the normal path of a
	// "a && b || c" script.
	Conditional bool
	// Nested is 0 for commands of the script itself and the depth of "sh -c",
	// "su -c" or "eval" strings for the commands extracted from them.
	Nested int
	// Index is the position of the command in Script.Commands.
	Index int
}

// Arg is one argument word of a command.
type Arg struct {
	// Value is the word with quotes and escapes removed. For words that are
	// not Literal, every part that is not statically known is replaced by a
	// single "\x00" (e.g. `pkg=$V` gives "pkg=\x00").
	Value string
	// Literal reports that the whole value is statically known (globs and
	// brace expansions are kept as literal text but flagged).
	Literal bool
	// Glob reports an unquoted glob: * or ?, [...] or an extended glob.
	Glob bool
	// Brace reports an unquoted brace expansion such as {a,b} or {1..3},
	// which bash expands and POSIX sh does not.
	Brace bool
	// Pos and End are byte offsets as for Command.
	Pos, End int
}

// Error is a shell syntax error.
type Error struct {
	Line, Col int    // 1-based position in the source given to Parse
	Offset    int    // byte offset in the source
	Msg       string // the parser's message, without position
	err       error
}

func (e *Error) Error() string {
	return fmt.Sprintf("shell syntax error: %d:%d: %s", e.Line, e.Col, e.Msg)
}

// Unwrap returns the error of the syntax package.
func (e *Error) Unwrap() error { return e.err }

// pooledParser is a parser with the reader it parses from.
type pooledParser struct {
	p *syntax.Parser
	r strings.Reader
}

var parserPool = sync.Pool{
	New: func() any {
		return &pooledParser{p: syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(false))}
	},
}

// parse parses src with a pooled parser. A panic in the parser is turned into
// an error (and the parser dropped) so that hostile input cannot crash a lint
// run.
func parse(src string) (f *syntax.File, err error) {
	pp := parserPool.Get().(*pooledParser)
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("shell parser panic: %v", r)
			return
		}
		pp.r.Reset("")
		parserPool.Put(pp)
	}()
	pp.r.Reset(src)
	return pp.p.Parse(&pp.r, "")
}

func wrapError(err error) error {
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		return &Error{Line: int(pe.Pos.Line()), Col: int(pe.Pos.Col()), Offset: int(pe.Pos.Offset()), Msg: pe.Text, err: err}
	}
	var le syntax.LangError
	if errors.As(err, &le) {
		msg := strings.TrimPrefix(le.Error(), le.Pos.String()+": ")
		return &Error{Line: int(le.Pos.Line()), Col: int(le.Pos.Col()), Offset: int(le.Pos.Offset()), Msg: msg, err: err}
	}
	return &Error{Msg: err.Error(), err: err}
}

// Parse parses POSIX/bash shell source and extracts the simple commands it
// runs. A syntax error is returned as an *Error carrying its line:col in src.
func Parse(src string) (*Script, error) {
	f, err := parse(src)
	if err != nil {
		return nil, wrapError(err)
	}
	// One allocation for the script and the walking state.
	st := &struct {
		s Script
		b builder
		x extractor
	}{}
	st.s = Script{Source: src, File: f}
	st.b.script = &st.s
	st.b.hint(len(src))
	st.x = extractor{b: &st.b, m: mapper{exact: true}}
	st.x.stmts(f.Stmts, ctx{})
	return &st.s, nil
}

// ParseArgv builds a Script for an exec-form command (RUN ["apt-get",
// "install", "-y", "x"]): one Command with literal arguments (exec form does
// no expansion, so nothing is a glob or unknown), wrappers stripped, and the
// commands of an "sh -c"/"su -c" string appended like Parse does. All
// positions are 0.
func ParseArgv(argv []string) *Script {
	s := &Script{}
	if len(argv) == 0 {
		return s
	}
	x := &extractor{b: &builder{script: s}}
	x.b.hint(0)
	words := x.b.args(len(argv))
	for i, v := range argv {
		words[i] = Arg{Value: v, Literal: true}
	}
	cmd := x.b.newCommand()
	x.fill(cmd, words)
	x.add(cmd, ctx{})
	if i := shellStringIndex(cmd); i >= 0 {
		x.recurse(inner{src: cmd.Args[i].Value}, ctx{subshell: true})
	}
	return s
}
