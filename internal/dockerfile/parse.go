package dockerfile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dflint/dflint/internal/buildctx"
)

// MaxSize is the largest Dockerfile dflint reads. Real Dockerfiles are a few
// kilobytes; anything near this is not a Dockerfile, and refusing it keeps
// one bad file from exhausting memory.
const MaxSize = 4 << 20

// Options tune how a file is modelled.
type Options struct {
	// Context is the build context; nil when unknown.
	Context *buildctx.Context
	// Target is the --target stage name ("" for the last stage).
	Target string
	// ShellAt, when set, overrides the shell the linter assumes for a RUN
	// starting at a line ("" keeps the stage's shell), e.g. "powershell"
	// from a "# hadolint shell=powershell" pragma.
	ShellAt func(line int) string
	// BuildArgs are the values given with docker build --build-arg. As in
	// a build they override the defaults of the ARGs they name; ARGs the
	// Dockerfile does not declare are not made visible by them.
	BuildArgs map[string]string
}

// Error is a Dockerfile that cannot be modelled: unreadable, not a
// Dockerfile, or rejected by BuildKit's parser. Line is 0 when the problem
// has no line.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Parse models src, the content of the Dockerfile at path. It never
// panics: a failure inside BuildKit's parser on hostile input is returned
// as an Error like any other invalid Dockerfile.
func Parse(path string, src []byte, opts Options) (f *File, err error) {
	defer func() {
		if v := recover(); v != nil {
			f, err = nil, &Error{Path: path, Msg: fmt.Sprintf("cannot parse: %v", v)}
		}
	}()
	src = bytes.TrimPrefix(src, utf8BOM)
	if err := checkText(path, src); err != nil {
		return nil, err
	}
	res, err := parser.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, parseError(path, err)
	}
	f = &File{
		Path:    path,
		Source:  src,
		Lines:   splitLines(src),
		Escape:  res.EscapeToken,
		Context: opts.Context,
		Target:  strings.ToLower(opts.Target),
	}
	for _, w := range res.Warnings {
		line := 0
		if w.Location != nil {
			line = w.Location.Start.Line
		}
		f.Warnings = append(f.Warnings, Warning{Line: line, Message: w.Short})
	}
	f.scanComments()
	b := builder{f: f, shellAt: opts.ShellAt, buildArgs: opts.BuildArgs}
	for _, node := range res.AST.Children {
		if err := b.add(node); err != nil {
			return nil, err
		}
	}
	if len(f.Stages) == 0 {
		return nil, &Error{Path: path, Line: lastLine(f), Msg: "no FROM instruction: not a Dockerfile, or every instruction is an ARG"}
	}
	if f.Target != "" && f.FinalStage() == nil {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("target stage %q not found", opts.Target)}
	}
	return f, nil
}

// checkText rejects content that cannot be a Dockerfile before BuildKit's
// parser sees it, with a message that says why.
func checkText(path string, src []byte) error {
	if len(src) > MaxSize {
		return &Error{Path: path, Msg: fmt.Sprintf("file is %d bytes, larger than the %d-byte limit for a Dockerfile", len(src), MaxSize)}
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return &Error{Path: path, Msg: "empty file: no instructions"}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return &Error{Path: path, Line: lineOf(src, i), Msg: "binary content (NUL byte): not a Dockerfile"}
	}
	if !utf8.Valid(src) {
		i := 0
		for i < len(src) {
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		return &Error{Path: path, Line: lineOf(src, i), Msg: "invalid UTF-8"}
	}
	return nil
}

func lineOf(src []byte, off int) int { return bytes.Count(src[:off], []byte{'\n'}) + 1 }

func lastLine(f *File) int { return len(f.Lines) }

// parseError converts BuildKit's parse errors (which carry stack traces and
// ranges) into an Error with the first line.
func parseError(path string, err error) *Error {
	line := 0
	var le *parser.LocationError
	if errors.As(err, &le) {
		for _, rs := range le.Locations {
			if len(rs) > 0 && rs[0].Start.Line > 0 {
				line = rs[0].Start.Line
				break
			}
		}
	}
	msg := err.Error()
	if le != nil && le.Unwrap() != nil {
		msg = le.Unwrap().Error()
	}
	return &Error{Path: path, Line: line, Msg: msg}
}

func splitLines(src []byte) []string {
	s := string(src)
	s = strings.TrimSuffix(s, "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// scanComments records comment lines and the parser directives of the
// leading comment block (as BuildKit: directives are only recognised before
// the first instruction, blank line or non-directive comment).
func (f *File) scanComments() {
	directives := true
	for n, raw := range f.Lines {
		t := strings.TrimSpace(raw)
		if t == "" {
			directives = false
			continue
		}
		if t[0] != '#' {
			directives = false
			continue
		}
		text := strings.TrimSpace(t[1:])
		f.Comments = append(f.Comments, Comment{Line: n + 1, Text: text})
		if !directives {
			continue
		}
		k, v, ok := strings.Cut(text, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || strings.ContainsAny(k, " \t") || (k != "syntax" && k != "escape" && k != "check") {
			directives = false
			continue
		}
		f.Directives = append(f.Directives, Directive{Name: k, Value: strings.TrimSpace(v), Line: n + 1})
	}
}

// Directive returns the value of parser directive name and whether it is
// set.
func (f *File) Directive(name string) (string, bool) {
	for _, d := range f.Directives {
		if d.Name == name {
			return d.Value, true
		}
	}
	return "", false
}

// quietLinter is handed to BuildKit's instruction parser, which merges
// "# check=" comments into it (and dereferences a nil one). It has no Warn
// function, so it never reports or records anything and is safe to share.
var quietLinter = linter.New(&linter.Config{})

// builder assembles a File instruction by instruction.
type builder struct {
	f         *File
	shellAt   func(line int) string
	buildArgs map[string]string
	meta      *Scope // meta ARGs
	scope     *Scope // current stage's scope
	stage     *Stage
	shell     []string
}

func (b *builder) add(node *parser.Node) error {
	f := b.f
	cmd, err := ParseInstruction(node)
	if err != nil {
		return parseError(f.Path, err)
	}
	inst := &Instruction{
		Keyword: upperKeyword(node.Value),
		Written: writtenKeyword(node),
		Line:    node.StartLine,
		EndLine: node.EndLine,
		Node:    node,
		Command: cmd,
		Flags:   node.Flags,
		Args:    nodeArgs(node),
		file:    f,
	}
	inst.joined.join(f.Lines, inst.Line, f.Escape)
	f.Instructions = append(f.Instructions, inst)

	if st, ok := cmd.(*instructions.Stage); ok {
		return b.addStage(inst, st)
	}
	if b.stage == nil {
		arg, ok := cmd.(*instructions.ArgCommand)
		if !ok {
			return &Error{Path: f.Path, Line: inst.Line, Msg: fmt.Sprintf("%s before the first FROM: a Dockerfile must start with FROM (only ARG and parser directives may precede it)", inst.Keyword)}
		}
		b.meta = b.declareArgs(b.meta, arg, inst.Line, nil)
		inst.Vars = b.meta
		f.MetaArgs = append(f.MetaArgs, inst)
		return nil
	}
	inst.Stage = b.stage
	inst.Vars = b.scope
	inst.Shell = b.shell
	b.stage.Instructions = append(b.stage.Instructions, inst)

	switch c := cmd.(type) {
	case *instructions.ArgCommand:
		b.scope = b.declareArgs(b.scope, c, inst.Line, b.meta)
	case *instructions.EnvCommand:
		vars := make([]Var, 0, len(c.Env))
		sc := b.scope
		for _, kv := range c.Env {
			// ENV a=1 b=$a: each pair sees the scope before the
			// instruction (BuildKit expands all pairs against it).
			v, known := b.scope.Expand(kv.Value, f.Escape)
			vars = append(vars, Var{Name: kv.Key, Value: v, Known: known, Env: true, Line: inst.Line})
		}
		b.scope = sc.with(vars...)
	case *instructions.ShellCommand:
		b.shell = c.Shell
	case *instructions.CmdCommand:
		inst.Cmd = b.runScript(inst, &c.ShellDependantCmdLine)
	case *instructions.EntrypointCommand:
		inst.Cmd = b.runScript(inst, &c.ShellDependantCmdLine)
	case *instructions.RunCommand:
		inst.Run = b.runScript(inst, &c.ShellDependantCmdLine)
		inst.mounts, inst.mountsKnown = parseMounts(inst)
	}
	b.stage.endScope, b.stage.endShell = b.scope, b.shell
	return nil
}

func (b *builder) addStage(inst *Instruction, st *instructions.Stage) error {
	f := b.f
	s := &Stage{Index: len(f.Stages), Name: st.Name, From: inst, Platform: st.Platform}
	inst.Stage = s
	inst.Vars = b.meta
	raw := st.BaseName
	resolved, known := b.meta.Expand(raw, f.Escape)
	s.Base = resolveBase(f, s, raw, known, resolved)
	if s.Base.Stage != nil {
		s.Parent = s.Base.Stage
	}
	s.Windows = windowsImage(s.Base) || strings.HasPrefix(strings.ToLower(s.Platform), "windows/")
	// A stage starts with the meta ARGs hidden (they must be re-declared),
	// and inherits ENV, ARGs and SHELL from a parent stage.
	b.scope = &Scope{parent: nil, opaque: true}
	b.shell = defaultShell(false)
	if p := s.Parent; p != nil {
		s.Windows = s.Windows || p.Windows
		b.scope = inheritedVars(p)
		b.shell = p.endShell
	}
	if s.Windows && s.Parent == nil {
		b.shell = defaultShell(true)
	}
	inst.Shell = b.shell
	s.endScope, s.endShell = b.scope, b.shell
	b.stage = s
	f.Stages = append(f.Stages, s)
	return nil
}

// declareArgs adds the variables of an ARG. Inside a stage, an ARG without
// a default takes the default of the meta ARG of the same name.
func (b *builder) declareArgs(scope *Scope, c *instructions.ArgCommand, line int, meta *Scope) *Scope {
	if scope == nil {
		scope = &Scope{opaque: true}
	}
	for _, kv := range c.Args {
		v := Var{Name: kv.Key, Line: line}
		switch {
		case kv.Value != nil:
			v.Value, v.Known = scope.Expand(*kv.Value, b.f.Escape)
		case meta != nil:
			if mv, ok := meta.Lookup(kv.Key); ok {
				v.Value, v.Known = mv.Value, mv.Known
			}
		}
		if arg, ok := b.buildArgs[kv.Key]; ok {
			v.Value, v.Known = arg, true
		}
		if !v.Known {
			v.Value = ""
		}
		scope = scope.with(v) // later pairs of the same ARG see earlier ones
	}
	return scope
}

// inheritedVars are the variables of stage p at its end, which a stage
// built FROM p starts with: its ENV (part of the image) and, as BuildKit
// does, its ARGs.
func inheritedVars(p *Stage) *Scope {
	var envs []Var
	seen := map[string]bool{}
	for s := p.endScope; s != nil; s = s.parent {
		for i := len(s.vars) - 1; i >= 0; i-- {
			if v := s.vars[i]; !seen[v.Name] {
				seen[v.Name] = true
				envs = append(envs, v)
			}
		}
		if s.opaque {
			break
		}
	}
	sc := &Scope{opaque: true}
	for i := len(envs) - 1; i >= 0; i-- { // oldest first, so newer values win
		sc = sc.with(envs[i])
	}
	return sc
}

func defaultShell(windows bool) []string {
	if windows {
		return []string{"cmd", "/S", "/C"}
	}
	return []string{"/bin/sh", "-c"}
}

// upperKeyword is strings.ToUpper of a parse node's keyword (which BuildKit
// lower-cases), without an allocation for the instructions that exist.
func upperKeyword(v string) string {
	switch v {
	case "add":
		return "ADD"
	case "arg":
		return "ARG"
	case "cmd":
		return "CMD"
	case "copy":
		return "COPY"
	case "entrypoint":
		return "ENTRYPOINT"
	case "env":
		return "ENV"
	case "expose":
		return "EXPOSE"
	case "from":
		return "FROM"
	case "healthcheck":
		return "HEALTHCHECK"
	case "label":
		return "LABEL"
	case "maintainer":
		return "MAINTAINER"
	case "onbuild":
		return "ONBUILD"
	case "run":
		return "RUN"
	case "shell":
		return "SHELL"
	case "stopsignal":
		return "STOPSIGNAL"
	case "user":
		return "USER"
	case "volume":
		return "VOLUME"
	case "workdir":
		return "WORKDIR"
	}
	return strings.ToUpper(v)
}

// writtenKeyword is the keyword as it appears in the source.
func writtenKeyword(node *parser.Node) string {
	orig := strings.TrimSpace(node.Original)
	if len(orig) >= len(node.Value) && strings.EqualFold(orig[:len(node.Value)], node.Value) {
		return orig[:len(node.Value)]
	}
	return node.Value
}

// nodeArgs collects the words after the keyword. ONBUILD keeps its nested
// instruction as a single word.
func nodeArgs(node *parser.Node) []string {
	count := 0
	for n := node.Next; n != nil; n = n.Next {
		count++
	}
	if count == 0 {
		return nil
	}
	out := make([]string, 0, count)
	for n := node.Next; n != nil; n = n.Next {
		if len(n.Children) > 0 {
			out = append(out, strings.TrimSpace(n.Children[0].Original))
			continue
		}
		out = append(out, n.Value)
	}
	return out
}
