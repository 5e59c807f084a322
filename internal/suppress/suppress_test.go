package suppress

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dflint/dflint/rules"
)

// Fake rules. Their hadolint codes use hadolint's alphabet (D, L, S, C and
// digits) but a range hadolint does not use, and their names and BuildKit
// names are made up, so they cannot collide with built-in rules.
func init() {
	for _, r := range []*rules.Rule{
		{ID: "TST001", Name: "tst-apt-pin", Aliases: rules.Aliases{Hadolint: []string{"DL9008"}, BuildKit: []string{"TstJSONArgs"}}},
		{ID: "TST002", Name: "tst-no-cache", Aliases: rules.Aliases{Hadolint: []string{"DL9015"}}},
		{ID: "TST003", Name: "tst-casing", Aliases: rules.Aliases{BuildKit: []string{"TstFromAsCasing"}}},
		{ID: "TST004", Name: "tst-plain"},
		{ID: "TST005", Name: "tst-split-a", Aliases: rules.Aliases{Hadolint: []string{"DL9100"}}},
		{ID: "TST006", Name: "tst-split-b", Aliases: rules.Aliases{Hadolint: []string{"DL9100"}}},
	} {
		r.Severity = rules.SeverityWarning
		r.Summary = "test rule"
		r.Check = func(*rules.Pass) {}
		if err := rules.Register(r); err != nil {
			panic(err)
		}
	}
}

// doc splits a test Dockerfile into lines and instruction spans, roughly as
// BuildKit would: continuation lines (comment lines inside them included)
// and "<<EOF" heredoc bodies belong to their instruction.
func doc(src string) ([]string, []Span) {
	lines := strings.Split(src, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	trim := func(i int) string {
		return strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(lines[i], "\uFEFF"), "\r"))
	}
	var spans []Span
	for i := 0; i < len(lines); i++ {
		t := trim(i)
		if t == "" || t[0] == '#' {
			continue
		}
		start := i
		heredoc := strings.Contains(t, "<<EOF")
		for (strings.HasSuffix(t, "\\") || heredoc) && i+1 < len(lines) {
			i++
			t = trim(i)
			if heredoc && t == "EOF" {
				break
			}
			if !heredoc && strings.HasPrefix(t, "#") {
				t = "\\" // a comment inside a continuation continues it
			}
		}
		spans = append(spans, Span{Line: start + 1, EndLine: i + 1})
	}
	return lines, spans
}

// at is a finding of rule id starting on line.
func at(id string, line int) rules.Finding {
	return rules.Finding{RuleID: id, Severity: rules.SeverityWarning, Range: rules.Range{Line: line}, Message: "m"}
}

func keys(fs []rules.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s@%d", f.RuleID, f.Line))
	}
	return out
}

func unusedKeys(us []Unused) []string {
	out := []string{}
	for _, u := range us {
		out = append(out, fmt.Sprintf("%s@%d", u.Name, u.Pragma.Line))
	}
	return out
}

func problemKeys(ps []Problem) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s@%d", p.Kind, p.Line))
	}
	return out
}

func TestApply(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		findings []rules.Finding
		kept     []string // rule@line
		unused   []string // name@pragma line
		problems []string // kind@line
	}{
		// dflint pragmas.
		{
			name:     "dflint id",
			src:      "FROM a\n# dflint ignore=TST001\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3), at("TST002", 3)},
			kept:     []string{"TST002@3"},
		},
		{
			name:     "dflint names, any case, spaces around = and commas",
			src:      "FROM a\n# DFLINT Ignore = tst-apt-pin , tst002\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3), at("TST002", 3), at("TST003", 3)},
			kept:     []string{"TST003@3"},
		},
		{
			name:     "dflint reason after --",
			src:      "FROM a\n# dflint ignore=TST001,TST002 -- runs as root by design\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3), at("TST002", 3)},
			kept:     []string{},
		},
		{
			name:     "dflint reason after #",
			src:      "FROM a\n# dflint ignore=TST001 # legacy\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{},
		},
		{
			name:     "indented pragma",
			src:      "FROM a\n   # dflint ignore=TST001\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{},
		},
		{
			name:     "finding inside a multi-line RUN",
			src:      "# dflint ignore=TST001\nRUN apt-get update && \\\n  apt-get install -y \\\n    curl \\\n    git && \\\n  rm -rf /var/lib/apt/lists/*\nRUN y\n",
			findings: []rules.Finding{at("TST001", 4), at("TST001", 6), at("TST001", 7)},
			kept:     []string{"TST001@7"},
		},
		{
			name:     "only the next instruction",
			src:      "# dflint ignore=TST001\nFROM a\nRUN x\n",
			findings: []rules.Finding{at("TST001", 2), at("TST001", 3)},
			kept:     []string{"TST001@3"},
		},
		{
			name:     "other comment lines between pragma and instruction",
			src:      "FROM a\n# dflint ignore=TST001\n# we pin elsewhere\n#\nRUN x\n",
			findings: []rules.Finding{at("TST001", 5)},
			kept:     []string{},
		},
		{
			name:     "two pragma lines stack",
			src:      "FROM a\n# hadolint ignore=DL9008\n# dflint ignore=TST002\nRUN x\n",
			findings: []rules.Finding{at("TST001", 4), at("TST002", 4)},
			kept:     []string{},
		},
		{
			name:     "blank line detaches",
			src:      "FROM a\n# dflint ignore=TST001\n\nRUN x\n",
			findings: []rules.Finding{at("TST001", 4)},
			kept:     []string{"TST001@4"},
			unused:   []string{"TST001@2"},
		},
		{
			name:     "whitespace-only line detaches",
			src:      "FROM a\n# hadolint ignore=DL9008\n  \t\nRUN x\n",
			findings: []rules.Finding{at("TST001", 4)},
			kept:     []string{"TST001@4"},
			unused:   []string{"DL9008@2"},
		},
		{
			name:     "pragma at end of file",
			src:      "FROM a\nRUN x\n# dflint ignore=TST001\n",
			findings: []rules.Finding{at("TST001", 2)},
			kept:     []string{"TST001@2"},
			unused:   []string{"TST001@3"},
		},
		{
			name:     "CRLF line endings",
			src:      "FROM a\r\n# dflint ignore=TST001\r\nRUN x\r\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{},
		},
		{
			name:     "global anywhere, blank lines around",
			src:      "FROM a\nRUN x\n\n# dflint global ignore=TST001\n\nRUN y\n",
			findings: []rules.Finding{at("TST001", 1), at("TST001", 2), at("TST001", 6), at("TST001", 0), at("TST002", 2)},
			kept:     []string{"TST002@2"},
		},
		{
			name:     "file-level finding only silenced globally",
			src:      "# dflint ignore=TST001\nFROM a\n",
			findings: []rules.Finding{at("TST001", 0)},
			kept:     []string{"TST001@0"},
			unused:   []string{"TST001@1"},
		},
		{
			name:     "same rule by id and name counted once",
			src:      "FROM a\n# dflint ignore=TST001,tst-apt-pin\nRUN x\n",
			findings: []rules.Finding{at("TST002", 3)},
			kept:     []string{"TST002@3"},
			unused:   []string{"TST001@2"},
		},
		{
			name:     "dflint unknown rule, the rest applies",
			src:      "FROM a\n# dflint ignore=NOPE9,TST001,no-such-rule\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{},
			problems: []string{"unknown-rule@2", "unknown-rule@2"},
		},
		{
			name:     "dflint pragma naming a hadolint code",
			src:      "FROM a\n# dflint ignore=DL9008\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{"TST001@3"},
			problems: []string{"unknown-rule@2"},
		},
		{
			name:     "dflint malformed",
			src:      "FROM a\n# dflint ignore=\n# dflint ignore=TST001 TST002\n# dflint disable=TST001\n# dflint global ignore TST001\n# dflint ignore=TST001,,TST002\nRUN x\n",
			findings: []rules.Finding{at("TST001", 7)},
			kept:     []string{"TST001@7"},
			problems: []string{"malformed@2", "malformed@3", "malformed@4", "malformed@5", "malformed@6"},
		},
		{
			name:     "comments that merely mention dflint",
			src:      "# dflint runs in CI\n#dflint\n# dflintx ignore=TST001\nFROM a\n",
			findings: []rules.Finding{at("TST001", 4)},
			kept:     []string{"TST001@4"},
		},

		// hadolint pragmas.
		{
			name:     "hadolint codes through aliases",
			src:      "FROM a\n# hadolint ignore=DL9008,DL9015\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3), at("TST002", 3), at("TST004", 3)},
			kept:     []string{"TST004@3"},
		},
		{
			name:     "hadolint grammar: no space after #, tabs, spaces around =",
			src:      "FROM a\n#hadolint\tignore = DL9008 ,\tDL9015\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3), at("TST002", 3)},
			kept:     []string{},
		},
		{
			name:     "hadolint reason after #",
			src:      "FROM a\n# hadolint ignore=DL9008 # We accept this, because\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{},
		},
		{
			name:     "hadolint global",
			src:      "FROM a\nRUN x\n# hadolint global ignore=DL9015\nRUN y\n",
			findings: []rules.Finding{at("TST002", 2), at("TST002", 4)},
			kept:     []string{},
		},
		{
			name:     "hadolint is case-sensitive",
			src:      "FROM a\n# hadolint ignore=dl9008\n# Hadolint ignore=DL9008\n# hadolint IGNORE=DL9008\nRUN x\n",
			findings: []rules.Finding{at("TST001", 5)},
			kept:     []string{"TST001@5"},
			problems: []string{"malformed@2"},
		},
		{
			name:     "hadolint text after the codes needs #",
			src:      "FROM a\n# hadolint ignore=DL9008 -- why\n# hadolint ignore=DL9008 because\n# hadolint ignore DL9008\n# hadolint global ignore=\nRUN x\n",
			findings: []rules.Finding{at("TST001", 6)},
			kept:     []string{"TST001@6"},
			problems: []string{"malformed@2", "malformed@3", "malformed@4", "malformed@5"},
		},
		{
			name:     "comments that merely mention hadolint",
			src:      "# hadolint is configured in .hadolint.yaml\n# hadolint global settings live there\nFROM a\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{"TST001@3"},
		},
		{
			name:     "hadolint code no dflint rule aliases",
			src:      "FROM a\n# hadolint ignore=SC9999,DL9008\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{},
			problems: []string{"unmapped-alias@2"},
		},
		{
			name:     "one hadolint code, two dflint rules, one fired",
			src:      "FROM a\n# hadolint ignore=DL9100\nRUN x\n",
			findings: []rules.Finding{at("TST005", 3)},
			kept:     []string{},
		},
		{
			name:     "hadolint stage ignore covers the rest of the stage",
			src:      "FROM a AS build\nRUN w\n# hadolint stage ignore=DL9008\nRUN x\n\nRUN y\nFROM b\nRUN z\n",
			findings: []rules.Finding{at("TST001", 2), at("TST001", 4), at("TST001", 6), at("TST001", 7), at("TST001", 8)},
			kept:     []string{"TST001@2", "TST001@7", "TST001@8"},
		},
		{
			name:     "hadolint stage ignore above FROM covers that stage",
			src:      "FROM a\nRUN w\n# hadolint stage ignore=DL9008\nFROM b\nRUN x\nfrom c\nRUN y\n",
			findings: []rules.Finding{at("TST001", 2), at("TST001", 4), at("TST001", 5), at("TST001", 7)},
			kept:     []string{"TST001@2", "TST001@7"},
		},
		{
			name:     "hadolint shell pragma is not an ignore",
			src:      "FROM a\n# hadolint shell=powershell\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{"TST001@3"},
		},

		// Pragma-looking lines inside instructions.
		{
			name:     "heredoc body is not read",
			src:      "FROM a\nRUN <<EOF\n# dflint global ignore=TST001\n# hadolint ignore=DL9015\nEOF\nRUN y\n",
			findings: []rules.Finding{at("TST001", 2), at("TST002", 6)},
			kept:     []string{"TST001@2", "TST002@6"},
		},
		{
			name:     "comment inside a continuation is not read",
			src:      "FROM a\nRUN x && \\\n  # dflint ignore=TST001\n  y\nRUN z\n",
			findings: []rules.Finding{at("TST001", 2), at("TST001", 5)},
			kept:     []string{"TST001@2", "TST001@5"},
		},

		// BuildKit's check directive.
		{
			name:     "check skip at file top",
			src:      "# check=skip=TstJSONArgs\nFROM a\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3), at("TST002", 3), at("TST003", 2)},
			kept:     []string{"TST002@3", "TST003@2"},
		},
		{
			name:     "check skip list, after syntax directive",
			src:      "# syntax=docker/dockerfile:1\n# check=skip=TstJSONArgs,TstFromAsCasing\n\nFROM a\n",
			findings: []rules.Finding{at("TST001", 4), at("TST003", 4)},
			kept:     []string{},
		},
		{
			name:     "check skip=all",
			src:      "# check=skip=all\nFROM a\n",
			findings: []rules.Finding{at("TST001", 2), at("TST002", 2), at("TST003", 2), at("TST004", 2)},
			kept:     []string{"TST002@2", "TST004@2"},
		},
		{
			name:     "check key is case-insensitive, spaces around =",
			src:      "#CHECK = skip=TstJSONArgs\nFROM a\n",
			findings: []rules.Finding{at("TST001", 2)},
			kept:     []string{},
		},
		{
			name:     "check names are case-sensitive",
			src:      "# check=skip=tstjsonargs\nFROM a\n",
			findings: []rules.Finding{at("TST001", 2)},
			kept:     []string{"TST001@2"},
			problems: []string{"unmapped-alias@1"},
		},
		{
			name:     "check all is case-sensitive",
			src:      "# check=skip=ALL\nFROM a\n",
			findings: []rules.Finding{at("TST001", 2)},
			kept:     []string{"TST001@2"},
			problems: []string{"unmapped-alias@1"},
		},
		{
			name:     "check after an instruction is a comment",
			src:      "FROM a\n# check=skip=TstJSONArgs\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{"TST001@3"},
		},
		{
			name:     "check after another comment is a comment",
			src:      "# my image\n# check=skip=TstJSONArgs\nFROM a\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{"TST001@3"},
		},
		{
			name:     "check after a blank line is a comment",
			src:      "\n# check=skip=TstJSONArgs\nFROM a\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{"TST001@3"},
		},
		{
			name:     "check after a dflint pragma is a comment",
			src:      "# dflint global ignore=TST002\n# check=skip=TstJSONArgs\nFROM a\n",
			findings: []rules.Finding{at("TST001", 3), at("TST002", 3)},
			kept:     []string{"TST001@3"},
		},
		{
			name:     "indented check is not read by BuildKit",
			src:      "  # check=skip=TstJSONArgs\nFROM a\n",
			findings: []rules.Finding{at("TST001", 2)},
			kept:     []string{"TST001@2"},
		},
		{
			name:     "check after a shebang and a BOM",
			src:      "\uFEFF#!/usr/bin/env buildctl\n# check=skip=TstJSONArgs\nFROM a\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{},
		},
		{
			name:     "check value ends at the first space",
			src:      "# check=skip=TstJSONArgs, TstFromAsCasing\nFROM a\n",
			findings: []rules.Finding{at("TST001", 2), at("TST003", 2)},
			kept:     []string{"TST003@2"},
			problems: []string{"malformed@1"},
		},
		{
			name:     "check with a reason",
			src:      "# check=skip=TstJSONArgs -- exec form breaks our wrapper\nFROM a\n",
			findings: []rules.Finding{at("TST001", 2)},
			kept:     []string{},
		},
		{
			name:     "invalid check option: nothing applies",
			src:      "# check=skip=TstJSONArgs;frobnicate=1\nFROM a\n",
			findings: []rules.Finding{at("TST001", 2)},
			kept:     []string{"TST001@2"},
			problems: []string{"malformed@1"},
		},
		{
			name:     "second check directive",
			src:      "# check=skip=TstJSONArgs\n# check=skip=TstFromAsCasing\nFROM a\n",
			findings: []rules.Finding{at("TST001", 3), at("TST003", 3)},
			kept:     []string{"TST003@3"},
			problems: []string{"malformed@2"},
		},
		{
			name:     "check name no dflint rule aliases",
			src:      "# check=skip=SecretsUsedInArgOrEnvX,TstJSONArgs\nFROM a\n",
			findings: []rules.Finding{at("TST001", 2)},
			kept:     []string{},
			problems: []string{"unmapped-alias@1"},
		},

		// Unused.
		{
			name:     "pragma naming two rules, one fired",
			src:      "FROM a\n# dflint ignore=TST001,TST002\nRUN x\n",
			findings: []rules.Finding{at("TST001", 3)},
			kept:     []string{},
			unused:   []string{"TST002@2"},
		},
		{
			name:     "finding elsewhere does not use a pragma",
			src:      "FROM a\n# hadolint ignore=DL9008\nRUN x\nRUN y\n",
			findings: []rules.Finding{at("TST001", 4)},
			kept:     []string{"TST001@4"},
			unused:   []string{"DL9008@2"},
		},
		{
			name:     "unused across sources, in line order",
			src:      "# check=skip=TstFromAsCasing\nFROM a\n# hadolint global ignore=DL9015\n# dflint ignore=TST001\nRUN x\n",
			findings: []rules.Finding{at("TST004", 5)},
			kept:     []string{"TST004@5"},
			unused:   []string{"TstFromAsCasing@1", "DL9015@3", "TST001@4"},
		},
		{
			name:   "skip=all that silenced nothing",
			src:    "# check=skip=all\nFROM a\n",
			kept:   []string{},
			unused: []string{"all@1"},
		},
		{
			name:     "two pragmas silencing one finding are both used",
			src:      "# dflint global ignore=TST001\nFROM a\n# dflint ignore=TST001\nRUN x\n",
			findings: []rules.Finding{at("TST001", 4)},
			kept:     []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, spans := doc(tt.src)
			s := Parse(lines, spans)
			kept, unused := s.Apply(tt.findings)
			if got := keys(kept); !slices.Equal(got, tt.kept) {
				t.Errorf("kept = %v, want %v", got, tt.kept)
			}
			if tt.unused == nil {
				tt.unused = []string{}
			}
			if got := unusedKeys(unused); !slices.Equal(got, tt.unused) {
				t.Errorf("unused = %v, want %v", got, tt.unused)
			}
			if tt.problems == nil {
				tt.problems = []string{}
			}
			if got := problemKeys(s.Problems); !slices.Equal(got, tt.problems) {
				t.Errorf("problems = %v, want %v", got, tt.problems)
				for _, p := range s.Problems {
					t.Logf("  %d %s: %s", p.Line, p.Kind, p.Message)
				}
			}
		})
	}
}

func TestPragmaFields(t *testing.T) {
	src := "# check=skip=TstJSONArgs,TstFromAsCasing;error=true -- legacy\n" +
		"FROM a\n" +
		"# dflint ignore=TST004, tst-apt-pin -- runs as root by design\n" +
		"# hadolint ignore=DL9100 # both halves\n" +
		"RUN a && \\\n" +
		"  b\n" +
		"# hadolint global ignore=DL9015\n" +
		"# dflint ignore=TST002\n" +
		"\n" +
		"RUN c\n" +
		"# hadolint stage ignore=DL9008\n" +
		"RUN d\n"
	lines, spans := doc(src)
	got := Parse(lines, spans).Pragmas()
	want := []Pragma{
		{Line: 1, Text: "# check=skip=TstJSONArgs,TstFromAsCasing;error=true -- legacy", Rules: []string{"TST001", "TST003"}, Global: true, Source: SourceCheck, Reason: "legacy"},
		{Line: 3, Text: "# dflint ignore=TST004, tst-apt-pin -- runs as root by design", Rules: []string{"TST004", "TST001"}, Source: SourceDflint, Reason: "runs as root by design", Target: Span{5, 6}},
		{Line: 4, Text: "# hadolint ignore=DL9100 # both halves", Rules: []string{"TST005", "TST006"}, Source: SourceHadolint, Reason: "both halves", Target: Span{5, 6}},
		{Line: 7, Text: "# hadolint global ignore=DL9015", Rules: []string{"TST002"}, Global: true, Source: SourceHadolint},
		{Line: 8, Text: "# dflint ignore=TST002", Rules: []string{"TST002"}, Source: SourceDflint},
		{Line: 11, Text: "# hadolint stage ignore=DL9008", Rules: []string{"TST001"}, Stage: true, Source: SourceHadolint, Target: Span{12, 12}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d pragmas, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Line != w.Line || g.Text != w.Text || !slices.Equal(g.Rules, w.Rules) || g.Global != w.Global ||
			g.Stage != w.Stage || g.Source != w.Source || g.Reason != w.Reason || g.Target != w.Target {
			t.Errorf("pragma %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func TestUnusedFields(t *testing.T) {
	lines, spans := doc("# check=skip=all\nFROM a\n# hadolint ignore=DL9100,DL9015\nRUN x\n")
	_, unused := Parse(lines, spans).Apply(nil)
	want := []Unused{
		{RuleID: "", Name: "all"},
		{RuleID: "TST005", Name: "DL9100"},
		{RuleID: "TST002", Name: "DL9015"},
	}
	if len(unused) != len(want) {
		t.Fatalf("unused = %+v", unused)
	}
	for i, w := range want {
		if unused[i].RuleID != w.RuleID || unused[i].Name != w.Name {
			t.Errorf("unused[%d] = %s/%s, want %s/%s", i, unused[i].RuleID, unused[i].Name, w.RuleID, w.Name)
		}
	}
	if unused[0].Pragma.Source != SourceCheck || unused[1].Pragma.Line != 3 {
		t.Errorf("unused pragmas: %+v", unused)
	}
}

func TestProblemMessages(t *testing.T) {
	src := "# check=skip=tstjsonargs\nFROM a\n# dflint ignore=DL9008\n# hadolint ignore=SC9999\nRUN x\n"
	lines, spans := doc(src)
	s := Parse(lines, spans)
	want := []string{
		`did you mean TstJSONArgs?`,
		`"DL9008" is another linter's name for TST001`,
		`hadolint rule SC9999 has no dflint equivalent`,
	}
	if len(s.Problems) != len(want) {
		t.Fatalf("problems = %+v", s.Problems)
	}
	for i, w := range want {
		if !strings.Contains(s.Problems[i].Message, w) {
			t.Errorf("problem %d = %q, want it to contain %q", i, s.Problems[i].Message, w)
		}
	}
}

func TestCheckError(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		raise bool
	}{
		{"error=true", "# check=error=true\nFROM a\n", true},
		{"error=TRUE (strconv.ParseBool)", "# check=error=TRUE\nFROM a\n", true},
		{"error=1 with skip", "# check=skip=TstFromAsCasing;error=1\nFROM a\n", true},
		{"error=false", "# check=error=false\nFROM a\n", false},
		{"error not a bool", "# check=error=yes\nFROM a\n", false},
		{"after an instruction", "FROM a\n# check=error=true\n", false},
		{"after a comment", "# hello\n# check=error=true\nFROM a\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, spans := doc(tt.src)
			s := Parse(lines, spans)
			if s.CheckError != tt.raise {
				t.Fatalf("CheckError = %v, want %v", s.CheckError, tt.raise)
			}
			in := []rules.Finding{at("TST001", 1), at("TST002", 1), at("TST004", 1)}
			in[2].Severity = rules.SeverityError
			wantSev := []rules.Severity{rules.SeverityWarning, rules.SeverityWarning, rules.SeverityError}
			if tt.raise {
				wantSev[0] = rules.SeverityError // TST001 has a BuildKit alias; TST002 has none
			}
			for _, out := range [][]rules.Finding{s.ApplySeverity(in), first(s.Apply(in))} {
				if len(out) != len(in) {
					t.Fatalf("got %d findings, want %d", len(out), len(in))
				}
				for i := range out {
					if out[i].Severity != wantSev[i] {
						t.Errorf("%s severity = %v, want %v", out[i].RuleID, out[i].Severity, wantSev[i])
					}
				}
			}
			if in[0].Severity != rules.SeverityWarning {
				t.Error("input findings were modified")
			}
		})
	}
}

func first[A, B any](a A, _ B) A { return a }

func TestCheckSkipWithErrorSilencesSkipped(t *testing.T) {
	lines, spans := doc("# check=skip=TstJSONArgs;error=true\nFROM a\n")
	kept, _ := Parse(lines, spans).Apply([]rules.Finding{at("TST001", 2), at("TST003", 2)})
	if len(kept) != 1 || kept[0].RuleID != "TST003" || kept[0].Severity != rules.SeverityError {
		t.Fatalf("kept = %+v", kept)
	}
}

func TestShell(t *testing.T) {
	src := "# hadolint shell=pwsh\n" + // 1: before the first FROM: every stage's default
		"FROM a\n" + // 2
		"RUN x\n" + // 3
		"# hadolint shell=powershell # windows stage\n" + // 4
		"RUN y\n" + // 5
		"FROM b\n" + // 6
		"RUN z\n" // 7
	lines, spans := doc(src)
	s := Parse(lines, spans)
	if s.Shell != "pwsh" {
		t.Errorf("Shell = %q", s.Shell)
	}
	for line, want := range map[int]string{1: "", 2: "pwsh", 3: "pwsh", 5: "powershell", 7: "pwsh"} {
		if got := s.ShellAt(line); got != want {
			t.Errorf("ShellAt(%d) = %q, want %q", line, got, want)
		}
	}

	lines, spans = doc("FROM a\n# hadolint shell=powershell\nRUN x\nFROM b\nRUN y\n")
	s = Parse(lines, spans)
	if s.Shell != "powershell" || s.ShellAt(3) != "powershell" || s.ShellAt(5) != "" {
		t.Errorf("Shell = %q, ShellAt(3) = %q, ShellAt(5) = %q", s.Shell, s.ShellAt(3), s.ShellAt(5))
	}

	for _, bad := range []string{"# hadolint shell=\n", "# hadolint shell=bash extra\n", "# hadolint shell bash\n"} {
		lines, spans = doc(bad + "FROM a\n")
		s = Parse(lines, spans)
		if s.Shell != "" || len(s.Problems) != 1 || s.Problems[0].Kind != KindMalformed {
			t.Errorf("%q: Shell = %q, problems = %+v", bad, s.Shell, s.Problems)
		}
	}
}

func TestNilSet(t *testing.T) {
	var s *Set
	in := []rules.Finding{at("TST001", 1)}
	kept, unused := s.Apply(in)
	if len(kept) != 1 || unused != nil {
		t.Errorf("Apply on nil Set = %v, %v", kept, unused)
	}
	if len(s.ApplySeverity(in)) != 1 || s.Pragmas() != nil || s.ShellAt(3) != "" {
		t.Error("nil Set methods")
	}
}

func TestOddSpans(t *testing.T) {
	lines := []string{"# dflint ignore=TST001", "RUN x", "RUN y"}
	for _, spans := range [][]Span{
		nil,
		{{Line: 3, EndLine: 3}, {Line: 2, EndLine: 1}}, // out of order, EndLine before Line
		{{Line: 2, EndLine: 99}, {Line: 2, EndLine: 2}, {Line: 3}},
		{{Line: 0}, {Line: -4, EndLine: -1}, {Line: 50, EndLine: 60}},
	} {
		s := Parse(lines, spans)
		s.Apply([]rules.Finding{at("TST001", 2), at("TST001", 1<<40)})
	}
	// Out-of-order spans are sorted: the pragma still reaches line 2.
	s := Parse(lines, []Span{{Line: 3, EndLine: 3}, {Line: 2, EndLine: 2}})
	if kept, _ := s.Apply([]rules.Finding{at("TST001", 2)}); len(kept) != 0 {
		t.Errorf("kept = %v", keys(kept))
	}
}

func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("# syntax=docker/dockerfile:1\n# check=skip=TstJSONArgs\n\nFROM debian:12\n")
	for i := range 200 {
		fmt.Fprintf(&sb, "# step %d\n", i)
		if i%20 == 0 {
			sb.WriteString("# hadolint ignore=DL9008,DL9015\n# dflint ignore=TST004 -- reason\n")
		}
		sb.WriteString("RUN apt-get update && \\\n    apt-get install -y curl\n\n")
	}
	lines, spans := doc(sb.String())
	b.ReportAllocs()
	for b.Loop() {
		Parse(lines, spans)
	}
}
