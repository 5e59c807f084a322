package report

import (
	"encoding/json"
	"io"

	"github.com/dflint/dflint/rules"
)

// JSON output (--format json)
//
// dflint writes one JSON document, indented with two spaces and ending in a
// newline. Its field names are a stable interface: fields may be added in
// later versions, but none is renamed or removed without raising
// schemaVersion.
//
//	{
//	  "schemaVersion": 1,
//	  "tool": {"name": "dflint", "version": "1.2.0"},
//	  "files": ["Dockerfile", "broken/Dockerfile"],
//	  "findings": [
//	    {
//	      "file": "Dockerfile",
//	      "line": 1,
//	      "endLine": 1,
//	      "column": 6,
//	      "endColumn": 12,
//	      "rule": "DF101",
//	      "name": "base-image-untagged",
//	      "severity": "warning",
//	      "message": "Image \"ubuntu\" has no tag",
//	      "fix": "FROM ubuntu:24.04"
//	    }
//	  ],
//	  "errors": [
//	    {"file": "broken/Dockerfile", "line": 3, "message": "unknown instruction: FORM"}
//	  ],
//	  "summary": {"files": 2, "problems": 1, "error": 0, "warning": 1, "info": 0, "style": 0}
//	}
//
// schemaVersion (number) is the version of this layout, now 1.
//
// tool.name is "dflint"; tool.version is the dflint version that wrote the
// document.
//
// files (array of strings) lists every file dflint was asked to lint, in
// path order, as the user named them ("-" is standard input), including
// those that could not be linted.
//
// findings (array, [] when there are none) holds one object per problem,
// sorted by file, line, column, rule and message:
//   - file: the path, as in files.
//   - line, endLine: the 1-based first and last line of the span; endLine
//     equals line for a single-line span. line is 0 for a finding about the
//     whole file.
//   - column, endColumn: the 1-based column where the span starts and the
//     column just past its end, counted in Unicode code points; each is
//     left out when unknown.
//   - rule: the rule id, e.g. "DF101"; name: the rule's kebab-case name.
//   - severity: "error", "warning", "info" or "style".
//   - message: what is wrong.
//   - fix: a suggested replacement or instruction; left out when there is
//     none.
//
// errors (array, [] when there are none) holds one object per file that
// could not be read or parsed: file, line (1-based; left out when the error
// has no line) and message.
//
// summary counts the run: files is the length of files, problems the
// length of findings, and error, warning, info and style the findings of
// each severity.

type jsonDoc struct {
	SchemaVersion int           `json:"schemaVersion"`
	Tool          jsonTool      `json:"tool"`
	Files         []string      `json:"files"`
	Findings      []jsonFinding `json:"findings"`
	Errors        []jsonError   `json:"errors"`
	Summary       jsonSummary   `json:"summary"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFinding struct {
	File      string         `json:"file"`
	Line      int            `json:"line"`
	EndLine   int            `json:"endLine"`
	Column    int            `json:"column,omitempty"`
	EndColumn int            `json:"endColumn,omitempty"`
	Rule      string         `json:"rule"`
	Name      string         `json:"name"`
	Severity  rules.Severity `json:"severity"`
	Message   string         `json:"message"`
	Fix       string         `json:"fix,omitempty"`
}

type jsonError struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

type jsonSummary struct {
	Files    int `json:"files"`
	Problems int `json:"problems"`
	Error    int `json:"error"`
	Warning  int `json:"warning"`
	Info     int `json:"info"`
	Style    int `json:"style"`
}

// jsonSchemaVersion is the version of the JSON layout above.
const jsonSchemaVersion = 1

func writeJSON(w io.Writer, r *Report, _ Options) error {
	files := prepare(r)
	c := count(files)
	doc := jsonDoc{
		SchemaVersion: jsonSchemaVersion,
		Tool:          jsonTool{Name: "dflint"},
		Files:         []string{},
		Findings:      []jsonFinding{},
		Errors:        []jsonError{},
		Summary: jsonSummary{
			Files:    c.Files,
			Problems: c.Problems,
			Error:    c.BySeverity[rules.SeverityError],
			Warning:  c.BySeverity[rules.SeverityWarning],
			Info:     c.BySeverity[rules.SeverityInfo],
			Style:    c.BySeverity[rules.SeverityStyle],
		},
	}
	if r != nil {
		doc.Tool.Version = r.ToolVersion
	}
	for _, f := range files {
		doc.Files = append(doc.Files, f.Path)
		if f.Err != nil {
			doc.Errors = append(doc.Errors, jsonError{File: f.Path, Line: f.Err.Line, Message: f.Err.Message})
		}
		for _, fd := range f.Findings {
			doc.Findings = append(doc.Findings, jsonFinding{
				File:      fd.File,
				Line:      fd.Line,
				EndLine:   fd.EndLine,
				Column:    fd.Column,
				EndColumn: fd.EndColumn,
				Rule:      fd.RuleID,
				Name:      fd.RuleName,
				Severity:  fd.Severity,
				Message:   fd.Message,
				Fix:       fd.Fix,
			})
		}
	}
	return encodeJSON(w, doc)
}

// encodeJSON writes v indented by two spaces with a trailing newline,
// without escaping <, > and & (the output is not embedded in HTML).
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
