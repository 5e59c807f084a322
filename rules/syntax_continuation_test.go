package rules

import "testing"

func TestNoEmptyContinuation(t *testing.T) {
	runRuleCases(t, "DF814", []ruleCase{
		{name: "empty line", src: "FROM debian:bookworm\nRUN apt-get update && \\\n\n    apt-get install -y curl\n", want: []int{3}},
		{name: "blank line with spaces", src: "FROM debian:bookworm\nRUN a && \\\n   \n    b\n", want: []int{3}},
		{name: "two empty lines, one finding", src: "FROM debian:bookworm\nRUN a && \\\n\n\n    b\n", want: []int{3}, messages: []string{"lines 3, 4"}},
		{name: "two instructions", src: "FROM debian:bookworm\nRUN a \\\n\n  b\nENV A=1 \\\n\n  B=2\n", want: []int{3, 6}},
		{name: "escape directive", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n\n  C:\\\n", want: []int{4}},

		{name: "no empty line", src: "FROM debian:bookworm\nRUN a && \\\n    b\n"},
		{name: "comment inside continuation", src: "FROM debian:bookworm\nRUN a && \\\n# note\n    b\n"},
		{name: "empty line after the instruction", src: "FROM debian:bookworm\nRUN a && \\\n    b\n\nRUN c\n"},
		{name: "heredoc body", src: "FROM debian:bookworm\nRUN <<EOF\na\n\nb\nEOF\n"},
	})
}
