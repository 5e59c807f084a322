package config

import (
	"os"
	"testing"

	"github.com/dflint/dflint/rules"
)

// Fake rules. Built-in rules may be registered too (the rules package
// registers them from init), so tests only make exact claims about these,
// and use made-up codes (TL...) where an alias must be unique.
type registryOptions struct {
	TrustedRegistries []string `yaml:"trusted-registries"`
	MaxStages         int      `yaml:"max-stages"`
	Nested            struct {
		Deep  bool   `yaml:"deep"`
		Label string `yaml:"label"`
	} `yaml:"nested"`
}

type labelOptions struct {
	RequiredLabels map[string]string `yaml:"required-labels"`
	StrictLabels   bool              `yaml:"strict-labels"`
	Level          rules.Severity    `yaml:"level"` // a TextUnmarshaler
}

var testRules = []*rules.Rule{
	{ID: "TST001", Name: "tst-latest", Severity: rules.SeverityWarning, Since: "1.0",
		Aliases: rules.Aliases{Hadolint: []string{"DL3007", "TL0001"}}},
	{ID: "TST002", Name: "tst-casing", Severity: rules.SeverityStyle, Since: "1.0",
		Aliases: rules.Aliases{Hadolint: []string{"TL0002"}, BuildKit: []string{"FromAsCasing"}}},
	{ID: "TST003", Name: "tst-registries", Severity: rules.SeverityError, Since: "1.0", DefaultOff: true,
		Aliases: rules.Aliases{Hadolint: []string{"DL3026", "TL0002"}},
		NewOptions: func() any {
			o := &registryOptions{MaxStages: 3}
			o.Nested.Label = "default"
			return o
		}},
	{ID: "TST004", Name: "tst-labels", Severity: rules.SeverityWarning, Since: "1.1",
		Aliases:    rules.Aliases{Hadolint: []string{"DL3049"}},
		NewOptions: func() any { return &labelOptions{Level: rules.SeverityWarning} }},
	{ID: "TST005", Name: "tst-new", Severity: rules.SeverityInfo, Since: "1.2"},
	{ID: "TST006", Name: "tst-digest", Severity: rules.SeverityWarning, Since: "1.0", DefaultOff: true},
}

func TestMain(m *testing.M) {
	for _, r := range testRules {
		r.Check = func(*rules.Pass) {}
		rules.MustRegister(r)
	}
	os.Exit(m.Run())
}

func rule(t *testing.T, id string) *rules.Rule {
	t.Helper()
	r, ok := rules.Lookup(id)
	if !ok {
		t.Fatalf("rule %s not registered", id)
	}
	return r
}

func mustParse(t *testing.T, path, src string) *Config {
	t.Helper()
	c, err := Parse(path, []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

// summary is what an Effective says about every test rule, for comparing.
type summary struct {
	Enabled  bool
	Severity rules.Severity
	Options  any
}

func summarize(e *Effective) map[string]summary {
	out := map[string]summary{}
	for _, r := range testRules {
		out[r.ID] = summary{e.Enabled(r), e.Severity(r), e.Options(r)}
	}
	return out
}
