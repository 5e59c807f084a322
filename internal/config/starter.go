package config

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dflint/dflint/rules"
)

// Starter returns a commented starter .dflint.yaml for "dflint init". Every
// setting is present with its default value, and the registered rules are
// listed in comments, with the default options of those that have any, so
// the file parses as is.
func Starter() []byte {
	all := rules.All()
	id1, name1, id2 := "DF101", "base-image-latest", "DF102"
	if len(all) > 0 {
		id1, name1, id2 = all[0].ID, all[0].Name, all[0].ID
	}
	if len(all) > 1 {
		id2 = all[1].ID
	}
	var b bytes.Buffer
	b.WriteString(strings.NewReplacer("DF101", id1, "base-image-latest", name1, "DF102", id2).Replace(`# dflint configuration. Unknown keys, unknown rules and bad values are
# errors, reported with their line and column. Rules can be named by id
# (DF101) or by name (base-image-latest).

# Pin the rule set to a dflint version: rules added in later versions stay
# off until you raise it or name them under severity or rules.
# ruleset: "1.0"

# Exit with a failure status when a finding is at least this severe:
# error, warning, info, style, or none to never fail.
fail-on: warning

# Rules to turn off everywhere.
ignore: []

# Severity per rule: error, warning, info, style, or off to turn it off.
# Giving an off-by-default rule a severity turns it on.
severity: {}
#   DF101: error

# Options per rule. Each entry may also set "enabled: true|false"; naming
# an off-by-default rule here turns it on.
rules: {}
#   DF101:
#     enabled: false

# Paths not to lint, as globs relative to this file; "**" matches any
# number of directories.
exclude: []
#   - "vendor/**"

# Settings for some files only, matched like exclude. Later overrides win.
overrides: []
#   - files: ["legacy/**"]
#     ignore: [DF101]
#     severity: {DF102: info}

# Disregard the inline ignore pragmas (comments) in Dockerfiles.
disable-ignore-pragma: false
`))
	if len(all) == 0 {
		return b.Bytes()
	}
	b.WriteString("\n# Rules (id, name, default severity):\n")
	for _, r := range all {
		line := fmt.Sprintf("#   %-7s %-32s %-8s", r.ID, r.Name, r.Severity)
		if r.DefaultOff {
			line += " (off by default)"
		}
		if s := strings.TrimSpace(firstLine(r.Summary)); s != "" {
			line += " " + s
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	var withOpts bytes.Buffer
	for _, r := range all {
		opts := newOptions(r)
		if opts == nil {
			continue
		}
		var out bytes.Buffer
		enc := yaml.NewEncoder(&out)
		enc.SetIndent(2)
		if enc.Encode(map[string]any{r.ID: opts}) != nil || enc.Close() != nil {
			continue
		}
		for _, l := range strings.Split(strings.TrimRight(out.String(), "\n"), "\n") {
			withOpts.WriteString("#   " + l + "\n")
		}
	}
	if withOpts.Len() > 0 {
		b.WriteString("\n# Rule options and their defaults, to copy under rules:\n")
		b.Write(withOpts.Bytes())
	}
	return b.Bytes()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
