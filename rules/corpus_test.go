package rules

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/dockerfile"
)

// The shared corpus of real public Dockerfiles lives beside the project
// (../shared/corpus). Tests that use it skip when it is absent.
var (
	corpusDir   = flag.String("corpus", filepath.Join("..", "..", "shared", "corpus"), "directory of real-world Dockerfiles")
	corpusRules = flag.String("corpus.rules", "", "comma-separated rule ids whose corpus findings TestCorpus prints")
)

// corpusFiles returns the corpus Dockerfiles, or skips the test.
func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	if _, err := os.Stat(*corpusDir); err != nil {
		tb.Skipf("corpus not found at %s", *corpusDir)
	}
	var files []string
	err := filepath.WalkDir(*corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && isCorpusDockerfile(d.Name()) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(files)
	if len(files) == 0 {
		tb.Skipf("no Dockerfiles under %s", *corpusDir)
	}
	return files
}

// isCorpusDockerfile matches the names the corpus keeps (see its
// SOURCES.md).
func isCorpusDockerfile(name string) bool {
	if strings.HasSuffix(name, ".dockerignore") {
		return false
	}
	lower := strings.ToLower(name)
	return strings.HasPrefix(name, "Dockerfile") || strings.HasPrefix(name, "Containerfile") ||
		strings.HasSuffix(lower, ".dockerfile") || strings.HasPrefix(lower, "dockerfile-")
}

// TestCorpus lints every corpus Dockerfile with every rule (default-off ones
// included): nothing may panic, and the only acceptable errors are genuine
// parse errors. With -corpus.rules=DF301,DF302 -v it prints those rules'
// findings for review.
func TestCorpus(t *testing.T) {
	files := corpusFiles(t)
	show := map[string]bool{}
	for _, id := range strings.Split(*corpusRules, ",") {
		if id = strings.TrimSpace(id); id != "" {
			show[strings.ToUpper(id)] = true
		}
	}
	all := All()
	counts := map[string]int{}
	parseErrors := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		findings, err := Lint(path, src, LintOptions{Rules: all})
		if err != nil {
			var de *dockerfile.Error
			if errors.As(err, &de) {
				parseErrors++
				t.Logf("parse error (allowed): %v", err)
				continue
			}
			t.Errorf("%s: %v", path, err)
			continue
		}
		for _, f := range findings {
			counts[f.RuleID]++
			if show[f.RuleID] {
				line := ""
				if f.Line >= 1 && f.Line <= len(strings.Split(string(src), "\n")) {
					line = strings.TrimSpace(strings.Split(string(src), "\n")[f.Line-1])
				}
				t.Logf("%s:%d:%d %s %s\n    | %s", path, f.Line, f.Column, f.RuleID, f.Message, line)
			}
		}
	}
	ids := make([]string, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, " %s=%d", id, counts[id])
	}
	t.Logf("%d files, %d parse errors; findings per rule:%s", len(files), parseErrors, b.String())
}
