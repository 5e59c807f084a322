package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const ctxWinBase = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n"

func TestDockerignoreMissing(t *testing.T) {
	app := map[string]string{"app.py": "print(1)\n"}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{"app.py": "print(1)\n"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	runRuleCases(t, "DF501", []ruleCase{
		{name: "copy dot", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\n", files: app, want: []int{3},
			messages: []string{"COPY . copies the whole build context but there is no .dockerignore"}},
		{name: "copy dot slash", src: "FROM python:3.12\nCOPY ./ /app/\n", files: app, want: []int{2}},
		{name: "add dot", src: "FROM python:3.12\nADD . /app\n", files: app, want: []int{2}},
		{name: "copy root slash", src: "FROM python:3.12\nCOPY / /app\n", files: app, want: []int{2}},
		{name: "copy parents", src: "FROM python:3.12\nCOPY --parents . /app\n", files: app, want: []int{2}},
		{name: "only the first whole copy", src: "FROM golang:1.23 AS build\nCOPY . /src\nFROM alpine:3.20\nCOPY . /app\n", files: app,
			want: []int{2}, messages: []string{"in stage 'build'"}},
		{name: "names what the context holds", src: "FROM node:22\nCOPY . .\n",
			files: with(map[string]string{".git/HEAD": "ref: refs/heads/main\n", "node_modules/x/index.js": "", ".env": "TOKEN=abc\n"}),
			want:  []int{2}, messages: []string{"(this context has .git, node_modules, .env)"}},
		{name: "ARG-built dot", src: "FROM python:3.12\nARG SRC=.\nCOPY ${SRC} /app\n", files: app, want: []int{3}},
		{name: "continuation", src: "FROM python:3.12\nCOPY --chown=app:app \\\n  . /app\n", files: app, want: []int{3}},
		{name: "windows escape directive", src: ctxWinBase + "COPY . C:\\app\nRUN dir\n", files: app, want: []int{3}},
		{name: "dockerfile in a subdirectory, context at the root", src: "FROM python:3.12\nCOPY . /app\n",
			files: with(map[string]string{"docker/": ""}), dockerfile: "docker/Dockerfile", want: []int{2}},

		{name: "no context", src: "FROM python:3.12\nCOPY . .\n"},
		{name: "dockerignore present", src: "FROM python:3.12\nCOPY . .\n", files: with(map[string]string{".dockerignore": ".git\n"})},
		{name: "empty dockerignore still counts", src: "FROM python:3.12\nCOPY . .\n", files: with(map[string]string{".dockerignore": ""})},
		{name: "dockerfile-specific ignore file", src: "FROM python:3.12\nCOPY . .\n", dockerfile: "Dockerfile.dev",
			files: with(map[string]string{"Dockerfile.dev.dockerignore": ".git\n"})},
		{name: "specific ignore file beside a Dockerfile in a subdirectory", src: "FROM python:3.12\nCOPY . .\n",
			dockerfile: "docker/Dockerfile", files: with(map[string]string{"docker/Dockerfile.dockerignore": ".git\n"})},
		{name: "root dockerignore with Dockerfile in a subdirectory", src: "FROM python:3.12\nCOPY . .\n",
			dockerfile: "docker/Dockerfile", files: with(map[string]string{".dockerignore": ".git\n", "docker/": ""})},
		{name: "named sources only", src: "FROM python:3.12\nCOPY app.py requirements.txt /app/\n", files: app},
		{name: "copy from a stage", src: "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build . /app\n", files: app},
		{name: "copy from an image", src: "FROM alpine:3.20\nCOPY --from=busybox:1.36 . /bb\n", files: app},
		{name: "exclude flags", src: "# syntax=docker/dockerfile:1.7-labs\nFROM python:3.12\nCOPY --exclude=.git --exclude=*.pem . /app\n", files: app},
		{name: "unknown ARG", src: "FROM python:3.12\nARG SRC\nCOPY $SRC /app\n", files: app},
		{name: "heredoc", src: "FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\n", files: app},
		{name: "onbuild runs in another build", src: "FROM python:3.12\nONBUILD COPY . /app\n", files: app},
		{name: "subdirectory copy", src: "FROM python:3.12\nCOPY src/ /app/src/\n", files: with(map[string]string{"src/main.py": ""})},
	})
}

func TestDockerignoreMissingFix(t *testing.T) {
	r, _ := Lookup("DF501")
	fs := lintWith(t, r, ruleCase{
		src:   "FROM node:22\nCOPY config/.env /app/config/.env\nCOPY . /app\nRUN npm ci\n",
		files: map[string]string{"package.json": "{}", "config/.env": "A=1\n", "certs/server.key": "-----BEGIN PRIVATE KEY-----\n"},
	})
	if len(fs) != 1 {
		t.Fatalf("want 1 finding, got%s", dump(fs))
	}
	fix := fs[0].Fix
	for _, want := range []string{".dockerignore", "\n.git", "**/node_modules", "certs/server.key"} {
		if !strings.Contains(fix, want) {
			t.Errorf("fix %q lacks %q", fix, want)
		}
	}
	// config/.env is copied by name: the starter list must not exclude it.
	if strings.Contains(fix, "**/.env") {
		t.Errorf("fix %q would exclude the copied config/.env", fix)
	}
}

// TestDockerignoreMissingParentContext: without --context, a .dockerignore
// in a parent directory means the Dockerfile is probably built from there.
func TestDockerignoreMissingParentContext(t *testing.T) {
	r, _ := Lookup("DF501")
	root := t.TempDir()
	ctxWriteFile(t, root, ".git/HEAD", "ref: refs/heads/main\n")
	ctxWriteFile(t, root, ".dockerignore", ".git\n")
	ctxWriteFile(t, root, "svc/main.go", "package main\n")
	ctxWriteFile(t, root, "go.mod", "module x\n")
	lint := func(src string) []Finding {
		t.Helper()
		df := ctxWriteFile(t, root, "svc/Dockerfile", src)
		fs, err := Lint(df, []byte(src), LintOptions{Rules: []*Rule{r}})
		if err != nil {
			t.Fatal(err)
		}
		return fs
	}
	// go.mod is not beside the Dockerfile but is at the root, which has a
	// .dockerignore: the Dockerfile is built from the root.
	if fs := lint("FROM golang:1.23\nCOPY go.mod /src/\nCOPY . /src\n"); len(fs) != 0 {
		t.Errorf("built from the parent: want quiet, got%s", dump(fs))
	}
	// Nothing says so: the default context, the Dockerfile's directory,
	// has no .dockerignore.
	if fs := lint("FROM golang:1.23\nCOPY . /src\n"); len(fs) != 1 {
		t.Errorf("no evidence of a parent context: want 1 finding, got%s", dump(fs))
	}
	// Without the parent .dockerignore the finding is back either way.
	if err := os.Remove(filepath.Join(root, ".dockerignore")); err != nil {
		t.Fatal(err)
	}
	if fs := lint("FROM golang:1.23\nCOPY go.mod /src/\nCOPY . /src\n"); len(fs) != 1 {
		t.Errorf("want 1 finding, got%s", dump(fs))
	}
}

func ctxWriteFile(t *testing.T, root, rel, content string) string {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDockerignoreLeaks(t *testing.T) {
	ctx := func(kv ...string) map[string]string {
		m := map[string]string{".dockerignore": "__pycache__\n", "app.py": ""}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	git := ".git/HEAD"
	copyDot := "FROM python:3.12\nWORKDIR /app\nCOPY . .\n"
	var many []string
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		many = append(many, n+"/.env", "X=1\n")
	}
	runRuleCases(t, "DF502", []ruleCase{
		{name: "git not excluded", src: copyDot, files: ctx(git, "ref\n"), want: []int{3},
			messages: []string{"the repository's .git directory is not excluded by .dockerignore, so COPY . copies"}},
		{name: "git with other patterns", src: copyDot, files: ctx(git, "ref\n", ".dockerignore", "node_modules\n*.log\n"), want: []int{3}},
		{name: "env file", src: copyDot, files: ctx(".env", "API_KEY=s3cr3t\n"), want: []int{3},
			messages: []string{"secret-looking file '.env' is not excluded by .dockerignore"}},
		{name: "env variant", src: copyDot, files: ctx(".env.production", "API_KEY=s3cr3t\n"), want: []int{3}},
		{name: "ssh key", src: copyDot, files: ctx("deploy/id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\n"), want: []int{3}},
		{name: "private key pem", src: copyDot, files: ctx("certs/server.pem", "-----BEGIN PRIVATE KEY-----\nMII\n"), want: []int{3}},
		{name: "npmrc with a literal token", src: copyDot, files: ctx(".npmrc", "//registry.npmjs.org/:_authToken=npm_abc123\n"), want: []int{3}},
		{name: "git and a secret", src: copyDot, files: ctx(git, "ref\n", ".env", "A=1\n"), want: []int{3, 3},
			messages: []string{"'.env'", ".git"}},
		{name: "capped at five", src: copyDot, files: ctx(many...), want: []int{3, 3, 3, 3, 3},
			messages: []string{"a/.env", "b/.env", "c/.env", "d/.env", "(and 2 more: f/.env, g/.env)"}},
		{name: "dockerfile-specific ignore file", src: copyDot, dockerfile: "Dockerfile.dev",
			files: ctx(".env", "A=1\n", "Dockerfile.dev.dockerignore", "*.log\n", ".dockerignore", ".env\n"), want: []int{3},
			messages: []string{"not excluded by Dockerfile.dev.dockerignore"}},
		{name: "multi-stage names the stage", src: "FROM node:22 AS build\nCOPY . .\nRUN npm ci\nFROM nginx:1.27\nCOPY --from=build /dist /usr/share/nginx/html\n",
			files: ctx(".env", "A=1\n"), want: []int{2}, messages: []string{"COPY . in stage 'build' copies it"}},
		{name: "windows", src: ctxWinBase + "COPY . C:\\app\n", files: ctx(git, "ref\n"), want: []int{3}},
		{name: "gitignored secret", src: copyDot, files: ctx(".env", "A=1\n", ".gitignore", ".env\n"), want: []int{3}},
		{name: "directory copy without any ignore file", src: "FROM python:3.12\nCOPY config/ /app/config/\n",
			files: map[string]string{"config/settings.toml": "", "config/.env": "DB_PASSWORD=x\n"}, want: []int{2},
			messages: []string{"secret-looking file 'config/.env' is inside 'config', which COPY config/ copies"}},
		{name: "context at the repository root, Dockerfile below", src: copyDot, dockerfile: "docker/Dockerfile",
			files: ctx(git, "ref\n", "docker/", ""), want: []int{3}},

		{name: "no context", src: copyDot},
		{name: "no git directory", src: copyDot, files: ctx()},
		{name: "git excluded", src: copyDot, files: ctx(git, "ref\n", ".dockerignore", ".git\n")},
		{name: "git excluded with a slash", src: copyDot, files: ctx(git, "ref\n", ".dockerignore", ".git/\n")},
		{name: "git excluded by double star", src: copyDot, files: ctx(git, "ref\n", ".dockerignore", "**/.git\n")},
		{name: "git re-included on purpose", src: copyDot, files: ctx(git, "ref\n", ".dockerignore", "*.log\n!.git\n")},
		{name: "worktree git file", src: copyDot, files: ctx(".git", "gitdir: /src/main/.git/worktrees/x\n")},
		{name: "git in a subdirectory only", src: copyDot, files: ctx("vendor/lib/.git/HEAD", "ref\n")},
		{name: "build uses git", src: "FROM golang:1.23\nCOPY . .\nRUN go build -ldflags \"-X main.v=$(git describe --tags)\" .\n", files: ctx(git, "ref\n")},
		{name: "version from git", src: copyDot, files: ctx(git, "ref\n", "pyproject.toml", "[tool.setuptools_scm]\n")},
		{name: "no ignore file is DF501's", src: copyDot, files: map[string]string{".git/HEAD": "ref\n", ".env": "A=1\n"}},
		{name: "env example", src: copyDot, files: ctx(".env.example", "API_KEY=changeme\n")},
		{name: "empty env", src: copyDot, files: ctx(".env", "")},
		{name: "env excluded", src: copyDot, files: ctx(".env", "A=1\n", ".dockerignore", "**/.env\n")},
		{name: "env excluded with a wildcard", src: copyDot, files: ctx(".env.local", "A=1\n", ".dockerignore", ".env*\n!.env.example\n")},
		{name: "certificate", src: copyDot, files: ctx("certs/ca.pem", "-----BEGIN CERTIFICATE-----\nMII\n")},
		{name: "public key", src: copyDot, files: ctx("keys/signing.key", "-----BEGIN PUBLIC KEY-----\nMII\n")},
		{name: "npmrc with an env token", src: copyDot, files: ctx(".npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n")},
		{name: "npmrc without auth", src: copyDot, files: ctx(".npmrc", "registry=https://npm.example.com/\n")},
		{name: "virtualenv named .env", src: copyDot, files: ctx(".env/bin/python", "")},
		// Outside a git work tree a .gitignore cannot tell whether the file
		// is committed; a committed file (in the git index) is quiet, see
		// TestCoreAdversarialDF502.
		{name: "gitignore does not list it, no repository", src: copyDot, files: ctx(".env", "A=1\n", ".gitignore", "node_modules\n"), want: []int{3}},
		{name: "exclude flag", src: "# syntax=docker/dockerfile:1.7-labs\nFROM python:3.12\nCOPY --exclude=.env --exclude=.git . /app\n",
			files: ctx(".env", "A=1\n", git, "ref\n")},
		{name: "explicit copy of the file", src: "FROM python:3.12\nCOPY .env /app/.env\n", files: ctx(".env", "A=1\n")},
		{name: "named files only", src: "FROM python:3.12\nCOPY app.py /app/\n", files: ctx(".env", "A=1\n", git, "ref\n")},
		{name: "copy from a stage", src: "FROM python:3.12 AS b\nFROM python:3.12\nCOPY --from=b . /app\n", files: ctx(".env", "A=1\n")},
		{name: "directory copy with TLS material", src: "FROM nginx:1.27\nCOPY ssl/ /etc/nginx/ssl/\n",
			files: ctx("ssl/server.key", "-----BEGIN PRIVATE KEY-----\n", "ssl/server.crt", "-----BEGIN CERTIFICATE-----\n")},
		{name: "directory copy excluding the secret", src: "FROM python:3.12\nCOPY config/ /app/config/\n",
			files: ctx("config/.env", "A=1\n", ".dockerignore", "config/.env\n")},
		{name: "ARG-built directory copy is skipped", src: "FROM python:3.12\nARG DIR=config\nCOPY ${DIR}/ /app/config/\n",
			files: ctx("config/.env", "A=1\n")},
	})
}

// TestDockerignoreLeaksSubdirContext: when the context is a subdirectory
// of the repository, .git is not in it.
func TestDockerignoreLeaksSubdirContext(t *testing.T) {
	r, _ := Lookup("DF502")
	root := t.TempDir()
	ctxWriteFile(t, root, ".git/HEAD", "ref: refs/heads/main\n")
	ctxWriteFile(t, root, "svc/.dockerignore", "*.log\n")
	ctxWriteFile(t, root, "svc/main.go", "package main\n")
	src := "FROM golang:1.23\nCOPY . /src\n"
	df := ctxWriteFile(t, root, "svc/Dockerfile", src)
	fs, err := Lint(df, []byte(src), LintOptions{Rules: []*Rule{r}})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 0 {
		t.Errorf("want quiet, got%s", dump(fs))
	}
	// With the repository root as context, .git is sent.
	fs, _ = Lint(df, []byte(src), LintOptions{Rules: []*Rule{r}, ContextDir: root})
	if len(fs) != 0 {
		t.Errorf("no .dockerignore at the root is DF501's, got%s", dump(fs))
	}
	ctxWriteFile(t, root, ".dockerignore", "*.log\n")
	fs, _ = Lint(df, []byte(src), LintOptions{Rules: []*Rule{r}, ContextDir: root})
	if len(fs) != 1 || !strings.Contains(fs[0].Message, ".git") {
		t.Errorf("want the .git finding, got%s", dump(fs))
	}
}
