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
	if v, known, ok := s.expandSimple(word, escape); ok {
		return v, known
	}
	return s.expandLex(word, escape)
}

// expandLex is Expand with BuildKit's lexer, for any word.
func (s *Scope) expandLex(word string, escape rune) (string, bool) {
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

// expandSimple expands the words most Dockerfiles use ("$HOME/bin",
// "${JAVA_HOME}/bin:$PATH", "'en_US.UTF-8'", "\"$A $B\"") without BuildKit's
// lexer, which costs a few microseconds and allocations per word. It gives
// the lexer's answer for ASCII words made of plain text, single-quoted
// text, double-quoted text without escapes, $NAME and ${NAME}; ok is false
// for anything else (escapes, modifiers such as ${A:-b}, special or
// positional parameters, a lone "$", "<", unterminated quotes, non-ASCII
// text), which the caller hands to the lexer. A word that uses a variable
// the linter cannot know is unknown, as with the lexer.
func (s *Scope) expandSimple(word string, escape rune) (value string, known, ok bool) {
	var b strings.Builder
	// A word that is exactly one variable needs no copy.
	if name, n := simpleVar(word, 0); n == len(word) && name != "" {
		v, found := s.Lookup(name)
		if !found || !v.Known {
			return "", false, true
		}
		return v.Value, true, true
	}
	inDouble := false
	for i := 0; i < len(word); {
		c := word[i]
		switch {
		case c >= 0x80 || rune(c) == escape || c == '<':
			return "", false, false
		case c == '$':
			name, n := simpleVar(word, i)
			if name == "" {
				return "", false, false
			}
			v, found := s.Lookup(name)
			if !found || !v.Known {
				// The lexer would still reject a malformed rest of the
				// word, which is unknown too.
				return "", false, true
			}
			b.WriteString(v.Value)
			i += n
		case c == '"':
			inDouble = !inDouble
			i++
		case c == '\'' && !inDouble:
			end := strings.IndexByte(word[i+1:], '\'')
			if end < 0 {
				return "", false, false
			}
			b.WriteString(word[i+1 : i+1+end])
			i += end + 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	if inDouble {
		return "", false, false
	}
	return b.String(), true, true
}

// simpleVar parses "$NAME" or "${NAME}" at word[i:] (an ASCII name that
// does not start with a digit) and returns the name and the length of the
// reference; "" when word[i:] holds no such reference.
func simpleVar(word string, i int) (string, int) {
	if i >= len(word) || word[i] != '$' {
		return "", 0
	}
	j := i + 1
	braced := j < len(word) && word[j] == '{'
	if braced {
		j++
	}
	start := j
	for j < len(word) && (isNameByte(word[j]) || (j > start && word[j] >= '0' && word[j] <= '9')) {
		j++
	}
	if j == start {
		return "", 0
	}
	if !braced {
		// The lexer reads a name up to the first byte that is not a
		// letter, digit or underscore; a non-ASCII letter would continue
		// it, so leave such words to the lexer.
		if j < len(word) && word[j] >= 0x80 {
			return "", 0
		}
		return word[start:j], j - i
	}
	if j >= len(word) || word[j] != '}' {
		return "", 0
	}
	return word[start:j], j + 1 - i
}

func isNameByte(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}
