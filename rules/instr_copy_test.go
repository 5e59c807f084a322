package rules

import "testing"

func TestCopyMultiSourceDestSlash(t *testing.T) {
	runRuleCases(t, "DF809", []ruleCase{
		{name: "two sources to dot", src: "FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json .\n", want: []int{3}},
		{name: "ADD", src: "FROM alpine:3.20\nADD a.tar b.tar /opt\n", want: []int{2}},
		{name: "from a stage", src: "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /a /b /usr/local/bin\n", want: []int{3}},
		{name: "continuation", src: "FROM alpine:3.20\nCOPY a \\\n  b \\\n  /dest\n", want: []int{4}},
		{name: "ARG destination", src: "FROM alpine:3.20\nARG DEST=/app\nCOPY a b $DEST\n", want: []int{3}},
		{name: "exec form", src: "FROM alpine:3.20\nCOPY [\"a\", \"b\", \"/dest\"]\n", want: []int{2}},
		{name: "wildcard matching several files", src: "FROM node:22\nWORKDIR /app\nCOPY package*.json .\n",
			files: map[string]string{"package.json": "{}", "package-lock.json": "{}"}, want: []int{3}, messages: []string{"matches 2 files"}},
		{name: "windows backslash is not enough elsewhere", src: "FROM alpine:3.20\nCOPY a b c:\\\\app\n", want: []int{2}},
		{name: "chown flag", src: "FROM alpine:3.20\nCOPY --chown=app:app a b /srv\n", want: []int{2}},

		{name: "trailing slash", src: "FROM node:22\nCOPY package.json package-lock.json ./\n"},
		{name: "single source", src: "FROM node:22\nCOPY package.json .\n"},
		{name: "single directory", src: "FROM node:22\nCOPY src /app/src\n"},
		{name: "ARG destination with slash", src: "FROM alpine:3.20\nARG DEST=/app/\nCOPY a b ${DEST}\n"},
		{name: "unknown destination", src: "FROM alpine:3.20\nARG DEST\nCOPY a b $DEST\n"},
		{name: "wildcard without context", src: "FROM node:22\nCOPY package*.json .\n"},
		{name: "wildcard matching one file", src: "FROM node:22\nCOPY package*.json .\n", files: map[string]string{"package.json": "{}"}},
		{name: "wildcard matches ignored", src: "FROM node:22\nCOPY *.json .\n",
			files: map[string]string{"package.json": "{}", "secret.json": "{}", ".dockerignore": "secret.json\n"}},
		{name: "wildcard from a stage", src: "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /out/* /usr/local/bin\n", files: map[string]string{}},
		{name: "heredoc", src: "FROM alpine:3.20\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\n"},
		{name: "windows stage", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.txt b.txt C:\\app\\\n"},
	})
}

func TestCopyMultiSourceFix(t *testing.T) {
	r, _ := Lookup("DF809")
	for src, want := range map[string]string{
		"FROM a\nCOPY x y .\n":            "./",
		"FROM a\nCOPY x y \"/app\"\n":     `"/app/"`,
		"FROM a\nARG D=/d\nCOPY x y $D\n": "$D/",
	} {
		fs := lintWith(t, r, ruleCase{src: src})
		if len(fs) != 1 || fs[0].Fix != want {
			t.Errorf("%q: findings %v, want fix %q", src, fs, want)
		}
	}
}
