package suppress

import (
	"strings"
	"testing"

	"github.com/dflint/dflint/rules"
)

// FuzzParse feeds Parse arbitrary text with both well-formed and arbitrary
// spans, and Apply arbitrary findings. Parse and Apply must not panic, Apply
// may only drop findings (never add or reorder them) and only raise their
// severity, and every Problem and Pragma must point at a line of the file.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"# check=skip=TstJSONArgs;error=true\nFROM a\n# dflint ignore=TST001 -- why\nRUN x \\\n  y\n",
		"\uFEFF#!/bin/sh\n# CHECK = skip=all\n# hadolint global ignore=DL9008,SC9999\nFROM a\n",
		"FROM a\n# hadolint stage ignore=DL9100\nRUN <<EOF\n# dflint ignore=x\nEOF\nFROM b\n",
		"# hadolint shell=powershell # c\n# dflint global ignore=tst-apt-pin,,\n#\n\nRUN x\r\n",
		"# check=skip=\n# check=error=maybe;skip=a;b=c;d\n# dflint ignore=-- --\n# hadolint ignore=DL9008#x\n",
		"#",
		"",
	} {
		f.Add(seed, []byte{1, 2, 3})
	}
	f.Fuzz(func(t *testing.T, src string, spanBytes []byte) {
		lines := strings.Split(src, "\n")
		_, good := doc(src)
		// Arbitrary spans: pairs of bytes, as signed offsets so that
		// zero, negative and out-of-range lines all occur.
		var odd []Span
		for i := 0; i+1 < len(spanBytes); i += 2 {
			odd = append(odd, Span{Line: int(int8(spanBytes[i])), EndLine: int(int8(spanBytes[i+1]))})
		}
		for _, spans := range [][]Span{good, odd} {
			s := Parse(lines, spans)
			for _, p := range s.Problems {
				if p.Line < 1 || p.Line > len(lines) || p.Message == "" || p.Kind == "" {
					t.Fatalf("bad problem %+v", p)
				}
			}
			for _, p := range s.Pragmas() {
				if p.Line < 1 || p.Line > len(lines) {
					t.Fatalf("bad pragma line %+v", p)
				}
			}
			var findings []rules.Finding
			for i := 0; i <= len(lines)+1; i++ {
				for _, id := range []string{"TST001", "TST002", "TST003", "TST005", "NOPE"} {
					findings = append(findings, at(id, i))
				}
			}
			kept, _ := s.Apply(findings)
			j := 0
			for _, k := range kept {
				for j < len(findings) && (findings[j].RuleID != k.RuleID || findings[j].Line != k.Line) {
					j++
				}
				if j == len(findings) {
					t.Fatalf("Apply invented or reordered finding %+v", k)
				}
				if k.Severity < findings[j].Severity {
					t.Fatalf("Apply lowered a severity: %+v", k)
				}
				j++
			}
			s.ApplySeverity(findings)
			s.ShellAt(len(lines) / 2)
		}
	})
}
