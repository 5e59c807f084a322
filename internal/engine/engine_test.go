package engine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/dockerfile"
	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/rules"
)

// corpusTree is a tree of Dockerfiles with findings on various lines, plus
// files that cannot be linted.
func corpusTree(n int) map[string]string {
	files := map[string]string{}
	for i := range n {
		dir := fmt.Sprintf("svc%02d", i%7)
		var b strings.Builder
		fmt.Fprintf(&b, "# service %d\n", i)
		for j := 0; j <= i%4; j++ {
			tag := "3.20"
			if (i+j)%3 == 0 {
				tag = "latest"
			}
			fmt.Fprintf(&b, "FROM alpine:%s AS s%d\nRUN echo %d\n", tag, j, j)
		}
		if i%5 == 0 {
			b.WriteString("FROM ubuntu\n")
		}
		b.WriteString("USER 10001\nCMD [\"true\"]\n")
		files[fmt.Sprintf("%s/%d/Dockerfile", dir, i)] = b.String()
		if i%11 == 0 {
			files[fmt.Sprintf("%s/%d/broken.Dockerfile", dir, i)] = "FROM alpine:3.20\nFORM x\n"
		}
	}
	return files
}

func TestRunDeterministic(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, corpusTree(60))
	targets, errs := Discover([]string{dir})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	// Shuffle-ish: reversed, so Run cannot rely on its input order.
	slices.Reverse(targets)

	for name, settings := range map[string]func(string) (Settings, error){
		"default rules": nil,
		"DF101 DF102":   only(ruleSet(t, "DF101", "DF102")...),
	} {
		t.Run(name, func(t *testing.T) {
			var first []*report.FileResult
			for _, jobs := range []int{1, 4, 16, 0, 1} {
				got := Run(targets, Options{Jobs: jobs, Settings: settings})
				if len(got) != len(targets) {
					t.Fatalf("jobs=%d: %d results for %d targets", jobs, len(got), len(targets))
				}
				if !sort.SliceIsSorted(got, func(i, j int) bool { return got[i].Path < got[j].Path }) {
					t.Errorf("jobs=%d: results not sorted by path", jobs)
				}
				for _, r := range got {
					if !sort.SliceIsSorted(r.Findings, func(i, j int) bool { return r.Findings[i].Less(r.Findings[j]) }) {
						t.Errorf("jobs=%d: findings of %s not sorted: %v", jobs, r.Path, brief(r.Findings))
					}
				}
				if first == nil {
					first = got
					continue
				}
				if !reflect.DeepEqual(got, first) {
					t.Errorf("jobs=%d gives other results than jobs=1", jobs)
				}
			}
			// The fixture has what it should: findings, and errors.
			var findings, failed int
			for _, r := range first {
				findings += len(r.Findings)
				if r.Err != nil {
					failed++
				}
			}
			if findings == 0 || failed == 0 {
				t.Errorf("fixture gives %d findings and %d errors; want some of both", findings, failed)
			}
		})
	}
}

func TestRunNoTargets(t *testing.T) {
	for _, jobs := range []int{0, 1, 8} {
		if got := Run(nil, Options{Jobs: jobs}); len(got) != 0 {
			t.Errorf("jobs=%d: %d results for no targets", jobs, len(got))
		}
	}
}

// TestRunBadFilesDoNotStopOthers lints one good file among every kind of
// file that cannot be linted: each gets its own one-line error, and the
// good file is linted as usual.
func TestRunBadFilesDoNotStopOthers(t *testing.T) {
	t.Chdir(t.TempDir())
	writeTree(t, ".", map[string]string{
		"a-good/Dockerfile":      "FROM alpine:latest\nUSER 10001\n",
		"b-parse/Dockerfile":     "FROM alpine:3.20\nRUN echo hi\nFORM alpine\n",
		"c-empty/Dockerfile":     "",
		"d-binary/Dockerfile":    "FROM alpine:3.20\nRUN echo \x00\n",
		"e-latin1/Dockerfile":    "FROM alpine:3.20\nLABEL a=\"Ren\xe9\"\n",
		"f-heredoc/Dockerfile":   "FROM alpine:3.20\nRUN <<EOF\necho hi\n",
		"g-nofrom/Dockerfile":    "RUN echo hi\n",
		"h-unknown/Dockerfile":   "FROM alpine:3.20\nFOO bar\n",
		"z-good/Containerfile":   "FROM ubuntu\nUSER 10001\n",
		"i-dir/Dockerfile/.keep": "",
	})
	huge := filepath.Join("j-huge", "Dockerfile")
	if err := os.MkdirAll(filepath.Dir(huge), 0o755); err != nil {
		t.Fatal(err)
	}
	sparse(t, huge, 100<<20)

	paths := []string{
		"a-good/Dockerfile", "b-parse/Dockerfile", "c-empty/Dockerfile", "d-binary/Dockerfile",
		"e-latin1/Dockerfile", "f-heredoc/Dockerfile", "g-nofrom/Dockerfile", "h-unknown/Dockerfile",
		"i-dir/Dockerfile", "j-huge/Dockerfile", "k-missing/Dockerfile", "z-good/Containerfile",
	}
	var targets []Target
	for _, p := range paths {
		targets = append(targets, Target{Path: filepath.FromSlash(p), Explicit: true})
	}
	results := Run(targets, Options{Jobs: 3, Settings: only(ruleSet(t, "DF101", "DF102")...)})

	wantErr := map[string]string{
		"b-parse/Dockerfile":   "3: unknown instruction: FORM",
		"c-empty/Dockerfile":   "0: empty file: no instructions",
		"d-binary/Dockerfile":  "2: binary content (NUL byte): not a Dockerfile",
		"e-latin1/Dockerfile":  "2: invalid UTF-8",
		"f-heredoc/Dockerfile": "2: unterminated heredoc",
		"g-nofrom/Dockerfile":  "1: RUN before the first FROM",
		"h-unknown/Dockerfile": "2: unknown instruction: FOO",
		"i-dir/Dockerfile":     "0: not a regular file",
		"j-huge/Dockerfile":    "0: file is 104857600 bytes, larger than the 4194304-byte limit for a Dockerfile",
		"k-missing/Dockerfile": "0: no such file or directory",
	}
	if len(results) != len(paths) {
		t.Fatalf("%d results for %d files", len(results), len(paths))
	}
	for _, p := range paths {
		r := result(t, results, filepath.FromSlash(p))
		want, bad := wantErr[p]
		switch {
		case bad && r.Err == nil:
			t.Errorf("%s: no error, want %q", p, want)
		case bad:
			got := fmt.Sprintf("%d: %s", r.Err.Line, r.Err.Message)
			if !strings.HasPrefix(got, want) {
				t.Errorf("%s: error %q, want %q...", p, got, want)
			}
			if strings.Contains(r.Err.Message, "\n") {
				t.Errorf("%s: error spans several lines: %q", p, r.Err.Message)
			}
			if r.Err.Path != r.Path {
				t.Errorf("%s: error names %q", p, r.Err.Path)
			}
			if len(r.Findings) != 0 {
				t.Errorf("%s: findings beside the error: %v", p, brief(r.Findings))
			}
		case r.Err != nil:
			t.Errorf("%s: unexpected error %v", p, r.Err)
		}
	}
	if got, want := brief(result(t, results, filepath.FromSlash("a-good/Dockerfile")).Findings), []string{"1 warning DF102"}; !reflect.DeepEqual(got, want) {
		t.Errorf("a-good: %q, want %q", got, want)
	}
	if got, want := brief(result(t, results, filepath.FromSlash("z-good/Containerfile")).Findings), []string{"1 warning DF101"}; !reflect.DeepEqual(got, want) {
		t.Errorf("z-good: %q, want %q", got, want)
	}
}

func sparse(t testing.TB, path string, size int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
}

// TestRunHugeFileNotRead checks that an oversized file is refused from its
// size: linting a 1 GiB (sparse) file must not allocate anywhere near it.
func TestRunHugeFileNotRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Dockerfile")
	sparse(t, path, 1<<30)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	results := Run([]Target{{Path: path}}, Options{Jobs: 1, Settings: only(ruleSet(t, "DF102")...)})
	runtime.ReadMemStats(&after)
	if len(results) != 1 || results[0].Err == nil || !strings.Contains(results[0].Err.Message, "larger than the") {
		t.Fatalf("results = %+v", results)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Errorf("linting an oversized file allocated %d MB: it was read", alloc>>20)
	}
}

func TestRunStdin(t *testing.T) {
	rs := ruleSet(t, "DF102")
	results := Run([]Target{{Path: "-", Explicit: true}}, Options{
		Stdin:    strings.NewReader("FROM alpine:latest\n"),
		Settings: only(rs...),
	})
	if len(results) != 1 || results[0].Err != nil {
		t.Fatalf("results = %+v", results[0])
	}
	if got, want := brief(results[0].Findings), []string{"1 warning DF102"}; !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	if f := results[0].Findings[0]; f.File != "-" {
		t.Errorf("finding file %q, want -", f.File)
	}
	if got := results[0].Lines; !reflect.DeepEqual(got, []string{"FROM alpine:latest"}) {
		t.Errorf("lines %q", got)
	}

	// Standard input beyond the size limit is refused, and the message does
	// not pretend to know its size.
	big := strings.NewReader(strings.Repeat("# x\n", dockerfile.MaxSize/4+10))
	results = Run([]Target{{Path: "-"}}, Options{Stdin: big, Settings: only(rs...)})
	if e := results[0].Err; e == nil || e.Message != fmt.Sprintf("standard input is larger than the %d-byte limit for a Dockerfile", dockerfile.MaxSize) {
		t.Errorf("oversized stdin: %+v", e)
	}

	// A read error is the file's error.
	results = Run([]Target{{Path: "-"}}, Options{Stdin: errReader{}, Settings: only(rs...)})
	if e := results[0].Err; e == nil || !strings.Contains(e.Message, "read standard input: disk on fire") {
		t.Errorf("failing stdin: %+v", e)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestRunSettings(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"keep/Dockerfile":  "FROM alpine:latest\n",
		"skip/Dockerfile":  "FROM alpine:latest\n",
		"error/Dockerfile": "FROM alpine:latest\n",
		"panic/Dockerfile": "FROM alpine:latest\n",
	})
	df102 := lookup(t, "DF102")
	settings := func(path string) (Settings, error) {
		switch filepath.Base(filepath.Dir(path)) {
		case "skip":
			return Settings{Excluded: true}, nil
		case "error":
			return Settings{}, errors.New("bad config")
		case "panic":
			panic("settings exploded")
		}
		return Settings{Rules: []*rules.Rule{df102}}, nil
	}
	targets, _ := Discover([]string{dir})
	results := Run(targets, Options{Settings: settings, Jobs: 2})

	if len(results) != 3 {
		t.Fatalf("%d results; want 3 (the excluded file left out)", len(results))
	}
	for _, r := range results {
		if strings.Contains(r.Path, "skip") {
			t.Errorf("excluded file %s has a result", r.Path)
		}
	}
	keep := result(t, results, filepath.Join(dir, "keep", "Dockerfile"))
	if got, want := brief(keep.Findings), []string{"1 warning DF102"}; !reflect.DeepEqual(got, want) {
		t.Errorf("keep: %q, want %q", got, want)
	}
	if e := result(t, results, filepath.Join(dir, "error", "Dockerfile")).Err; e == nil || e.Message != "configuration: bad config" {
		t.Errorf("error: %+v", e)
	}
	// A panic while linting one file (a dflint bug) is that file's error;
	// the process and the other files survive it.
	if e := result(t, results, filepath.Join(dir, "panic", "Dockerfile")).Err; e == nil ||
		!strings.Contains(e.Message, "internal error: settings exploded") {
		t.Errorf("panic: %+v", e)
	}
}

// probeRule reports what the engine handed the rules: the build context,
// the final stage and, for each RUN, whether its shell is POSIX.
var probeRule = &rules.Rule{
	ID: "ZZ901", Name: "engine-probe", Severity: rules.SeverityInfo, Summary: "test probe",
	Check: func(p *rules.Pass) {
		ctx := "<none>"
		if p.File.Context != nil {
			ctx = p.File.Context.Dir()
		}
		final := "<none>"
		if s := p.File.FinalStage(); s != nil {
			final = fmt.Sprintf("%d:%s", s.Index, s.Name)
		}
		p.Report(rules.At(p.File.Stages[0].From), "context=%s final=%s", ctx, final)
		for _, i := range p.File.Instructions {
			if i.Run != nil {
				p.Report(rules.At(i), "posix=%v", i.Run.POSIX)
			}
		}
	},
}

var panicRule = &rules.Rule{
	ID: "ZZ902", Name: "engine-panic", Severity: rules.SeverityError, Summary: "test rule that crashes",
	Check: func(*rules.Pass) { panic("rule exploded") },
}

func messages(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Message)
	}
	return out
}

func TestRunContextAndTarget(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"app/Dockerfile": "FROM alpine:3.20 AS Build\nRUN echo hi\nFROM alpine:3.20 AS final\n",
		"ctx/.keep":      "",
		"ps/Dockerfile":  "FROM alpine:3.20\nRUN echo sh\n# hadolint shell=powershell\nRUN Write-Host ps\n",
	})
	app := filepath.Join(dir, "app", "Dockerfile")
	src, err := os.ReadFile(app)
	if err != nil {
		t.Fatal(err)
	}
	probe := only(probeRule)
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	first := func(rs []*report.FileResult) string {
		t.Helper()
		if len(rs) != 1 || rs[0].Err != nil || len(rs[0].Findings) == 0 {
			t.Fatalf("results = %+v", rs)
		}
		return rs[0].Findings[0].Message
	}
	sameDir := func(msg, dir string) bool {
		got, _, _ := strings.Cut(strings.TrimPrefix(msg, "context="), " ")
		return abs(got) == abs(dir)
	}

	// Default: the Dockerfile's directory; the last stage.
	msg := first(Run([]Target{{Path: app}}, Options{Settings: probe}))
	if !sameDir(msg, filepath.Dir(app)) || !strings.HasSuffix(msg, "final=1:final") {
		t.Errorf("default: %q", msg)
	}
	// ContextDir applies to every file; Target picks the stage
	// (case-insensitively, as docker build does).
	msg = first(Run([]Target{{Path: app}}, Options{Settings: probe, ContextDir: filepath.Join(dir, "ctx"), Target: "BUILD"}))
	if !sameDir(msg, filepath.Join(dir, "ctx")) || !strings.HasSuffix(msg, "final=0:build") {
		t.Errorf("--context --target: %q", msg)
	}
	// Standard input: no context unless one is given.
	msg = first(Run([]Target{{Path: "-"}}, Options{Settings: probe, Stdin: strings.NewReader(string(src))}))
	if !strings.HasPrefix(msg, "context=<none> ") {
		t.Errorf("stdin: %q", msg)
	}
	msg = first(Run([]Target{{Path: "-"}}, Options{Settings: probe, Stdin: strings.NewReader(string(src)), ContextDir: filepath.Join(dir, "ctx")}))
	if !sameDir(msg, filepath.Join(dir, "ctx")) {
		t.Errorf("stdin --context: %q", msg)
	}
	// An unknown target, and a context that does not exist, are the file's
	// errors.
	rs := Run([]Target{{Path: app}}, Options{Settings: probe, Target: "nope"})
	if e := rs[0].Err; e == nil || e.Message != `target stage "nope" not found` {
		t.Errorf("unknown target: %+v", e)
	}
	rs = Run([]Target{{Path: app}}, Options{Settings: probe, ContextDir: filepath.Join(dir, "nowhere")})
	if e := rs[0].Err; e == nil || !strings.HasPrefix(e.Message, "build context: ") {
		t.Errorf("missing context: %+v", e)
	}

	// "# hadolint shell=powershell" changes the shell of the RUNs below it.
	rs = Run([]Target{{Path: filepath.Join(dir, "ps", "Dockerfile")}}, Options{Settings: probe})
	if rs[0].Err != nil {
		t.Fatal(rs[0].Err)
	}
	if got, want := messages(rs[0].Findings)[1:], []string{"posix=true", "posix=false"}; !reflect.DeepEqual(got, want) {
		t.Errorf("shell pragma: %q, want %q", got, want)
	}
}

func TestRunRulePanic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Dockerfile")
	writeTree(t, filepath.Dir(path), map[string]string{"Dockerfile": "FROM alpine:latest\n"})
	rs := Run([]Target{{Path: path}, {Path: "-"}}, Options{
		Settings: only(lookup(t, "DF102"), panicRule),
		Stdin:    strings.NewReader("FROM alpine:latest\n"),
	})
	if len(rs) != 2 {
		t.Fatalf("%d results", len(rs))
	}
	for _, r := range rs {
		if r.Err == nil || r.Err.Message != "internal error in rule ZZ902: rule exploded (please report this dflint bug)" {
			t.Errorf("%s: %+v", r.Path, r.Err)
		}
	}
}

func TestRunSeverityOverride(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Dockerfile")
	writeTree(t, filepath.Dir(path), map[string]string{
		"Dockerfile": "FROM ubuntu AS a\n# dflint ignore=DF9999\nFROM alpine:latest\n",
	})
	rs := ruleSet(t, "DF002", "DF101", "DF102")
	levels := map[string]rules.Severity{"DF102": rules.SeverityStyle, "DF002": rules.SeverityError}
	results := Run([]Target{{Path: path}}, Options{Settings: func(string) (Settings, error) {
		return Settings{Rules: rs, Severity: func(r *rules.Rule) rules.Severity {
			if s, ok := levels[r.ID]; ok {
				return s
			}
			return r.Severity
		}}, nil
	}})
	got := brief(results[0].Findings)
	want := []string{"1 warning DF101", "2 error DF002", "3 style DF102"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

func TestRunSuppressions(t *testing.T) {
	files := map[string]string{
		"used":      "# dflint ignore=DF102\nFROM alpine:latest\n",
		"unused":    "FROM alpine:3.20\n# dflint ignore=DF102\nFROM alpine:3.21\n",
		"partly":    "# dflint ignore=DF102,DF101\nFROM alpine:latest\n",
		"global":    "FROM alpine:latest\nFROM alpine:latest\n# dflint global ignore=base-image-latest\n",
		"hadolint":  "# hadolint ignore=DL3007\nFROM alpine:latest\n",
		"invalid":   "FROM alpine:latest\n# dflint ignore=DF9999\nRUN true\n",
		"unmapped":  "FROM alpine:3.20\n# hadolint ignore=DL9999\nRUN true\n",
		"malformed": "FROM alpine:3.20\n# dflint ignore=\nRUN true\n",
		"norule":    "FROM alpine:3.20\n# dflint ignore=DF103\nFROM alpine:3.21\n",
	}
	dir := t.TempDir()
	writeTree(t, dir, files)
	base := ruleSet(t, "DF002", "DF101", "DF102")
	withDF001 := append(slices.Clone(base), lookup(t, "DF001"))
	raise := func(r *rules.Rule) rules.Severity { return rules.SeverityError }

	for _, tc := range []struct {
		name     string
		settings Settings
		want     map[string][]string
	}{
		{
			"pragmas honoured", Settings{Rules: base},
			map[string][]string{
				"used": nil, "unused": nil, "partly": nil, "global": nil, "hadolint": nil,
				"invalid":   {"1 warning DF102", "2 warning DF002"},
				"unmapped":  {"2 info DF002"},
				"malformed": {"2 warning DF002"},
				"norule":    nil,
			},
		},
		{
			"report unused ignores", Settings{Rules: base, ReportUnusedIgnores: true},
			map[string][]string{
				"used": nil, "unused": {"2 info DF001"}, "partly": {"1 info DF001"}, "global": nil, "hadolint": nil,
				"invalid":   {"1 warning DF102", "2 warning DF002"},
				"unmapped":  {"2 info DF002"},
				"malformed": {"2 warning DF002"},
				// DF103 did not run, so its ignore cannot have been used.
				"norule": nil,
			},
		},
		{
			"DF001 enabled by configuration", Settings{Rules: withDF001},
			map[string][]string{
				"used": nil, "unused": {"2 info DF001"}, "partly": {"1 info DF001"}, "global": nil, "hadolint": nil,
				"invalid":   {"1 warning DF102", "2 warning DF002"},
				"unmapped":  {"2 info DF002"},
				"malformed": {"2 warning DF002"},
				"norule":    nil,
			},
		},
		{
			"disable ignores", Settings{Rules: base, DisableIgnores: true, ReportUnusedIgnores: true},
			map[string][]string{
				"used": {"2 warning DF102"}, "unused": nil, "partly": {"2 warning DF102"},
				"global": {"1 warning DF102", "2 warning DF102"}, "hadolint": {"2 warning DF102"},
				"invalid":   {"1 warning DF102", "2 warning DF002"},
				"unmapped":  {"2 info DF002"},
				"malformed": {"2 warning DF002"},
				"norule":    nil,
			},
		},
		{
			"DF002 off", Settings{Rules: ruleSet(t, "DF101", "DF102")},
			map[string][]string{
				"used": nil, "unused": nil, "partly": nil, "global": nil, "hadolint": nil,
				"invalid": {"1 warning DF102"}, "unmapped": nil, "malformed": nil, "norule": nil,
			},
		},
		{
			// Severity overrides reach the meta findings, but an unmapped
			// alias (valid for its own tool) stays at info at most.
			"severity raised", Settings{Rules: withDF001, Severity: raise},
			map[string][]string{
				"used": nil, "unused": {"2 error DF001"}, "partly": {"1 error DF001"}, "global": nil, "hadolint": nil,
				"invalid":   {"1 error DF102", "2 error DF002"},
				"unmapped":  {"2 info DF002"},
				"malformed": {"2 error DF002"},
				"norule":    nil,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var targets []Target
			for name := range files {
				targets = append(targets, Target{Path: filepath.Join(dir, name)})
			}
			results := Run(targets, Options{Settings: func(string) (Settings, error) { return tc.settings, nil }})
			for _, r := range results {
				name := filepath.Base(r.Path)
				if r.Err != nil {
					t.Errorf("%s: %v", name, r.Err)
					continue
				}
				got := brief(r.Findings)
				if len(got) == 0 {
					got = nil
				}
				if want := tc.want[name]; !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %q, want %q", name, got, want)
				}
				for _, f := range r.Findings {
					if f.File != r.Path || f.EndLine < f.Line || f.RuleName == "" {
						t.Errorf("%s: malformed finding %+v", name, f)
					}
				}
			}
		})
	}
}
