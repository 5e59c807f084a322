package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dflint/dflint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixture is the shared report of the golden tests: two files with
// findings of all four severities (one with a fix, several with columns,
// one spanning lines, one under a tab-indented line, one rule firing twice
// on identical lines), a file that failed to parse, one that could not be
// read and a clean file. Files and findings are deliberately out of order.
func fixture() *Report {
	return &Report{
		ToolVersion: "1.2.3",
		BaseDir:     ".",
		Rules: []*rules.Rule{
			{ID: "DF900", Name: "never-fires", Severity: rules.SeverityInfo, Summary: "An enabled rule without findings."},
			{
				ID: "DF101", Name: "base-image-untagged", Severity: rules.SeverityWarning,
				Summary: "Pin the base image to a tag.",
				Doc: rules.Doc{
					Why:   "An untagged image means \"latest\", which changes under you.",
					Bad:   "FROM ubuntu\n",
					Good:  "FROM ubuntu:24.04\n",
					Fix:   "Add a tag or a digest to the image.",
					Notes: "Scratch is exempt.",
				},
				Aliases: rules.Aliases{Hadolint: []string{"DL3006"}, Trivy: []string{"DS001"}},
			},
			{ID: "DF102", Name: "workdir-relative", Severity: rules.SeverityError, Summary: "WORKDIR must be absolute.",
				Doc: rules.Doc{Why: "A relative WORKDIR depends on the previous one."}, Aliases: rules.Aliases{BuildKit: []string{"WorkdirRelativePath"}}},
			{ID: "DF305", Name: "apt-no-recommends", Severity: rules.SeverityInfo, Summary: "Use --no-install-recommends."},
			{ID: "DF310", Name: "one-package-per-line", Severity: rules.SeverityStyle, Summary: "Put each package on its own line."},
			{ID: "DF401", Name: "maintainer-deprecated", Severity: rules.SeverityStyle, Summary: "MAINTAINER is deprecated.",
				Doc: rules.Doc{Why: "Labels replace it.", Bad: "MAINTAINER me <me@example.com>", Good: "LABEL org.opencontainers.image.authors=\"me\"", Fix: "Use a `LABEL`."}},
			{ID: "DF501", Name: "copy-from-index", Severity: rules.SeverityInfo, Summary: "Name stages instead of using indexes."},
		},
		Files: []*FileResult{
			{
				Path: "services/api app/Dockerfile",
				Lines: []string{
					"FROM ubuntu",
					"RUN make",
					"FROM ubuntu",
					"COPY --from=0 /out /out",
				},
				Findings: []rules.Finding{
					{RuleID: "DF501", RuleName: "copy-from-index", Severity: rules.SeverityInfo, File: "services/api app/Dockerfile",
						Range: rules.Range{Line: 4, Column: 6, EndColumn: 13}, Message: "COPY --from=0 refers to a stage by index; name the stage"},
					{RuleID: "DF101", RuleName: "base-image-untagged", Severity: rules.SeverityWarning, File: "services/api app/Dockerfile",
						Range: rules.Range{Line: 3, Column: 6, EndColumn: 12}, Message: `Image "ubuntu" has no tag`},
					{RuleID: "DF101", RuleName: "base-image-untagged", Severity: rules.SeverityWarning, File: "services/api app/Dockerfile",
						Range: rules.Range{Line: 1, Column: 6, EndColumn: 12}, Message: `Image "ubuntu" has no tag`},
				},
			},
			{Path: "clean.Dockerfile", Lines: []string{"FROM scratch", "COPY app /app"}},
			{Path: "missing/Dockerfile", Err: &FileError{Path: "missing/Dockerfile", Message: "open missing/Dockerfile: no such file or directory"}},
			{
				Path: "Dockerfile",
				Lines: []string{
					"FROM ubuntu",
					"RUN apt-get update && \\",
					"\tapt-get install -y curl",
					"WORKDIR app",
					"MAINTAINER Jane <jane@example.com>",
				},
				Findings: []rules.Finding{
					{RuleID: "DF401", RuleName: "maintainer-deprecated", Severity: rules.SeverityStyle, File: "Dockerfile",
						Range:   rules.Range{Line: 5, Column: 1, EndColumn: 11},
						Message: `MAINTAINER is deprecated, use LABEL org.opencontainers.image.authors="Jane <jane@example.com>"`,
						Fix:     `LABEL org.opencontainers.image.authors="Jane <jane@example.com>"`},
					{RuleID: "DF102", RuleName: "workdir-relative", Severity: rules.SeverityError, File: "Dockerfile",
						Range: rules.Range{Line: 4}, Message: `WORKDIR "app" is relative: use an absolute path`},
					{RuleID: "DF310", RuleName: "one-package-per-line", Severity: rules.SeverityStyle, File: "Dockerfile",
						Range: rules.Range{Line: 3, Column: 21, EndColumn: 25}, Message: "Put each package on its own line: curl"},
					{RuleID: "DF305", RuleName: "apt-no-recommends", Severity: rules.SeverityInfo, File: "Dockerfile",
						Range:   rules.Range{Line: 2, Column: 1, EndLine: 3, EndColumn: 25},
						Message: "apt-get install without --no-install-recommends pulls in extra packages"},
					{RuleID: "DF101", RuleName: "base-image-untagged", Severity: rules.SeverityWarning, File: "Dockerfile",
						Range: rules.Range{Line: 1, Column: 6, EndColumn: 12}, Message: `Image "ubuntu" has no tag`, Fix: "FROM ubuntu:24.04"},
				},
			},
			{Path: "broken/Dockerfile", Lines: []string{"FROM alpine", "RUN true", "FORM x"},
				Err: &FileError{Path: "broken/Dockerfile", Line: 3, Message: "unknown instruction: FORM (did you mean FROM?)"}},
		},
	}
}

// render runs the named format on r.
func render(t *testing.T, format string, r *Report, opts Options) string {
	t.Helper()
	f, err := Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f(&buf, r, opts); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.String()
}

func TestGolden(t *testing.T) {
	cases := []struct {
		golden, format string
		opts           Options
	}{
		{"text", "text", Options{}},
		{"text-color", "text", Options{Color: true}},
		{"text-quiet", "text", Options{Quiet: true}},
		{"json", "json", Options{}},
		{"sarif", "sarif", Options{}},
		{"github", "github", Options{}},
		{"gitlab", "gitlab", Options{}},
		{"checkstyle", "checkstyle", Options{}},
		{"junit", "junit", Options{}},
	}
	for _, tc := range cases {
		t.Run(tc.golden, func(t *testing.T) {
			got := render(t, tc.format, fixture(), tc.opts)
			path := filepath.Join("testdata", tc.golden+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/report -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s output differs from %s (run go test ./internal/report -update to accept):\n--- got\n%s\n--- want\n%s", tc.format, path, got, want)
			}
		})
	}
}

func TestLookupAndFormats(t *testing.T) {
	want := []string{"checkstyle", "github", "gitlab", "json", "junit", "sarif", "text"}
	if got := Formats(); !reflect.DeepEqual(got, want) {
		t.Errorf("Formats() = %v, want %v", got, want)
	}
	for _, name := range want {
		if f, err := Lookup(name); err != nil || f == nil {
			t.Errorf("Lookup(%q) = %v, %v", name, f, err)
		}
	}
	if _, err := Lookup("SARIF"); err != nil {
		t.Errorf("Lookup is case-insensitive: %v", err)
	}
	_, err := Lookup("xml")
	if err == nil {
		t.Fatal("Lookup(xml) succeeded")
	}
	for _, name := range want {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not list %q", err, name)
		}
	}
}

func TestFileErrorError(t *testing.T) {
	if got := (&FileError{Path: "a/Dockerfile", Line: 3, Message: "bad"}).Error(); got != "a/Dockerfile:3: bad" {
		t.Errorf("got %q", got)
	}
	if got := (&FileError{Path: "-", Message: "bad"}).Error(); got != "-: bad" {
		t.Errorf("got %q", got)
	}
}

// Every format copes with an empty report, a nil report, a report of only
// clean files and a file whose source lines are unknown, and writes the
// same bytes twice.
func TestEdgeReports(t *testing.T) {
	nilLines := &Report{
		ToolVersion: "dev",
		Files: []*FileResult{{
			Path: "-",
			Findings: []rules.Finding{
				{RuleID: "DF101", RuleName: "base-image-untagged", Severity: rules.SeverityWarning, File: "-",
					Range: rules.Range{Line: 7, Column: 6, EndColumn: 12}, Message: "no tag", Fix: "add one"},
				{RuleID: "DF101", RuleName: "base-image-untagged", Severity: rules.SeverityWarning, File: "-",
					Range: rules.Range{Line: 9, Column: 6, EndColumn: 12}, Message: "no tag"},
				{RuleID: "DF999", Severity: rules.SeverityError, File: "-", Message: "whole-file finding"},
			},
		}},
	}
	reports := map[string]*Report{
		"empty":     {},
		"nil":       nil,
		"clean":     {Files: []*FileResult{{Path: "Dockerfile"}}},
		"nil lines": nilLines,
		"nil file":  {Files: []*FileResult{nil, {Path: "Dockerfile"}}},
	}
	for name, r := range reports {
		for _, format := range Formats() {
			t.Run(name+"/"+format, func(t *testing.T) {
				out := render(t, format, r, Options{})
				if again := render(t, format, r, Options{}); again != out {
					t.Error("output is not deterministic")
				}
				if !strings.HasSuffix(out, "\n") {
					t.Errorf("output does not end in a newline: %q", out)
				}
				if name == "nil lines" && format != "junit" && format != "checkstyle" && format != "json" {
					// Formats that carry the rule id as its own field are
					// checked by their round-trip tests.
					if !strings.Contains(out, "DF101") {
						t.Errorf("finding missing:\n%s", out)
					}
				}
			})
		}
	}
	if out := render(t, "text", reports["empty"], Options{}); out != "no files linted\n" {
		t.Errorf("empty text report = %q", out)
	}
	if out := render(t, "text", reports["clean"], Options{}); out != "no problems in 1 file\n" {
		t.Errorf("clean text report = %q", out)
	}
	if out := render(t, "text", nilLines, Options{Quiet: true}); strings.Contains(out, " | ") {
		t.Errorf("text report shows a snippet without source lines:\n%s", out)
	}
}

// The formatters sort the files and findings they print but leave the
// caller's report untouched.
func TestDeterministicAndNonMutating(t *testing.T) {
	a, b := fixture(), fixture()
	// Reverse b's files and findings.
	for i, j := 0, len(b.Files)-1; i < j; i, j = i+1, j-1 {
		b.Files[i], b.Files[j] = b.Files[j], b.Files[i]
	}
	for _, f := range b.Files {
		for i, j := 0, len(f.Findings)-1; i < j; i, j = i+1, j-1 {
			f.Findings[i], f.Findings[j] = f.Findings[j], f.Findings[i]
		}
	}
	b.Rules[0], b.Rules[len(b.Rules)-1] = b.Rules[len(b.Rules)-1], b.Rules[0]
	before := fixture()
	for _, format := range Formats() {
		if x, y := render(t, format, a, Options{}), render(t, format, b, Options{}); x != y {
			t.Errorf("%s: output depends on input order", format)
		}
	}
	if !reflect.DeepEqual(a, before) {
		t.Error("formatters modified the report")
	}
}

func TestSummaryLine(t *testing.T) {
	sev := func(e, w, i, s int) map[rules.Severity]int {
		return map[rules.Severity]int{rules.SeverityError: e, rules.SeverityWarning: w, rules.SeverityInfo: i, rules.SeverityStyle: s}
	}
	cases := []struct {
		c    counts
		want string
	}{
		{counts{}, "no files linted"},
		{counts{Files: 1}, "no problems in 1 file"},
		{counts{Files: 3}, "no problems in 3 files"},
		{counts{Files: 3, Failed: 1}, "no problems in 2 files, 1 file could not be linted"},
		{counts{Files: 2, Failed: 2}, "2 files could not be linted"},
		{counts{Files: 1, WithFindings: 1, Problems: 1, BySeverity: sev(1, 0, 0, 0)},
			"1 problem (1 error, 0 warnings, 0 info, 0 style) in 1 file"},
		{counts{Files: 4, WithFindings: 2, Failed: 2, Problems: 7, BySeverity: sev(2, 1, 3, 1)},
			"7 problems (2 errors, 1 warning, 3 info, 1 style) in 2 files, 2 files could not be linted"},
	}
	for _, tc := range cases {
		if got := summaryLine(tc.c); got != tc.want {
			t.Errorf("summaryLine(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}

func TestTextSnippet(t *testing.T) {
	lines := []string{"\tRUN\tfoo bar", "a", "b", "c", "d", "e\r"}
	r := &Report{Files: []*FileResult{{Path: "D", Lines: lines, Findings: []rules.Finding{
		// "foo" starts at rune 6 (1-based): tab, R, U, N, tab, f.
		{RuleID: "X1", Severity: rules.SeverityWarning, Range: rules.Range{Line: 1, Column: 6, EndColumn: 9}, Message: "m1"},
		{RuleID: "X2", Severity: rules.SeverityInfo, Range: rules.Range{Line: 2, EndLine: 6}, Message: "m2"},
		{RuleID: "X3", Severity: rules.SeverityStyle, Range: rules.Range{Line: 6, Column: 1}, Message: "m3", Fix: "one\ntwo"},
		{RuleID: "X4", Severity: rules.SeverityError, Range: rules.Range{Line: 1, Column: 40, EndColumn: 50}, Message: "past the end"},
	}}}}
	got := render(t, "text", r, Options{Quiet: true})
	want := strings.Join([]string{
		"D:1:6 warning X1 m1",
		"  1 |     RUN foo bar",
		"    |         ^~~",
		"D:1:40 error X4 past the end",
		"  1 |     RUN foo bar",
		"    |                ^",
		"D:2 info X2 m2",
		"  2 | a",
		"  3 | b",
		"  4 | c",
		"    | ... (2 more lines)",
		"D:6:1 style X3 m3",
		"  6 | e",
		"    | ^",
		"  fix: one",
		"       two",
		"",
	}, "\n")
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestRelPath(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		base, path, want string
		rel              bool
	}{
		{"", "Dockerfile", "Dockerfile", true},
		{"", "./a/../b/Dockerfile", "b/Dockerfile", true},
		{"", "-", "-", false},
		{".", "a/Dockerfile", "a/Dockerfile", true},
		{wd, filepath.Join(wd, "a", "Dockerfile"), "a/Dockerfile", true},
		{filepath.Join(wd, "a"), filepath.Join(wd, "b", "Dockerfile"), filepath.ToSlash(filepath.Join(wd, "b", "Dockerfile")), false},
		{filepath.Join(wd, "a"), "a/x/Dockerfile", "x/Dockerfile", true},
		{"", "../Dockerfile", filepath.ToSlash(filepath.Join(filepath.Dir(wd), "Dockerfile")), false},
	}
	for _, tc := range cases {
		got, rel := relPath(&Report{BaseDir: tc.base}, tc.path)
		if got != tc.want || rel != tc.rel {
			t.Errorf("relPath(%q, %q) = %q, %v; want %q, %v", tc.base, tc.path, got, rel, tc.want, tc.rel)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got := githubData("100% done\r\nnext: a,b"); got != "100%25 done%0D%0Anext: a,b" {
		t.Errorf("githubData = %q", got)
	}
	if got := githubProperty("a,b:c%\n"); got != "a%2Cb%3Ac%25%0A" {
		t.Errorf("githubProperty = %q", got)
	}
	r := &Report{Files: []*FileResult{{Path: "dir,with:odd%chars/Dockerfile", Findings: []rules.Finding{
		{RuleID: "DF1", Severity: rules.SeverityStyle, Range: rules.Range{Line: 2, EndLine: 3, Column: 4, EndColumn: 2}, Message: "50% of\nlines"},
	}}}}
	got := render(t, "github", r, Options{Quiet: true})
	want := "::notice file=dir%2Cwith%3Aodd%25chars/Dockerfile,line=2,endLine=3,col=4,title=DF1::50%25 of%0Alines\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
