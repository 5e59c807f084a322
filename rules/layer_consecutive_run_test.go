package rules

import "testing"

func TestConsecutiveRun(t *testing.T) {
	runRuleCases(t, "DF403", []ruleCase{
		{name: "two", src: "FROM debian:12\nRUN mkdir /app\nRUN chown nobody /app\n", want: []int{3},
			messages: []string{"RUN directly after the RUN on line 2"}},
		{name: "three", src: "FROM debian:12\nRUN a\nRUN b\nRUN c\n", want: []int{3, 4}},
		{name: "comments and blank lines between", src: "FROM debian:12\nRUN a\n\n# then b\nRUN b\n", want: []int{5}},
		{name: "continuation", src: "FROM debian:12\nRUN a \\\n    && b\nRUN c \\\n  # comment\n  --flag\n", want: []int{4}},
		{name: "exec form", src: "FROM debian:12\nRUN [\"a\"]\nRUN [\"b\", \"x\"]\n", want: []int{3}},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\na\nEOF\nRUN b\n", want: []int{5}},
		{name: "same mount", src: "FROM debian:12\nRUN --mount=type=cache,target=/root/.cache a\nRUN --mount=type=cache,target=/root/.cache b\n", want: []int{3}},
		{name: "sh -c counts once", src: "FROM debian:12\nRUN sh -c 'a; b; c; d'\nRUN e\n", want: []int{3}},
		{name: "second stage", src: "FROM debian:12 AS a\nRUN a\nFROM debian:12\nRUN b\nRUN c\n", want: []int{5}},
		{name: "sudo", src: "FROM debian:12\nRUN sudo a\nRUN sudo b\n", want: []int{3}},

		{name: "single", src: "FROM debian:12\nRUN a\n"},
		{name: "other instruction between", src: "FROM debian:12\nRUN a\nENV X=1\nRUN b\n"},
		{name: "across stages", src: "FROM debian:12\nRUN a\nFROM debian:12\nRUN b\n"},
		{name: "different flags", src: "FROM debian:12\nRUN a\nRUN --mount=type=cache,target=/var/cache/apt b\n"},
		{name: "different mounts", src: "FROM debian:12\nRUN --mount=type=secret,id=a a\nRUN --mount=type=secret,id=b b\n"},
		{name: "first chains more than two", src: "FROM debian:12\nRUN a && b && c\nRUN d\n"},
		{name: "second chains more than two", src: "FROM debian:12\nRUN a\nRUN b && c && d\nRUN e\n"},
		{name: "docker-library style", src: "FROM debian:12\nRUN set -eux; apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists/*\nRUN set -eux; curl -fsSL https://e.com/x -o x; tar -xf x; rm x\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a\nRUN b\n"},
		{name: "powershell", src: "FROM debian:12\nSHELL [\"pwsh\", \"-Command\"]\nRUN a\nRUN b\n"},
		{name: "parse error", src: "FROM debian:12\nRUN a\nRUN b (\n"},
	})
}
