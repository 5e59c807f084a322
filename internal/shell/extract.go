package shell

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// ctx is the context in which a statement runs.
type ctx struct {
	subshell    bool
	pipeline    bool
	conditional bool
	// timed marks a statement run by bash's "time" keyword; it only applies
	// to the statement itself, not to its children.
	timed bool
}

// span is a half-open byte range.
type span struct{ start, end int }

// mapper maps offsets of the script being walked to offsets in the outermost
// source: exactly (outer = base + offset) or, when the string a nested script
// came from had escapes, to the span of that string.
type mapper struct {
	exact      bool
	base       int
	start, end int
}

func (m mapper) span(p, e syntax.Pos) (int, int) {
	if m.exact {
		return m.base + int(p.Offset()), m.base + int(e.Offset())
	}
	return m.start, m.end
}

// builder owns the output and the slabs shared by all nesting levels.
type builder struct {
	script  *Script
	cmdSlab []Command
	argSlab []Arg
	// Sizes of the next slabs, first estimated from the source length.
	cmdChunk, argChunk int
}

// hint sizes the first slabs for a source of n bytes: a RUN line has about
// one command per 50 bytes and one word per 12.
func (b *builder) hint(n int) {
	b.cmdChunk = min(max(n/48+2, 4), 128)
	b.argChunk = min(max(n/12+4, 8), 512)
	b.script.Commands = make([]*Command, 0, b.cmdChunk)
}

func (b *builder) newCommand() *Command {
	if len(b.cmdSlab) == cap(b.cmdSlab) {
		b.cmdSlab = make([]Command, 0, max(b.cmdChunk, 4))
		b.cmdChunk = min(2*b.cmdChunk, 128)
	}
	b.cmdSlab = b.cmdSlab[:len(b.cmdSlab)+1]
	return &b.cmdSlab[len(b.cmdSlab)-1]
}

// args returns a zeroed slice of n Args with capacity n, carved from a slab.
func (b *builder) args(n int) []Arg {
	if len(b.argSlab)+n > cap(b.argSlab) {
		b.argSlab = make([]Arg, 0, max(n, b.argChunk, 8))
		b.argChunk = min(2*b.argChunk, 512)
	}
	l := len(b.argSlab)
	b.argSlab = b.argSlab[:l+n]
	return b.argSlab[l : l+n : l+n]
}

// extractor walks one script (the outermost one or a nested string).
type extractor struct {
	b      *builder
	m      mapper
	nested int
	holes  []span // placeholders for unknown text, in this script's offsets
}

func (x *extractor) add(c *Command, cx ctx) {
	s := x.b.script
	c.Subshell = cx.subshell
	c.InPipeline = cx.pipeline
	c.Conditional = cx.conditional
	c.Nested = x.nested
	c.Index = len(s.Commands)
	s.Commands = append(s.Commands, c)
}

func (x *extractor) stmts(list []*syntax.Stmt, cx ctx) {
	for _, s := range list {
		x.stmt(s, cx)
	}
}

func (x *extractor) stmt(s *syntax.Stmt, cx ctx) {
	timed := cx.timed
	cx.timed = false
	if s.Background || s.Coprocess || s.Disown {
		cx.subshell = true
	}
	// Redirections of a compound command are evaluated once, in the context
	// of the statement, whatever its body does to cx below.
	rx := cx
	switch c := s.Cmd.(type) {
	case nil:
	case *syntax.CallExpr:
		x.call(c, s, cx, timed)
		return // call handles the redirections itself
	case *syntax.BinaryCmd:
		switch c.Op {
		case syntax.Pipe, syntax.PipeAll:
			// Pipelines are left-associative: X holds every element but
			// the last one.
			l, r := cx, cx
			l.pipeline, l.subshell = true, true
			r.pipeline = true
			x.stmt(c.X, l)
			x.stmt(c.Y, r)
		case syntax.OrStmt:
			r := cx
			r.conditional = true
			x.stmt(c.X, cx)
			x.stmt(c.Y, r)
		default:
			x.stmt(c.X, cx)
			x.stmt(c.Y, cx)
		}
	case *syntax.Subshell:
		cx.subshell = true
		x.stmts(c.Stmts, cx)
	case *syntax.Block:
		x.stmts(c.Stmts, cx)
	case *syntax.IfClause:
		cx.conditional = true
		for ic := c; ic != nil; ic = ic.Else {
			x.stmts(ic.Cond, cx)
			x.stmts(ic.Then, cx)
		}
	case *syntax.WhileClause:
		cx.conditional = true
		x.stmts(c.Cond, cx)
		x.stmts(c.Do, cx)
	case *syntax.ForClause:
		x.expr(c.Loop, cx)
		cx.conditional = true
		x.stmts(c.Do, cx)
	case *syntax.CaseClause:
		x.word(c.Word, cx)
		cx.conditional = true
		for _, it := range c.Items {
			for _, p := range it.Patterns {
				x.word(p, cx)
			}
			x.stmts(it.Stmts, cx)
		}
	case *syntax.FuncDecl:
		cx.conditional = true
		rx = cx // applied at each call
		if c.Body != nil {
			x.stmt(c.Body, cx)
		}
	case *syntax.TimeClause:
		if c.Stmt != nil {
			cx.timed = true
			x.stmt(c.Stmt, cx)
		}
	case *syntax.CoprocClause:
		if c.Name != nil {
			x.word(c.Name, cx)
		}
		cx.subshell = true
		if c.Stmt != nil {
			x.stmt(c.Stmt, cx)
		}
	case *syntax.DeclClause:
		x.decl(c, cx)
	case *syntax.TestDecl:
		if c.Description != nil {
			x.word(c.Description, cx)
		}
		cx.conditional = true
		if c.Body != nil {
			x.stmt(c.Body, cx)
		}
	default:
		// ArithmCmd, TestClause, LetClause and any node added later: no
		// simple command of their own, but substitutions inside run.
		x.expr(c, cx)
	}
	for _, r := range s.Redirs {
		x.redir(r, rx)
	}
}

// expr finds the statements nested anywhere under n (in command and process
// substitutions, or, defensively, statements of node kinds this package does
// not know) with syntax.Walk.
func (x *extractor) expr(n syntax.Node, cx ctx) {
	if n == nil {
		return
	}
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.CmdSubst:
			sub := cx
			sub.subshell = true
			x.stmts(n.Stmts, sub)
			return false
		case *syntax.ProcSubst:
			sub := cx
			sub.subshell = true
			x.stmts(n.Stmts, sub)
			return false
		case *syntax.Stmt:
			x.stmt(n, cx)
			return false
		}
		return true
	})
}

// word finds the commands in the substitutions of w, skipping the tree walk
// for the common words made only of literal text.
func (x *extractor) word(w *syntax.Word, cx ctx) {
	if w == nil {
		return
	}
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit, *syntax.SglQuoted:
			continue
		case *syntax.ParamExp:
			if plainParam(p) {
				continue
			}
		case *syntax.DblQuoted:
			if plainDblQuoted(p) {
				continue
			}
		}
		x.expr(w, cx)
		return
	}
}

func plainDblQuoted(q *syntax.DblQuoted) bool {
	for _, p := range q.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
		case *syntax.ParamExp:
			if !plainParam(p) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// plainParam reports a parameter expansion that cannot hold a substitution:
// $name, ${name}, ${#name}, ${!name}.
func plainParam(p *syntax.ParamExp) bool {
	return p.Exp == nil && p.Repl == nil && p.Slice == nil && p.Index == nil &&
		p.NestedParam == nil && len(p.Modifiers) == 0
}

func (x *extractor) redir(r *syntax.Redirect, cx ctx) {
	x.word(r.Word, cx)
	// An unquoted here-document body may contain substitutions, which run;
	// its text never produces commands.
	x.word(r.Hdoc, cx)
}

func (x *extractor) assign(a *syntax.Assign, cx ctx) {
	if a.Value != nil {
		x.word(a.Value, cx)
	}
	if a.Index != nil {
		x.expr(a.Index, cx)
	}
	if a.Array != nil {
		x.expr(a.Array, cx)
	}
}

func (x *extractor) call(ce *syntax.CallExpr, s *syntax.Stmt, cx ctx, timed bool) {
	for _, a := range ce.Assigns {
		x.assign(a, cx)
	}
	if len(ce.Args) == 0 {
		for _, r := range s.Redirs {
			x.redir(r, cx)
		}
		return
	}
	// Redirections written before the program word ("<in cmd").
	start := ce.Args[0].Pos()
	for _, r := range s.Redirs {
		if start.After(r.Pos()) {
			x.redir(r, cx)
		}
	}

	words := x.b.args(len(ce.Args))
	for i, w := range ce.Args {
		words[i] = x.arg(w)
	}
	cmd := x.b.newCommand()
	cmd.Call = ce
	ni := x.fill(cmd, words)
	if timed {
		cmd.Wrappers = append([]string{"time"}, cmd.Wrappers...)
	}
	cmd.Pos, _ = x.m.span(ce.Args[ni].Pos(), ce.Args[ni].End())
	_, cmd.End = x.m.span(ce.Pos(), ce.End())
	x.add(cmd, cx)

	if x.nested < maxNested {
		if i := shellStringIndex(cmd); i >= 0 {
			sub := cx
			sub.subshell = true
			x.nestedWords(ce.Args[ni+1+i:ni+2+i], sub)
		} else if cmd.Name == "eval" && len(cmd.Args) > 0 {
			x.nestedWords(ce.Args[ni+1:], cx)
		} else if shells[cmd.Base] && readsScriptFromStdin(cmd.Args) {
			// "bash <<EOF": the heredoc body is the script the shell runs.
			x.heredocScript(s.Redirs, cx)
		}
	}

	for _, w := range ce.Args {
		x.word(w, cx)
	}
	for _, r := range s.Redirs {
		if !start.After(r.Pos()) {
			x.redir(r, cx)
		}
	}
}

// fill sets Name, Base, Args and Wrappers of cmd from all the words of the
// call and returns the index of the program word.
func (x *extractor) fill(cmd *Command, words []Arg) int {
	ni, wrappers := stripWrappers(words)
	cmd.Wrappers = wrappers
	w := words[ni]
	if w.Literal && !w.Glob && !w.Brace {
		cmd.Name = w.Value
		if cmd.Name != "" {
			cmd.Base = path.Base(cmd.Name)
		}
	}
	cmd.Args = words[ni+1:]
	return ni
}

// decl records a bash declaration builtin (export, declare, local, ...).
func (x *extractor) decl(d *syntax.DeclClause, cx ctx) {
	for _, a := range d.Args {
		x.assign(a, cx)
	}
	if d.Variant == nil {
		return
	}
	cmd := x.b.newCommand()
	cmd.Decl = d
	cmd.Name = d.Variant.Value
	cmd.Base = cmd.Name
	cmd.Pos, _ = x.m.span(d.Pos(), d.End())
	_, cmd.End = x.m.span(d.Pos(), d.End())
	args := x.b.args(len(d.Args))
	for i, a := range d.Args {
		args[i] = x.assignArg(a)
	}
	cmd.Args = args
	x.add(cmd, cx)
}

// assignArg renders one argument of a declaration builtin.
func (x *extractor) assignArg(a *syntax.Assign) Arg {
	if a.Name == nil {
		if a.Value != nil {
			return x.arg(a.Value) // an option or an expansion
		}
		return Arg{Value: "\x00"}
	}
	var out Arg
	out.Pos, out.End = x.m.span(a.Pos(), a.End())
	switch {
	case a.Naked:
		out.Value, out.Literal = a.Name.Value, true
	case a.Index != nil || a.Array != nil:
		out.Value = a.Name.Value + "=\x00"
	default:
		op := "="
		if a.Append {
			op = "+="
		}
		if a.Value == nil {
			out.Value, out.Literal = a.Name.Value+op, true
			break
		}
		v := x.arg(a.Value)
		out.Value = a.Name.Value + op + v.Value
		out.Literal, out.Glob, out.Brace = v.Literal, v.Glob, v.Brace
	}
	if out.Literal && x.inHole(int(a.Pos().Offset()), int(a.End().Offset())) {
		out.Value, out.Literal = "\x00", false
	}
	return out
}

func (x *extractor) inHole(start, end int) bool {
	for _, h := range x.holes {
		if start < h.end && h.start < end {
			return true
		}
	}
	return false
}

// nestedWords extracts the commands of the script formed by ws (one word for
// "sh -c", all the arguments for "eval").
func (x *extractor) nestedWords(ws []*syntax.Word, cx ctx) {
	in, ok := x.innerSource(ws)
	if !ok {
		return
	}
	x.recurse(in, cx)
}

// recurse parses a nested script and appends its commands.
func (x *extractor) recurse(in inner, cx ctx) {
	if x.nested >= maxNested {
		return
	}
	f, err := parse(in.src)
	if err != nil {
		return // keep the outer command only
	}
	child := &extractor{b: x.b, nested: x.nested + 1, holes: in.holes}
	switch {
	case x.m.exact && in.exact:
		child.m = mapper{exact: true, base: x.m.base + in.base}
	case x.m.exact:
		child.m = mapper{start: x.m.base + in.start, end: x.m.base + in.end}
	default:
		child.m = x.m
	}
	child.stmts(f.Stmts, cx)
}

// heredocScript extracts the commands of a heredoc fed to a shell's
// standard input. Only a body without expansions is analysed (a quoted
// delimiter, or an unquoted body with nothing to expand); positions are
// exact for "<<" bodies and approximate (the body's span) for "<<-", whose
// leading tabs the shell removes.
func (x *extractor) heredocScript(redirs []*syntax.Redirect, cx ctx) {
	for _, r := range redirs {
		if (r.Op != syntax.Hdoc && r.Op != syntax.DashHdoc) || r.Hdoc == nil || (r.N != nil && r.N.Value != "0") {
			continue
		}
		body, ok := literalHeredoc(r.Hdoc)
		if !ok {
			return
		}
		start, end := x.m.span(r.Hdoc.Pos(), r.Hdoc.End())
		in := inner{src: body, start: start, end: end}
		if r.Op == syntax.Hdoc && x.m.exact {
			in.exact, in.base = true, int(r.Hdoc.Pos().Offset())
		}
		if r.Op == syntax.DashHdoc {
			in.src = stripLeadingTabs(body)
		}
		x.recurse(in, cx)
		return
	}
}

// literalHeredoc returns a heredoc body that contains no expansion.
func literalHeredoc(w *syntax.Word) (string, bool) {
	var b strings.Builder
	for _, p := range w.Parts {
		lit, ok := p.(*syntax.Lit)
		if !ok {
			return "", false
		}
		b.WriteString(lit.Value)
	}
	return b.String(), true
}

func stripLeadingTabs(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimLeft(l, "\t")
	}
	return strings.Join(lines, "")
}

// readsScriptFromStdin reports whether a shell's arguments leave it reading
// its script from standard input: only options (no -c, no script file), or
// "-s" / "-".
func readsScriptFromStdin(args []Arg) bool {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !a.Literal {
			return false
		}
		v := a.Value
		switch {
		case v == "-" || v == "--":
			return true
		case v == "-o" || v == "+o":
			i++ // the option's name
		case strings.HasPrefix(v, "--"):
			// long options (--norc, --posix) take no script
		case len(v) > 1 && (v[0] == '-' || v[0] == '+'):
			if v[0] == '-' && strings.ContainsRune(v[1:], 'c') {
				return false
			}
			if strings.ContainsRune(v[1:], 's') {
				return true
			}
		default:
			return false // a script file
		}
	}
	return true
}
