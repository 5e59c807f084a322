package rules

import "testing"

func TestUndefinedVar(t *testing.T) {
	runRuleCases(t, "DF816", []ruleCase{
		{name: "global ARG not redeclared", src: "ARG VERSION=1.0\nFROM alpine:3.20\nLABEL version=$VERSION\n", want: []int{3},
			messages: []string{"global ARG VERSION (line 1)"}},
		{name: "platform ARG not declared", src: "FROM --platform=$BUILDPLATFORM golang:1.22\nRUN --mount=type=cache,id=go-$TARGETARCH,target=/root/.cache go build\n", want: []int{2},
			messages: []string{"ARG TARGETARCH"}},
		{name: "platform ARG in COPY", src: "FROM alpine:3.20\nCOPY bin/app-${TARGETOS}-${TARGETARCH} /app\n", want: []int{2, 2}},
		{name: "scratch", src: "FROM scratch\nCOPY app /app\nUSER $APP_USER\n", want: []int{3}},
		{name: "scratch chain", src: "FROM scratch AS base\nENV A=1\nFROM base\nWORKDIR $B\n", want: []int{4}},
		{name: "used before declared", src: "FROM alpine:3.20\nWORKDIR $APP_DIR\nENV APP_DIR=/app\n", want: []int{2}, messages: []string{"declared on line 3"}},
		{name: "typo", src: "FROM alpine:3.20\nARG APP_VERSION=1\nLABEL version=$APP_VERSON\n", want: []int{3}, messages: []string{"did you mean $APP_VERSION?"}},
		{name: "case typo", src: "FROM alpine:3.20\nENV APP_HOME=/app\nWORKDIR $app_home\n", want: []int{3}},
		{name: "ARG of another stage", src: "FROM golang:1.22 AS build\nARG GIT_COMMIT=abc\nFROM alpine:3.20\nLABEL commit=$GIT_COMMIT\n", want: []int{4},
			messages: []string{`stage "build"`}},
		{name: "ARG default", src: "FROM alpine:3.20\nARG B=$TARGETARCH\n", want: []int{2}},
		{name: "VOLUME and STOPSIGNAL", src: "FROM scratch\nVOLUME $DATA\nSTOPSIGNAL $SIG\n", want: []int{2, 3}},
		{name: "escape directive", src: "# escape=`\nARG V=1\nFROM alpine:3.20\nLABEL v=$V `\n  w=2\n", want: []int{4}},

		{name: "redeclared global ARG", src: "ARG VERSION=1.0\nFROM alpine:3.20\nARG VERSION\nLABEL version=$VERSION\n"},
		{name: "declared platform ARG", src: "FROM alpine:3.20\nARG TARGETARCH\nCOPY bin/app-$TARGETARCH /app\n"},
		{name: "base image env", src: "FROM golang:1.22\nENV PATH=$GOPATH/bin:$PATH\nWORKDIR $HOME\n"},
		{name: "unknown variable with an image base", src: "FROM node:22\nWORKDIR $SOMETHING\n"},
		{name: "default value", src: "FROM scratch\nLABEL v=${VERSION:-dev}\n"},
		{name: "alternative value", src: "FROM scratch\nLABEL v=${VERSION:+set}\n"},
		{name: "single quotes", src: "FROM scratch\nLABEL v='$VERSION'\n"},
		{name: "escaped", src: "FROM scratch\nLABEL v=\\$VERSION\n"},
		{name: "RUN commands are not checked", src: "FROM scratch\nRUN echo $UNDEFINED\n"},
		{name: "CMD is not expanded", src: "FROM scratch\nCMD [\"/app\", \"$X\"]\n"},
		{name: "PATH on scratch", src: "FROM scratch\nENV PATH=/app:$PATH\n"},
		{name: "parent stage ARG is inherited", src: "FROM alpine:3.20 AS base\nARG VERSION=1\nFROM base\nLABEL v=$VERSION\n"},
		{name: "parent stage ENV", src: "FROM scratch AS base\nENV APP=/app\nFROM base\nWORKDIR $APP\n"},
		{name: "global ARG named like the image's env", src: "ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}\nLABEL node=$NODE_VERSION\n"},
		{name: "global ARG with an unknown base", src: "ARG BASE\nARG V=1\nFROM $BASE\nLABEL v=$V\n"},
		{name: "ENV of another stage", src: "FROM golang:1.22 AS build\nENV ORACLE_HOME=/u01\nFROM nginx:1.27\nWORKDIR $ORACLE_HOME\n"},
		{name: "ARG of another stage on the same base", src: "FROM oracle/base:1 AS build\nARG ORACLE_HOME=/u01\nFROM oracle/base:1\nWORKDIR $ORACLE_HOME\n"},
		{name: "two-edit near miss with an image base", src: "FROM oracle/database:19\nENV STARTUP_FILE=a.sh\nCOPY $START_FILE /x/\n"},
		{name: "short names", src: "FROM node:22\nARG UID=1000\nUSER $UID:$GID\n"},
		{name: "windows", src: "# escape=`\nARG V=1\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nLABEL v=$V\n"},
		{name: "same ENV defines it (DF810)", src: "FROM scratch\nENV A=1 B=$A\n"},
		{name: "proxy", src: "FROM scratch\nENV http_proxy=$HTTP_PROXY\n"},
	})
}
