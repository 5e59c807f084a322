package rules

// Meta rules about dflint's own inline pragmas. The engine reports them
// after every other rule has run, because only then is it known which
// pragmas silenced something.

func init() {
	MustRegister(&Rule{
		ID:         "DF001",
		Name:       "unused-ignore",
		Severity:   SeverityInfo,
		Summary:    "An inline ignore pragma silenced nothing",
		Since:      "1.0",
		DefaultOff: true,
		Meta:       true,
		Doc: Doc{
			Why: "Ignore pragmas outlive the problems they were written for. A stale `# dflint ignore=` " +
				"(or `# hadolint ignore=`) hides the next real finding of that rule on that instruction " +
				"and misleads readers about what the code does.",
			Bad:   "FROM alpine:3.20\n# dflint ignore=DF102\nRUN apk add --no-cache curl",
			Good:  "FROM alpine:3.20\nRUN apk add --no-cache curl",
			Fix:   "Delete the pragma, or the rule ids in it that no longer match a finding.",
			Notes: "Off by default; `--report-unused-ignores` turns it on. Only rules that ran are considered.",
		},
		Check: func(*Pass) {},
	})
	MustRegister(&Rule{
		ID:       "DF002",
		Name:     "invalid-pragma",
		Severity: SeverityWarning,
		Summary:  "An inline pragma names an unknown rule or cannot be read",
		Since:    "1.0",
		Meta:     true,
		Doc: Doc{
			Why: "A pragma with a typo silences nothing, so the finding it was meant to silence comes back " +
				"(or, worse, the author believes a rule is silenced that is not).",
			Bad:  "FROM alpine:3.20\n# dflint ignore=DF9999\nRUN apk add --no-cache curl",
			Good: "FROM alpine:3.20\n# dflint ignore=DF102\nRUN apk add --no-cache curl",
			Fix:  "Use a rule id or name from `dflint rules`, or a hadolint code / BuildKit check name that a dflint rule aliases.",
			Notes: "hadolint codes and BuildKit check names that no dflint rule covers are reported at info " +
				"severity: the pragma is valid for its own tool.",
		},
		Check: func(*Pass) {},
	})
}
