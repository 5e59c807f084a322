package rules

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/dockerfile"
)

// fuzzSnippets are seeds for the corners of the Dockerfile syntax where
// parsers and rules tend to break.
var fuzzSnippets = []string{
	// Heredocs: several per instruction, <<- (tab stripping), quoted
	// delimiters (no expansion), heredocs in COPY, and a shell in the
	// first line.
	"FROM alpine:3.20\nRUN <<EOF\nset -e\napk add --no-cache curl\ncd /tmp && make\nEOF\n",
	"FROM alpine:3.20\nRUN <<-EOT bash\n\tset -eux\n\tsudo apt-get install -y x\n\tEOT\n",
	"FROM alpine:3.20\nRUN <<'A' <<\"B\" sh -c 'cat /dev/fd/0'\n$HOME\nA\n${X:-y}\nB\n",
	"FROM alpine:3.20\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\nCOPY --chmod=755 <<run.sh <<other /usr/local/bin/\n#!/bin/sh\nexec app\nrun.sh\nx\nother\n",
	"FROM alpine:3.20\nRUN python3 <<PY\nimport os\nprint(os.getcwd())\nPY\n",
	// The escape directive, and directives in general.
	"# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n    c:\\ && `\n    echo done\nWORKDIR c:\\app\n",
	"# syntax=docker/dockerfile:1.7\n# escape=\\\n# check=skip=JSONArgsRecommended;error=true\nFROM alpine\nCMD echo hi\n",
	"#!/usr/bin/env docker\n# syntax=docker/dockerfile:1\n# check=skip=all\nFROM scratch\n",
	"FROM alpine:3.20\n# check=skip=JSONArgsRecommended\nUSER 10001\n# check=error=true\nCMD echo hi\n",
	"# Escape=x\nFROM alpine:3.20\n",
	// Continuations: empty lines and comments inside, a backslash at the
	// end of the file, CRLF, trailing white space after the backslash.
	"FROM alpine:3.20\nRUN apk add \\\n\n    curl \\\n# a comment\n    git\n",
	"FROM alpine:3.20\nRUN echo a \\",
	"FROM alpine:3.20\r\nRUN echo a \\\r\n  b && \\ \r\n  c\r\n",
	"FROM alpine:3.20\nENV A=1 \\\n    B=\"two words\" \\\n    C=$A\nLABEL a=b \\\n  c=\"d e\"\n",
	// ONBUILD, nested and with every kind of trigger.
	"FROM alpine:3.20\nONBUILD RUN echo hi\nONBUILD COPY . /app\nONBUILD ONBUILD RUN x\nONBUILD FROM x\nONBUILD [\"echo\"]\n",
	// Exec forms, well- and ill-formed.
	"FROM alpine:3.20\nRUN [\"sh\", \"-c\", \"cd /x && make && sudo rm -rf /\"]\nCMD [\"node\", \"server.js\"]\nENTRYPOINT [\"/bin/sh\", \"-c\"]\n",
	"FROM alpine:3.20\nCMD [\"unterminated\", \nENTRYPOINT []\nRUN [\"\"]\nRUN [ ]\n",
	"FROM alpine:3.20\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN set -o pipefail; curl -s x | sh\n",
	// Windows.
	"FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nSHELL [\"powershell\", \"-Command\", \"$ErrorActionPreference = 'Stop';\"]\nRUN Invoke-WebRequest https://x -OutFile x.zip; Expand-Archive x.zip\nUSER ContainerAdministrator\n",
	"FROM --platform=windows/amd64 mcr.microsoft.com/dotnet/sdk:8.0 AS build\nWORKDIR C:\\src\nCOPY *.csproj .\nRUN dotnet restore\n",
	"# hadolint shell=powershell\nFROM alpine:3.20\nRUN Get-ChildItem\n",
	// Stages, ARGs and variables.
	"ARG BASE=alpine\nARG TAG\nFROM ${BASE}:${TAG:-latest} AS Build\nARG BASE\nRUN echo $BASE\nFROM build\nCOPY --from=Build /a /b\nCOPY --from=0 /a /b\nCOPY --from=nope /a /b\nFROM scratch AS scratch\n",
	"ARG A=$B\nARG B=${A:+x}${A:?err}\nFROM $A$B\nFROM ${}\nFROM $\n",
	"FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build ./...\nFROM --platform=$TARGETPLATFORM gcr.io/distroless/static:nonroot\n",
	"FROM a AS x\nFROM b AS X\nFROM c AS x\nFROM x\n",
	// Instructions rules look at.
	"FROM ubuntu:24.04\nRUN apt-get update\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN pip install flask requests==2.0 && npm i -g x && gem install y && go install z@latest\nCOPY . .\nRUN npm ci\n",
	"FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=x pip install -r r.txt\nCOPY --link --chown=1:1 --chmod=0644 a b c/\nADD --checksum=sha256:0 https://x/y.tgz /\nADD git@github.com:x/y.git /src\n",
	"FROM alpine:3.20\nEXPOSE 80 443/tcp 53/UDP 1000-2000 8080:80 22 -1 99999/sctp\nHEALTHCHECK NONE\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\nSTOPSIGNAL SIGTERM\nVOLUME [\"/data\"]\nMAINTAINER me\n",
	"FROM alpine:3.20\nUSER root\nUSER ${U:-app}:${G}\nUSER 0:0\nRUN useradd -u 100000 app && adduser -D x && sudo -u app make\nWORKDIR app\nWORKDIR $HOME/x\nWORKDIR /app\nRUN cd /tmp; cd -; (cd x && y)\n",
	"from alpine:3.20 as build\nrun echo hi\nCopy . /x\nENV key value\nLABEL key value\n",
	// Odd bytes: a byte-order mark, Unicode, control characters, a long
	// line.
	"\ufeffFROM alpine:3.20\nLABEL description=\"naïve café ☕ 日本\"\nRUN echo \"\t\v\f\"\n",
	"FROM alpine:3.20\nRUN echo " + strings.Repeat("x", 5000) + "\n",
	// Pragmas.
	"# dflint global ignore=DF102\n# hadolint ignore=DL3007,DL9999\n# dflint ignore=nope -- reason\nFROM alpine:latest\n# hadolint stage ignore=DL3006\nFROM ubuntu\n",
	// Not Dockerfiles.
	"",
	"\n\n   \n",
	"# only a comment\n",
	"ARG X=1\n",
	"RUN echo before FROM\nFROM alpine\n",
	"FROM\n",
	"FROM alpine:3.20\nRUN\n",
	"version: '3'\nservices:\n  web:\n    image: nginx\n",
	"#!/bin/sh\necho hi\n",
	"FROM alpine:3.20\nFROM alpine:3.20\x00\n",
}

// fuzzContext is a small build context for the fuzz target: files, an
// ignore file and a .git directory, so the context rules run.
var fuzzContext = map[string]string{
	".dockerignore":           "node_modules\n*.log\n!keep.log\nsecrets/\n",
	"app.py":                  "print('hi')\n",
	"requirements.txt":        "flask\n",
	"package.json":            "{}\n",
	"go.mod":                  "module x\n",
	"keep.log":                "x\n",
	"debug.log":               "x\n",
	"src/main.go":             "package main\n",
	"secrets/id_rsa":          "-----BEGIN\n",
	".env":                    "A=1\n",
	".git/HEAD":               "ref: refs/heads/main\n",
	"Dockerfile.dockerignore": "*\n!app.py\n",
}

// FuzzLint runs every registered rule, including the off-by-default ones,
// on arbitrary input: without a build context, with one, with the first
// named stage as --target and with the PowerShell pragma's shell. Nothing
// may panic (a rule's panic is recovered as a *RuleError, which counts as
// a failure here too), errors must be a *dockerfile.Error, and findings
// must be well formed and the same from one run to the next.
func FuzzLint(f *testing.F) {
	for _, s := range fuzzSnippets {
		f.Add([]byte(s))
	}
	for _, r := range All() {
		for _, s := range []string{r.Doc.Bad, r.Doc.Good} {
			if s != "" {
				f.Add([]byte(s))
			}
		}
	}
	for _, dir := range []string{filepath.Join("testdata", "examples"), filepath.Join("..", "testdata", "examples")} {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil //nolint:nilerr // a missing seed directory is no error
			}
			if data, err := os.ReadFile(path); err == nil && len(data) <= 64<<10 {
				f.Add(data)
			}
			return nil
		})
	}

	ctxDir := f.TempDir()
	for name, content := range fuzzContext {
		p := filepath.Join(ctxDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	all := All()

	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<20 {
			t.Skip("larger than any real Dockerfile")
		}
		findings, err := fuzzLintOnce(t, "-", src, LintOptions{Rules: all})
		if err != nil {
			return // not a Dockerfile: the other variants would say the same
		}
		again, _ := fuzzLintOnce(t, "-", src, LintOptions{Rules: all})
		if !reflect.DeepEqual(findings, again) {
			t.Fatalf("findings differ between two runs on the same input:\n%v\n%v", findings, again)
		}

		fuzzLintOnce(t, filepath.Join(ctxDir, "Dockerfile"), src, LintOptions{Rules: all, ContextDir: ctxDir})

		file, perr := dockerfile.Parse("-", src, dockerfile.Options{})
		if perr != nil {
			t.Fatalf("Lint succeeded but Parse failed: %v", perr)
		}
		for _, s := range file.Stages {
			if s.Name != "" {
				fuzzLintOnce(t, "-", src, LintOptions{Rules: all, Target: s.Name})
				break
			}
		}
		if len(src)%3 == 0 {
			fuzzLintOnce(t, "-", src, LintOptions{Rules: all, Shell: "powershell"})
		}
	})
}

// fuzzLintOnce lints src and checks the outcome: a *dockerfile.Error or
// well-formed findings.
func fuzzLintOnce(t *testing.T, path string, src []byte, opts LintOptions) ([]Finding, error) {
	t.Helper()
	findings, err := Lint(path, src, opts)
	if err != nil {
		var re *RuleError
		if errors.As(err, &re) {
			t.Fatalf("rule %s panicked (target %q, shell %q, context %q): %v\n%s", re.Rule, opts.Target, opts.Shell, opts.ContextDir, re.Value, re.Stack)
		}
		var de *dockerfile.Error
		if !errors.As(err, &de) {
			t.Fatalf("error of type %T, want *dockerfile.Error: %v", err, err)
		}
		if de.Msg == "" || strings.Contains(de.Msg, "\n") {
			t.Fatalf("parse error message is empty or spans lines: %q", de.Msg)
		}
		if len(findings) != 0 {
			t.Fatalf("findings beside a parse error: %v", findings)
		}
		return nil, err
	}
	nlines := strings.Count(string(src), "\n") + 1
	for _, fd := range findings {
		r, ok := Lookup(fd.RuleID)
		switch {
		case !ok:
			t.Fatalf("finding of unregistered rule %q: %+v", fd.RuleID, fd)
		case fd.RuleName != r.Name:
			t.Fatalf("finding of %s names rule %q, want %q", fd.RuleID, fd.RuleName, r.Name)
		case !fd.Severity.Valid():
			t.Fatalf("finding with invalid severity %d: %+v", fd.Severity, fd)
		case strings.TrimSpace(fd.Message) == "":
			t.Fatalf("finding of %s without a message: %+v", fd.RuleID, fd)
		case fd.File != path:
			t.Fatalf("finding of %s in file %q, want %q", fd.RuleID, fd.File, path)
		case fd.Line < 0 || fd.Line > nlines || fd.EndLine < fd.Line || fd.EndLine > nlines:
			t.Fatalf("finding of %s at lines %d-%d of a %d-line file: %+v", fd.RuleID, fd.Line, fd.EndLine, nlines, fd)
		case fd.Column < 0 || fd.EndColumn < 0:
			t.Fatalf("finding of %s with a negative column: %+v", fd.RuleID, fd)
		}
	}
	return findings, nil
}
