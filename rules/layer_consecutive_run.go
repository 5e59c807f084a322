package rules

// DF403: RUN instructions directly after each other that could be one.

import (
	"slices"
	"strconv"
)

func init() {
	MustRegister(&Rule{
		ID:         "DF403",
		Name:       "consecutive-run",
		Severity:   SeverityInfo,
		Summary:    "Consecutive RUN instructions that could be merged into one",
		Since:      "1.0",
		DefaultOff: true,
		Aliases:    Aliases{Hadolint: []string{"DL3059"}},
		Doc: Doc{
			Why: "Every RUN makes a layer and a build step. Short RUNs in a row (`RUN mkdir /app` then " +
				"`RUN chown app /app`) add layers, metadata and build time for nothing, and files one of them " +
				"creates and the next deletes still ship in the first layer.",
			Bad:  "FROM debian:bookworm-slim\nRUN mkdir -p /app\nRUN chown nobody /app",
			Good: "FROM debian:bookworm-slim\nRUN mkdir -p /app && chown nobody /app",
			Fix:  "Join the commands into one RUN with `&&` (or a `RUN <<EOF` heredoc with `set -e`).",
			Notes: "Off by default: splitting RUNs is often deliberate, so that a slow step (installing " +
				"packages) stays cached when a later, often-changed one is edited. Enable it with " +
				"`rules: {DF403: {enabled: true}}` in the configuration.\n\n" +
				"Follows hadolint's DL3059: the finding is on the second RUN of each pair; comments and blank " +
				"lines between the two are fine, any other instruction ends the sequence; RUNs whose flags differ " +
				"(`--mount`, `--network`, `--security`) are not reported, nor pairs where either RUN already " +
				"chains more than two commands (a sign the split is deliberate). RUNs whose shell code the linter " +
				"cannot read (PowerShell, cmd, Windows stages, shell syntax errors) are not reported either.",
		},
		Check: checkConsecutiveRun,
	})
}

// crMaxCommands is hadolint's threshold: a RUN of more than two commands
// is taken as deliberately split from its neighbours.
const crMaxCommands = 2

func checkConsecutiveRun(p *Pass) {
	for _, s := range p.File.Stages {
		var prev *Instruction
		var prevFlags []string
		for _, inst := range s.Instructions {
			if inst.Keyword != "RUN" || !knownRun(inst) || s.Windows || crCount(inst) > crMaxCommands {
				prev = nil
				continue
			}
			flags := slices.Sorted(slices.Values(inst.Flags))
			if prev != nil && slices.Equal(flags, prevFlags) {
				p.ReportFix(inst.KeywordSpan(), "merge this RUN into the RUN on line "+strconv.Itoa(prev.Line)+" with &&",
					"RUN directly after the RUN on line %d: consider merging them into one RUN", prev.Line)
			}
			prev, prevFlags = inst, flags
		}
	}
}

// crCount counts the commands a RUN runs in its own script (not those of
// "sh -c" strings), as hadolint does.
func crCount(inst *Instruction) int {
	n := 0
	for _, c := range inst.Run.Commands() {
		if c.Nested == 0 && c.Name != "" {
			n++
		}
	}
	return n
}
