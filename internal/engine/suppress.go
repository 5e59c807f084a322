package engine

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/suppress"
	"github.com/dflint/dflint/rules"
)

// Meta rules the engine reports itself.
const (
	unusedIgnoreRule  = "DF001"
	invalidPragmaRule = "DF002"
)

// applySuppressions honours the file's inline pragmas (unless disabled),
// applies BuildKit's check=error=true, and adds the meta findings: pragmas
// that name no rule and, when asked, pragmas that silenced nothing.
func applySuppressions(path string, set *suppress.Set, findings []rules.Finding, s Settings) []rules.Finding {
	enabled := map[string]bool{}
	for _, r := range s.Rules {
		enabled[r.ID] = true
	}
	var unused []suppress.Unused
	if s.DisableIgnores {
		findings = set.ApplySeverity(findings)
	} else {
		findings, unused = set.Apply(findings)
	}
	severity := func(r *rules.Rule) rules.Severity {
		if s.Severity != nil {
			return s.Severity(r)
		}
		return r.Severity
	}
	if r, ok := rules.Lookup(invalidPragmaRule); ok && enabled[r.ID] {
		for _, p := range set.Problems {
			sev := severity(r)
			if p.Kind == suppress.KindUnmappedAlias && sev > rules.SeverityInfo {
				sev = rules.SeverityInfo
			}
			findings = append(findings, meta(path, r, sev, p.Line, p.Message))
		}
	}
	if r, ok := rules.Lookup(unusedIgnoreRule); ok && (enabled[r.ID] || s.ReportUnusedIgnores) && !s.DisableIgnores {
		for _, u := range unused {
			if u.RuleID != "" && !enabled[u.RuleID] {
				continue // the rule did not run, so it could not fire
			}
			what := u.Name
			if u.RuleID != "" && !strings.EqualFold(u.RuleID, u.Name) {
				what = fmt.Sprintf("%s (%s)", u.Name, u.RuleID)
			}
			msg := fmt.Sprintf("ignore of %s silenced nothing; remove it from the pragma", what)
			findings = append(findings, meta(path, r, severity(r), u.Pragma.Line, msg))
		}
	}
	return findings
}

func meta(path string, r *rules.Rule, sev rules.Severity, line int, msg string) rules.Finding {
	return rules.Finding{
		RuleID: r.ID, RuleName: r.Name, Severity: sev, File: path,
		Range:   rules.Range{Line: line, EndLine: line},
		Message: msg,
	}
}
