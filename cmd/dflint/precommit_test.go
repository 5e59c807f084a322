package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPreCommitHook installs dflint's hook from this checkout into a
// throwaway repository with pre-commit (Debian's package; CI installs it)
// and shows "pre-commit run --all-files" passing on a clean Dockerfile and
// failing, with dflint's findings, on a bad one. It needs git, go and
// pre-commit on PATH and skips without them.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds dflint through pre-commit; skipped with -short")
	}
	for _, tool := range []string{"git", "go", "pre-commit"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not on PATH", tool)
		}
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, ".pre-commit-hooks.yaml")); err != nil {
		t.Fatal(err)
	}
	// pre-commit clones the hook repository at a commit: snapshot the
	// working tree (committed or not) into a temporary repository.
	hookRepo := t.TempDir()
	copyTree(t, root, hookRepo)
	git(t, hookRepo, "init", "-q")
	git(t, hookRepo, "add", "-A")
	git(t, hookRepo, "commit", "-q", "-m", "snapshot")
	rev := strings.TrimSpace(git(t, hookRepo, "rev-parse", "HEAD"))

	work := t.TempDir()
	git(t, work, "init", "-q")
	config := "repos:\n  - repo: " + hookRepo + "\n    rev: " + rev + "\n    hooks:\n      - id: dflint\n"
	writeFile(t, filepath.Join(work, ".pre-commit-config.yaml"), config)
	writeFile(t, filepath.Join(work, ".dockerignore"), ".git\n")
	writeFile(t, filepath.Join(work, "Dockerfile"), "FROM alpine:3.20\nUSER 65534\nCMD [\"true\"]\n")
	writeFile(t, filepath.Join(work, "README.md"), "not a Dockerfile\n")
	git(t, work, "add", "-A")

	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(t.TempDir(), "cache"),
		"NO_COLOR=1",
		"GOFLAGS=-mod=mod",
	)
	out, err := preCommit(t, work, env)
	if err != nil {
		t.Fatalf("pre-commit on a clean Dockerfile failed: %v\n%s", err, out)
	}
	if !strings.Contains(out, "dflint") || !strings.Contains(out, "Passed") {
		t.Errorf("clean run output lacks a passing dflint hook:\n%s", out)
	}

	writeFile(t, filepath.Join(work, "services", "api.Dockerfile"), "FROM node:latest\nCMD [\"node\"]\n")
	git(t, work, "add", "-A")
	out, err = preCommit(t, work, env)
	if err == nil {
		t.Fatalf("pre-commit passed on a bad Dockerfile:\n%s", out)
	}
	if !strings.Contains(out, "DF102") || !strings.Contains(out, "services/api.Dockerfile") {
		t.Errorf("failing run output lacks dflint's finding:\n%s", out)
	}
}

func preCommit(t *testing.T, dir string, env []string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "pre-commit", "run", "--all-files")
	cmd.Dir = dir
	cmd.Env = env
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	err := cmd.Run()
	return b.String(), err
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=dflint-test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies the Go module (sources, go.mod/go.sum, the hook file),
// skipping build output and version control data.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if info.IsDir() {
			switch info.Name() {
			case ".git", "bin", "testdata", "node_modules":
				if rel != "." {
					return filepath.SkipDir
				}
			}
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
