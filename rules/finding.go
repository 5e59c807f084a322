package rules

import (
	"fmt"
	"strings"
)

// Severity ranks findings. The zero value is not a valid severity.
type Severity int

// Severities from least to most severe; a higher value is more severe, so
// "fail on warning" means "fail when severity >= SeverityWarning".
const (
	SeverityStyle Severity = iota + 1
	SeverityInfo
	SeverityWarning
	SeverityError
)

var severityNames = [...]string{SeverityStyle: "style", SeverityInfo: "info", SeverityWarning: "warning", SeverityError: "error"}

// Valid reports whether s is one of the four severities.
func (s Severity) Valid() bool { return s >= SeverityStyle && s <= SeverityError }

func (s Severity) String() string {
	if !s.Valid() {
		return fmt.Sprintf("Severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalText renders the severity as its lower-case name.
func (s Severity) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("invalid severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText parses a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity parses "error", "warning", "info" or "style"
// (case-insensitive).
func ParseSeverity(name string) (Severity, error) {
	for s := SeverityStyle; s <= SeverityError; s++ {
		if strings.EqualFold(name, severityNames[s]) {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning, info or style)", name)
}

// Range is a span of the Dockerfile. Lines and columns are 1-based; a zero
// Column means the column is not known, and zero End fields mean the span
// ends where it starts.
type Range struct {
	Line, Column       int
	EndLine, EndColumn int
}

// Finding is one problem a rule found.
type Finding struct {
	RuleID   string   `json:"rule"`
	RuleName string   `json:"name"`
	Severity Severity `json:"severity"`
	// File is the path of the Dockerfile as the user named it ("-" for
	// standard input).
	File    string `json:"file"`
	Range          // where in File
	Message string `json:"message"`
	// Fix, when not empty, is a suggested replacement or a short
	// instruction for fixing the finding.
	Fix string `json:"fix,omitempty"`
}

// Less orders findings by file, then line, column, rule id and message, so
// output is deterministic.
func (f Finding) Less(g Finding) bool {
	if f.File != g.File {
		return f.File < g.File
	}
	if f.Line != g.Line {
		return f.Line < g.Line
	}
	if f.Column != g.Column {
		return f.Column < g.Column
	}
	if f.RuleID != g.RuleID {
		return f.RuleID < g.RuleID
	}
	return f.Message < g.Message
}
