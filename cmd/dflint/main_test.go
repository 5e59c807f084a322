package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary double as the dflint command: testscript
// installs it in $PATH under the name "dflint", and running it under that
// name calls run exactly as main does.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"dflint": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scripts in testdata/script, one topic
// per file. Every script gets a hermetic environment: an empty work
// directory marked as a repository root (so the .dflint.yaml search stops
// there), HOME and XDG_CONFIG_HOME inside it (so no user configuration
// leaks in) and no DFLINT_* or NO_COLOR variables.
//
// Besides testscript's built-in commands the scripts can use:
//
//	exitcode N PROG [ARGS...]  run PROG and require exit status N exactly
//	mkfile NAME TEXT           write TEXT, a Go string literal body with
//	                           escapes (\x00, \xff, \r, \n, \ufeff), to NAME
//	sparse NAME SIZE           create NAME of SIZE bytes (K, M, G suffixes)
//	                           without writing its content
//
// and the condition [root], true when running as the superuser (who can
// read a file whatever its mode).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireUniqueNames:  true,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, "home")
			if err := os.MkdirAll(filepath.Join(home, ".config"), 0o755); err != nil {
				return err
			}
			env.Setenv("HOME", home)
			env.Setenv("USERPROFILE", home)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
			env.Setenv("LOCALAPPDATA", filepath.Join(home, ".config"))
			// The configuration search walks up to the first directory
			// holding .git; without this marker it would reach the
			// system's temporary directory and beyond.
			return os.MkdirAll(filepath.Join(env.WorkDir, ".git"), 0o755)
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "root":
				return os.Geteuid() == 0, nil
			}
			return false, errors.New("unknown condition " + strconv.Quote(cond))
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitcode,
			"mkfile":   cmdMkfile,
			"sparse":   cmdSparse,
		},
	})
}

// cmdExitcode runs a program and checks its exact exit status: dflint's
// contract tells 1 (findings) from 2 (errors), which "! exec" cannot.
func cmdExitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: bad status %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdMkfile writes bytes that a txtar archive cannot hold (NUL, invalid
// UTF-8, a byte-order mark, CR).
func cmdMkfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mkfile name text")
	}
	data, err := strconv.Unquote(`"` + strings.ReplaceAll(args[1], `"`, `\"`) + `"`)
	if err != nil {
		ts.Fatalf("mkfile: cannot unquote %q: %v", args[1], err)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(data), 0o644))
}

// cmdSparse creates a large file without writing (or needing disk space
// for) its content.
func cmdSparse(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sparse name size")
	}
	s, mult := args[1], int64(1)
	for suffix, m := range map[string]int64{"K": 1 << 10, "M": 1 << 20, "G": 1 << 30} {
		if strings.HasSuffix(s, suffix) {
			s, mult = strings.TrimSuffix(s, suffix), m
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		ts.Fatalf("sparse: bad size %q", args[1])
	}
	name := ts.MkAbs(args[0])
	f, err := os.Create(name)
	ts.Check(err)
	ts.Check(f.Close())
	ts.Check(os.Truncate(name, n*mult))
}

// TestNoticesGoToStderrWriter checks that run writes the notices about a
// configuration found beside a Dockerfile to the writer it was given, not
// to the process's standard error (the notices used to bypass it).
func TestNoticesGoToStderrWriter(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	for _, k := range []string{"DFLINT_CONFIG", "DFLINT_FORMAT", "DFLINT_FAIL_ON", "DFLINT_IGNORE"} {
		t.Setenv(k, "")
	}
	proj := filepath.Join(dir, "proj")
	must(t, os.MkdirAll(filepath.Join(proj, ".git"), 0o755))
	must(t, os.WriteFile(filepath.Join(proj, ".hadolint.yaml"), []byte("ignored: [DL3007]\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(proj, "Dockerfile"), []byte("FROM alpine:latest\nUSER 10001\n"), 0o644))

	var stdout, stderr bytes.Buffer
	code := run([]string{"--no-color", filepath.Join(proj, "Dockerfile")}, strings.NewReader(""), &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
	}
	if !strings.Contains(stderr.String(), "no .dflint.yaml found, so using this hadolint config") {
		t.Errorf("stderr lacks the hadolint notice:\n%s", &stderr)
	}
	if strings.Contains(stdout.String(), "DF102") {
		t.Errorf("the hadolint config's ignored: [DL3007] was not honoured:\n%s", &stdout)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
