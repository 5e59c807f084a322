package buildctx

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// corpusDir is the shared corpus of real-world Dockerfiles, next to the
// repository checkout.
var corpusDir = filepath.Join("..", "..", "..", "shared", "corpus")

// TestCorpusLoads loads every directory of the shared corpus that holds a
// .dockerignore, and exercises the loaded Context.
func TestCorpusLoads(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("no corpus at %s", corpusDir)
	}
	n := 0
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || d.Name() != DefaultIgnoreName {
			return nil
		}
		n++
		dir := filepath.Dir(p)
		c, err := Load(dir, "")
		if err != nil {
			t.Errorf("Load(%s): %v", dir, err)
			return nil
		}
		abs, _ := filepath.Abs(p)
		if c.IgnoreFile() != abs {
			t.Errorf("%s: IgnoreFile() = %q, want %q", dir, c.IgnoreFile(), abs)
		}
		for _, pat := range c.Patterns() {
			if pat.Line <= 0 {
				t.Errorf("%s: pattern %q has no line number", p, pat.String())
			}
		}
		c.Ignored("Dockerfile")
		c.Resolve(".")
		c.Resolve("*")
		c.Secrets()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Skip("the corpus holds no .dockerignore")
	}
	t.Logf("loaded %d contexts", n)
}
