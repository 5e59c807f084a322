package rules

// The legacy whitespace-separated "ENV key value" / "LABEL key value" form
// (DF813).

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF813",
		Name:     "legacy-key-value-format",
		Severity: SeverityWarning,
		Summary:  "ENV or LABEL uses the legacy 'key value' form instead of 'key=value'",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"LegacyKeyValueFormat"}},
		Doc: Doc{
			Why: "`ENV key value` sets one variable to everything after the first space, which reads like " +
				"two settings: `ENV PATH /a /b` sets PATH to \"/a /b\". The form is deprecated and " +
				"BuildKit warns about it; `key=value` is unambiguous and allows several pairs per line.",
			Bad:  "FROM alpine:3.20\nENV APP_HOME /srv/app",
			Good: "FROM alpine:3.20\nENV APP_HOME=/srv/app",
			Fix:  "Write `ENV key=value` (quote the value when it contains spaces: `ENV GREETING=\"hello world\"`).",
		},
		Check: checkLegacyKeyValue,
	})
}

func checkLegacyKeyValue(p *Pass) {
	for _, s := range p.File.Stages {
		for _, inst := range s.Instructions {
			var pairs instructions.KeyValuePairs
			switch c := inst.Command.(type) {
			case *instructions.EnvCommand:
				pairs = c.Env
			case *instructions.LabelCommand:
				pairs = c.Labels
			default:
				continue
			}
			for _, kv := range pairs {
				if !kv.NoDelim {
					continue
				}
				fix := inst.Written + " " + kv.Key + "=" + legacyValue(kv.Value, p.File.Escape)
				if strings.ContainsAny(kv.Value, "\n") {
					fix = inst.Written + " " + kv.Key + "=<value>"
				}
				p.ReportFix(inst.Locate(kv.Key), fix, "%s %s uses the legacy \"%s key value\" form; write \"%s %s=value\"",
					inst.Keyword, kv.Key, inst.Keyword, inst.Keyword, kv.Key)
			}
		}
	}
}

// legacyValue renders the value of a legacy pair (the raw rest of the
// line) as the value of a key=value pair with the same meaning.
func legacyValue(raw string, escape rune) string {
	if raw == "" {
		return `""`
	}
	if !strings.ContainsAny(raw, " \t\"'") {
		return raw
	}
	// Already one quoted word: "a b" or 'a b'.
	if len(raw) >= 2 {
		q := raw[0]
		if (q == '"' || q == '\'') && raw[len(raw)-1] == q && !strings.ContainsRune(raw[1:len(raw)-1], rune(q)) &&
			!strings.ContainsRune(raw, escape) {
			return raw
		}
	}
	if !strings.ContainsAny(raw, "\"'") && !strings.ContainsRune(raw, escape) && !strings.ContainsRune(raw, '`') {
		return `"` + raw + `"`
	}
	return "<value>"
}
