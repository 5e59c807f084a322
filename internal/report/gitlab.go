package report

import (
	"io"
	"strconv"

	"github.com/dflint/dflint/rules"
)

// The gitlab format is a GitLab Code Quality report (a subset of the Code
// Climate issue format): a JSON array with one issue per finding.
//
//	[
//	  {
//	    "type": "issue",
//	    "check_name": "DF101",
//	    "description": "DF101: Image \"ubuntu\" has no tag",
//	    "categories": ["Bug Risk"],
//	    "severity": "minor",
//	    "fingerprint": "…64 hex digits…",
//	    "location": {"path": "Dockerfile", "lines": {"begin": 1, "end": 1}}
//	  }
//	]
//
// Severities: error → major, warning → minor, info and style → info.
// Categories: error and warning → "Bug Risk", info and style → "Style".
// The fingerprint is the SHA-256 of the path, the rule id, the trimmed text
// of the finding's first line (its message when the source is not
// available) and the number of earlier findings with the same three, so it
// stays put when lines move and is unique within the report. Paths are
// relative to the base directory. A file that could not be linted is an
// issue with check_name "dflint/parse-error" and severity "major". The
// report is "[]" when there is nothing to report.

const gitlabParseError = "dflint/parse-error"

type gitlabIssue struct {
	Type        string         `json:"type"`
	CheckName   string         `json:"check_name"`
	Description string         `json:"description"`
	Categories  []string       `json:"categories"`
	Severity    string         `json:"severity"`
	Fingerprint string         `json:"fingerprint"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

func gitlabSeverity(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return "major"
	case rules.SeverityWarning:
		return "minor"
	default:
		return "info"
	}
}

func gitlabCategory(s rules.Severity) string {
	if s >= rules.SeverityWarning {
		return "Bug Risk"
	}
	return "Style"
}

func writeGitLab(w io.Writer, r *Report, _ Options) error {
	issues := []gitlabIssue{}
	for _, f := range prepare(r) {
		path, _ := relPath(r, f.Path)
		seen := occurrences{}
		if f.Err != nil {
			line := max(f.Err.Line, 1) // GitLab needs a line
			issues = append(issues, gitlabIssue{
				Type:        "issue",
				CheckName:   gitlabParseError,
				Description: f.Err.Message,
				Categories:  []string{"Bug Risk"},
				Severity:    "major",
				Fingerprint: hashHex(path, gitlabParseError, f.Err.Message),
				Location:    gitlabLocation{Path: path, Lines: gitlabLines{Begin: line, End: line}},
			})
		}
		for _, fd := range f.Findings {
			text := lineKey(f, fd)
			n := seen.next(fd.RuleID + "\x00" + text)
			begin := max(fd.Line, 1)
			issues = append(issues, gitlabIssue{
				Type:        "issue",
				CheckName:   fd.RuleID,
				Description: fd.RuleID + ": " + fd.Message,
				Categories:  []string{gitlabCategory(fd.Severity)},
				Severity:    gitlabSeverity(fd.Severity),
				Fingerprint: hashHex(path, fd.RuleID, text, strconv.Itoa(n)),
				Location:    gitlabLocation{Path: path, Lines: gitlabLines{Begin: begin, End: max(fd.EndLine, begin)}},
			})
		}
	}
	return encodeJSON(w, issues)
}
