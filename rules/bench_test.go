package rules

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dflint/dflint/internal/buildctx"
	"github.com/dflint/dflint/internal/dockerfile"
)

// The corpus benchmarks run in one goroutine and report, besides the usual
// per-op figures, per-file figures that compare across benchmarks and
// corpus sizes:
//
//	files/s      corpus files handled per second of wall time
//	ns/file      wall time per file
//	cpu-ns/file  process CPU time (user+system, garbage collector included)
//	             per file; on a busy machine it is far steadier than wall
//	             time, so compare this one (not reported where the
//	             platform has no getrusage)
//	allocs/file  heap allocations per file
//	B/file       bytes allocated per file
//
// Compare runs with benchstat:
//
//	go test ./rules -run '^$' -bench Corpus -count 10 > new.txt
//	benchstat old.txt new.txt

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

// loopPerFile runs body (which handles files files) in a b.Loop and reports
// the per-file metrics described above.
func loopPerFile(b *testing.B, files int, body func()) {
	b.Helper()
	b.ReportAllocs()
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	cpu0 := processCPU()
	for b.Loop() {
		body()
	}
	cpu1 := processCPU()
	runtime.ReadMemStats(&m1)
	n := float64(files) * float64(b.N)
	if n == 0 {
		return
	}
	b.ReportMetric(n/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/file")
	if cpu0 > 0 {
		b.ReportMetric(float64(cpu1-cpu0)/n, "cpu-ns/file")
	}
	b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/n, "allocs/file")
	b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/n, "B/file")
}

// BenchmarkParseOnlyCorpus is the baseline: BuildKit's parser and
// instructions over every corpus file, nothing else.
func BenchmarkParseOnlyCorpus(b *testing.B) {
	_, srcs := loadCorpus(b)
	loopPerFile(b, len(srcs), func() {
		for _, src := range srcs {
			res, err := parser.Parse(bytes.NewReader(src))
			if err != nil {
				continue
			}
			_, _, _ = instructions.Parse(res.AST, nil)
		}
	})
}

// BenchmarkLintCorpus lints every corpus file with every default rule, with
// its build context, in one goroutine, through Lint: the context is loaded
// afresh for every file.
func BenchmarkLintCorpus(b *testing.B) {
	paths, srcs := loadCorpus(b)
	rs := Enabled()
	loopPerFile(b, len(srcs), func() {
		for i, src := range srcs {
			_, _ = Lint(paths[i], src, LintOptions{Rules: rs})
		}
	})
}

// BenchmarkLintCorpusSharedContexts is BenchmarkLintCorpus the way the
// engine (dflint DIR) lints: the Dockerfiles of one build context share it
// through a buildctx.Cache, new for every pass over the corpus as it is for
// every run. Still one goroutine, so it compares with the baseline; see
// internal/engine's BenchmarkEngineCorpus for the parallel run with
// discovery and file reads.
func BenchmarkLintCorpusSharedContexts(b *testing.B) {
	paths, srcs := loadCorpus(b)
	rs := Enabled()
	loopPerFile(b, len(srcs), func() {
		cache := buildctx.NewCache()
		for i, src := range srcs {
			ctx, err := cache.Load(filepath.Dir(paths[i]), paths[i])
			if err != nil {
				b.Fatal(err)
			}
			f, err := dockerfile.Parse(paths[i], src, dockerfile.Options{Context: ctx})
			if err != nil {
				continue
			}
			_, _ = Run(f, rs, defaultOptions)
		}
	})
}

// defaultOptions gives every rule its default options, as Lint does.
func defaultOptions(r *Rule) any {
	if r.NewOptions != nil {
		return r.NewOptions()
	}
	return nil
}
