package engine

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/dflint/dflint/internal/buildctx"
	"github.com/dflint/dflint/internal/dockerfile"
	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/internal/suppress"
	"github.com/dflint/dflint/rules"
)

// FileError is a file that could not be linted.
type FileError = report.FileError

// Settings are the resolved settings for one Dockerfile (configuration
// after overrides, environment and flags).
type Settings struct {
	// Excluded files are skipped silently.
	Excluded bool
	// Rules are the enabled rules.
	Rules []*rules.Rule
	// Severity returns the effective severity of a rule's findings; nil
	// keeps the rules' defaults.
	Severity func(*rules.Rule) rules.Severity
	// Options returns a rule's options; nil gives defaults.
	Options func(*rules.Rule) any
	// DisableIgnores lints as if there were no inline suppressions.
	DisableIgnores bool
	// ReportUnusedIgnores reports suppressions that silenced nothing.
	ReportUnusedIgnores bool
}

// Options configure a run.
type Options struct {
	// ContextDir is the build context for every file; "" means each
	// Dockerfile's own directory (and no context for standard input).
	ContextDir string
	// Target is the --target stage.
	Target string
	// BuildArgs are the --build-arg values.
	BuildArgs map[string]string
	// Settings resolves the settings of one Dockerfile; nil runs the
	// default rules.
	Settings func(path string) (Settings, error)
	// Stdin is read for the "-" target.
	Stdin io.Reader
	// Jobs is the number of files linted at once; 0 means one per CPU.
	Jobs int
}

// Run lints the targets and returns one result per target, sorted by path.
// A file that cannot be read, parsed or configured gets a result with Err
// set; the others are linted regardless.
func Run(targets []Target, opts Options) []*report.FileResult {
	results := make([]*report.FileResult, len(targets))
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	if jobs > len(targets) {
		jobs = len(targets)
	}
	l := &linter{opts: opts, contexts: buildctx.NewCache()}
	if opts.Settings == nil {
		l.defaultRules = rules.Enabled() // once, not per file
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = l.lintRecover(targets[i])
			}
		}()
	}
	for i := range targets {
		next <- i
	}
	close(next)
	wg.Wait()

	out := results[:0]
	for _, r := range results {
		if r != nil {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

type linter struct {
	opts         Options
	contexts     *buildctx.Cache
	defaultRules []*rules.Rule // the rules when opts.Settings is nil
}

// lintRecover is lint, turning a panic (a dflint bug, in the parser or a
// library under it; rule panics are already recovered by rules.Run) into
// that file's error. A panic in a worker goroutine would otherwise kill the
// process with a stack trace, losing every other file's results.
func (l *linter) lintRecover(t Target) (res *report.FileResult) {
	defer func() {
		if v := recover(); v != nil {
			res = &report.FileResult{Path: t.Path, Err: &FileError{
				Path:    t.Path,
				Message: fmt.Sprintf("internal error: %v (please report this dflint bug)", v),
			}}
		}
	}()
	return l.lint(t)
}

// lint lints one target; nil means the file is excluded.
func (l *linter) lint(t Target) *report.FileResult {
	res := &report.FileResult{Path: t.Path}
	fail := func(line int, format string, args ...any) *report.FileResult {
		res.Err = &FileError{Path: t.Path, Line: line, Message: fmt.Sprintf(format, args...)}
		return res
	}
	settings := Settings{Rules: l.defaultRules}
	if l.opts.Settings != nil {
		s, err := l.opts.Settings(t.Path)
		if err != nil {
			return fail(0, "configuration: %v", err)
		}
		settings = s
	}
	if settings.Excluded {
		return nil
	}
	src, err := l.read(t.Path)
	if err != nil {
		return fail(0, "%v", err)
	}

	var ctx *buildctx.Context
	if dir := l.contextDir(t.Path); dir != "" {
		ctx, err = l.contexts.Load(dir, dockerfilePath(t.Path))
		if err != nil {
			return fail(0, "build context: %v", err)
		}
	}
	mopts := dockerfile.Options{Context: ctx, Target: l.opts.Target, BuildArgs: l.opts.BuildArgs}
	f, err := dockerfile.Parse(t.Path, src, mopts)
	if err != nil {
		var de *dockerfile.Error
		if errors.As(err, &de) {
			return fail(de.Line, "%s", de.Msg)
		}
		return fail(0, "%v", err)
	}
	res.Lines = f.Lines

	spans := make([]suppress.Span, len(f.Instructions))
	for i, inst := range f.Instructions {
		spans[i] = suppress.Span{Line: inst.Line, EndLine: inst.EndLine}
	}
	pragmas := suppress.Parse(f.Lines, spans)
	if pragmas.Shell != "" {
		// "# hadolint shell=powershell": model RUN with that shell.
		mopts.ShellAt = pragmas.ShellAt
		if f2, err := dockerfile.Parse(t.Path, src, mopts); err == nil {
			f = f2
		}
	}

	findings, err := rules.Run(f, settings.Rules, settings.Options)
	if err != nil {
		var re *rules.RuleError
		if errors.As(err, &re) {
			return fail(0, "internal error in rule %s: %v (please report this dflint bug)", re.Rule, re.Value)
		}
		return fail(0, "%v", err)
	}
	if settings.Severity != nil {
		for i := range findings {
			if r, ok := rules.Lookup(findings[i].RuleID); ok {
				findings[i].Severity = settings.Severity(r)
			}
		}
	}
	findings = applySuppressions(t.Path, pragmas, findings, settings)
	sort.SliceStable(findings, func(i, j int) bool { return findings[i].Less(findings[j]) })
	res.Findings = findings
	return res
}

// read reads a Dockerfile, refusing anything that is not a regular file of
// reasonable size before reading it.
func (l *linter) read(path string) ([]byte, error) {
	if path == "-" {
		in := l.opts.Stdin
		if in == nil {
			in = os.Stdin
		}
		b, err := io.ReadAll(io.LimitReader(in, dockerfile.MaxSize+1))
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
		if len(b) > dockerfile.MaxSize {
			// Only MaxSize+1 bytes were read, so the real size is unknown.
			return nil, fmt.Errorf("standard input is larger than the %d-byte limit for a Dockerfile", dockerfile.MaxSize)
		}
		return b, nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, errors.New(describeOSError(err))
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if st.Size() > dockerfile.MaxSize {
		return nil, fmt.Errorf("file is %d bytes, larger than the %d-byte limit for a Dockerfile", st.Size(), dockerfile.MaxSize)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, errors.New(describeOSError(err))
	}
	return b, nil
}

func (l *linter) contextDir(path string) string {
	if l.opts.ContextDir != "" {
		return l.opts.ContextDir
	}
	if path == "-" {
		return ""
	}
	return filepath.Dir(path)
}

func dockerfilePath(path string) string {
	if path == "-" {
		return ""
	}
	return path
}
