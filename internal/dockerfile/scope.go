package dockerfile

import (
	"strings"
	"sync"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// unknownMark stands in for a value the linter cannot know during
// expansion; a result that contains it is unknown.
const unknownMark = "\x00dflint-unknown\x00"

// Var is a variable visible to an instruction.
type Var struct {
	Name string
	// Value is the value as the build would see it when no --build-arg
	// overrides it; meaningful only when Known.
	Value string
	// Known is false for an ARG without a default, or a value built from
	// an unknown one.
	Known bool
	// Env is true for ENV variables, false for ARGs.
	Env bool
	// Line is where the variable was (last) set.
	Line int
}

// Scope is an immutable set of variables: each ARG or ENV makes a new Scope
// that shares its parent, so every instruction can keep a snapshot cheaply.
type Scope struct {
	parent *Scope
	vars   []Var
	// opaque scopes hide their parent for lookups (a new stage starts from
	// the meta ARGs, which are only reachable by re-declaring them).
	opaque bool
}

// Lookup returns the variable named name (case-sensitive, as on Linux).
func (s *Scope) Lookup(name string) (Var, bool) {
	for sc := s; sc != nil; sc = sc.parent {
		for i := len(sc.vars) - 1; i >= 0; i-- {
			if sc.vars[i].Name == name {
				return sc.vars[i], true
			}
		}
		if sc.opaque {
			break
		}
	}
	return Var{}, false
}

// with returns a child scope holding vs.
func (s *Scope) with(vs ...Var) *Scope {
	return &Scope{parent: s, vars: vs}
}

// Names returns the names of every visible variable, for BuildKit's lexer.
func (s *Scope) Names() []string {
	seen := map[string]bool{}
	var out []string
	for sc := s; sc != nil; sc = sc.parent {
		for i := len(sc.vars) - 1; i >= 0; i-- {
			if n := sc.vars[i].Name; !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
		if sc.opaque {
			break
		}
	}
	return out
}

// scopeEnv adapts a Scope to BuildKit's shell.EnvGetter. Unknown and
// undeclared variables expand to unknownMark so the caller can tell the
// result is not known (an undeclared name may come from the base image's
// environment or, in FROM, is an error BuildKit reports itself).
type scopeEnv struct{ s *Scope }

func (e scopeEnv) Get(name string) (string, bool) {
	if v, ok := e.s.Lookup(name); ok && v.Known {
		return v.Value, true
	}
	return unknownMark, true
}

func (e scopeEnv) Keys() []string { return e.s.Names() }

// lexers pools BuildKit lexers (which are not safe for concurrent use) per
// escape token; Dockerfiles only allow ` and \\.
var lexers = map[rune]*sync.Pool{
	'\\': {New: func() any { return shell.NewLex('\\') }},
	'`':  {New: func() any { return shell.NewLex('`') }},
}

// Expand resolves word as BuildKit's word expansion does (the shell lexer:
// $VAR, ${VAR}, ${VAR:-default}, ${VAR#pattern}, quotes and escapes).
func (s *Scope) Expand(word string, escape rune) (string, bool) {
	if !strings.ContainsAny(word, "$\"'") && !strings.ContainsRune(word, escape) {
		return word, true // nothing to expand: the common case
	}
	pool, ok := lexers[escape]
	if !ok {
		pool = lexers['\\']
	}
	lex := pool.Get().(*shell.Lex)
	defer pool.Put(lex)
	res, err := lex.ProcessWordWithMatches(word, scopeEnv{s})
	if err != nil {
		return "", false
	}
	if strings.Contains(res.Result, unknownMark) {
		return "", false
	}
	return res.Result, true
}
