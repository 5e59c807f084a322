package rules

import "testing"

func TestInstructionCasing(t *testing.T) {
	runRuleCases(t, "DF812", []ruleCase{
		{name: "one lower-case", src: "FROM alpine:3.20\nrun apk add --no-cache curl\nCOPY . /app\n", want: []int{2}, messages: []string{"upper case"}},
		{name: "mixed case always", src: "FROM alpine:3.20\nRun true\n", want: []int{2}, messages: []string{"mixed case"}},
		{name: "lower-case majority", src: "from alpine:3.20\nrun true\nCOPY . /app\nworkdir /app\n", want: []int{3}, messages: []string{"lower case"}},
		{name: "tie goes to upper", src: "FROM alpine:3.20\nrun true\n", want: []int{2}},
		{name: "meta ARG counts", src: "arg V=1\nFROM alpine:3.20\nRUN true\n", want: []int{1}},
		{name: "continuation keyword", src: "FROM alpine:3.20\nRUN true\nenv A=1 \\\n  B=2\n", want: []int{3}},
		{name: "later stage", src: "FROM alpine:3.20 AS a\nRUN true\nfrom a\n", want: []int{3}},

		{name: "all upper", src: "FROM alpine:3.20\nRUN true\nCOPY . /app\n"},
		{name: "all lower", src: "from alpine:3.20\nrun true\ncopy . /app\n"},
		{name: "ONBUILD trigger keyword not checked", src: "FROM alpine:3.20\nONBUILD run true\n"},
		{name: "words that look like keywords", src: "FROM alpine:3.20\nRUN echo from run copy\n"},
	})
}
