package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/rules"
)

// writeTree creates files (path -> content, "/"-separated paths) under dir.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// symlink makes a symbolic link, skipping the test where links cannot be
// made (Windows without the privilege).
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot create symbolic links: %v", err)
	}
}

// lookup returns a registered rule or fails the test.
func lookup(t testing.TB, id string) *rules.Rule {
	t.Helper()
	r, ok := rules.Lookup(id)
	if !ok {
		t.Fatalf("rule %s is not registered", id)
	}
	return r
}

// ruleSet returns the registered rules with the given ids.
func ruleSet(t testing.TB, ids ...string) []*rules.Rule {
	t.Helper()
	out := make([]*rules.Rule, len(ids))
	for i, id := range ids {
		out[i] = lookup(t, id)
	}
	return out
}

// only runs exactly the given rules on every file.
func only(rs ...*rules.Rule) func(string) (Settings, error) {
	return func(string) (Settings, error) { return Settings{Rules: rs}, nil }
}

// brief renders findings as "LINE SEVERITY RULE", one per finding, for
// compact comparisons.
func brief(fs []rules.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%d %s %s", f.Line, f.Severity, f.RuleID))
	}
	return out
}

// result returns the result for path, failing when there is none.
func result(t testing.TB, results []*report.FileResult, path string) *report.FileResult {
	t.Helper()
	for _, r := range results {
		if r.Path == path {
			return r
		}
	}
	var paths []string
	for _, r := range results {
		paths = append(paths, r.Path)
	}
	t.Fatalf("no result for %s; have %s", path, strings.Join(paths, ", "))
	return nil
}
