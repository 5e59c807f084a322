package rules

import (
	"fmt"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/dflint/dflint/internal/buildctx"
	"github.com/dflint/dflint/internal/dockerfile"
)

// LintOptions tune Lint.
type LintOptions struct {
	// ContextDir is the build context directory. Empty means the
	// Dockerfile's own directory when path names a file on disk, and no
	// context for "-" (standard input).
	ContextDir string
	// Target is the stage the build targets (docker build --target).
	Target string
	// Rules are the rules to run; nil runs every registered rule that is
	// not DefaultOff.
	Rules []*Rule
	// Options holds rule options by rule id; a rule with NewOptions and no
	// entry gets its defaults.
	Options map[string]any
	// Shell overrides the shell assumed for every RUN (e.g. "powershell").
	Shell string
	// BuildArgs are --build-arg values: they override the defaults of the
	// ARGs they name, as in a build.
	BuildArgs map[string]string
}

// Lint parses src, the content of the Dockerfile at path, and runs the
// rules on it. The error is a *dockerfile.Error (file, line, message) when
// the file is not a valid Dockerfile, or a rule failure.
func Lint(path string, src []byte, opts LintOptions) ([]Finding, error) {
	var ctx *buildctx.Context
	dir := opts.ContextDir
	if dir == "" && path != "-" && path != "" {
		dir = filepath.Dir(path)
	}
	if dir != "" {
		c, err := buildctx.Load(dir, path)
		if err != nil {
			return nil, fmt.Errorf("build context: %w", err)
		}
		ctx = c
	}
	mopts := dockerfile.Options{Context: ctx, Target: opts.Target, BuildArgs: opts.BuildArgs}
	if opts.Shell != "" {
		mopts.ShellAt = func(int) string { return opts.Shell }
	}
	f, err := dockerfile.Parse(path, src, mopts)
	if err != nil {
		return nil, err
	}
	rs := opts.Rules
	if rs == nil {
		for _, r := range All() {
			if !r.DefaultOff {
				rs = append(rs, r)
			}
		}
	}
	return Run(f, rs, func(r *Rule) any {
		if o, ok := opts.Options[r.ID]; ok {
			return o
		}
		if r.NewOptions != nil {
			return r.NewOptions()
		}
		return nil
	})
}

// RuleError is a rule that crashed on a file. The other rules' findings are
// still returned; the crash is a dflint bug.
type RuleError struct {
	Rule  string
	File  string
	Value any
	Stack string
}

func (e *RuleError) Error() string {
	return fmt.Sprintf("%s: internal error in rule %s: %v (please report this dflint bug)", e.File, e.Rule, e.Value)
}

// Run runs rules on a parsed file and returns their findings sorted. A rule
// that panics is recovered and returned as a *RuleError, after the other
// rules have run.
func Run(f *File, rs []*Rule, options func(*Rule) any) ([]Finding, error) {
	var out []Finding
	report := func(fd Finding) { out = append(out, fd) }
	var firstErr error
	// One allocation for every rule's Pass rather than one per rule.
	passes := make([]Pass, len(rs))
	for i, r := range rs {
		var opt any
		if options != nil {
			opt = options(r)
		}
		p := &passes[i]
		*p = Pass{File: f, Rule: r, Options: opt, report: report}
		if err := runOne(p); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Less(out[j]) })
	return out, firstErr
}

func runOne(p *Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &RuleError{Rule: p.Rule.ID, File: p.File.Path, Value: v, Stack: string(debug.Stack())}
		}
	}()
	p.Rule.Check(p)
	return nil
}

// Enabled returns the registered rules that run by default (not
// DefaultOff), sorted by id.
func Enabled() []*Rule {
	var out []*Rule
	for _, r := range All() {
		if !r.DefaultOff {
			out = append(out, r)
		}
	}
	return out
}

// Markdown renders a rule's documentation.
func (r *Rule) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s %s\n\n", r.ID, r.Name)
	fmt.Fprintf(&b, "%s\n\n", r.Summary)
	fmt.Fprintf(&b, "- Severity: %s", r.Severity)
	if r.DefaultOff {
		b.WriteString(" (off by default)")
	}
	b.WriteString("\n")
	if r.Since != "" {
		fmt.Fprintf(&b, "- Since: dflint %s\n", r.Since)
	}
	for _, a := range []struct {
		name string
		ids  []string
	}{{"hadolint", r.Aliases.Hadolint}, {"BuildKit", r.Aliases.BuildKit}, {"Trivy", r.Aliases.Trivy}} {
		if len(a.ids) > 0 {
			fmt.Fprintf(&b, "- %s: %s\n", a.name, strings.Join(a.ids, ", "))
		}
	}
	section := func(title, text string, code bool) {
		text = strings.TrimSpace(text)
		if text == "" {
			return
		}
		fmt.Fprintf(&b, "\n### %s\n\n", title)
		if code {
			fmt.Fprintf(&b, "```dockerfile\n%s\n```\n", text)
		} else {
			fmt.Fprintf(&b, "%s\n", text)
		}
	}
	section("Why", r.Doc.Why, false)
	section("Bad", r.Doc.Bad, true)
	section("Good", r.Doc.Good, true)
	section("Fix", r.Doc.Fix, false)
	section("Notes", r.Doc.Notes, false)
	return b.String()
}
