package rules

import "testing"

func TestWgetAndCurl(t *testing.T) {
	runRuleCases(t, "DF712", []ruleCase{
		{name: "two RUNs", src: "FROM debian:12\nRUN curl -fsSLo /a https://x/a\nRUN wget -q -O /b https://x/b\n", want: []int{3},
			messages: []string{"stage #0 uses both curl (line 2) and wget"}},
		{name: "same RUN", src: "FROM debian:12 AS app\nRUN wget -q https://x/a && \\\n    curl -fsSL https://x/b -o /b\n", want: []int{3},
			messages: []string{"stage 'app' uses both wget (line 2) and curl"}},
		{name: "once per stage", src: "FROM debian:12\nRUN curl x\nRUN wget x\nRUN wget y && curl z\n", want: []int{3}},
		{name: "sh -c and exec", src: "FROM debian:12\nRUN [\"curl\", \"-o\", \"/a\", \"https://x\"]\nRUN sh -c 'wget -q https://x'\n", want: []int{3}},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\ncurl -fsSL x\nwget -q y\nEOF\n", want: []int{4}},

		{name: "one tool", src: "FROM debian:12\nRUN curl -fsSL x\nRUN curl -fsSL y\n"},
		{name: "installing is not using", src: "FROM debian:12\nRUN apt-get install -y curl wget && curl -fsSL x\n"},
		{name: "checks are not uses", src: "FROM debian:12\nRUN command -v wget && wget --version && which curl && curl -V\n"},
		{name: "fallback", src: "FROM debian:12\nRUN curl -fsSL x || wget -q x\n"},
		{name: "if branches", src: "FROM debian:12\nRUN if command -v curl; then curl -fsSL x; else wget -q x; fi\n"},
		{name: "different stages", src: "FROM debian:12 AS a\nRUN wget -q x\nFROM debian:12\nRUN curl -fsSL y\n"},
		{name: "builder stage only copied from", src: "FROM debian:12 AS dl\nRUN wget -q x && curl -fsSL y\nFROM scratch\nCOPY --from=dl /x /x\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN curl -o a x\nRUN wget x\n"},
	})
}

func TestWgetNoProgress(t *testing.T) {
	runRuleCases(t, "DF713", []ruleCase{
		{name: "plain", src: "FROM debian:12\nRUN wget https://x/go.tgz\n", want: []int{2},
			messages: []string{"add --progress=dot:giga"}},
		{name: "-O file", src: "FROM debian:12\nRUN wget -O /tmp/x https://x\n", want: []int{2}},
		{name: "continuation, sudo, sh -c, exec", src: "FROM debian:12\nRUN cd /tmp && \\\n    sudo wget https://x\nRUN sh -c 'wget https://x'\nRUN [\"wget\", \"https://x\"]\n", want: []int{3, 4, 5}},
		{name: "alpine with GNU wget", src: "FROM alpine:3.20\nRUN apk add --no-cache wget && wget https://x\n", want: []int{2}},

		{name: "progress", src: "FROM debian:12\nRUN wget --progress=dot:giga https://x && wget --progress bar:force https://y\n"},
		{name: "quiet cluster", src: "FROM debian:12\nRUN wget -qO- https://x | tar -xz && wget -q https://y && wget --quiet https://z\n"},
		{name: "no-verbose", src: "FROM debian:12\nRUN wget -nv https://x && wget --no-verbose https://y\n"},
		{name: "log file", src: "FROM debian:12\nRUN wget -o /dev/null https://x && wget -a log https://y\n"},
		{name: "version", src: "FROM debian:12\nRUN wget --version\n"},
		{name: "unknown base", src: "ARG BASE\nFROM $BASE\nRUN wget https://x\n"},
		{name: "stage uses apk", src: "FROM traefik:v3.1\nRUN apk add --no-cache curl && wget https://x\n"},
		{name: "alpine busybox wget", src: "FROM alpine:3.20\nRUN wget https://x\n"},
		{name: "alpine-based tag", src: "FROM node:22-alpine AS b\nFROM b\nRUN wget https://x\n"},
		{name: "dynamic", src: "FROM debian:12\nRUN wget $WGET_OPTS https://x\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN wget https://x\n"},
	})
}

func TestCurlPipeShell(t *testing.T) {
	runRuleCases(t, "DF723", []ruleCase{
		{name: "curl | sh", src: "FROM debian:12\nRUN curl -fsSL https://get.example.com | sh\n", want: []int{2},
			messages: []string{"script downloaded by curl is run by 'sh' without being verified"}},
		{name: "wget -qO- | bash", src: "FROM debian:12\nRUN wget -qO- https://x/install.sh | bash\n", want: []int{2}},
		{name: "wget -O - | sudo bash -s", src: "FROM debian:12\nRUN wget -O - https://x | sudo -E bash -s -- --yes\n", want: []int{2}},
		{name: "python -", src: "FROM debian:12\nRUN curl -sSL https://install.python-poetry.org | python3 -\n", want: []int{2}},
		{name: "php installer", src: "FROM php:8.3\nRUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin\n", want: []int{2}},
		{name: "through tee", src: "FROM debian:12\nRUN curl -fsSL https://x | tee /tmp/log | bash\n", want: []int{2}},
		{name: "bash <(curl)", src: "FROM debian:12\nRUN bash <(curl -s https://x/install.sh)\n", want: []int{2}},
		{name: "sh -c $(curl)", src: "FROM debian:12\nRUN sh -c \"$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)\" \"\" --unattended\n", want: []int{2}},
		{name: "eval", src: "FROM debian:12\nRUN eval \"$(curl -fsSL https://x/env)\"\n", want: []int{2}},
		{name: "continuation and heredoc", src: "FROM debian:12\nRUN apt-get update && \\\n    curl -fsSL https://x \\\n      | bash -\nRUN <<EOF\ncurl -fsSL https://y | sh\nEOF\n", want: []int{3, 6}},
		{name: "curl -o -", src: "FROM debian:12\nRUN curl -fsSLo - https://x | sh\n", want: []int{2}},

		{name: "verified", src: "FROM debian:12\nRUN curl -fsSL -o /tmp/i.sh https://x && echo \"$SHA  /tmp/i.sh\" | sha256sum -c - && sh /tmp/i.sh\n"},
		{name: "curl into tar", src: "FROM debian:12\nRUN curl -fsSL https://x.tgz | tar -xz\n"},
		{name: "curl to a file then sh", src: "FROM debian:12\nRUN curl -fsSLO https://x/i.sh | sh\n"},
		{name: "wget to a file", src: "FROM debian:12\nRUN wget -q https://x/i.sh | sh\n"},
		{name: "shell with a script", src: "FROM debian:12\nRUN curl -fsSL https://x | bash /opt/filter.sh && curl -s https://x | sh -c 'cat > /x'\n"},
		{name: "python -c", src: "FROM debian:12\nRUN curl -s https://x/data.json | python3 -c 'import json,sys; print(json.load(sys.stdin))'\n"},
		{name: "substitution as an argument", src: "FROM debian:12\nRUN bash /opt/setup.sh \"$(curl -fsSL https://x/version)\"\n"},
		{name: "echo into sh", src: "FROM debian:12\nRUN echo 'echo hi' | sh\n"},
		{name: "sh -c string is not analysed", src: "FROM debian:12\nRUN [\"sh\", \"-c\", \"curl -fsSL https://x | sh\"]\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN curl -fsSL https://x | sh\n"},
	})
}
