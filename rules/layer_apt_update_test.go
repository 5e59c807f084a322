package rules

import "testing"

func TestAptUpdateAlone(t *testing.T) {
	runRuleCases(t, "DF402", []ruleCase{
		{name: "update then install", src: "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n", want: []int{2},
			messages: []string{"'apt-get update' runs in a RUN of its own, apart from the 'apt-get install' on line 3: " +
				"once this layer is cached, any change to that RUN installs from stale package lists; " +
				"run 'apt-get update' in the same RUN as the install"}},
		{name: "apt", src: "FROM ubuntu:24.04\nRUN apt update\nRUN apt install -y git\n", want: []int{2}},
		{name: "flags and options", src: "FROM debian:12\nRUN apt-get -qq update -y\nENV X=1\nCOPY a /a\n" +
			"RUN DEBIAN_FRONTEND=noninteractive apt-get -o Dpkg::Options::=--force-confdef -y install tzdata\n", want: []int{2},
			messages: []string{"'apt-get install' on line 5"}},
		{name: "sudo", src: "FROM ubuntu:24.04\nUSER dev\nRUN sudo apt-get update\nRUN sudo apt-get install -y make\n", want: []int{3}},
		{name: "upgrade later", src: "FROM debian:12\nRUN apt-get update\nRUN apt-get -y dist-upgrade\n", want: []int{2}},
		{name: "update with unrelated commands", src: "FROM debian:12\nRUN mkdir -p /opt/x && apt-get update && echo done\n" +
			"RUN apt-get install -y curl\n", want: []int{2}},
		{name: "sh -c", src: "FROM debian:12\nRUN sh -c 'apt-get update'\nRUN apt-get install -y curl\n", want: []int{2}},
		{name: "exec form", src: "FROM debian:12\nRUN [\"apt-get\", \"update\"]\nRUN apt-get install -y curl\n", want: []int{2}},
		{name: "heredoc", src: "# syntax=docker/dockerfile:1\nFROM debian:12\nRUN <<EOF\nset -e\napt-get update\nEOF\n" +
			"RUN apt-get install -y curl\n", want: []int{5}},
		{name: "continuation", src: "FROM debian:12\nRUN set -eux; \\\n    # refresh\n    apt-get update\n" +
			"RUN apt-get install -y \\\n    curl\n", want: []int{4}},
		{name: "later RUN installs before it updates", src: "FROM debian:12\nRUN apt-get update\n" +
			"RUN apt-get install -y gnupg && echo deb x > /etc/apt/sources.list.d/x.list && apt-get update && apt-get install -y x\n",
			want: []int{2}},
		{name: "a stage built on it", src: "FROM debian:12 AS base\nRUN apt-get update\nFROM base AS build\n" +
			"RUN apt-get install -y gcc\n", want: []int{2}, messages: []string{"on line 4"}},
		{name: "apk", src: "FROM alpine:3.20\nRUN apk update\nRUN apk add curl\n", want: []int{2},
			messages: []string{"'apk update' runs in a RUN of its own, apart from the 'apk add' on line 3", "use 'apk add --no-cache'"}},
		{name: "the right stage", src: "FROM debian:12 AS a\nRUN apt-get update && apt-get install -y curl\n" +
			"FROM debian:12 AS b\nRUN apt-get update\nRUN apt-get install -y git\n", want: []int{4}},

		{name: "same RUN", src: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"},
		{name: "no later install", src: "FROM debian:12\nRUN apt-get update\nCMD [\"bash\"]\n"},
		{name: "later RUN updates first", src: "FROM debian:12\nRUN apt-get update\nRUN apt-get update && apt-get install -y curl\n"},
		{name: "update and upgrade together", src: "FROM debian:12\nRUN apt-get update && apt-get upgrade -y\nRUN apt-get install -y curl\n"},
		{name: "lists removed in between", src: "FROM debian:12\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n" +
			"RUN apt-get install -y curl\n"},
		{name: "apk add --no-cache", src: "FROM alpine:3.20\nRUN apk update\nRUN apk add --no-cache curl\n"},
		{name: "apk add -U", src: "FROM alpine:3.20\nRUN apk update\nRUN apk -U add curl\n"},
		{name: "cache mount on the install", src: "# syntax=docker/dockerfile:1\nFROM debian:12\nRUN apt-get update\n" +
			"RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get install -y curl\n"},
		{name: "cache mount on the update", src: "# syntax=docker/dockerfile:1\nFROM debian:12\n" +
			"RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\nRUN apt-get install -y curl\n"},
		{name: "unrelated stage", src: "FROM debian:12 AS a\nRUN apt-get update\nFROM debian:12\nRUN apt-get install -y curl\n"},
		{name: "other family", src: "FROM debian:12\nRUN apt-get update\nRUN apk add curl\n"},
		{name: "unknown subcommand", src: "FROM debian:12\nRUN apt-get $CMD\nRUN apt-get install -y curl\n"},
		{name: "apt-get install in a script", src: "FROM debian:12\nRUN apt-get update\nRUN ./install.sh\n"},
		{name: "windows", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN apt-get update\n" +
			"RUN apt-get install -y curl\n"},
		{name: "powershell shell", src: "FROM debian:12\nSHELL [\"pwsh\", \"-c\"]\nRUN apt-get update\nRUN apt-get install -y curl\n"},
		{name: "apt-cache is not apt-get", src: "FROM debian:12\nRUN apt-cache update\nRUN apt-get install -y curl\n"},
	})
}

func TestAptUpdateAloneFix(t *testing.T) {
	r, ok := Lookup("DF402")
	if !ok {
		t.Fatal("DF402 not registered")
	}
	for _, c := range []struct{ src, fix string }{
		{"FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n",
			"RUN apt-get update && apt-get install -y --no-install-recommends curl"},
		{"FROM debian:12\nRUN apt-get update\nRUN apt-get install -y \\\n  curl\n", "RUN apt-get update && apt-get install -y curl"},
		{"FROM debian:12\nRUN apt-get update\nRUN apt-get install -y \"$PKG\"\n", "RUN apt-get update && apt-get install ..."},
		{"FROM alpine:3.20\nRUN apk update\nRUN apk add curl git\n", "RUN apk add --no-cache curl git"},
	} {
		fs := lintWith(t, r, ruleCase{src: c.src})
		if len(fs) != 1 || fs[0].Fix != c.fix {
			t.Errorf("%q: findings%s, want fix %q", c.src, dump(fs), c.fix)
			continue
		}
	}
}
