package dockerfile

import (
	"errors"
	"strings"
	"testing"
)

func mustParse(t *testing.T, src string) *File {
	t.Helper()
	f, err := Parse("Dockerfile", []byte(src), Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"empty", "", 0, "empty file"},
		{"blank", "  \n\n", 0, "empty file"},
		{"comments only", "# just a comment\n", 1, "no instructions"},
		{"binary", "FROM a\x00b\n", 1, "binary"},
		{"invalid utf8", "FROM alpine:3\nRUN echo \xff\n", 2, "invalid UTF-8"},
		{"unknown instruction", "FROM alpine:3\nFOO bar\n", 2, "unknown instruction"},
		{"shell script", "#!/bin/sh\nset -e\necho hi\n", 2, "unknown instruction"},
		{"yaml", "version: 3\nservices:\n  web: {}\n", 1, "unknown instruction"},
		{"instruction before FROM", "RUN echo hi\nFROM alpine:3\n", 1, "before the first FROM"},
		{"only ARG", "ARG X=1\n", 1, "no FROM"},
		{"unterminated heredoc", "FROM alpine:3\nRUN <<EOF\necho hi\n", 2, "unterminated heredoc"},
		{"bad stage name", "FROM alpine:3 AS 1bad\n", 1, "invalid name"},
		{"copy one arg", "FROM alpine:3\nCOPY x\n", 2, "COPY requires at least two arguments"},
		{"huge", "FROM alpine:3\n" + strings.Repeat("#", MaxSize), 0, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("Dockerfile", []byte(tt.src), Options{})
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Line != tt.line || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("got line %d %q, want line %d containing %q", e.Line, e.Msg, tt.line, tt.msg)
			}
			if strings.Contains(e.Error(), "\n") {
				t.Errorf("error spans lines: %q", e.Error())
			}
		})
	}
}

func TestParseBOMAndCRLF(t *testing.T) {
	src := "\xEF\xBB\xBFFROM alpine:3.20\r\nRUN apk add \\\r\n    curl\r\nUSER app\r\n"
	f := mustParse(t, src)
	if len(f.Instructions) != 3 {
		t.Fatalf("instructions = %d, want 3", len(f.Instructions))
	}
	if got := f.Stages[0].Base.Tag(); got != "3.20" {
		t.Errorf("tag = %q", got)
	}
	run := f.Instructions[1]
	if run.Line != 2 || run.EndLine != 3 {
		t.Errorf("RUN lines %d-%d, want 2-3", run.Line, run.EndLine)
	}
	cmds := run.Run.Commands()
	if len(cmds) != 1 || cmds[0].Name != "apk" {
		t.Fatalf("commands = %+v", cmds)
	}
	if f.Lines[0] != "FROM alpine:3.20" || strings.HasSuffix(f.Lines[1], "\r") {
		t.Errorf("lines not normalised: %q", f.Lines[:2])
	}
}

func TestVariables(t *testing.T) {
	src := `ARG REG=docker.io
ARG TAG
ARG BASE=${REG}/library/alpine
FROM ${BASE}:3.20 AS build
ARG TAG
ARG REG
ENV APP=/app HOME2=${HOME}
ENV DIR=${APP}/src
RUN echo
FROM build
RUN echo
`
	f := mustParse(t, src)
	s0 := f.Stages[0]
	if !s0.Base.Known || s0.Base.Resolved != "docker.io/library/alpine:3.20" {
		t.Errorf("base = %+v", s0.Base)
	}
	run := s0.Instructions[4]
	tests := []struct {
		word, want string
		known      bool
	}{
		{"$APP", "/app", true},
		{"${DIR}", "/app/src", true},
		{"${REG}", "docker.io", true},
		{"$TAG", "", false},   // ARG without default
		{"$HOME2", "", false}, // built from the base image's HOME
		{"$NOPE", "", false},  // undeclared: may come from the base image
		{"${APP:-x}", "/app", true},
		{"plain", "plain", true},
	}
	for _, tt := range tests {
		got, known := run.Expand(tt.word)
		if got != tt.want || known != tt.known {
			t.Errorf("Expand(%q) = %q, %v; want %q, %v", tt.word, got, known, tt.want, tt.known)
		}
	}
	// A stage built on another inherits its ENV and, as in BuildKit, its
	// ARGs.
	s1 := f.Stages[1]
	if s1.Parent != s0 {
		t.Fatalf("parent = %v", s1.Parent)
	}
	run2 := s1.Instructions[0]
	if v, ok := run2.Expand("$DIR"); !ok || v != "/app/src" {
		t.Errorf("inherited ENV: %q %v", v, ok)
	}
	if v, ok := run2.Expand("$REG"); !ok || v != "docker.io" {
		t.Errorf("inherited ARG: %q %v", v, ok)
	}
}

func TestMetaArgNotVisibleWithoutRedeclare(t *testing.T) {
	f := mustParse(t, "ARG V=1\nFROM alpine:3\nRUN echo $V\nARG V\nRUN echo $V\n")
	if _, ok := f.Stages[0].Instructions[0].Expand("$V"); ok {
		t.Error("meta ARG visible before re-declaration")
	}
	if v, ok := f.Stages[0].Instructions[2].Expand("$V"); !ok || v != "1" {
		t.Errorf("re-declared meta ARG = %q %v", v, ok)
	}
}

func TestStagesAndTarget(t *testing.T) {
	src := "FROM golang:1.22 AS build\nRUN go build\nFROM scratch AS final\nCOPY --from=build /x /x\nFROM build AS test\n"
	f := mustParse(t, src)
	if len(f.Stages) != 3 {
		t.Fatalf("stages = %d", len(f.Stages))
	}
	if !f.Stages[1].Base.Scratch || f.Stages[2].Base.Stage != f.Stages[0] {
		t.Errorf("bases: %+v %+v", f.Stages[1].Base, f.Stages[2].Base)
	}
	if f.FinalStage() != f.Stages[2] {
		t.Errorf("final = %v", f.FinalStage().Name)
	}
	g, err := Parse("Dockerfile", []byte(src), Options{Target: "Final"})
	if err != nil {
		t.Fatal(err)
	}
	if g.FinalStage() != g.Stages[1] {
		t.Errorf("target final = %v", g.FinalStage().Name)
	}
	if _, err := Parse("Dockerfile", []byte(src), Options{Target: "nope"}); err == nil {
		t.Error("unknown target accepted")
	}
}

func TestShellKinds(t *testing.T) {
	tests := []struct {
		name, src string
		posix     bool
	}{
		{"default", "FROM alpine:3\nRUN echo\n", true},
		{"bash", "FROM alpine:3\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN echo\n", true},
		{"powershell", "FROM alpine:3\nSHELL [\"pwsh\", \"-Command\"]\nRUN echo\n", false},
		{"windows default cmd", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n", false},
		{"windows tag", "FROM python:3.12-windowsservercore\nRUN dir\n", false},
		{"inherits from stage", "FROM alpine:3 AS a\nSHELL [\"powershell\"]\nFROM a\nRUN x\n", false},
		{"exec form is argv", "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN [\"cmd\", \"/c\", \"dir\"]\n", true},
		{"heredoc python", "FROM alpine:3\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n", false},
		{"heredoc bash", "FROM alpine:3\nRUN <<EOF\n#!/bin/bash\necho hi\nEOF\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, tt.src)
			last := f.Instructions[len(f.Instructions)-1]
			if last.Run == nil {
				t.Fatal("no RUN")
			}
			if last.Run.POSIX != tt.posix {
				t.Errorf("POSIX = %v, want %v", last.Run.POSIX, tt.posix)
			}
		})
	}
}

func TestRunPositions(t *testing.T) {
	src := "FROM alpine:3\n" + // 1
		"RUN apk update && \\\n" + // 2
		"    # a comment inside\n" + // 3
		"\n" + // 4 (empty continuation line)
		"    apk add curl; \\\n" + // 5
		"    cd /tmp\n" + // 6
		"RUN <<EOF\n" + // 7
		"set -e\n" + // 8
		"  pip install flask\n" + // 9
		"EOF\n" + // 10
		"RUN cat <<EOT > /f && echo done\n" + // 11
		"hello\n" + // 12
		"EOT\n" // 13
	f := mustParse(t, src)
	type pos struct{ line, col int }
	want := map[string]pos{"apk#0": {2, 5}, "apk#1": {5, 5}, "cd": {6, 5}, "set": {8, 1}, "pip": {9, 3}, "cat": {11, 5}, "echo": {11, 23}}
	got := map[string]pos{}
	for _, inst := range f.Instructions {
		if inst.Run == nil {
			continue
		}
		for _, c := range inst.Run.Commands() {
			key := c.Name
			if c.Name == "apk" {
				if _, seen := got["apk#0"]; seen {
					key = "apk#1"
				} else {
					key = "apk#0"
				}
			}
			l, col := inst.Run.Position(c, c.Pos)
			got[key] = pos{l, col}
		}
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s at %v, want %v", k, got[k], w)
		}
	}
	if len(f.Warnings) != 1 {
		t.Errorf("warnings = %v, want the empty continuation line", f.Warnings)
	}
}

func TestLocate(t *testing.T) {
	f := mustParse(t, "FROM --platform=linux/amd64 \\\n   golang:1.22 AS build\nWORKDIR app\n")
	if s := f.Instructions[0].LocateArg(0); s.Line != 2 || s.Column != 4 || s.EndColumn != 15 {
		t.Errorf("FROM arg span = %+v", s)
	}
	if s := f.Instructions[1].LocateArg(0); s.Line != 3 || s.Column != 9 {
		t.Errorf("WORKDIR arg span = %+v", s)
	}
}

func TestEscapeDirective(t *testing.T) {
	src := "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  c:\\\nWORKDIR C:\\app\n"
	f := mustParse(t, src)
	if f.Escape != '`' {
		t.Errorf("escape = %q", f.Escape)
	}
	if v, ok := f.Directive("escape"); !ok || v != "`" {
		t.Errorf("directive = %q %v", v, ok)
	}
	if f.Instructions[1].EndLine != 4 {
		t.Errorf("RUN ends at %d", f.Instructions[1].EndLine)
	}
}

func TestMounts(t *testing.T) {
	f := mustParse(t, "FROM alpine:3\nARG CACHE=/root/.cache\nRUN --mount=type=cache,target=${CACHE}/pip --mount=type=bind,source=req.txt,target=/r.txt pip install -r /r.txt\nRUN --mount=type=cache,target=$UNKNOWN true\nRUN true\n")
	ms, known := f.Stages[0].Instructions[1].Mounts()
	if !known || len(ms) != 2 {
		t.Fatalf("mounts = %+v, known %v", ms, known)
	}
	if ms[0].Type != "cache" || ms[0].Target != "/root/.cache/pip" || ms[1].Type != "bind" || ms[1].Source != "req.txt" {
		t.Errorf("mounts = %+v %+v", *ms[0], *ms[1])
	}
	if _, known := f.Stages[0].Instructions[2].Mounts(); known {
		t.Error("mount with an unknown variable reported as known")
	}
	if ms, known := f.Stages[0].Instructions[3].Mounts(); !known || ms != nil {
		t.Errorf("no mounts: %v %v", ms, known)
	}
}

// TestHostileInput holds inputs that once crashed BuildKit's parser or
// linter; they must come back as results or errors, never panics.
func TestHostileInput(t *testing.T) {
	for _, src := range []string{
		"\n#CheCk=skip=\n0",
		"FROM a\n# check=skip=all\nRUN x\n",
		"# check=skip=\nFROM a\n",
	} {
		_, _ = Parse("Dockerfile", []byte(src), Options{})
	}
}

func TestBuildArgs(t *testing.T) {
	src := "ARG BASE\nARG TAG=3.19\nFROM ${BASE}:${TAG}\nARG TAG\nARG USERID=1000\nRUN echo $TAG $USERID $UNDECLARED\n"
	f, err := Parse("Dockerfile", []byte(src), Options{BuildArgs: map[string]string{"BASE": "alpine", "TAG": "3.20", "USERID": "0", "UNDECLARED": "x"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Stages[0].Base.Resolved; got != "alpine:3.20" {
		t.Errorf("base = %q, want alpine:3.20", got)
	}
	run := f.Stages[0].Instructions[2]
	for word, want := range map[string]string{"$TAG": "3.20", "$USERID": "0"} {
		if v, ok := run.Expand(word); !ok || v != want {
			t.Errorf("Expand(%s) = %q %v, want %q", word, v, ok, want)
		}
	}
	// A build arg does not declare an ARG.
	if _, ok := run.Expand("$UNDECLARED"); ok {
		t.Error("--build-arg made an undeclared variable visible")
	}
}

func TestCmdAndEntrypointScripts(t *testing.T) {
	f := mustParse(t, "FROM alpine:3\nENTRYPOINT [\"tini\", \"--\"]\nCMD cd /app && exec node server.js\nRUN true\n")
	ep, cmd, run := f.Instructions[1], f.Instructions[2], f.Instructions[3]
	if ep.Cmd == nil || !ep.Cmd.Exec || ep.Cmd.Commands()[0].Name != "tini" {
		t.Errorf("ENTRYPOINT exec form not modelled: %+v", ep.Cmd)
	}
	var names []string
	for _, c := range cmd.Cmd.Commands() {
		names = append(names, c.Name)
	}
	if strings.Join(names, " ") != "cd node" {
		t.Errorf("CMD commands = %v", names)
	}
	if l, col := cmd.Cmd.Position(cmd.Cmd.Commands()[1], cmd.Cmd.Commands()[1].Pos); l != 3 || col != 21 {
		t.Errorf("CMD node at %d:%d, want 3:21", l, col)
	}
	if run.Cmd != nil || cmd.Run != nil {
		t.Error("Run and Cmd mixed up")
	}
}
