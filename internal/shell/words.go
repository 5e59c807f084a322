package shell

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// unknown stands for each part of a word that is not statically known.
const unknown = "\x00"

// arg renders a word as an Arg.
func (x *extractor) arg(w *syntax.Word) Arg {
	a := Arg{Literal: true}
	a.Pos, a.End = x.m.span(w.Pos(), w.End())
	fast := false
	if len(w.Parts) == 1 {
		switch p := w.Parts[0].(type) {
		case *syntax.Lit:
			if !strings.ContainsAny(p.Value, "\\*?[{~") {
				a.Value, fast = p.Value, true
			}
		case *syntax.SglQuoted:
			if !p.Dollar {
				a.Value, fast = p.Value, true
			}
		case *syntax.DblQuoted:
			if len(p.Parts) == 0 {
				fast = true
			} else if l, ok := p.Parts[0].(*syntax.Lit); ok && len(p.Parts) == 1 && strings.IndexByte(l.Value, '\\') < 0 {
				a.Value, fast = l.Value, true
			}
		}
	}
	if !fast {
		renderWord(w, &a)
	}
	if a.Literal && len(x.holes) > 0 && x.inHole(int(w.Pos().Offset()), int(w.End().Offset())) {
		// A placeholder for unknown outer text ended up quoted in this
		// nested script: the word is not known after all.
		a.Value, a.Literal, a.Glob, a.Brace = unknown, false, false, false
	}
	return a
}

// braceState tracks unquoted braces across the parts of a word.
type braceState struct {
	depth int
	sep   bool
}

// renderWord computes Value, Literal, Glob and Brace of a word.
func renderWord(w *syntax.Word, a *Arg) {
	var sb strings.Builder
	var br braceState
	for i, part := range w.Parts {
		switch p := part.(type) {
		case *syntax.Lit:
			v := p.Value
			if i == 0 && len(v) > 0 && v[0] == '~' {
				// Tilde prefix: everything up to the first slash, when none
				// of it is quoted or escaped.
				end := strings.IndexByte(v, '/')
				if end < 0 && len(w.Parts) == 1 {
					end = len(v)
				}
				if end > 0 && strings.IndexByte(v[:end], '\\') < 0 {
					sb.WriteString(unknown)
					a.Literal = false
					v = v[end:]
				}
			}
			writeUnquoted(&sb, v, a, &br)
		case *syntax.SglQuoted:
			if p.Dollar && strings.IndexByte(p.Value, '\\') >= 0 {
				// $'...' with escapes: not decoded here.
				sb.WriteString(unknown)
				a.Literal = false
				continue
			}
			sb.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				if l, ok := q.(*syntax.Lit); ok {
					writeDblQuoted(&sb, l.Value)
					continue
				}
				sb.WriteString(unknown)
				a.Literal = false
			}
		case *syntax.ExtGlob:
			a.Glob = true
			sb.WriteString(p.Op.String())
			if p.Pattern != nil {
				sb.WriteString(p.Pattern.Value)
			}
			sb.WriteByte(')')
		default: // ParamExp, CmdSubst, ArithmExp, ProcSubst, BraceExp
			sb.WriteString(unknown)
			a.Literal = false
		}
	}
	a.Value = sb.String()
}

// writeUnquoted writes unquoted literal text, removing backslash escapes and
// noting globs and brace expansions.
func writeUnquoted(sb *strings.Builder, v string, a *Arg, br *braceState) {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch c {
		case '\\':
			if i+1 < len(v) {
				i++
				sb.WriteByte(v[i])
				continue
			}
		case '*', '?':
			a.Glob = true
		case '[':
			if strings.IndexByte(v[i+1:], ']') > 0 {
				a.Glob = true
			}
		case '{':
			br.depth++
		case ',':
			if br.depth > 0 {
				br.sep = true
			}
		case '.':
			if br.depth > 0 && i+1 < len(v) && v[i+1] == '.' {
				br.sep = true
			}
		case '}':
			if br.depth > 0 {
				br.depth--
				if br.sep {
					a.Brace = true
				}
			}
		}
		sb.WriteByte(c)
	}
}

// writeDblQuoted writes literal text from inside double quotes, where a
// backslash only escapes $ ` " \ and newline.
func writeDblQuoted(sb *strings.Builder, v string) {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == '\\' && i+1 < len(v) {
			switch v[i+1] {
			case '$', '`', '"', '\\':
				i++
				c = v[i]
			case '\n':
				i++
				continue
			}
		}
		sb.WriteByte(c)
	}
}

// inner is the source of a nested script (an "sh -c" or "eval" string).
type inner struct {
	src string
	// exact reports that offset o of src is offset base+o of the enclosing
	// script; otherwise positions map to [start, end), the span of the words.
	exact      bool
	base       int
	start, end int
	// holes are the placeholders standing for unknown text, in src offsets.
	holes []span
}

const underscores = "________________________________________________________________"

// writePlaceholder writes a parameter expansion of n bytes (when n >= 2)
// standing for unknown text: it parses as an expansion wherever it is
// unquoted, and the hole check catches it where it is quoted.
func writePlaceholder(sb *strings.Builder, n int, holes *[]span) {
	start := sb.Len()
	switch {
	case n >= 4:
		sb.WriteString("${")
		for k := n - 3; k > 0; {
			m := min(k, len(underscores))
			sb.WriteString(underscores[:m])
			k -= m
		}
		sb.WriteByte('}')
	case n == 3:
		sb.WriteString("$__")
	default:
		sb.WriteString("$_")
	}
	*holes = append(*holes, span{start, sb.Len()})
}

// innerSource builds the text that a shell would receive as a script from
// the words ws (joined by spaces), with placeholders for unknown parts.
func (x *extractor) innerSource(ws []*syntax.Word) (inner, bool) {
	in := inner{start: int(ws[0].Pos().Offset()), end: int(ws[len(ws)-1].End().Offset())}
	// Offsets are exact when the string is one part whose content is
	// copied verbatim (placeholders have the length of what they replace).
	contentLen := -1
	if len(ws) == 1 && len(ws[0].Parts) == 1 {
		switch p := ws[0].Parts[0].(type) {
		case *syntax.SglQuoted:
			if !p.Dollar {
				in.base = int(p.Left.Offset()) + 1
				contentLen = int(p.Right.Offset()) - in.base
			}
		case *syntax.Lit:
			in.base = int(p.ValuePos.Offset())
			contentLen = int(p.ValueEnd.Offset()) - in.base
		case *syntax.DblQuoted:
			in.base = int(p.Left.Offset()) + 1
			if p.Dollar {
				in.base++
			}
			contentLen = int(p.Right.Offset()) - in.base
		}
	}
	var sb strings.Builder
	for i, w := range ws {
		if i > 0 {
			sb.WriteByte(' ')
		}
		for _, part := range w.Parts {
			switch p := part.(type) {
			case *syntax.Lit:
				if p.Value == "" {
					continue
				}
				var a Arg
				var br braceState
				writeUnquoted(&sb, p.Value, &a, &br)
				if a.Glob {
					return in, false // expanded by the outer shell
				}
			case *syntax.SglQuoted:
				if p.Dollar && strings.IndexByte(p.Value, '\\') >= 0 {
					writePlaceholder(&sb, int(p.End().Offset()-p.Pos().Offset()), &in.holes)
					continue
				}
				sb.WriteString(p.Value)
			case *syntax.DblQuoted:
				for _, q := range p.Parts {
					if l, ok := q.(*syntax.Lit); ok {
						writeDblQuoted(&sb, l.Value)
						continue
					}
					writePlaceholder(&sb, int(q.End().Offset()-q.Pos().Offset()), &in.holes)
				}
			default:
				writePlaceholder(&sb, int(p.End().Offset()-p.Pos().Offset()), &in.holes)
			}
		}
	}
	in.src = sb.String()
	in.exact = contentLen == len(in.src)
	// Placeholders of this script copied into the string: carry them over
	// when offsets are exact, give up otherwise.
	for _, h := range x.holes {
		if h.start >= in.end || in.start >= h.end {
			continue
		}
		if !in.exact {
			return in, false
		}
		s, e := max(h.start, in.base)-in.base, min(h.end, in.base+len(in.src))-in.base
		if s < e {
			in.holes = append(in.holes, span{s, e})
		}
	}
	return in, true
}
