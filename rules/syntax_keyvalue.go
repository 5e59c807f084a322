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
		Summary:  "ENV, LABEL or ARG uses the 'key value' form instead of 'key=value'",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"LegacyKeyValueFormat"}},
		Doc: Doc{
			Why: "`ENV key value` sets one variable to everything after the first space, which reads like " +
				"two settings: `ENV PATH /a /b` sets PATH to \"/a /b\". The form is deprecated and " +
				"BuildKit warns about it; `key=value` is unambiguous and allows several pairs per line.",
			Bad:  "FROM alpine:3.20\nENV APP_HOME /srv/app",
			Good: "FROM alpine:3.20\nENV APP_HOME=/srv/app",
			Fix:  "Write `ENV key=value` (quote the value when it contains spaces: `ENV GREETING=\"hello world\"`).",
			Notes: "ARG has no legacy form: `ARG NODE_VERSION 18.20.4` declares NODE_VERSION without a default " +
				"and a second build argument named \"18.20.4\". dflint reports an ARG only when the word after a " +
				"name cannot itself be a variable name (a version, a path, a quoted string), because " +
				"`ARG TARGETOS TARGETARCH` rightly declares two ARGs. BuildKit's documentation shows " +
				"`ARG foo bar` as a bad example, but its check only reports ENV and LABEL, and dflint " +
				"stays quiet on it for the same reason. ONBUILD triggers are not checked.",
		},
		Check: checkLegacyKeyValue,
	})
}

func checkLegacyKeyValue(p *Pass) {
	for _, inst := range p.File.Instructions {
		var pairs instructions.KeyValuePairs
		switch c := inst.Command.(type) {
		case *instructions.EnvCommand:
			pairs = c.Env
		case *instructions.LabelCommand:
			pairs = c.Labels
		case *instructions.ArgCommand:
			checkLegacyArg(p, inst, c)
			continue
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

// checkLegacyArg reports `ARG NAME value`: ARG has no legacy form, so it
// declares NAME and an argument named after the value, and NAME has no
// default. Only words that cannot be variable names count as values:
// `ARG TARGETOS TARGETARCH` rightly declares two ARGs.
func checkLegacyArg(p *Pass, inst *Instruction, c *instructions.ArgCommand) {
	if len(c.Args) < 2 || c.Args[0].Value != nil || !legacyArgName(c.Args[0].Key) || legacyArgName(c.Args[1].Key) {
		return
	}
	words := make([]string, 0, len(c.Args)-1)
	for _, kv := range c.Args[1:] {
		if kv.Value != nil {
			return
		}
		words = append(words, kv.Key)
	}
	name, raw := c.Args[0].Key, strings.Join(words, " ")
	p.ReportFix(inst.Locate(name), inst.Written+" "+name+"="+legacyValue(raw, p.File.Escape),
		"ARG %s %s declares %s without a default and another build argument named %q: ARG has no \"key value\" form; write \"ARG %s=value\"",
		name, raw, name, words[0], name)
}

// legacyArgName reports whether s can name a variable.
func legacyArgName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
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
