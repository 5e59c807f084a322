package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dflint/dflint/rules"
)

// sarifSchemaPath is the official OASIS SARIF 2.1.0 JSON schema (errata01,
// id https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json).
// It was taken from the copy that github.com/owenrumney/go-sarif/v3 v3.3.1
// embeds (pkg/report/v210/sarif/schema.go), which is byte-for-byte the
// file oasis-tcs/sarif-spec publishes as Schemata/sarif-schema-2.1.0.json.
var sarifSchemaPath = filepath.Join("..", "..", "testdata", "schemas", "sarif-schema-2.1.0.json")

var sarifSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	f, err := os.Open(sarifSchemaPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, err
	}
	const id = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		return nil, err
	}
	return c.Compile(id)
})

func validateSARIF(t *testing.T, out string) {
	t.Helper()
	sch, err := sarifSchema()
	if err != nil {
		t.Fatalf("load SARIF schema: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("SARIF output does not match the schema: %v\n%s", err, out)
	}
}

// absoluteReport has a file outside the base directory, a file name that
// needs percent-encoding and standard input.
func absoluteReport(t *testing.T) *Report {
	dir := t.TempDir()
	return &Report{
		BaseDir: filepath.Join(dir, "repo"),
		Files: []*FileResult{
			{Path: filepath.Join(dir, "elsewhere", "my Dockerfile#1"), Findings: []rules.Finding{
				{RuleID: "DF1", Severity: rules.SeverityWarning, Range: rules.Range{Line: 1}, Message: "m"}}},
			{Path: filepath.Join(dir, "repo", "a b", "Dockerfile"), Findings: []rules.Finding{
				{RuleID: "DF1", Severity: rules.SeverityWarning, Range: rules.Range{Line: 1}, Message: "m"}}},
			{Path: "-", Err: &FileError{Line: 2, Message: "parse error"}},
		},
	}
}

func TestSARIFSchemaValid(t *testing.T) {
	reports := map[string]*Report{
		"fixture":  fixture(),
		"empty":    {},
		"nil":      nil,
		"absolute": absoluteReport(t),
		"nil lines": {Files: []*FileResult{{Path: "-", Findings: []rules.Finding{
			{RuleID: "DF7", Severity: rules.SeverityStyle, Message: "whole file"},
			{RuleID: "DF7", Severity: rules.SeverityStyle, Range: rules.Range{Line: 3, EndLine: 5, EndColumn: 2}, Message: "span"},
		}}}},
	}
	for name, r := range reports {
		t.Run(name, func(t *testing.T) { validateSARIF(t, render(t, "sarif", r, Options{})) })
	}
}

// The schema check is not vacuous: it rejects a log with a bad level and
// one without runs.
func TestSARIFSchemaRejects(t *testing.T) {
	sch, err := sarifSchema()
	if err != nil {
		t.Fatal(err)
	}
	out := render(t, "sarif", fixture(), Options{})
	for _, bad := range []string{
		strings.Replace(out, `"level": "warning"`, `"level": "severe"`, 1),
		`{"version": "2.1.0"}`,
		strings.Replace(out, `"startLine": 1`, `"startLine": 0`, 1),
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("schema accepted an invalid log:\n%.200s", bad)
		}
	}
}

// sarifLog is the part of a SARIF log the tests look at.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID                   string                          `json:"id"`
					Name                 string                          `json:"name"`
					HelpURI              string                          `json:"helpUri"`
					Help                 struct{ Text, Markdown string } `json:"help"`
					DefaultConfiguration struct{ Level string }          `json:"defaultConfiguration"`
					Properties           struct{ Tags []string }         `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful        bool `json:"executionSuccessful"`
			ToolExecutionNotifications []struct {
				Level   string `json:"level"`
				Message struct{ Text string }
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine, EndLine, StartColumn, EndColumn int
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Properties          map[string]any    `json:"properties"`
		} `json:"results"`
	} `json:"runs"`
}

func parseSARIF(t *testing.T, out string) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

func TestSARIFContent(t *testing.T) {
	r := fixture()
	log := parseSARIF(t, render(t, "sarif", r, Options{}))
	if log.Schema != sarifSchemaURI || log.Version != "2.1.0" {
		t.Errorf("$schema %q, version %q", log.Schema, log.Version)
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "dflint" || d.Version != "1.2.3" || d.InformationURI != sarifInformationURI {
		t.Errorf("driver %+v", d)
	}
	if len(d.Rules) != len(r.Rules) {
		t.Fatalf("%d rules, want %d", len(d.Rules), len(r.Rules))
	}
	for _, rl := range d.Rules {
		if rl.HelpURI == "" || rl.Help.Text == "" || rl.Help.Markdown == "" || len(rl.Properties.Tags) == 0 || rl.Properties.Tags[0] != "dockerfile" {
			t.Errorf("incomplete rule %+v", rl)
		}
	}
	var want []rules.Finding
	for _, f := range prepare(r) {
		want = append(want, f.Findings...)
	}
	if len(run.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(run.Results), len(want))
	}
	fingerprints := map[string]bool{}
	for i, res := range run.Results {
		fd := want[i]
		if res.RuleID != fd.RuleID || d.Rules[res.RuleIndex].ID != fd.RuleID || res.Message.Text != fd.Message || res.Level != sarifLevel(fd.Severity) {
			t.Errorf("result %d = %+v, want %+v", i, res, fd)
		}
		loc := res.Locations[0].PhysicalLocation
		if wantURI := strings.ReplaceAll(fd.File, " ", "%20"); loc.ArtifactLocation.URI != wantURI || loc.ArtifactLocation.URIBaseID != sarifSrcRoot {
			t.Errorf("result %d location %+v", i, loc.ArtifactLocation)
		}
		if reg := loc.Region; reg == nil || reg.StartLine != fd.Line || reg.EndLine != fd.EndLine || reg.StartColumn != fd.Column || reg.EndColumn != fd.EndColumn {
			t.Errorf("result %d region %+v, want %+v", i, reg, fd.Range)
		}
		fp := res.PartialFingerprints[sarifFingerprintKey]
		if !regexp.MustCompile(`^[0-9a-f]{16}:[1-9][0-9]*$`).MatchString(fp) {
			t.Errorf("result %d fingerprint %q", i, fp)
		}
		key := fd.File + " " + fp
		if fingerprints[key] {
			t.Errorf("result %d: duplicate fingerprint %q", i, key)
		}
		fingerprints[key] = true
		if got, _ := res.Properties["fix"].(string); got != fd.Fix {
			t.Errorf("result %d fix %q, want %q", i, got, fd.Fix)
		}
	}
	inv := run.Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 2 {
		t.Fatalf("invocations %+v", inv)
	}
	for _, n := range inv[0].ToolExecutionNotifications {
		if n.Level != "error" || n.Message.Text == "" {
			t.Errorf("notification %+v", n)
		}
	}

	clean := parseSARIF(t, render(t, "sarif", &Report{Files: []*FileResult{{Path: "Dockerfile"}}}, Options{}))
	if inv := clean.Runs[0].Invocations; len(inv) != 1 || !inv[0].ExecutionSuccessful {
		t.Errorf("clean run invocations %+v", inv)
	}
	if !strings.Contains(render(t, "sarif", &Report{}, Options{}), `"results": []`) {
		t.Error("an empty run must still have results: []")
	}
}

func TestSARIFLocations(t *testing.T) {
	r := absoluteReport(t)
	log := parseSARIF(t, render(t, "sarif", r, Options{}))
	run := log.Runs[0]
	got := map[string]string{}
	for _, res := range run.Results {
		al := res.Locations[0].PhysicalLocation.ArtifactLocation
		got[al.URI] = al.URIBaseID
	}
	wantAbs := "file://" + filepath.ToSlash(filepath.Dir(r.BaseDir)) + "/elsewhere/my%20Dockerfile%231"
	if !strings.HasPrefix(filepath.ToSlash(filepath.Dir(r.BaseDir)), "/") {
		wantAbs = "file:///" + filepath.ToSlash(filepath.Dir(r.BaseDir)) + "/elsewhere/my%20Dockerfile%231"
	}
	want := map[string]string{"a%20b/Dockerfile": sarifSrcRoot, wantAbs: ""}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("locations %v, want %v", got, want)
	}
	out := render(t, "sarif", r, Options{})
	if !strings.Contains(out, `"uri": "stdin"`) {
		t.Errorf("standard input is not stdin:\n%s", out)
	}
}

// The fingerprint follows the line's text, not its number.
func TestFingerprintSurvivesLineMoves(t *testing.T) {
	mk := func(lines []string, line int) *Report {
		return &Report{Files: []*FileResult{{Path: "Dockerfile", Lines: lines, Findings: []rules.Finding{
			{RuleID: "DF101", Severity: rules.SeverityWarning, Range: rules.Range{Line: line, Column: 6, EndColumn: 12}, Message: "no tag"},
		}}}}
	}
	a := mk([]string{"FROM ubuntu"}, 1)
	b := mk([]string{"# syntax=docker/dockerfile:1", "", "  FROM ubuntu  "}, 3)
	for _, format := range []string{"sarif", "gitlab"} {
		fa := fingerprintsOf(t, format, render(t, format, a, Options{}))
		fb := fingerprintsOf(t, format, render(t, format, b, Options{}))
		if len(fa) != 1 || fa[0] != fb[0] {
			t.Errorf("%s fingerprints %v and %v differ", format, fa, fb)
		}
	}
}

func fingerprintsOf(t *testing.T, format, out string) []string {
	t.Helper()
	var fps []string
	switch format {
	case "sarif":
		for _, res := range parseSARIF(t, out).Runs[0].Results {
			fps = append(fps, res.PartialFingerprints[sarifFingerprintKey])
		}
	case "gitlab":
		for _, is := range parseGitLab(t, out) {
			fps = append(fps, is.Fingerprint)
		}
	}
	return fps
}

func TestJSONRoundTrip(t *testing.T) {
	r := fixture()
	out := render(t, "json", r, Options{})
	var doc struct {
		SchemaVersion int `json:"schemaVersion"`
		Tool          struct{ Name, Version string }
		Files         []string
		Findings      []map[string]any
		Errors        []map[string]any
		Summary       map[string]int
	}
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != 1 || doc.Tool.Name != "dflint" || doc.Tool.Version != "1.2.3" {
		t.Errorf("header %+v", doc)
	}
	if want := []string{"Dockerfile", "broken/Dockerfile", "clean.Dockerfile", "missing/Dockerfile", "services/api app/Dockerfile"}; fmt.Sprint(doc.Files) != fmt.Sprint(want) {
		t.Errorf("files %v, want %v", doc.Files, want)
	}
	// Decode the findings back into rules.Finding through its own tags.
	var typed struct{ Findings []rules.Finding }
	if err := json.Unmarshal([]byte(out), &typed); err != nil {
		t.Fatal(err)
	}
	var want []rules.Finding
	for _, f := range prepare(r) {
		want = append(want, f.Findings...)
	}
	if fmt.Sprintf("%+v", typed.Findings) != fmt.Sprintf("%+v", want) {
		t.Errorf("findings\n%+v\nwant\n%+v", typed.Findings, want)
	}
	for i, f := range doc.Findings {
		_, hasCol := f["column"]
		_, hasEndCol := f["endColumn"]
		_, hasFix := f["fix"]
		if hasCol != (want[i].Column != 0) || hasEndCol != (want[i].EndColumn != 0) || hasFix != (want[i].Fix != "") {
			t.Errorf("finding %d optional fields wrong: %v", i, f)
		}
		for _, k := range []string{"file", "line", "endLine", "rule", "name", "severity", "message"} {
			if _, ok := f[k]; !ok {
				t.Errorf("finding %d lacks %q", i, k)
			}
		}
	}
	if len(doc.Errors) != 2 || doc.Errors[0]["line"] != float64(3) || doc.Errors[1]["line"] != nil {
		t.Errorf("errors %v", doc.Errors)
	}
	wantSummary := map[string]int{"files": 5, "problems": 8, "error": 1, "warning": 3, "info": 2, "style": 2}
	if fmt.Sprint(doc.Summary) != fmt.Sprint(wantSummary) {
		t.Errorf("summary %v, want %v", doc.Summary, wantSummary)
	}

	empty := render(t, "json", &Report{}, Options{})
	for _, s := range []string{`"files": []`, `"findings": []`, `"errors": []`} {
		if !strings.Contains(empty, s) {
			t.Errorf("empty report lacks %s:\n%s", s, empty)
		}
	}
}

type gitlabParsed struct {
	Description string   `json:"description"`
	CheckName   string   `json:"check_name"`
	Fingerprint string   `json:"fingerprint"`
	Severity    string   `json:"severity"`
	Categories  []string `json:"categories"`
	Location    struct {
		Path  string `json:"path"`
		Lines *struct {
			Begin *int `json:"begin"`
			End   int  `json:"end"`
		} `json:"lines"`
	} `json:"location"`
}

func parseGitLab(t *testing.T, out string) []gitlabParsed {
	t.Helper()
	var issues []gitlabParsed
	if err := json.Unmarshal([]byte(out), &issues); err != nil {
		t.Fatal(err)
	}
	return issues
}

// No JSON schema of GitLab's Code Quality format could be had, so the
// fields GitLab documents as required are checked one by one.
func TestGitLabRoundTrip(t *testing.T) {
	r := fixture()
	issues := parseGitLab(t, render(t, "gitlab", r, Options{}))
	severities := map[string]bool{"info": true, "minor": true, "major": true, "critical": true, "blocker": true}
	categories := map[string]bool{"Bug Risk": true, "Clarity": true, "Compatibility": true, "Complexity": true,
		"Duplication": true, "Performance": true, "Security": true, "Style": true}
	seen := map[string]bool{}
	for i, is := range issues {
		if is.Description == "" || is.CheckName == "" || is.Fingerprint == "" || !severities[is.Severity] ||
			is.Location.Path == "" || is.Location.Lines == nil || is.Location.Lines.Begin == nil || *is.Location.Lines.Begin < 1 {
			t.Errorf("issue %d lacks a required field: %+v", i, is)
		}
		for _, c := range is.Categories {
			if !categories[c] {
				t.Errorf("issue %d: unknown category %q", i, c)
			}
		}
		if seen[is.Fingerprint] {
			t.Errorf("issue %d: duplicate fingerprint %s", i, is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	// Every finding is there, in order, after its file's parse error.
	var want []string
	for _, f := range prepare(r) {
		if f.Err != nil {
			want = append(want, fmt.Sprintf("%s %s %d %s", f.Path, gitlabParseError, max(f.Err.Line, 1), f.Err.Message))
		}
		for _, fd := range f.Findings {
			want = append(want, fmt.Sprintf("%s %s %d %s: %s", f.Path, fd.RuleID, fd.Line, fd.RuleID, fd.Message))
		}
	}
	var got []string
	for _, is := range issues {
		got = append(got, fmt.Sprintf("%s %s %d %s", is.Location.Path, is.CheckName, *is.Location.Lines.Begin, is.Description))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("issues\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if out := render(t, "gitlab", &Report{}, Options{}); out != "[]\n" {
		t.Errorf("empty gitlab report = %q", out)
	}
}

func TestCheckstyleRoundTrip(t *testing.T) {
	r := fixture()
	out := render(t, "checkstyle", r, Options{})
	if !strings.HasPrefix(out, `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration:\n%s", out)
	}
	var doc checkstyleReport
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "4.3" {
		t.Errorf("version %q", doc.Version)
	}
	var want, got []checkstyleError
	var wantNames, gotNames []string
	for _, f := range prepare(r) {
		wantNames = append(wantNames, f.Path)
		if f.Err != nil {
			want = append(want, checkstyleError{Line: f.Err.Line, Severity: "error", Message: f.Err.Message, Source: "dflint.parse-error"})
		}
		for _, fd := range f.Findings {
			want = append(want, checkstyleError{Line: fd.Line, Column: fd.Column, Severity: checkstyleSeverity(fd.Severity), Message: fd.Message, Source: "dflint." + fd.RuleID})
		}
	}
	for _, f := range doc.Files {
		gotNames = append(gotNames, f.Name)
		got = append(got, f.Errors...)
	}
	if fmt.Sprint(gotNames) != fmt.Sprint(wantNames) {
		t.Errorf("files %v, want %v", gotNames, wantNames)
	}
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("errors\n%+v\nwant\n%+v", got, want)
	}
}

func TestJUnitRoundTrip(t *testing.T) {
	r := fixture()
	out := render(t, "junit", r, Options{})
	var doc junitSuites
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	files := prepare(r)
	if doc.Name != "dflint" || len(doc.Suites) != len(files) {
		t.Fatalf("testsuites %q with %d suites, want %d", doc.Name, len(doc.Suites), len(files))
	}
	tests, failures, errors := 0, 0, 0
	for i, s := range doc.Suites {
		f := files[i]
		if s.Name != f.Path || s.Tests != len(s.Cases) {
			t.Errorf("suite %d: %q tests=%d with %d cases", i, s.Name, s.Tests, len(s.Cases))
		}
		tests += s.Tests
		failures += s.Failures
		errors += s.Errors
		// Every finding appears in its rule's failure text.
		for _, fd := range f.Findings {
			found := false
			for _, c := range s.Cases {
				if c.Name == fd.RuleID && c.Failure != nil && strings.Contains(c.Failure.Text, fmt.Sprintf("%d", fd.Line)) && strings.Contains(c.Failure.Text, fd.Message) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: finding %s at line %d missing", f.Path, fd.RuleID, fd.Line)
			}
		}
		switch {
		case f.Err != nil:
			if len(s.Cases) != 1 || s.Cases[0].Error == nil || s.Cases[0].Error.Message != f.Err.Message || s.Errors != 1 {
				t.Errorf("%s: parse error not reported: %+v", f.Path, s)
			}
		case len(f.Findings) == 0:
			if len(s.Cases) != 1 || s.Cases[0].Name != "dflint" || s.Cases[0].Failure != nil || s.Cases[0].Error != nil {
				t.Errorf("%s: clean file should have one passing case: %+v", f.Path, s)
			}
		}
		for _, c := range s.Cases {
			if c.Classname != f.Path {
				t.Errorf("case classname %q, want %q", c.Classname, f.Path)
			}
		}
	}
	if doc.Tests != tests || doc.Failures != failures || doc.Errors != errors || failures == 0 || errors != 2 {
		t.Errorf("totals tests=%d failures=%d errors=%d, suites add up to %d %d %d", doc.Tests, doc.Failures, doc.Errors, tests, failures, errors)
	}
	// DF101 fired twice in the second file: one case, both findings.
	for _, s := range doc.Suites {
		if s.Name == "services/api app/Dockerfile" {
			for _, c := range s.Cases {
				if c.Name == "DF101" && (c.Failure.Type != "warning" || !strings.Contains(c.Failure.Message, "(and 1 more)") || strings.Count(c.Failure.Text, "\n") != 1) {
					t.Errorf("DF101 case %+v", c.Failure)
				}
			}
		}
	}
}

// Markup characters in messages come out escaped and read back intact.
func TestXMLEscaping(t *testing.T) {
	msg := "a <b> & \"c\" 'd' ]]> \n\x01e"
	r := &Report{Files: []*FileResult{{Path: `x&<y>"z".Dockerfile`, Findings: []rules.Finding{
		{RuleID: "DF1", Severity: rules.SeverityError, Range: rules.Range{Line: 1}, Message: msg},
	}}}}
	var cs checkstyleReport
	if err := xml.Unmarshal([]byte(render(t, "checkstyle", r, Options{})), &cs); err != nil {
		t.Fatal(err)
	}
	wantMsg := strings.ReplaceAll(msg, "\x01", "\uFFFD") // not allowed in XML 1.0
	if cs.Files[0].Name != r.Files[0].Path || cs.Files[0].Errors[0].Message != wantMsg {
		t.Errorf("checkstyle read back %+v", cs)
	}
	var ju junitSuites
	if err := xml.Unmarshal([]byte(render(t, "junit", r, Options{})), &ju); err != nil {
		t.Fatal(err)
	}
	if fail := ju.Suites[0].Cases[0].Failure; ju.Suites[0].Name != r.Files[0].Path || fail.Message != wantMsg || fail.Text != "1 "+wantMsg {
		t.Errorf("junit read back %+v", ju.Suites[0].Cases[0].Failure)
	}
}

// The JSON formats do not escape HTML characters needlessly.
func TestJSONNoHTMLEscaping(t *testing.T) {
	for _, format := range []string{"json", "sarif", "gitlab"} {
		out := render(t, format, fixture(), Options{})
		if strings.Contains(out, `\u003c`) || !strings.Contains(out, "<jane@example.com>") {
			t.Errorf("%s escapes < or lost the message", format)
		}
		if !json.Valid([]byte(out)) {
			t.Errorf("%s output is not valid JSON", format)
		}
		if !bytes.HasSuffix([]byte(out), []byte("}\n")) && !bytes.HasSuffix([]byte(out), []byte("]\n")) {
			t.Errorf("%s output does not end in a newline", format)
		}
	}
}
