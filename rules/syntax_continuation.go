package rules

// Empty lines inside a continued instruction (DF814).

import (
	"strconv"
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF814",
		Name:     "no-empty-continuation",
		Severity: SeverityWarning,
		Summary:  "An empty line inside a continued instruction",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"NoEmptyContinuation"}},
		Doc: Doc{
			Why: "BuildKit skips empty lines after a line ending with the escape character, so the " +
				"instruction continues past what looks like its end. It is deprecated and will become " +
				"an error; meanwhile a forgotten `\\` before an empty line silently swallows the next " +
				"instruction into this one.",
			Bad:  "FROM debian:bookworm-slim\nRUN apt-get update && \\\n\n    apt-get install -y --no-install-recommends curl",
			Good: "FROM debian:bookworm-slim\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl",
			Fix:  "Delete the empty line, or end the instruction before it (remove the trailing escape character).",
			Notes: "Reported once per instruction, at the first empty line. Comment lines inside a " +
				"continuation are allowed and not reported.",
		},
		Check: checkEmptyContinuation,
	})
}

func checkEmptyContinuation(p *Pass) {
	f := p.File
	for _, w := range f.Warnings {
		if !strings.Contains(strings.ToLower(w.Message), "empty continuation") {
			continue
		}
		var inst *Instruction
		for _, i := range f.Instructions {
			if i.Line <= w.Line && w.Line <= i.EndLine {
				inst = i
				break
			}
		}
		if inst == nil {
			p.Report(Span{Line: w.Line}, "empty line inside a continued instruction; BuildKit warns that this will become an error")
			continue
		}
		var empty []string
		first := 0
		for n := inst.Line + 1; n < w.Line && n <= len(f.Lines); n++ {
			if strings.TrimSpace(f.Lines[n-1]) == "" {
				if first == 0 {
					first = n
				}
				empty = append(empty, strconv.Itoa(n))
			}
		}
		if first == 0 {
			first = w.Line
		}
		lines := "line " + strings.Join(empty, ", ")
		if len(empty) > 1 {
			lines = "lines " + strings.Join(empty, ", ")
		}
		if len(empty) == 0 {
			lines = "an empty line"
		}
		p.ReportFix(Span{Line: first, EndLine: first}, "delete the empty line or end the instruction before it",
			"%s %s continues across %s; empty continuation lines are deprecated and will become an error",
			inst.Keyword, "(line "+strconv.Itoa(inst.Line)+")", lines)
	}
}
