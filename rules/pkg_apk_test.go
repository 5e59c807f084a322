package rules

import "testing"

const df6Alpine = "FROM alpine:3.20\n"

func TestApkNoCache(t *testing.T) {
	runRuleCases(t, "DF611", []ruleCase{
		{name: "update and add", src: df6Alpine + "RUN apk update && apk add curl\n", want: []int{2}, messages: []string{"'apk add' without --no-cache"}},
		{name: "--update", src: df6Alpine + "RUN apk add --update curl\n", want: []int{2}},
		{name: "-U before the subcommand", src: df6Alpine + "RUN apk -U add curl\n", want: []int{2}},
		{name: "each add", src: df6Alpine + "RUN apk add --virtual .build-deps gcc \\\n && apk add curl\n", want: []int{2, 3}},
		{name: "only the add without the flag", src: df6Alpine + "RUN apk add --no-cache curl && apk add git\n", want: []int{2}},
		{name: "rm before add", src: df6Alpine + "RUN rm -rf /var/cache/apk/* && apk add --update curl\n", want: []int{2}},
		{name: "heredoc", src: df6Alpine + "RUN <<EOF\napk update\napk add curl\nEOF\n", want: []int{4}},
		{name: "exec form", src: df6Alpine + "RUN [\"apk\", \"add\", \"curl\"]\n", want: []int{2}},
		{name: "sudo", src: df6Alpine + "RUN sudo apk add curl\n", want: []int{2}},
		{name: "stage built on", src: df6Alpine + "RUN apk add curl\nFROM 0\nRUN true\n", want: []int{2}},

		{name: "--no-cache", src: df6Alpine + "RUN apk add --no-cache curl\n"},
		{name: "--no-cache first", src: df6Alpine + "RUN apk --no-cache add curl\n"},
		{name: "--no-cache last", src: df6Alpine + "RUN apk add curl --no-cache\n"},
		{name: "--no-cache with --virtual", src: df6Alpine + "RUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && apk del .build-deps\n"},
		{name: "rm cache", src: df6Alpine + "RUN apk update && apk add curl && rm -rf /var/cache/apk/*\n"},
		{name: "rm cache without -r", src: df6Alpine + "RUN apk add --update curl && rm /var/cache/apk/*\n"},
		{name: "cache mount", src: df6Alpine + "RUN --mount=type=cache,target=/var/cache/apk apk add --update curl\n"},
		{name: "etc cache mount", src: df6Alpine + "RUN --mount=type=cache,target=/etc/apk/cache apk add --update curl\n"},
		{name: "cache dir", src: df6Alpine + "RUN apk add --cache-dir /tmp/apk curl\n"},
		{name: "unknown options", src: df6Alpine + "RUN apk add $APK_OPTS curl\n"},
		{name: "not add", src: df6Alpine + "RUN apk del curl && apk info\n"},
		{name: "builder stage does not ship", src: df6Alpine + "RUN apk add gcc\nFROM scratch\nCOPY --from=0 /etc/hostname /x\n"},
		{name: "string", src: df6Alpine + "RUN echo 'apk add curl'\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN apk add curl\n"},
	})
}

func TestApkUnpinned(t *testing.T) {
	runRuleCases(t, "DF612", []ruleCase{
		{name: "unpinned", src: df6Alpine + "RUN apk add --no-cache curl git\n", want: []int{2}, messages: []string{"does not pin 'curl' and 'git' to"}},
		{name: "virtual name is not a package", src: df6Alpine + "RUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 make\n", want: []int{2},
			messages: []string{"does not pin 'make' to"}},
		{name: "-t name is not a package", src: df6Alpine + "RUN apk add -t .deps make\n", want: []int{2}, messages: []string{"does not pin 'make' to"}},
		{name: "repository value is not a package", src: df6Alpine + "RUN apk add --no-cache --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing foo\n", want: []int{2},
			messages: []string{"does not pin 'foo' to"}},
		{name: "comments in continuation", src: df6Alpine + "RUN apk add --no-cache \\\n# tools\n    bash \\\n    curl~8\n", want: []int{2}, messages: []string{"'bash' to"}},
		{name: "builder stage too", src: df6Alpine + "RUN apk add --no-cache gcc\nFROM scratch\n", want: []int{2}},

		{name: "pinned", src: df6Alpine + "RUN apk add --no-cache curl=8.9.1-r0 git~2.45 'openssl>3.3' 'zlib<2'\n"},
		{name: "repository tag", src: df6Alpine + "RUN apk add --no-cache foo@testing\n"},
		{name: "only a virtual package", src: df6Alpine + "RUN apk add --no-cache --virtual=.deps gcc=13.2.1-r0\n"},
		{name: "apk file", src: df6Alpine + "RUN apk add --no-cache --allow-untrusted /tmp/foo-1.0.apk ./bar.apk\n"},
		{name: "variable", src: df6Alpine + "RUN apk add --no-cache $PACKAGES \"$EXTRA\"\n"},
		{name: "pinned through ARG", src: df6Alpine + "ARG V=8.9.1-r0\nRUN apk add --no-cache curl=$V\n"},
		{name: "xargs", src: df6Alpine + "RUN xargs apk add --no-cache < /tmp/packages\n"},
		{name: "del", src: df6Alpine + "RUN apk del .build-deps\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN apk add curl\n"},
	})
}
