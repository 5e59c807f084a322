package rules

import "testing"

func TestPipefail(t *testing.T) {
	runRuleCases(t, "DF711", []ruleCase{
		{name: "curl into tar", src: "FROM debian:12\nRUN curl -fsSL https://x/a.tgz | tar -xz -C /opt\n", want: []int{2},
			messages: []string{"pipeline runs under '/bin/sh -c' without pipefail: a failure of 'curl' is hidden by the exit status of 'tar'"}},
		{name: "bash shell without pipefail", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN wget -O- https://x/k | gpg --dearmor > /k.gpg\n", want: []int{3},
			messages: []string{"'/bin/bash -c'"}},
		{name: "one finding per RUN, position of the pipeline", src: "FROM debian:12\nRUN apt-get update && \\\n    curl -fsSL https://x | tar -x && \\\n    curl -fsSL https://y | tar -x\n", want: []int{3}},
		{name: "in a && chain after echo pipeline", src: "FROM debian:12\nRUN echo x | sha256sum -c - && curl -s x | bash\n", want: []int{2},
			messages: []string{"'curl'"}},
		{name: "three elements", src: "FROM debian:12\nRUN echo a | grep a | sort\n", want: []int{2}, messages: []string{"'grep'"}},
		{name: "|& pipe", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN make |& tee build.log\n", want: []int{3}},
		{name: "compound element", src: "FROM debian:12\nRUN (cd /src && make) | tee /log\n", want: []int{2},
			messages: []string{"a failure of the group holding 'cd'"}},
		{name: "block with a command that can fail", src: "FROM debian:12\nRUN { echo a; cat /etc/x; } | tee /y\n", want: []int{2},
			messages: []string{"a failure of the group holding 'cat'"}},
		{name: "checksum piped to grep -v still fires", src: "FROM debian:12\nRUN sha256sum /a | grep -v deadbeef\n", want: []int{2}},
		{name: "download piped to checksum then grep still fires", src: "FROM debian:12\nRUN curl -s x | sha256sum | grep deadbeef\n", want: []int{2}},
		{name: "checksum check without -c", src: "FROM debian:12\nRUN curl -s x | sha256sum > /sum\n", want: []int{2}},
		{name: "inside a then branch", src: "FROM debian:12\nRUN if [ -f x ]; then curl -s x | sh; fi\n", want: []int{2}},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL https://x | tar -xz\nEOF\n", want: []int{4}},
		{name: "set after the pipeline", src: "FROM debian:12\nRUN curl -s x | tar -x; set -o pipefail\n", want: []int{2}},
		{name: "set +o pipefail", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN set -o pipefail; set +o pipefail; curl x | tar -x\n", want: []int{3}},
		{name: "pipefail stage shell does not leak into other stage", src: "FROM debian:12 AS a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl x | tar -x\nFROM debian:12\nRUN curl x | tar -x\n", want: []int{5}},
		{name: "zsh without pipefail", src: "FROM debian:12\nSHELL [\"/bin/zsh\", \"-c\"]\nRUN curl x | tar -x\n", want: []int{3}},
		{name: "escape directive", src: "# escape=`\nFROM debian:12\nRUN curl -fsSL https://x | `\n    tar -xz\n", want: []int{3}},

		{name: "checksum grepped for the expected sum (jboss wildfly)", src: "FROM centos:7\nENV SHA1 3cab3453c9270c662766417adf16c27806124361\nRUN curl -O https://x/w.tar.gz \\\n    && sha1sum w.tar.gz | grep $SHA1 \\\n    && tar xf w.tar.gz\n"},
		{name: "md5sum grepped", src: "FROM debian:12\nRUN md5sum /opt/a.zip | grep -i 0123456789abcdef\n"},
		{name: "shell with pipefail", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://x | tar -xz\n"},
		{name: "shell -eo pipefail", src: "FROM alpine:3.20\nSHELL [\"/bin/ash\", \"-euxo\", \"pipefail\", \"-c\"]\nRUN wget -qO- https://x | tar -xz\n"},
		{name: "shell inherited from parent stage", src: "FROM debian:12 AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM base\nRUN curl x | tar -x\n"},
		{name: "set -o pipefail", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN set -o pipefail && curl -fsSL https://x | tar -xz\n"},
		{name: "set -euxo pipefail", src: "FROM debian:12\nRUN set -euxo pipefail; \\\n    curl -fsSL https://x | tar -xz\n"},
		{name: "shebang", src: "FROM debian:12\nRUN <<EOF\n#!/bin/bash -eo pipefail\ncurl -fsSL https://x | tar -xz\nEOF\n"},
		{name: "SHELLOPTS", src: "FROM debian:12\nENV SHELLOPTS=pipefail\nRUN curl x | tar -x\n"},
		{name: "echo producer", src: "FROM debian:12\nRUN echo \"$SHA  /tmp/x.tgz\" | sha256sum -c -\n"},
		{name: "printf and yes", src: "FROM debian:12\nRUN printf '%s\\n' a | tee /a && yes | apt-get install x\n"},
		{name: "echo block", src: "FROM php:8.3\nRUN { \\\n\t\techo '[global]'; \\\n\t\techo 'x = 1'; \\\n\t} | tee php-fpm.d/docker.conf\n"},
		{name: "checksum verification", src: "FROM node:22\nRUN grep \" node-v$V.tar.xz\\$\" SHASUMS256.txt | sha256sum -c - && awk '{print}' f | sha512sum --check\n"},
		{name: "substitution in an echo producer", src: "FROM debian:12\nRUN echo \"u:$(cat /run/secrets/pw)\" | chpasswd\n"},
		{name: "key import", src: "FROM debian:12\nRUN curl -sSL https://x/key.asc | apt-key add - && wget -qO- https://y | gpg --import\n"},
		{name: "grep -q assertion", src: "FROM debian:12\nRUN locale -a | grep -q en_US.utf8\n"},
		{name: "cat heredoc", src: "FROM debian:12\nRUN cat <<EOF | tee /etc/x\nhello\nEOF\n"},
		{name: "ignored status", src: "FROM debian:12\nRUN curl -s x | tar -x || true\n"},
		{name: "tested", src: "FROM debian:12\nRUN if dpkg -l | grep -q foo; then echo yes; fi && while ps aux | grep -q x; do sleep 1; done\n"},
		{name: "negated", src: "FROM debian:12\nRUN ! curl -s x | grep -q error\n"},
		{name: "in command substitution", src: "FROM debian:12\nRUN ARCH=$(dpkg --print-architecture | cut -d- -f1) && echo $ARCH\n"},
		{name: "sh -c string", src: "FROM debian:12\nRUN sh -c 'curl x | tar -x'\n"},
		{name: "exec form", src: "FROM debian:12\nRUN [\"/bin/sh\", \"-c\", \"curl x | tar -x\"]\n"},
		{name: "powershell", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Get-Process | Stop-Process\n"},
		{name: "windows cmd", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir | findstr x\n"},
		{name: "no pipeline", src: "FROM debian:12\nRUN curl -o /x https://x && tar -xf /x || exit 1\n"},
	})
}

// TestDF7Positions checks that the DF7xx rules point at the precise span.
func TestDF7Positions(t *testing.T) {
	cases := []struct {
		id, src                string
		line, col, eline, ecol int
	}{
		{"DF711", "FROM debian:12\nRUN set -e; \\\n    curl -fsSL https://x \\\n      | tar -xz\n", 3, 5, 4, 16},
		{"DF702", "FROM python:3.12\nRUN pip install \\\n    flask==3.0.3 \\\n    celery redis\n", 4, 5, 4, 17},
		{"DF701", "FROM python:3.12\nRUN apt-get update && pip install x==1\n", 2, 23, 2, 39},
		{"DF723", "FROM debian:12\nRUN true && curl -fsSL https://x | sh\n", 2, 13, 2, 38},
		{"DF722", "FROM debian:12\nADD --chmod=755 https://e.com/x /x\n", 2, 17, 2, 32},
		{"DF721", "FROM debian:12\nADD x /x\n", 2, 1, 2, 4},
	}
	for _, c := range cases {
		r, _ := Lookup(c.id)
		fs := lintWith(t, r, ruleCase{src: c.src})
		if len(fs) != 1 {
			t.Errorf("%s: %d findings%s", c.id, len(fs), dump(fs))
			continue
		}
		f := fs[0]
		if f.Line != c.line || f.Column != c.col || f.EndLine != c.eline || f.EndColumn != c.ecol {
			t.Errorf("%s: span %d:%d-%d:%d, want %d:%d-%d:%d", c.id, f.Line, f.Column, f.EndLine, f.EndColumn, c.line, c.col, c.eline, c.ecol)
		}
	}
}
