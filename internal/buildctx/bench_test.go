package buildctx

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// benchIgnore is a 50-pattern ignore file of the usual mix.
func benchIgnore() string {
	var b strings.Builder
	b.WriteString("# generated for the benchmark\n")
	for i := range 10 {
		fmt.Fprintf(&b, "**/*.tmp%d\n", i)
		fmt.Fprintf(&b, "build%d/\n", i)
		fmt.Fprintf(&b, "docs/*/draft%d*\n", i)
		fmt.Fprintf(&b, "/cache%d/**\n", i)
		fmt.Fprintf(&b, "!build%d/keep.txt\n", i)
	}
	return b.String()
}

var benchPaths = []string{
	"src/main.go", "build3/out/x.bin", "build3/keep.txt", "docs/a/draft7.md",
	"pkg/deep/nested/file.tmp4", "cache9/x/y/z", "README.md", "node_modules/a/b/c/d/e.js",
}

func benchContext(b *testing.B) string {
	return mkTree(b, tree{".dockerignore": benchIgnore(), "Dockerfile": ""})
}

// BenchmarkLoadIgnored loads a context with a 50-pattern ignore file and
// asks Ignored for a few paths, as the linter does per Dockerfile without
// a Cache.
func BenchmarkLoadIgnored(b *testing.B) {
	dir := benchContext(b)
	df := filepath.Join(dir, "Dockerfile")
	b.ReportAllocs()
	for b.Loop() {
		c, err := Load(dir, df)
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Patterns()) != 50 {
			b.Fatalf("%d patterns", len(c.Patterns()))
		}
		for _, p := range benchPaths {
			c.Ignored(p)
		}
	}
}

// BenchmarkCacheLoadIgnored is the same through a Cache, as the engine
// does for Dockerfiles sharing a context.
func BenchmarkCacheLoadIgnored(b *testing.B) {
	dir := benchContext(b)
	df := filepath.Join(dir, "Dockerfile")
	cache := NewCache()
	b.ReportAllocs()
	for b.Loop() {
		c, err := cache.Load(dir, df)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range benchPaths {
			c.Ignored(p)
		}
	}
}

// BenchmarkIgnoredParallel asks one shared Context from all CPUs.
func BenchmarkIgnoredParallel(b *testing.B) {
	c := load(b, benchContext(b))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			c.Ignored(benchPaths[i%len(benchPaths)])
			i++
		}
	})
}

// BenchmarkLoad is Load alone: locate, read, parse, validate.
func BenchmarkLoad(b *testing.B) {
	dir := benchContext(b)
	df := filepath.Join(dir, "Dockerfile")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(dir, df); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIgnoredFirstAsk is the cost of an Ignored answer that is not
// memoised yet (the matcher already compiled).
func BenchmarkIgnoredFirstAsk(b *testing.B) {
	c := load(b, benchContext(b))
	pm := c.matcher()
	defer c.release(pm)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ignoredWith(pm, benchPaths[i%len(benchPaths)])
		i++
	}
}
