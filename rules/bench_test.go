package rules

import (
	"bytes"
	"os"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// loadCorpus reads the corpus once for the benchmarks.
func loadCorpus(b *testing.B) (paths []string, srcs [][]byte) {
	b.Helper()
	paths = corpusFiles(b)
	srcs = make([][]byte, len(paths))
	for i, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		srcs[i] = src
	}
	return paths, srcs
}

// BenchmarkParseOnlyCorpus is the baseline: BuildKit's parser and
// instructions over every corpus file, nothing else.
func BenchmarkParseOnlyCorpus(b *testing.B) {
	_, srcs := loadCorpus(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, src := range srcs {
			res, err := parser.Parse(bytes.NewReader(src))
			if err != nil {
				continue
			}
			_, _, _ = instructions.Parse(res.AST, nil)
		}
	}
	b.ReportMetric(float64(len(srcs))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkLintCorpus lints every corpus file with every default rule, with
// its build context, in one goroutine.
func BenchmarkLintCorpus(b *testing.B) {
	paths, srcs := loadCorpus(b)
	rs := Enabled()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i, src := range srcs {
			_, _ = Lint(paths[i], src, LintOptions{Rules: rs})
		}
	}
	b.ReportMetric(float64(len(srcs))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}
