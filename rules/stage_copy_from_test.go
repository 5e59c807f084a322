package rules

import "testing"

func TestCopyFromStage(t *testing.T) {
	runRuleCases(t, "DF114", []ruleCase{
		{name: "self by name", src: "FROM golang:1.22 AS build\nCOPY --from=build /src /src\n", want: []int{2},
			messages: []string{"COPY --from=build refers to the stage it is in ('build'): a stage cannot copy from itself"}},
		{name: "self by name, other case", src: "FROM golang:1.22 AS build\nCOPY --from=BUILD /src /src\n", want: []int{2}},
		{name: "self by index", src: "FROM golang:1.22\nCOPY --from=0 /src /src\n", want: []int{2}, messages: []string{"(stage 0)"}},
		{name: "forward by name", src: "FROM alpine:3.20 AS one\nCOPY --from=two /x /x\nFROM alpine:3.20 AS two\nRUN touch /x\n", want: []int{2},
			messages: []string{"refers to stage 'two' (line 3), which is defined later"}},
		{name: "forward by index", src: "FROM alpine:3.20\nCOPY --from=1 /x /x\nFROM alpine:3.20\n", want: []int{2}, messages: []string{"stage 1 (line 3)"}},
		{name: "index out of range", src: "FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=5 /x /x\n", want: []int{3},
			messages: []string{"refers to stage 5, but the file has stages 0 to 1"}},
		{name: "negative index", src: "FROM alpine:3.20\nCOPY --from=-1 /x /x\n", want: []int{2}, messages: []string{"but the file has only stage 0"}},
		{name: "typo: swapped letters", src: "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=biuld /app /app\n", want: []int{4},
			messages: []string{"is not a stage, so it is pulled as the image 'docker.io/library/biuld' (did you mean stage 'build'?)"}},
		{name: "typo: missing letter", src: "FROM golang:1.22 AS builder\nFROM alpine:3.20\nCOPY --from=buider /app /app\n", want: []int{3}},
		{name: "mount from itself", src: "FROM golang:1.22 AS build\nRUN --mount=from=build,target=/x true\n", want: []int{2},
			messages: []string{"a stage cannot mount itself"}},
		{name: "mount from a later stage", src: "FROM alpine:3.20 AS a\nRUN --mount=type=bind,from=b,target=/b ls /b\nFROM alpine:3.20 AS b\n", want: []int{2}},
		{name: "name from an ARG", src: "FROM alpine:3.20 AS a\nARG SRC=b\nCOPY --from=${SRC} /x /x\nFROM alpine:3.20 AS b\n", want: []int{3}},
		{name: "lower-case keywords and continuation", src: "from alpine:3.20 as a\ncopy \\\n  --from=a /x /x\n", want: []int{3}},
		{name: "any --target", src: "FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nCOPY --from=c /x /x\nFROM alpine:3.20 AS c\n", target: "a", want: []int{3}},
		{name: "copy --link", src: "FROM alpine:3.20 AS a\nCOPY --link --from=a /x /x\n", want: []int{2}},

		{name: "earlier stage", src: "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /app /app\n"},
		{name: "earlier stage by index", src: "FROM golang:1.22\nFROM alpine:3.20\nCOPY --from=0 /app /app\n"},
		{name: "image with tag", src: "FROM alpine:3.20\nCOPY --from=nginx:latest /etc/nginx /etc/nginx\n"},
		{name: "image with registry", src: "FROM alpine:3.20\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/\n"},
		{name: "bare official image", src: "FROM php:8.3\nCOPY --from=composer /usr/bin/composer /usr/bin/composer\n"},
		{name: "official image near a short stage name", src: "FROM debian:12 AS base\nFROM base\nCOPY --from=bash /usr/local/bin/bash /bin/bash\n"},
		{name: "prefix of a stage name", src: "FROM node:22 AS nodes\nFROM alpine:3.20\nCOPY --from=node /usr/local/bin/node /usr/local/bin/\n"},
		{name: "two edits away", src: "FROM golang:1.22 AS compiler\nFROM php:8.3\nCOPY --from=composer /usr/bin/composer /usr/bin/composer\n"},
		{name: "unknown ARG", src: "FROM alpine:3.20 AS a\nARG SRC\nCOPY --from=$SRC /x /x\n"},
		{name: "duplicate names are DF106's", src: "FROM alpine:3.20 AS a\nFROM alpine:3.20 AS a\nCOPY --from=a /x /x\n"},
		{name: "mount from an earlier stage", src: "FROM golang:1.22 AS deps\nFROM golang:1.22\nRUN --mount=from=deps,source=/go/pkg,target=/go/pkg go build ./...\n"},
		{name: "mount from an image", src: "FROM alpine:3.20\nRUN --mount=from=busybox:1.36,target=/bb ls /bb\n"},
		{name: "cache mount", src: "FROM golang:1.22 AS build\nRUN --mount=type=cache,target=/root/.cache/go-build go build ./...\n"},
		{name: "onbuild is not checked", src: "FROM alpine:3.20 AS a\nONBUILD COPY --from=a /x /x\n"},
		{name: "plain copy", src: "FROM alpine:3.20 AS a\nCOPY a /a\n"},
		{name: "windows", src: "# escape=`\nFROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022 AS build\nFROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022\nCOPY --from=build C:\\app C:\\app\n"},
	})
}
