package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/dockerfile"
)

// parseStages parses src (lines joined with newlines) for the stage helper
// tests.
func parseStages(t *testing.T, target string, lines ...string) *File {
	t.Helper()
	f, err := dockerfile.Parse("-", []byte(strings.Join(lines, "\n")+"\n"), dockerfile.Options{Target: target})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// stageNames names stages for comparisons: the name, or "#index".
func stageNames(stages []*Stage) []string {
	out := make([]string, 0, len(stages))
	for _, s := range stages {
		if s.Name != "" {
			out = append(out, s.Name)
		} else {
			out = append(out, "#"+string(rune('0'+s.Index)))
		}
	}
	return out
}

var stagesSrc = []string{
	"FROM alpine AS base",                   // 0
	"RUN echo base",                         //
	"FROM base AS deps",                     // 1
	"RUN echo deps",                         //
	"FROM golang AS build",                  // 2
	"RUN --mount=from=tools,target=/t true", // mounts a later-defined name: not a stage source
	"FROM busybox AS tools",                 // 3
	"FROM deps AS test",                     // 4
	"COPY --from=build /out /out",           //
	"RUN --mount=type=bind,from=tools,target=/t true",
	"FROM deps",                   // 5
	"COPY --from=build /out /out", //
}

func TestStageChain(t *testing.T) {
	f := parseStages(t, "", stagesSrc...)
	cases := []struct {
		stage int
		chain []string
		root  string
	}{
		{0, []string{"base"}, "base"},
		{1, []string{"deps", "base"}, "base"},
		{2, []string{"build"}, "build"},
		{4, []string{"test", "deps", "base"}, "base"},
		{5, []string{"#5", "deps", "base"}, "base"},
	}
	for _, c := range cases {
		s := f.Stages[c.stage]
		if got := stageNames(stageChain(s)); !slices.Equal(got, c.chain) {
			t.Errorf("stageChain(%d) = %v, want %v", c.stage, got, c.chain)
		}
		if got := stageNames([]*Stage{rootStage(s)}); got[0] != c.root {
			t.Errorf("rootStage(%d) = %v, want %v", c.stage, got[0], c.root)
		}
	}
	if stageChain(nil) != nil || rootStage(nil) != nil {
		t.Error("stageChain(nil) or rootStage(nil) is not nil")
	}
}

func TestInstructionsUpTo(t *testing.T) {
	f := parseStages(t, "", stagesSrc...)
	test := f.Stages[4]
	var got []int
	for inst := range instructionsUpTo(test.Instructions[0]) {
		got = append(got, inst.Line)
	}
	// base's RUN, deps' RUN, then test's COPY (inst itself, last).
	if want := []int{2, 4, 9}; !slices.Equal(got, want) {
		t.Errorf("instructionsUpTo = lines %v, want %v", got, want)
	}
	// Breaking out early stops the walk.
	n := 0
	for range instructionsUpTo(test.Instructions[1]) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("break: %d iterations", n)
	}
}

func TestShippedStages(t *testing.T) {
	cases := []struct {
		target  string
		final   []string // inFinalChain
		shipped []string // shippedStages
	}{
		// The last stage ships with its chain; "test" is used by no stage,
		// so it may be built with --target; build and tools are only
		// COPY --from / mount sources.
		{"", []string{"base", "deps", "#5"}, []string{"base", "deps", "test", "#5"}},
		// With --target only the target's chain.
		{"test", []string{"base", "deps", "test"}, []string{"base", "deps", "test"}},
		{"build", []string{"build"}, []string{"build"}},
	}
	for _, c := range cases {
		f := parseStages(t, c.target, stagesSrc...)
		var final, shipped []*Stage
		set := shippedStages(f)
		for _, s := range f.Stages {
			if inFinalChain(f, s) {
				final = append(final, s)
			}
			if set[s] {
				shipped = append(shipped, s)
			}
		}
		if got := stageNames(final); !slices.Equal(got, c.final) {
			t.Errorf("target %q: inFinalChain = %v, want %v", c.target, got, c.final)
		}
		if got := stageNames(shipped); !slices.Equal(got, c.shipped) {
			t.Errorf("target %q: shippedStages = %v, want %v", c.target, got, c.shipped)
		}
	}
}
