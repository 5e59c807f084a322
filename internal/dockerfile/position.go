package dockerfile

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// segment says that bytes from off on, in some derived string, come from
// the file line numbered line, starting at byte column byteCol (0-based).
type segment struct {
	off, line, byteCol int
}

// posMapper maps byte offsets of a string derived from the file (an
// instruction's joined line, a heredoc body) back to file positions.
type posMapper struct {
	lines    []string
	segments []segment
	// fallbackLine is returned (with column 0) when the mapping is not
	// exact, e.g. for exec-form commands.
	fallbackLine int
}

// position returns the 1-based line and rune column for off; column 0 when
// unknown.
func (m posMapper) position(off int) (line, col int) {
	if len(m.segments) == 0 || off < 0 {
		return m.fallbackLine, 0
	}
	i := sort.Search(len(m.segments), func(i int) bool { return m.segments[i].off > off }) - 1
	if i < 0 {
		i = 0
	}
	seg := m.segments[i]
	byteCol := seg.byteCol + off - seg.off
	if seg.line < 1 || seg.line > len(m.lines) {
		return seg.line, 0
	}
	text := m.lines[seg.line-1]
	if byteCol > len(text) {
		byteCol = len(text)
	}
	return seg.line, utf8.RuneCountInString(text[:byteCol]) + 1
}

// joinedLine is an instruction's text with continuation lines joined the
// way BuildKit's parser joins them, plus the mapping back to the file.
type joinedLine struct {
	text string
	pos  posMapper
	// lastLine is the last file line of the instruction proper (before any
	// heredoc body).
	lastLine int
	// one holds the segment of a one-line instruction (most of them), so
	// that it needs no allocation of its own.
	one [1]segment
}

// join rebuilds the logical line of the instruction starting at file line
// start, mirroring BuildKit's parser: the first line loses its leading
// white space; comment lines and empty lines inside a continuation are
// skipped; a trailing escape character (plus blanks) continues the line.
// A one-line instruction's text is a substring of its line.
func (j *joinedLine) join(lines []string, start int, escape rune) {
	var b strings.Builder
	built := false // whether the text is in b (two pieces or more)
	text := ""     // the text while it is one piece
	n := 0         // the length of the text so far
	segs := j.one[:0]
	line := start
	first := true
	for ; line <= len(lines); line++ {
		raw := lines[line-1]
		col := 0
		if first {
			trimmed := strings.TrimLeftFunc(raw, unicode.IsSpace)
			col = len(raw) - len(trimmed)
			raw = trimmed
		} else {
			trimmed := strings.TrimLeftFunc(raw, unicode.IsSpace)
			if trimmed == "" || trimmed[0] == '#' {
				continue
			}
		}
		body, cont := trimContinuation(raw, escape)
		segs = append(segs, segment{off: n, line: line, byteCol: col})
		if first {
			text = body
		} else {
			if !built {
				b.Grow(n + 2*len(body))
				b.WriteString(text)
				built = true
			}
			b.WriteString(body)
		}
		n += len(body)
		first = false
		if !cont {
			break
		}
	}
	if line > len(lines) {
		line = len(lines)
	}
	if built {
		text = b.String()
	}
	j.text, j.lastLine = text, line
	j.pos = posMapper{lines: lines, segments: segs, fallbackLine: start}
}

// trimContinuation removes a trailing line-continuation escape (and the
// blanks after it), reporting whether the line continues.
func trimContinuation(text string, escape rune) (string, bool) {
	t := strings.TrimRight(text, " \t")
	if !strings.HasSuffix(t, string(escape)) {
		return text, false
	}
	body := t[:len(t)-utf8.RuneLen(escape)]
	// An escaped escape ("\\") at the end is not a continuation, except
	// that BuildKit's regexp treats a line that is only "\" as one.
	if body != "" && strings.HasSuffix(body, string(escape)) {
		return text, false
	}
	return body, true
}

// Span is a located piece of an instruction.
type Span struct {
	Line, Column, EndLine, EndColumn int
}

// Locate returns the span of the first occurrence of substr at or after the
// keyword of the instruction's logical line (continuations joined), or the
// instruction's first line with unknown columns when it cannot be found.
func (i *Instruction) Locate(substr string) Span {
	j := i.joinedLine()
	idx := -1
	if substr != "" {
		// Skip the keyword so "RUN run" finds the argument.
		from := len(i.Written)
		if from > len(j.text) {
			from = 0
		}
		if k := strings.Index(j.text[from:], substr); k >= 0 {
			idx = from + k
		}
	}
	if idx < 0 {
		return Span{Line: i.Line, EndLine: i.Line}
	}
	return i.spanAt(j, idx, idx+len(substr))
}

// LocateArg returns the span of the instruction's n-th argument (Args[n]).
func (i *Instruction) LocateArg(n int) Span {
	if n < 0 || n >= len(i.Args) {
		return Span{Line: i.Line, EndLine: i.Line}
	}
	j := i.joinedLine()
	from := len(i.Written)
	// Find the arguments in order so a repeated word maps to the right
	// occurrence.
	for k := 0; k <= n && from <= len(j.text); k++ {
		idx := strings.Index(j.text[from:], i.Args[k])
		if idx < 0 {
			return Span{Line: i.Line, EndLine: i.Line}
		}
		start := from + idx
		from = start + len(i.Args[k])
		if k == n {
			return i.spanAt(j, start, from)
		}
	}
	return Span{Line: i.Line, EndLine: i.Line}
}

// KeywordSpan is the span of the instruction keyword.
func (i *Instruction) KeywordSpan() Span {
	j := i.joinedLine()
	return i.spanAt(j, 0, len(i.Written))
}

func (i *Instruction) spanAt(j *joinedLine, start, end int) Span {
	l, c := j.pos.position(start)
	el, ec := j.pos.position(end - 1)
	if ec > 0 {
		ec++ // exclusive end column
	}
	return Span{Line: l, Column: c, EndLine: el, EndColumn: ec}
}

func (i *Instruction) joinedLine() *joinedLine {
	return &i.joined
}
