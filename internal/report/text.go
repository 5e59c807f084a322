package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/fatih/color"

	"github.com/dflint/dflint/rules"
)

// The text format, for people:
//
//	Dockerfile:1:6 warning DF101 Image "ubuntu" has no tag
//	  1 | FROM ubuntu
//	    |      ^~~~~~
//	  fix: FROM ubuntu:24.04
//	broken/Dockerfile:3: error: unknown instruction: FORM
//
//	1 problem (0 errors, 1 warning, 0 info, 0 style) in 1 file, 1 file could not be linted
//
// Each finding is "path:line:col severity RULE-ID message" (":col" is left
// out when the column is unknown, ":line" too for a finding on the whole
// file), followed by up to maxSnippetLines lines of its range with line
// numbers, a marker under the span when it lies on one line and its column
// is known, and the suggested fix. Tabs in source lines are expanded to
// tabWidth columns so the marker lines up; columns count Unicode code
// points. Files that could not be linted print "path:line: error: message".
// The summary line (see summaryLine) closes the output unless Options.Quiet.

const (
	tabWidth        = 4
	maxSnippetLines = 3
)

// palette holds the colors of one call, each switched on or off
// explicitly so the global color.NoColor never matters.
type palette struct {
	sev    map[rules.Severity]*color.Color
	rule   *color.Color
	gutter *color.Color
	fix    *color.Color
}

func newPalette(on bool) palette {
	mk := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	return palette{
		sev: map[rules.Severity]*color.Color{
			rules.SeverityError:   mk(color.FgRed, color.Bold),
			rules.SeverityWarning: mk(color.FgYellow),
			rules.SeverityInfo:    mk(color.FgCyan),
			rules.SeverityStyle:   mk(color.FgMagenta),
		},
		rule:   mk(color.Faint),
		gutter: mk(color.Faint),
		fix:    mk(color.FgGreen),
	}
}

func writeText(w io.Writer, r *Report, opts Options) error {
	files := prepare(r)
	pal := newPalette(opts.Color)
	bw := bufio.NewWriter(w)
	wrote := false
	for _, f := range files {
		if f.Err != nil {
			loc := f.Err.Path
			if f.Err.Line > 0 {
				loc += ":" + strconv.Itoa(f.Err.Line)
			}
			fmt.Fprintf(bw, "%s: %s: %s\n", loc, pal.sev[rules.SeverityError].Sprint("error"), f.Err.Message)
			wrote = true
		}
		for _, fd := range f.Findings {
			writeTextFinding(bw, f, fd, pal)
			wrote = true
		}
	}
	if !opts.Quiet {
		if wrote {
			bw.WriteString("\n")
		}
		bw.WriteString(summaryLine(count(files)) + "\n")
	}
	return bw.Flush()
}

func writeTextFinding(w *bufio.Writer, f *file, fd rules.Finding, pal palette) {
	loc := f.Path
	if fd.Line > 0 {
		loc += ":" + strconv.Itoa(fd.Line)
		if fd.Column > 0 {
			loc += ":" + strconv.Itoa(fd.Column)
		}
	}
	sev := pal.sev[fd.Severity]
	fmt.Fprintf(w, "%s %s %s %s\n", loc, sev.Sprint(fd.Severity.String()), pal.rule.Sprint(fd.RuleID), fd.Message)
	writeSnippet(w, f.Lines, fd, pal, sev)
	if fd.Fix != "" {
		fix := strings.ReplaceAll(strings.TrimRight(fd.Fix, "\n"), "\n", "\n       ")
		fmt.Fprintf(w, "  %s %s\n", pal.fix.Sprint("fix:"), fix)
	}
}

// writeSnippet prints the source lines of fd's range, at most
// maxSnippetLines of them, with a marker under a single-line span.
func writeSnippet(w *bufio.Writer, lines []string, fd rules.Finding, pal palette, sev *color.Color) {
	if _, ok := sourceLine(lines, fd.Line); !ok {
		return
	}
	last := min(fd.EndLine, len(lines))
	shownLast := min(last, fd.Line+maxSnippetLines-1)
	width := len(strconv.Itoa(shownLast))
	blank := pal.gutter.Sprint(strings.Repeat(" ", width) + " |")
	for n := fd.Line; n <= shownLast; n++ {
		text, _ := sourceLine(lines, n)
		display, _ := expandLine(text)
		fmt.Fprintf(w, "  %s %s\n", pal.gutter.Sprintf("%*d |", width, n), display)
	}
	if fd.EndLine == fd.Line && fd.Column > 0 {
		text, _ := sourceLine(lines, fd.Line)
		_, cols := expandLine(text)
		last := len(cols) - 1
		start := cols[min(fd.Column-1, last)]
		end := start + 1
		if fd.EndColumn > fd.Column {
			end = max(cols[min(fd.EndColumn-1, last)], start+1)
		}
		marker := "^" + strings.Repeat("~", end-start-1)
		fmt.Fprintf(w, "  %s %s%s\n", blank, strings.Repeat(" ", start), sev.Sprint(marker))
	}
	if more := last - shownLast; more > 0 {
		fmt.Fprintf(w, "  %s %s\n", blank, pal.gutter.Sprintf("... (%s)", plural(more, "more line", "more lines")))
	}
}

// expandLine returns line as it should be shown (tabs expanded to
// tabWidth, other control characters replaced so they cannot disturb the
// terminal) and the display column, from 0, of each rune; the extra last
// element is the width of the whole line.
func expandLine(line string) (string, []int) {
	var b strings.Builder
	cols := make([]int, 0, len(line)+1)
	col := 0
	for _, r := range line {
		cols = append(cols, col)
		switch {
		case r == '\t':
			n := tabWidth - col%tabWidth
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		case unicode.IsControl(r):
			r = unicode.ReplacementChar
		}
		b.WriteRune(r)
		col++
	}
	cols = append(cols, col)
	return b.String(), cols
}
