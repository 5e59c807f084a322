package rules

import (
	"slices"
	"strings"
	"testing"
)

func TestKnownRun(t *testing.T) {
	f := parseStages(t, "",
		"FROM alpine",
		"RUN apk add curl",
		"RUN [\"sh\", \"-c\", \"echo hi\"]",
		"RUN if then fi (",
		"SHELL [\"pwsh\", \"-c\"]",
		"RUN Write-Host hi",
		"ENV A=1",
	)
	var got []bool
	for _, inst := range f.Stages[0].Instructions {
		got = append(got, knownRun(inst))
	}
	// RUN, exec RUN, unparsable RUN, SHELL, PowerShell RUN, ENV.
	if want := []bool{true, true, false, false, false, false}; !slices.Equal(got, want) {
		t.Errorf("knownRun = %v, want %v", got, want)
	}
	var lines []int
	eachKnownRun(f, func(inst *Instruction) { lines = append(lines, inst.Line) })
	if want := []int{2, 3}; !slices.Equal(lines, want) {
		t.Errorf("eachKnownRun lines = %v, want %v", lines, want)
	}
}

func TestCommandsAfterAndEnvSet(t *testing.T) {
	f := parseStages(t, "",
		"FROM python",
		"ENV PIP_NO_CACHE_DIR=1",
		"RUN export XDG_CACHE_HOME=/c && A=1 pip install x && env B=2 pip install y && rm -rf /c",
	)
	run := f.Stages[0].Instructions[1]
	cmds := run.Run.Commands()
	var names []string
	for _, c := range cmds {
		names = append(names, c.Name)
	}
	if want := []string{"export", "pip", "pip", "rm"}; !slices.Equal(names, want) {
		t.Fatalf("commands = %v, want %v", names, want)
	}
	if got := commandsAfter(run, cmds[2]); len(got) != 1 || got[0] != cmds[3] {
		t.Errorf("commandsAfter(second pip) = %v", got)
	}
	if got := commandsAfter(run, cmds[3]); len(got) != 0 {
		t.Errorf("commandsAfter(last) = %v", got)
	}
	for _, c := range []struct {
		cmd   int
		name  string
		value string
		set   bool
	}{
		{1, "PIP_NO_CACHE_DIR", "1", true}, // ENV
		{1, "XDG_CACHE_HOME", "/c", true},  // export before
		{0, "XDG_CACHE_HOME", "", false},   // not before itself
		{1, "A", "1", true},                // assignment
		{2, "A", "", false},
		{2, "B", "2", true}, // env wrapper
		{3, "B", "", false},
	} {
		v, set := envSet(run, cmds[c.cmd], c.name)
		if v != c.value || set != c.set {
			t.Errorf("envSet(cmd %d, %s) = %q, %v; want %q, %v", c.cmd, c.name, v, set, c.value, c.set)
		}
	}
}

func TestHasMount(t *testing.T) {
	f := parseStages(t, "",
		"FROM python",
		"ARG UNKNOWN",
		"RUN --mount=type=cache,target=/root/.cache/pip pip install x",
		"RUN --mount=type=cache,target=root/.cache pip install x",
		"RUN --mount=type=cache,target=$UNKNOWN pip install x",
		"RUN --mount=type=ssh git clone x",
		"RUN pip install x",
	)
	isPip := func(t string) bool { return t == "/root/.cache/pip" }
	isDotCache := func(t string) bool { return t == "/root/.cache" }
	insts := f.Stages[0].Instructions
	for _, c := range []struct {
		inst  int
		match func(string) bool
		types []string
		want  bool
	}{
		{1, isPip, []string{"cache"}, true},
		{1, isPip, []string{"tmpfs"}, false},
		{1, isDotCache, []string{"cache"}, false},
		{2, isDotCache, []string{"cache"}, true}, // relative target taken from "/"
		{3, isPip, []string{"cache"}, true},      // unknown target: assume it matches
		{4, nil, []string{"ssh"}, true},
		{4, nil, []string{"cache"}, false},
		{5, nil, []string{"cache", "tmpfs", "ssh"}, false},
	} {
		if got := hasMount(insts[c.inst], c.match, c.types...); got != c.want {
			t.Errorf("hasMount(line %d, %v) = %v, want %v", insts[c.inst].Line, c.types, got, c.want)
		}
	}
}

func TestParseOpts(t *testing.T) {
	args := func(words ...string) []ShellArg {
		out := make([]ShellArg, len(words))
		for i, w := range words {
			out[i] = ShellArg{Value: w, Literal: true}
		}
		return out
	}
	pip := optSpec{short: "rc", long: []string{"--requirement", "--target"}}
	tests := []struct {
		name  string
		words []string
		spec  optSpec
		opts  string // name=value|... ("name" alone without a value)
		pos   []int
	}{
		{"short value, next word", []string{"-r", "req.txt", "flask"}, pip, "-r=req.txt", []int{2}},
		{"short value attached", []string{"-rreq.txt"}, pip, "-r=req.txt", nil},
		{"cluster", []string{"-qUr", "req.txt"}, pip, "-q|-U|-r=req.txt", nil},
		{"long with =", []string{"--requirement=a.txt", "b"}, pip, "--requirement=a.txt", []int{1}},
		{"long, next word", []string{"--target", "/x", "pkg"}, pip, "--target=/x", []int{2}},
		{"unknown long takes no value", []string{"--user", "pkg"}, pip, "--user", []int{1}},
		{"value option at the end", []string{"-r"}, pip, "-r", nil},
		{"after --", []string{"-q", "--", "-r", "x"}, pip, "-q", []int{2, 3}},
		{"single-dash long", []string{"-ldflags", "-s -w", "./cmd"}, optSpec{singleDashLong: true, long: []string{"-ldflags"}}, "-ldflags=-s -w", []int{2}},
		{"optional long value", []string{"--version", "1.2", "--x", "--version", "--y"},
			optSpec{optionalLong: []string{"--version"}}, "--version=1.2|--x|--version|--y", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, pos := parseOpts(args(tt.words...), tt.spec)
			var got []string
			for _, o := range opts {
				if o.has {
					got = append(got, o.name+"="+o.value)
				} else {
					got = append(got, o.name)
				}
			}
			if strings.Join(got, "|") != tt.opts || !slices.Equal(pos, tt.pos) {
				t.Errorf("opts %q pos %v, want %q %v", strings.Join(got, "|"), pos, tt.opts, tt.pos)
			}
		})
	}
}
