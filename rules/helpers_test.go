package rules

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// ruleCase is one table entry of a rule test.
type ruleCase struct {
	name string
	// src is the Dockerfile.
	src string
	// want are the lines the rule reports, in order; nil means quiet.
	want []int
	// files, when not nil, are the build-context files (path -> content)
	// written beside the Dockerfile; nil lints without a build context.
	files map[string]string
	// dockerfile is the Dockerfile's name in the context (default
	// "Dockerfile").
	dockerfile string
	// target is the --target stage.
	target string
	// options is the rule's options; nil means defaults.
	options any
	// messages, when set, must each be a substring of the finding with the
	// same index.
	messages []string
}

// lintWith lints src with one rule, returning its findings.
func lintWith(t *testing.T, r *Rule, c ruleCase) []Finding {
	t.Helper()
	path := "-"
	opts := LintOptions{Rules: []*Rule{r}, Target: c.target}
	if c.options != nil {
		opts.Options = map[string]any{r.ID: c.options}
	}
	if c.files != nil {
		dir := t.TempDir()
		for name, content := range c.files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if strings.HasSuffix(name, "/") {
				if err := os.MkdirAll(p, 0o755); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		name := c.dockerfile
		if name == "" {
			name = "Dockerfile"
		}
		path = filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		opts.ContextDir = dir
	}
	findings, err := Lint(path, []byte(c.src), opts)
	if err != nil {
		t.Fatalf("lint: %v", err)
	}
	return findings
}

// runRuleCases runs a table of cases against the rule with the given id.
func runRuleCases(t *testing.T, id string, cases []ruleCase) {
	t.Helper()
	r, ok := Lookup(id)
	if !ok {
		t.Fatalf("rule %s not registered", id)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			findings := lintWith(t, r, c)
			var got []int
			for _, f := range findings {
				got = append(got, f.Line)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("lines = %v, want %v\nfindings:%s\nDockerfile:\n%s", got, c.want, dump(findings), c.src)
			}
			for i, m := range c.messages {
				if i < len(findings) && !strings.Contains(findings[i].Message, m) {
					t.Errorf("finding %d message %q does not contain %q", i, findings[i].Message, m)
				}
			}
		})
	}
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n  ")
		b.WriteString(f.RuleID + " " + f.Severity.String() + " " + f.Message)
		b.WriteString(" @" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column))
	}
	return b.String()
}
