package rules

// Helpers shared by the instruction, syntax, label and secret rules
// (DF8xx): finding the variables a Dockerfile word references the way
// BuildKit's word lexer does, quoting values for fix texts, and edit
// distance for "did you mean" suggestions.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// df8VarRef is one variable reference in a Dockerfile word.
type df8VarRef struct {
	// Name is the variable name ("VERSION" for $VERSION or ${VERSION:-1}).
	Name string
	// Guarded is true when the reference has a default or alternative
	// (${X:-d}, ${X-d}, ${X:+a}, ${X+a}, ${X:?m}, ${X?m}) or sits inside
	// one: an unset variable there is handled by the author.
	Guarded bool
	// Raw is the reference as written ("$VERSION", "${VERSION"), for
	// locating it in the instruction.
	Raw string
}

// df8VarRefs returns the variables word references, in order, following
// BuildKit's lexer (frontend/dockerfile/shell): nothing expands inside
// single quotes, the escape character protects the next character, $NAME
// and ${NAME...} expand everywhere else. Special parameters ($1, $@, ...)
// are not variables and are left out. The scan works on bytes: every
// character it looks for is ASCII, and bytes of multi-byte characters
// count as name characters.
func df8VarRefs(word string, escape rune) []df8VarRef {
	if !strings.Contains(word, "$") {
		return nil
	}
	s := df8Scanner{src: word, escape: byte(escape)}
	if escape >= utf8.RuneSelf {
		s.escape = '\\'
	}
	s.scan(false, false)
	return s.refs
}

type df8Scanner struct {
	src    string
	i      int
	escape byte
	refs   []df8VarRef
}

// scan reads until the end of input, or, with inBrace, until the closing
// brace of a ${...} modifier word (which it consumes).
func (s *df8Scanner) scan(inBrace, guarded bool) {
	inDouble := false
	for s.i < len(s.src) {
		ch := s.src[s.i]
		switch {
		case ch == s.escape:
			s.i += 2
		case ch == '\'' && !inDouble:
			s.i++
			for s.i < len(s.src) && s.src[s.i] != '\'' {
				s.i++
			}
			s.i++
		case ch == '"':
			inDouble = !inDouble
			s.i++
		case ch == '$':
			s.dollar(guarded)
		case ch == '}' && inBrace && !inDouble:
			s.i++
			return
		default:
			s.i++
		}
	}
}

func (s *df8Scanner) dollar(guarded bool) {
	start := s.i
	s.i++ // $
	if s.i >= len(s.src) {
		return
	}
	if s.src[s.i] != '{' {
		name := s.name()
		if name != "" {
			s.refs = append(s.refs, df8VarRef{Name: name, Guarded: guarded, Raw: s.src[start:s.i]})
		}
		return
	}
	s.i++ // {
	name := s.name()
	raw := s.src[start:s.i]
	if s.i >= len(s.src) {
		return
	}
	mod := s.src[s.i]
	s.i++
	if mod == '}' {
		if name != "" {
			s.refs = append(s.refs, df8VarRef{Name: name, Guarded: guarded, Raw: raw})
		}
		return
	}
	if mod == ':' && s.i < len(s.src) {
		mod = s.src[s.i]
		s.i++
	}
	inner := guarded
	switch mod {
	case '-', '+', '?':
		inner = true
		if name != "" {
			s.refs = append(s.refs, df8VarRef{Name: name, Guarded: true, Raw: raw})
		}
	default: // #, %, / and anything else use the value
		if name != "" {
			s.refs = append(s.refs, df8VarRef{Name: name, Guarded: guarded, Raw: raw})
		}
	}
	s.scan(true, inner)
}

// name reads a variable name; special parameters and positional
// parameters are consumed and reported as "".
func (s *df8Scanner) name() string {
	start := s.i
	if s.i < len(s.src) {
		switch ch := s.src[s.i]; {
		case ch >= '0' && ch <= '9':
			for s.i < len(s.src) && s.src[s.i] >= '0' && s.src[s.i] <= '9' {
				s.i++
			}
			return ""
		case strings.IndexByte("@*#?-$!", ch) >= 0:
			s.i++
			return ""
		}
	}
	for s.i < len(s.src) {
		ch := s.src[s.i]
		if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_' || ch >= utf8.RuneSelf) {
			break
		}
		s.i++
	}
	return s.src[start:s.i]
}

// df8Quote renders v as a double-quoted Dockerfile word that expands back
// to v: ", $ and the escape character are escaped. ok is false for values
// that cannot be written on one line.
func df8Quote(v string, escape rune) (string, bool) {
	if strings.ContainsAny(v, "\r\n") {
		return "", false
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range v {
		if r == '"' || r == '$' || r == escape {
			b.WriteRune(escape)
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String(), true
}

// df8Lower lower-cases the first letter of a message taken from BuildKit.
func df8Lower(msg string) string {
	r, n := utf8.DecodeRuneInString(msg)
	if r == utf8.RuneError || n == 0 {
		return msg
	}
	if len(msg) > n && unicode.IsUpper(rune(msg[n])) {
		return msg // an acronym such as "COPY"
	}
	return string(unicode.ToLower(r)) + msg[n:]
}

// df8BareImages are official images whose configuration is known to hold
// nothing but PATH in its environment and no WORKDIR (so "/"): what
// BuildKit sees when it expands variables in a stage built on them.
var df8BareImages = map[string]bool{
	"library/alpine": true, "library/busybox": true, "library/debian": true, "library/ubuntu": true,
}

// df8BareBase reports whether the stage chain of s starts from scratch or
// from one of df8BareImages on Docker Hub, named literally in FROM: its
// inherited environment is at most PATH, and its working directory is "/".
func df8BareBase(s *Stage) bool {
	root := rootStage(s)
	if root.Base.Scratch {
		return true
	}
	// A base from a build argument (FROM $BASE) may be any image.
	return root.Base.IsImage() && root.Base.Domain() == "docker.io" && df8BareImages[root.Base.Path()] &&
		!strings.Contains(root.Base.Raw, "$")
}
