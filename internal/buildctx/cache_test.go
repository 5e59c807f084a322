package buildctx

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

func TestCacheShares(t *testing.T) {
	root := mkTree(t, tree{
		".dockerignore":                   "*.md\n",
		"Dockerfile":                      "",
		"Dockerfile.dev":                  "",
		"svc/a/Dockerfile":                "",
		"svc/b/Dockerfile":                "",
		"special/Dockerfile":              "",
		"special/Dockerfile.dockerignore": "*.go\n",
	})
	cache := NewCache()
	get := func(dockerfile string) *Context {
		t.Helper()
		c, err := cache.Load(root, filepath.Join(root, dockerfile))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	base := get("Dockerfile")
	for _, df := range []string{"Dockerfile.dev", "svc/a/Dockerfile", "svc/b/Dockerfile"} {
		if get(df) != base {
			t.Errorf("%s: got another Context, want the shared one", df)
		}
	}
	special := get("special/Dockerfile")
	if special == base {
		t.Error("special/Dockerfile shares the Context of another ignore file")
	}
	equal(t, "special ignores *.go", special.Ignored("main.go"), true)
	equal(t, "base ignores *.go", base.Ignored("main.go"), false)
	// Relative and absolute spellings of the directory are one key.
	t.Chdir(root)
	rel, err := cache.Load(".", "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if rel != base {
		t.Error("relative spelling of the directory got another Context")
	}
	equal(t, "Len()", cache.Len(), 2)
}

func TestCacheRemembersErrors(t *testing.T) {
	root := mkTree(t, tree{".dockerignore": "!\n"})
	var cache Cache // the zero value works
	for range 2 {
		if _, err := cache.Load(root, ""); err == nil {
			t.Fatal("Load succeeded, want the parse error")
		}
	}
	if _, err := cache.Load(filepath.Join(root, "missing"), ""); err == nil {
		t.Fatal("Load of a missing directory succeeded")
	}
	equal(t, "Len()", cache.Len(), 1)
}

// TestConcurrentUse exercises a shared Context from many goroutines; run it
// with -race.
func TestConcurrentUse(t *testing.T) {
	files := tree{
		".dockerignore": "**/*.log\nbuild\n!build/keep\n*.md\n!README.md\n",
		"build/keep":    "",
		"build/drop":    "",
		".env":          "",
		"src/app.log":   "",
		"src/main.go":   "",
	}
	for i := range 30 {
		files[fmt.Sprintf("df%d/Dockerfile", i)] = ""
	}
	root := mkTree(t, files)
	cache := NewCache()
	var wg sync.WaitGroup
	ctxs := make([]*Context, 30)
	for i := range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := cache.Load(root, filepath.Join(root, fmt.Sprintf("df%d/Dockerfile", i)))
			if err != nil {
				t.Error(err)
				return
			}
			ctxs[i] = c
			for range 20 {
				if !c.Ignored("src/app.log") || c.Ignored("src/main.go") || c.Ignored("build/keep") {
					t.Error("wrong Ignored answer")
				}
				if s := c.Resolve("build"); s.AllIgnored || !s.Exists {
					t.Error("wrong Resolve(build)")
				}
				if s := c.Resolve("build/drop"); !s.AllIgnored {
					t.Error("wrong Resolve(build/drop)")
				}
				if !c.Sent("build/keep") || c.Sent("build/drop") {
					t.Error("wrong Sent answer")
				}
				equal(t, "Secrets()", c.Secrets(), []string{".env"})
			}
		}()
	}
	wg.Wait()
	for _, c := range ctxs {
		if c != ctxs[0] {
			t.Fatal("concurrent loads of one context gave different Contexts")
		}
	}
}
