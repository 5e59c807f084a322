package rules

// Instruction keywords whose casing differs from the rest of the file
// (DF812).

import "strings"

func init() {
	MustRegister(&Rule{
		ID:       "DF812",
		Name:     "instruction-casing",
		Severity: SeverityStyle,
		Summary:  "Instruction keyword casing is not consistent across the file",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"ConsistentInstructionCasing"}},
		Doc: Doc{
			Why: "Instruction keywords are case-insensitive, but mixing `RUN` and `run` (or writing `Run`) " +
				"makes a Dockerfile harder to scan and to grep, and usually marks a pasted snippet.",
			Bad:  "FROM alpine:3.20\nrun apk add --no-cache curl\nCOPY . /app",
			Good: "FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY . /app",
			Fix:  "Write every keyword in the casing most of the file uses (upper case by convention).",
			Notes: "As in BuildKit, the majority casing of the file's all-upper and all-lower keywords " +
				"wins (upper case on a tie), and a mixed-case keyword such as `Run` is always reported. " +
				"Unlike BuildKit, ARG instructions before the first FROM count too. The keyword after " +
				"ONBUILD is not checked.",
		},
		Check: checkInstructionCasing,
	})
}

func checkInstructionCasing(p *Pass) {
	lower, upper := 0, 0
	for _, inst := range p.File.Instructions {
		switch inst.Written {
		case strings.ToLower(inst.Written):
			lower++
		case strings.ToUpper(inst.Written):
			upper++
		}
	}
	majorityLower := lower > upper
	for _, inst := range p.File.Instructions {
		want, casing := strings.ToUpper(inst.Written), "upper"
		if majorityLower {
			want, casing = strings.ToLower(inst.Written), "lower"
		}
		if inst.Written == want {
			continue
		}
		what := "the majority of the file's instructions"
		if inst.Written != strings.ToLower(inst.Written) && inst.Written != strings.ToUpper(inst.Written) {
			what = "the file (mixed case is never consistent)"
		}
		p.ReportFix(inst.KeywordSpan(), want, "instruction keyword %q should be %s case like %s", inst.Written, casing, what)
	}
}
