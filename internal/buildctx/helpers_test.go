package buildctx

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// tree describes files to create under a test directory: a key ending in
// "/" is a directory, a value starting with "->" makes a symlink to the
// rest of the value, anything else is a file with that content.
type tree map[string]string

// mkTree creates t under a new temporary directory and returns it.
func mkTree(tb testing.TB, t tree) string {
	tb.Helper()
	root := tb.TempDir()
	writeTree(tb, root, t)
	return root
}

func writeTree(tb testing.TB, root string, t tree) {
	tb.Helper()
	for name, content := range t {
		p := filepath.Join(root, filepath.FromSlash(strings.TrimSuffix(name, "/")))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if target, ok := strings.CutPrefix(content, "->"); ok {
			if err := os.Symlink(target, p); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// load loads the context at dir for dir/Dockerfile, failing the test on
// error.
func load(tb testing.TB, dir string) *Context {
	tb.Helper()
	c, err := Load(dir, filepath.Join(dir, "Dockerfile"))
	if err != nil {
		tb.Fatalf("Load(%s): %v", dir, err)
	}
	return c
}

// withIgnore builds a context whose .dockerignore is ignore, over the files
// of t.
func withIgnore(tb testing.TB, ignore string, t tree) *Context {
	tb.Helper()
	full := tree{".dockerignore": ignore}
	for k, v := range t {
		full[k] = v
	}
	return load(tb, mkTree(tb, full))
}

func equal[T any](tb testing.TB, what string, got, want T) {
	tb.Helper()
	if !reflect.DeepEqual(got, want) {
		tb.Errorf("%s = %#v, want %#v", what, got, want)
	}
}
