package rules_test

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/rules"
)

// A team rule, written outside dflint: every image must declare the team
// that owns it with a LABEL. It uses only the public rules package.
var teamLabel = &rules.Rule{
	ID:       "ACME001",
	Name:     "acme-team-label",
	Severity: rules.SeverityWarning,
	Summary:  "The final image must carry a team label",
	Since:    "1.0",
	Doc: rules.Doc{
		Why:  "Operations routes alerts by the owning team.",
		Bad:  "FROM alpine:3.20",
		Good: "FROM alpine:3.20\nLABEL com.acme.team=payments",
		Fix:  "Add `LABEL com.acme.team=<team>` to the final stage.",
	},
	Check: func(p *rules.Pass) {
		final := p.File.FinalStage()
		for _, inst := range final.Instructions {
			if inst.Keyword == "LABEL" && strings.Contains(inst.Node.Original, "com.acme.team") {
				return
			}
		}
		p.ReportFix(final.From.LocateArg(0), "LABEL com.acme.team=<team>",
			"stage %q has no com.acme.team label", final.From.Args[0])
	},
}

// Example shows a program outside dflint registering its own rule and
// running it, alongside a built-in one, on a Dockerfile.
func Example() {
	if err := rules.Register(teamLabel); err != nil {
		fmt.Println(err)
		return
	}
	latest, _ := rules.Lookup("DF102")

	src := []byte("FROM node:latest\nCMD [\"node\", \"server.js\"]\n")
	findings, err := rules.Lint("-", src, rules.LintOptions{Rules: []*rules.Rule{teamLabel, latest}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range findings {
		fmt.Printf("%d:%d %s %s %s\n", f.Line, f.Column, f.Severity, f.RuleID, f.Message)
	}
	// Output:
	// 1:6 warning ACME001 stage "node:latest" has no com.acme.team label
	// 1:6 warning DF102 base image 'node:latest' uses the 'latest' tag; pin a version tag
}
