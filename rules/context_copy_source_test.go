package rules

import (
	"strings"
	"testing"
)

func TestCopySourceIgnored(t *testing.T) {
	ctx := func(ignore string, kv ...string) map[string]string {
		m := map[string]string{".dockerignore": ignore, "app.py": "", "README.md": "", "docs/index.md": "",
			"docs/guide/intro.md": "", "src/main.py": "", "logs/app.log": ""}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	runRuleCases(t, "DF503", []ruleCase{
		{name: "file", src: "FROM python:3.12\nCOPY README.md /app/\n", files: ctx("*.md\n"), want: []int{2},
			messages: []string{"COPY source 'README.md' is excluded by .dockerignore line 1 ('*.md'), so the build fails with \"not found\""}},
		{name: "the last matching line is named", src: "FROM python:3.12\nCOPY src/main.py /app/\n",
			files: ctx("# comment\n\n*.log\nsrc\n"), want: []int{2}, messages: []string{"line 4 ('src')"}},
		{name: "directory", src: "FROM python:3.12\nCOPY docs/ /srv/docs/\n", files: ctx("docs\n"), want: []int{2}},
		{name: "double-star pattern", src: "FROM python:3.12\nCOPY logs/app.log /var/log/\n", files: ctx("**/*.log\n"), want: []int{2},
			messages: []string{"('**/*.log')"}},
		{name: "wildcard whose matches are all excluded", src: "FROM python:3.12\nCOPY docs/*.md /srv/\n", files: ctx("docs/*.md\n"),
			want: []int{2}, messages: []string{"every path matching COPY source 'docs/*.md' is excluded by .dockerignore line 1 ('docs/*.md'), so this COPY copies nothing"}},
		{name: "wildcard inside an excluded directory fails", src: "FROM python:3.12\nCOPY docs/*.md /srv/\n", files: ctx("docs\n"),
			want: []int{2}, messages: []string{"the build fails: directory 'docs' is not sent"}},
		{name: "whole context excluded", src: "FROM python:3.12\nCOPY . /app\n", files: ctx("*\n"), want: []int{2},
			messages: []string{"COPY . copies nothing: .dockerignore excludes every file"}},
		{name: "allow-list misses a file", src: "FROM python:3.12\nCOPY src/ /app/src/\nCOPY README.md /app/\n",
			files: ctx("*\n!src\n"), want: []int{3}},
		{name: "exception for another file only", src: "FROM python:3.12\nCOPY docs/index.md /srv/\n",
			files: ctx("docs\n!docs/guide\n"), want: []int{2}},
		{name: "ADD", src: "FROM python:3.12\nADD README.md /app/\n", files: ctx("README.md\n"), want: []int{2},
			messages: []string{"ADD source 'README.md'"}},
		{name: "one of several sources", src: "FROM python:3.12\nCOPY app.py README.md /app/\n", files: ctx("README.md\n"), want: []int{2}},
		{name: "ARG-built source", src: "FROM python:3.12\nARG DOC=README.md\nCOPY ${DOC} /app/\n", files: ctx("*.md\n"), want: []int{3},
			messages: []string{"COPY source '${DOC}' (= 'README.md') is excluded"}},
		{name: "dockerfile-specific ignore file", src: "FROM python:3.12\nCOPY src/ /app/src/\n", dockerfile: "Dockerfile.dev",
			files: ctx("*.log\n", "Dockerfile.dev.dockerignore", "*.log\nsrc\n"), want: []int{2},
			messages: []string{"Dockerfile.dev.dockerignore line 2 ('src')"}},
		{name: "windows paths", src: ctxWinBase + "COPY docs\\index.md C:\\site\\\n", files: ctx("docs\n"), want: []int{3}},
		{name: "leading slash and dot segments", src: "FROM python:3.12\nCOPY /./docs/../README.md /app/\n", files: ctx("README.md\n"), want: []int{2}},
		{name: "context at the root, Dockerfile below", src: "FROM python:3.12\nCOPY README.md /app/\n", dockerfile: "docker/Dockerfile",
			files: ctx("*.md\n", "docker/", ""), want: []int{2}},

		{name: "no context", src: "FROM python:3.12\nCOPY README.md /app/\n"},
		{name: "no ignore file", src: "FROM python:3.12\nCOPY README.md /app/\n", files: map[string]string{"README.md": ""}},
		{name: "not excluded", src: "FROM python:3.12\nCOPY app.py /app/\n", files: ctx("*.md\n")},
		{name: "re-included", src: "FROM python:3.12\nCOPY README.md /app/\n", files: ctx("*.md\n!README.md\n")},
		{name: "allow-list", src: "FROM python:3.12\nCOPY . /app\nCOPY src/ /app/src/\n", files: ctx("*\n!src\n!app.py\n")},
		{name: "directory kept alive by an exception", src: "FROM python:3.12\nCOPY docs/ /srv/docs/\n", files: ctx("docs\n!docs/guide\n")},
		{name: "wildcard partly excluded", src: "FROM python:3.12\nCOPY docs/*.md *.py /srv/\n", files: ctx("docs/index.md\n", "docs/other.md", "")},
		{name: "missing source is DF504's", src: "FROM python:3.12\nCOPY missing.md /app/\n", files: ctx("*.md\n")},
		{name: "specific ignore file wins over the root one", src: "FROM python:3.12\nCOPY README.md /app/\n", dockerfile: "Dockerfile.dev",
			files: ctx("*.md\n", "Dockerfile.dev.dockerignore", "*.log\n")},
		{name: "copy from a stage", src: "FROM python:3.12 AS b\nFROM python:3.12\nCOPY --from=b README.md /app/\n", files: ctx("*.md\n")},
		{name: "url", src: "FROM python:3.12\nADD https://example.com/README.md /app/\n", files: ctx("*.md\n")},
		{name: "heredoc", src: "FROM python:3.12\nCOPY <<README.md /app/\nhello\nREADME.md\n", files: ctx("*.md\n")},
		{name: "unknown ARG", src: "FROM python:3.12\nARG DOC\nCOPY ${DOC} /app/\n", files: ctx("*.md\n")},
		{name: "outside the context is DF504's", src: "FROM python:3.12\nCOPY ../README.md /app/\n", files: ctx("*.md\n")},
	})
}

func TestCopySourceMissing(t *testing.T) {
	ctx := func(kv ...string) map[string]string {
		m := map[string]string{"app.py": "", "README.md": "", "requirements.txt": "", "config/app.yaml": "",
			"scripts/run.sh": "", "app.csproj": ""}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	runRuleCases(t, "DF504", []ruleCase{
		{name: "missing file", src: "FROM python:3.12\nCOPY requirement.txt /app/\n", files: ctx(), want: []int{2},
			messages: []string{"COPY source 'requirement.txt' does not exist in the build context, so the build fails with \"not found\""}},
		{name: "missing file in an existing directory", src: "FROM python:3.12\nCOPY config/app.yml /etc/app/\n", files: ctx(), want: []int{2}},
		{name: "wrong letter case", src: "FROM python:3.12\nCOPY readme.md /app/\n", files: ctx(), want: []int{2},
			messages: []string{"the context has 'README.md' (names are case-sensitive)"}},
		{name: "one of several sources", src: "FROM python:3.12\nCOPY app.py main.py /app/\n", files: ctx(), want: []int{2}},
		{name: "two missing sources", src: "FROM python:3.12\nCOPY main.py util.py /app/\n", files: ctx(), want: []int{2, 2}},
		{name: "continuation", src: "FROM python:3.12\nCOPY app.py \\\n  # the entry point\n  main.py /app/\n", files: ctx(), want: []int{4}},
		{name: "json form", src: "FROM python:3.12\nCOPY [\"app.py\", \"my file.txt\", \"/app/\"]\n", files: ctx(), want: []int{2}},
		{name: "ADD", src: "FROM python:3.12\nADD settings.ini /app/\n", files: ctx(), want: []int{2}, messages: []string{"ADD source"}},
		{name: "directory before a wildcard is missing", src: "FROM alpine:3.20\nCOPY script/*.sh /usr/local/bin/\n", files: ctx(), want: []int{2},
			messages: []string{"needs directory 'script', which does not exist"}},
		{name: "climbs out of the context", src: "FROM python:3.12\nCOPY ../shared/util.py /app/\n", files: ctx(), want: []int{2},
			messages: []string{"is outside the build context, so the build fails"}},
		{name: "climbs out but exists at the root", src: "FROM python:3.12\nCOPY ../app.py /app/\n", files: ctx(), want: []int{2},
			messages: []string{"BuildKit quietly reads 'app.py' at the context root instead"}},
		{name: "parent directory as source", src: "FROM python:3.12\nCOPY .. /app\n", files: ctx(), want: []int{2},
			messages: []string{"BuildKit quietly copies the whole context instead"}},
		{name: "missing and excluded", src: "FROM python:3.12\nCOPY notes.md /app/\n", files: ctx(".dockerignore", "*.md\n"), want: []int{2},
			messages: []string{"(and .dockerignore line 1 ('*.md') would exclude it anyway)"}},
		{name: "context at the root, Dockerfile below", src: "FROM python:3.12\nCOPY main.py /app/\nCOPY app.py /app/\n",
			dockerfile: "docker/Dockerfile", files: ctx("docker/main.py", ""), want: []int{2}},
		{name: "linux stage is case-sensitive", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY App.csproj /src/\n", files: ctx(), want: []int{2}},
		{name: "windows backslash path", src: ctxWinBase + "COPY scripts\\setup.ps1 C:\\setup\\\n", files: ctx(), want: []int{3}},
		{name: "later stage", src: "FROM golang:1.23 AS build\nCOPY go.mod go.sum ./\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n",
			files: ctx("go.mod", ""), want: []int{2}, messages: []string{"'go.sum'"}},

		{name: "no context", src: "FROM python:3.12\nCOPY requirement.txt /app/\n"},
		{name: "present", src: "FROM python:3.12\nCOPY app.py requirements.txt config/ scripts/run.sh /app/\n", files: ctx()},
		{name: "whole context", src: "FROM python:3.12\nCOPY . /app\nCOPY ./ /app\n", files: ctx()},
		{name: "wildcard that matches nothing copies nothing", src: "FROM python:3.12\nCOPY *.txt *.lock ./\nCOPY config/*.json /etc/app/\n", files: ctx()},
		{name: "optional drop-in directory", src: "FROM oraclelinux:8\nCOPY Dockerfile patches/* /tmp/patches/\n", files: ctx("Dockerfile", "")},
		{name: "copy from a stage", src: "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n", files: ctx()},
		{name: "copy from an image", src: "FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/\n", files: ctx()},
		{name: "url", src: "FROM alpine:3.20\nADD https://example.com/tool.tar.gz /opt/\n", files: ctx()},
		{name: "git remote over https", src: "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.14.0 /src\n", files: ctx()},
		{name: "git remote over ssh", src: "FROM alpine:3.20\nADD git@github.com:moby/buildkit.git /src\n", files: ctx()},
		{name: "heredoc", src: "FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\n", files: ctx()},
		{name: "heredoc with a file", src: "FROM alpine:3.20\nCOPY app.py <<EOF /app/\nhello\nEOF\n", files: ctx()},
		{name: "ARG-built source", src: "FROM python:3.12\nARG REQS=requirements-prod.txt\nCOPY ${REQS} /app/\n", files: ctx()},
		{name: "ENV-built source", src: "FROM python:3.12\nENV CONF=prod.yaml\nCOPY config/$CONF /etc/app/\n", files: ctx()},
		{name: "unknown ARG", src: "FROM python:3.12\nARG JAR\nCOPY $JAR /app.jar\n", files: ctx()},
		{name: "excluded source is DF503's", src: "FROM python:3.12\nCOPY README.md /app/\n", files: ctx(".dockerignore", "*.md\n")},
		{name: "generated directory tree", src: "FROM python:3.12\nCOPY gen/proto/api_pb2.py /app/\nCOPY certs/tls.crt /certs/\n", files: ctx()},
		{name: "build outputs", src: "FROM eclipse-temurin:21\nCOPY target/app.jar /app.jar\nCOPY dist/ /srv/\nCOPY build/libs/x.jar /x.jar\n", files: ctx()},
		{name: "downloaded artifacts", src: "FROM oraclelinux:8\nCOPY weblogic-deploy.zip /u01/\nADD jdk-8u202-linux-x64.tar.gz /opt/\n", files: ctx()},
		{name: "gitignored file", src: "FROM python:3.12\nCOPY settings.local.py /app/\n", files: ctx(".gitignore", "*.local.py\n")},
		{name: "windows is case-insensitive", src: ctxWinBase + "COPY App.csproj C:\\src\\\n", files: ctx()},
		{name: "windows backslash path present", src: ctxWinBase + "COPY scripts\\run.sh C:\\setup\\\n", files: ctx()},
		{name: "windows drive letter source", src: ctxWinBase + "COPY C:\\tools\\x.exe C:\\x\\\n", files: ctx()},
		{name: "onbuild", src: "FROM python:3.12\nONBUILD COPY requirement.txt /app/\n", files: ctx()},
		{name: "backslash outside windows is unknown", src: "FROM python:3.12\nCOPY \"odd\\\\name\" /app/\n", files: ctx()},
	})
}

// TestCopySourceMissingParentContext: without --context, a Dockerfile whose
// sources are relative to a parent directory is built from there.
func TestCopySourceMissingParentContext(t *testing.T) {
	r, _ := Lookup("DF504")
	root := t.TempDir()
	ctxWriteFile(t, root, ".git/HEAD", "ref: refs/heads/main\n")
	ctxWriteFile(t, root, "services/api/main.go", "package main\n")
	ctxWriteFile(t, root, "go.mod", "module x\n")
	src := "FROM golang:1.23\nCOPY go.mod ./\nCOPY services/api/main.go ./\nCOPY services/api/handler.go ./\n"
	df := ctxWriteFile(t, root, "services/api/Dockerfile", src)
	fs, err := Lint(df, []byte(src), LintOptions{Rules: []*Rule{r}})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 0 {
		t.Errorf("implicit context: want quiet, got%s", dump(fs))
	}
	// With the repository root as context, the really missing file is
	// reported.
	fs, _ = Lint(df, []byte(src), LintOptions{Rules: []*Rule{r}, ContextDir: root})
	if len(fs) != 1 || fs[0].Line != 4 || !strings.Contains(fs[0].Message, "handler.go") {
		t.Errorf("want handler.go on line 4, got%s", dump(fs))
	}
}

// TestContextRulesNeverOverlap: a source is DF503's or DF504's, never both.
func TestContextRulesNeverOverlap(t *testing.T) {
	r503, _ := Lookup("DF503")
	r504, _ := Lookup("DF504")
	files := map[string]string{".dockerignore": "*.md\ndocs\n", "README.md": "", "docs/a.txt": ""}
	for _, src := range []string{
		"FROM alpine:3.20\nCOPY README.md /x/\n",
		"FROM alpine:3.20\nCOPY NOTES.md /x/\n",
		"FROM alpine:3.20\nCOPY docs/a.txt /x/\n",
		"FROM alpine:3.20\nCOPY docs/b.txt /x/\n",
		"FROM alpine:3.20\nCOPY ../README.md /x/\n",
	} {
		fs := lintWith(t, r503, ruleCase{src: src, files: files})
		fs = append(fs, lintWith(t, r504, ruleCase{src: src, files: files})...)
		if len(fs) != 1 {
			t.Errorf("want exactly one finding, got%s\n%s", dump(fs), src)
		}
	}
}
