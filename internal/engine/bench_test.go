package engine

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusDir is the shared corpus of real-world Dockerfiles, beside the
// repository; it is not part of it, so the benchmark skips without it.
var corpusDir = filepath.Join("..", "..", "..", "shared", "corpus")

// BenchmarkEngineCorpus measures what "dflint DIR" does over the shared
// corpus: discovery, then linting every file with the default rules, one
// job per CPU. It reports the files linted per second.
func BenchmarkEngineCorpus(b *testing.B) {
	if st, err := os.Stat(corpusDir); err != nil || !st.IsDir() {
		b.Skipf("no corpus at %s", corpusDir)
	}
	targets, errs := Discover([]string{corpusDir})
	if len(errs) != 0 {
		b.Fatalf("discover: %v", errs[0])
	}
	if len(targets) == 0 {
		b.Skipf("no Dockerfiles in %s", corpusDir)
	}
	b.ReportAllocs()
	b.ResetTimer()
	files := 0
	for b.Loop() {
		targets, _ := Discover([]string{corpusDir})
		results := Run(targets, Options{})
		files += len(results)
	}
	b.ReportMetric(float64(files)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(len(targets)), "files/op")
}
