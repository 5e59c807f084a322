package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dflint/dflint/rules"
	"go.yaml.in/yaml/v3"
)

func TestParseValid(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, c *Config)
	}{
		{"empty", "", func(t *testing.T, c *Config) {
			if !reflect.DeepEqual(c, &Config{Path: c.Path, dir: c.dir}) {
				t.Errorf("got %+v, want defaults", c)
			}
		}},
		{"only comments", "# nothing\n", func(t *testing.T, c *Config) {
			if c.FailOn != "" || c.Ignore != nil {
				t.Errorf("got %+v, want defaults", c)
			}
		}},
		{"null document", "~\n", func(t *testing.T, c *Config) {}},
		{"scalars", "ruleset: 1.0\nfail-on: Error\ndisable-ignore-pragma: true\n", func(t *testing.T, c *Config) {
			if c.Ruleset != "1.0" || c.FailOn != "error" || !c.DisableIgnorePragma {
				t.Errorf("got ruleset %q fail-on %q pragma %v", c.Ruleset, c.FailOn, c.DisableIgnorePragma)
			}
		}},
		{"null values are unset", "fail-on:\nignore:\nrules:\n", func(t *testing.T, c *Config) {
			if c.FailOn != "" || c.Ignore != nil || c.Rules != nil {
				t.Errorf("got %+v", c)
			}
		}},
		{"ignore canonicalises and dedupes", "ignore: [TST001, tst-latest, tst-casing, tst002]\n", func(t *testing.T, c *Config) {
			if want := []string{"TST001", "TST002"}; !reflect.DeepEqual(c.Ignore, want) {
				t.Errorf("ignore = %v, want %v", c.Ignore, want)
			}
		}},
		{"severity", "severity: {tst-latest: ERROR, TST002: off}\n", func(t *testing.T, c *Config) {
			if want := map[string]string{"TST001": "error", "TST002": "off"}; !reflect.DeepEqual(c.Severity, want) {
				t.Errorf("severity = %v, want %v", c.Severity, want)
			}
		}},
		{"rules options over defaults", "rules:\n  tst-registries:\n    enabled: true\n    trusted-registries: [docker.io]\n    nested: {deep: true}\n", func(t *testing.T, c *Config) {
			rs := c.Rules["TST003"]
			if rs.Enabled == nil || !*rs.Enabled {
				t.Errorf("enabled = %v", rs.Enabled)
			}
			want := &registryOptions{TrustedRegistries: []string{"docker.io"}, MaxStages: 3}
			want.Nested.Deep, want.Nested.Label = true, "default"
			if !reflect.DeepEqual(rs.Options, want) {
				t.Errorf("options = %+v, want %+v", rs.Options, want)
			}
		}},
		{"rule without options, null entry", "rules:\n  TST001:\n  TST006: {enabled: false}\n", func(t *testing.T, c *Config) {
			if rs, ok := c.Rules["TST001"]; !ok || rs.Enabled != nil || rs.Options != nil {
				t.Errorf("TST001 = %+v, %v", rs, ok)
			}
			if rs := c.Rules["TST006"]; rs.Enabled == nil || *rs.Enabled {
				t.Errorf("TST006 enabled = %v", rs.Enabled)
			}
		}},
		{"globs cleaned", "exclude: [./vendor/**, legacy//Dockerfile]\n", func(t *testing.T, c *Config) {
			if want := []string{"vendor/**", "legacy/Dockerfile"}; !reflect.DeepEqual(c.Exclude, want) {
				t.Errorf("exclude = %v, want %v", c.Exclude, want)
			}
		}},
		{"anchors and merge keys", "severity: &sev {TST001: info}\noverrides:\n  - files: [a/**]\n    severity:\n      <<: *sev\n      TST002: error\n", func(t *testing.T, c *Config) {
			if want := map[string]string{"TST001": "info", "TST002": "error"}; !reflect.DeepEqual(c.Overrides[0].Severity, want) {
				t.Errorf("override severity = %v, want %v", c.Overrides[0].Severity, want)
			}
		}},
		{"fixture", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.check == nil {
				c, err := Load(filepath.Join("testdata", "full.dflint.yaml"))
				if err != nil {
					t.Fatal(err)
				}
				if len(c.Overrides) != 2 || c.Overrides[0].Files[0] != "services/legacy/**" || c.FailOn != "info" {
					t.Errorf("fixture parsed as %+v", c)
				}
				return
			}
			tt.check(t, mustParse(t, "c.yaml", tt.src))
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // each "LINE:COL: message", or "LINE: message" without a column
	}{
		{"unknown key", "fail-on: error\nfial-on: warning\n", []string{`2:1: unknown key "fial-on" (did you mean "fail-on"?)`}},
		{"bad fail-on", "fail-on: fatal\n", []string{`1:10: fail-on: invalid level "fatal": want error, warning, info, style or none`}},
		{"fail-on wrong type", "fail-on: [error]\n", []string{`1:10: fail-on: expected a string, got a list`}},
		{"bad ruleset", "ruleset: v1.x\n", []string{`1:10: ruleset: invalid version "v1.x": want a dflint version such as "1.0"`}},
		{"ignore not a list", "ignore: TST001\n", []string{`1:9: ignore: expected a list, got "TST001"`}},
		{"unknown rule", "ignore:\n  - TST001\n  - TST999\n", []string{`3:5: ignore: unknown rule "TST999"`}},
		{"misspelt name", "ignore: [tst-latset]\n", []string{`1:10: ignore: unknown rule "tst-latset" (did you mean "tst-latest"?)`}},
		{"alias is not an id", "ignore: [TL0001]\n", []string{`1:10: ignore: unknown rule "TL0001": it is another linter's code; use TST001 (tst-latest)`}},
		{"alias of several rules", "ignore: [TL0002]\n", []string{`1:10: ignore: unknown rule "TL0002": it is another linter's code; use TST002 (tst-casing) or TST003 (tst-registries)`}},
		{"bad severity", "severity:\n  TST001: fatal\n", []string{`2:11: severity.TST001: invalid severity "fatal": want error, warning, info, style or off`}},
		{"severity not a mapping", "severity: [TST001]\n", []string{`1:11: severity: expected a mapping, got a list`}},
		{"same rule twice", "severity:\n  TST001: error\n  tst-latest: info\n", []string{`3:3: severity: rule TST001 is already set at line 2`}},
		{"duplicate key", "fail-on: error\nfail-on: info\n", []string{`2:1: duplicate key "fail-on" (first at line 1)`}},
		{"unknown option", "rules:\n  TST003:\n    trusted-registries: []\n    max-stage: 2\n",
			[]string{`4:5: rule TST003: unknown option "max-stage" (did you mean "max-stages"?) (known: max-stages, nested, trusted-registries)`}},
		{"option wrong type", "rules:\n  TST003:\n    max-stages: many\n", []string{`3:17: rule TST003: option "max-stages": expected an integer, got "many"`}},
		{"list item wrong type", "rules:\n  TST003:\n    trusted-registries: [a, [b]]\n", []string{`3:29: rule TST003: option "trusted-registries[1]": expected a string, got a list`}},
		{"nested unknown option", "rules:\n  TST003:\n    nested:\n      deep: true\n      shallow: 1\n",
			[]string{`5:7: rule TST003: unknown option "nested.shallow" (known: deep, label)`}},
		{"text unmarshaler error", "rules:\n  TST004: {level: loud}\n", []string{`2:19: rule TST004: option "level": unknown severity "loud" (want error, warning, info or style)`}},
		{"enabled not a bool", "rules:\n  TST003: {enabled: yes}\n", []string{`2:21: rules.TST003.enabled: expected true or false, got "yes"`}},
		{"options on a rule without any", "rules:\n  TST001: {enabled: true, level: 3}\n", []string{`2:27: rule TST001 (tst-latest) takes no options; only "enabled" may be set, not "level"`}},
		{"rules entry not a mapping", "rules:\n  TST003: [x]\n", []string{`2:11: rules.TST003: expected a mapping, got a list`}},
		{"glob with partial **", "exclude: [\"a/**b/c\"]\n", []string{`1:11: exclude: invalid glob "a/**b/c": "**" must be a whole path segment, as in "a/**/b"`}},
		{"malformed glob", "exclude: [\"a/[x\"]\n", []string{`1:11: exclude: invalid glob "a/[x": malformed pattern segment "[x"`}},
		{"absolute glob", "exclude: [/etc/x]\n", []string{`1:11: exclude: invalid glob "/etc/x": globs are relative to the config file's directory; remove the leading /`}},
		{"override without files", "overrides:\n  - ignore: [TST001]\n", []string{`2:5: overrides[0]: an override needs a "files" list of globs`}},
		{"override empty files", "overrides:\n  - files: []\n", []string{`2:12: overrides[0].files: list at least one glob`}},
		{"override unknown key", "overrides:\n  - files: [a]\n    fail-on: error\n", []string{`3:5: overrides[0]: unknown key "fail-on"`}},
		{"override bad rule", "overrides:\n  - files: [a]\n    severity: {TST01: info}\n", []string{`3:16: overrides[0].severity: unknown rule "TST01" (did you mean "TST001"?)`}},
		{"root not a mapping", "- a\n", []string{`1:1: a config file must be a mapping of settings, got a list`}},
		{"syntax error", "fail-on: [\n", []string{`1: invalid YAML: did not find expected node content`}},
		{"two documents", "fail-on: error\n---\nfail-on: info\n", []string{`2:1: a config file holds one YAML document; found a second one`}},
		{"non-string key", "{[a]: b}\n", []string{`1:2: keys must be strings, got a list`}},
		{"all errors reported, in order", "ignore: [nope]\nfail-on: sometimes\nrules:\n  TST003: {max-stages: x}\nbogus: 1\n", []string{
			`1:10: ignore: unknown rule "nope"`,
			`2:10: fail-on: invalid level "sometimes": want error, warning, info, style or none`,
			`4:24: rule TST003: option "max-stages": expected an integer, got "x"`,
			`5:1: unknown key "bogus"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("c.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded with %+v", c)
			}
			if c != nil {
				t.Errorf("Parse returned a config with its error")
			}
			var got []string
			var verrs ValidationErrors
			var one *Error
			switch {
			case errors.As(err, &verrs):
				for _, e := range verrs {
					got = append(got, e.Error())
				}
			case errors.As(err, &one):
				got = []string{one.Error()}
			default:
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			if len(tt.want) == 1 {
				var list ValidationErrors
				if errors.As(err, &list) {
					t.Errorf("one problem returned as ValidationErrors")
				}
			}
			var want []string
			for _, w := range tt.want {
				want = append(want, "c.yaml:"+w)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("errors:\n got %q\nwant %q", got, want)
			}
			if err.Error() != strings.Join(want, "\n") {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	for _, tt := range []struct {
		e    Error
		want string
	}{
		{Error{File: "f", Line: 1, Col: 2, Msg: "m"}, "f:1:2: m"},
		{Error{File: "f", Line: 1, Msg: "m"}, "f:1: m"},
		{Error{File: "DFLINT_IGNORE", Msg: "m"}, "DFLINT_IGNORE: m"},
		{Error{Msg: "m"}, "m"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		glob, path string
		want       bool
	}{
		{"vendor/**", "vendor/x/Dockerfile", true},
		{"vendor/**", "vendor", true},
		{"vendor/**", "src/vendor/Dockerfile", false},
		{"vendor", "vendor/a/b", true},
		{"legacy/Dockerfile", "legacy/Dockerfile", true},
		{"legacy/Dockerfile", "legacy/Dockerfile.dev", false},
		{"**/Dockerfile", "Dockerfile", true},
		{"**/Dockerfile", "a/b/c/Dockerfile", true},
		{"**/Dockerfile", "a/b/Dockerfile.dev", false},
		{"a/**/c/*.df", "a/c/x.df", true},
		{"a/**/c/*.df", "a/b/b/c/x.df", true},
		{"a/**/c/*.df", "a/b/d/x.df", false},
		{"a/**/**/c", "a/c", true},
		{"*/Dockerfile", "svc/Dockerfile", true},
		{"*/Dockerfile", "svc/sub/Dockerfile", false},
		{"*.dockerfile", "x.dockerfile", true},
		{"Dockerfile.*", "Dockerfile.prod", true},
		{"svc-[ab]/Dockerfile", "svc-b/Dockerfile", true},
		{"svc-[ab]/Dockerfile", "svc-c/Dockerfile", false},
		{"**", "anything/at/all", true},
	}
	for _, tt := range tests {
		g, err := cleanGlob(tt.glob)
		if err != nil {
			t.Fatalf("cleanGlob(%q): %v", tt.glob, err)
		}
		if got := matchGlob(g, tt.path); got != tt.want {
			t.Errorf("matchGlob(%q, %q) = %v, want %v", tt.glob, tt.path, got, tt.want)
		}
	}
}

// writeConfig writes a config into dir and loads it.
func writeConfig(t *testing.T, dir, name, src string) *Config {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOverridesAndExclude(t *testing.T) {
	dir := t.TempDir()
	c := writeConfig(t, dir, ".dflint.yaml", `
ignore: [TST002]
severity: {TST001: error}
exclude: ["vendor/**", legacy/Dockerfile, "**/testdata"]
overrides:
  - files: ["services/legacy/**"]
    ignore: [TST001]
    severity: {TST002: info}
  - files: ["**/Dockerfile.dev"]
    severity: {TST001: style}
`)
	type want struct {
		tst001On  bool
		tst001Sev rules.Severity
		tst002On  bool
		tst002Sev rules.Severity
		excluded  bool
	}
	tests := []struct {
		path string
		want want
	}{
		{"Dockerfile", want{true, rules.SeverityError, false, rules.SeverityStyle, false}},
		{"services/api/Dockerfile", want{true, rules.SeverityError, false, rules.SeverityStyle, false}},
		{"services/legacy/Dockerfile", want{false, rules.SeverityError, true, rules.SeverityInfo, false}},
		{"services/legacy/deep/er/Dockerfile", want{false, rules.SeverityError, true, rules.SeverityInfo, false}},
		{"services/legacy/Dockerfile.dev", want{true, rules.SeverityStyle, true, rules.SeverityInfo, false}},
		{"a/b/Dockerfile.dev", want{true, rules.SeverityStyle, false, rules.SeverityStyle, false}},
		{"vendor/x/Dockerfile", want{true, rules.SeverityError, false, rules.SeverityStyle, true}},
		{"legacy/Dockerfile", want{true, rules.SeverityError, false, rules.SeverityStyle, true}},
		{"legacy/Dockerfile.prod", want{true, rules.SeverityError, false, rules.SeverityStyle, false}},
		{"x/testdata/Dockerfile", want{true, rules.SeverityError, false, rules.SeverityStyle, true}},
	}
	r1, r2 := rule(t, "TST001"), rule(t, "TST002")
	for _, tt := range tests {
		p := filepath.Join(dir, filepath.FromSlash(tt.path))
		e := c.For(p)
		got := want{e.Enabled(r1), e.Severity(r1), e.Enabled(r2), e.Severity(r2), c.Excluded(p)}
		if got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.path, got, tt.want)
		}
	}
	// Relative Dockerfile paths are resolved against the working directory.
	t.Chdir(dir)
	if e := c.For("services/legacy/Dockerfile"); e.Enabled(r1) {
		t.Errorf("relative path: override not applied")
	}
	if !c.Excluded("vendor/Dockerfile") {
		t.Errorf("relative path: not excluded")
	}
	// Outside the config's directory, and stdin, nothing matches.
	if c.Excluded(filepath.Join(filepath.Dir(dir), "vendor", "Dockerfile")) || c.Excluded("-") {
		t.Errorf("a path outside the config dir is excluded")
	}
	if e := c.For("-"); !e.Enabled(r1) || e.Severity(r1) != rules.SeverityError {
		t.Errorf("stdin: top-level settings not applied")
	}
}

func TestEnabledAndSeverity(t *testing.T) {
	r1, r3, r6 := rule(t, "TST001"), rule(t, "TST003"), rule(t, "TST006")
	tests := []struct {
		name    string
		src     string
		rule    *rules.Rule
		enabled bool
		sev     rules.Severity
	}{
		{"default on", "", r1, true, rules.SeverityWarning},
		{"default off", "", r6, false, rules.SeverityWarning},
		{"ignored", "ignore: [TST001]", r1, false, rules.SeverityWarning},
		{"severity off", "severity: {TST001: off}", r1, false, rules.SeverityWarning},
		{"severity level enables default-off", "severity: {TST006: error}", r6, true, rules.SeverityError},
		{"rules entry enables default-off", "rules: {TST006: {}}", r6, true, rules.SeverityWarning},
		{"null rules entry enables default-off", "rules:\n  TST006:\n", r6, true, rules.SeverityWarning},
		{"options enable default-off", "rules: {TST003: {max-stages: 1}}", r3, true, rules.SeverityError},
		{"enabled false beats options", "rules: {TST003: {enabled: false, max-stages: 1}}", r3, false, rules.SeverityError},
		{"enabled false", "rules: {TST001: {enabled: false}}", r1, false, rules.SeverityWarning},
		{"ignore beats severity in one scope", "ignore: [TST006]\nseverity: {TST006: error}", r6, false, rules.SeverityError},
		{"severity off beats rules entry", "severity: {TST006: off}\nrules: {TST006: {enabled: true}}", r6, false, rules.SeverityWarning},
		{"override re-enables", "ignore: [TST001]\noverrides: [{files: ['**'], severity: {TST001: info}}]", r1, true, rules.SeverityInfo},
		{"override disables", "overrides: [{files: ['*'], rules: {TST001: {enabled: false}}}]", r1, false, rules.SeverityWarning},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, filepath.Join(dir, ".dflint.yaml"), tt.src)
			e := c.For(filepath.Join(dir, "Dockerfile"))
			if got := e.Enabled(tt.rule); got != tt.enabled {
				t.Errorf("Enabled = %v, want %v", got, tt.enabled)
			}
			if got := e.Severity(tt.rule); got != tt.sev {
				t.Errorf("Severity = %v, want %v", got, tt.sev)
			}
		})
	}
}

func TestRulesetPinning(t *testing.T) {
	r4, r5, r1 := rule(t, "TST004"), rule(t, "TST005"), rule(t, "TST001")
	tests := []struct {
		src           string
		on1, on4, on5 bool
	}{
		{"", true, true, true},
		{`ruleset: "1.0"`, true, false, false},
		{`ruleset: "1.1"`, true, true, false},
		{`ruleset: "1.2"`, true, true, true},
		{`ruleset: "1.10"`, true, true, true}, // numeric, not lexical
		{`ruleset: "2"`, true, true, true},
		{"ruleset: 1.0\nseverity: {TST005: warning}", true, false, true},
		{"ruleset: 1.0\nrules: {TST004: {strict-labels: true}}", true, true, false},
		{"ruleset: 1.0\nignore: [TST005]", true, false, false},
	}
	for _, tt := range tests {
		e := mustParse(t, "c.yaml", tt.src).For("Dockerfile")
		if got := [3]bool{e.Enabled(r1), e.Enabled(r4), e.Enabled(r5)}; got != [3]bool{tt.on1, tt.on4, tt.on5} {
			t.Errorf("%q: enabled TST001/4/5 = %v, want %v", tt.src, got, [3]bool{tt.on1, tt.on4, tt.on5})
		}
	}
}

func TestCompareVersions(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"1.0", "1", 0}, {"1.2", "1.10", -1}, {"2.0.1", "2.0", 1}, {"", "1.0", -1}, {"v1.3", "1.2", 1},
	} {
		if got := compareVersions(tt.a, tt.b); got != tt.want {
			t.Errorf("compareVersions(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestOptions(t *testing.T) {
	dir := t.TempDir()
	c := mustParse(t, filepath.Join(dir, ".dflint.yaml"), `
rules:
  TST003:
    trusted-registries: [docker.io]
    nested: {deep: true}
overrides:
  - files: [internal/**]
    rules:
      TST003:
        max-stages: 9
        nested: {label: internal}
  - files: [internal/old/**]
    rules:
      TST003: {enabled: false}
`)
	r1, r3, r4 := rule(t, "TST001"), rule(t, "TST003"), rule(t, "TST004")

	top := c.For(filepath.Join(dir, "Dockerfile"))
	want := &registryOptions{TrustedRegistries: []string{"docker.io"}, MaxStages: 3}
	want.Nested.Deep, want.Nested.Label = true, "default"
	if got := top.Options(r3); !reflect.DeepEqual(got, want) {
		t.Errorf("top-level options = %+v, want %+v", got, want)
	}
	if !top.Enabled(r3) {
		t.Errorf("options did not enable the default-off rule")
	}

	inner := c.For(filepath.Join(dir, "internal", "Dockerfile"))
	want2 := &registryOptions{TrustedRegistries: []string{"docker.io"}, MaxStages: 9}
	want2.Nested.Deep, want2.Nested.Label = true, "internal"
	if got := inner.Options(r3); !reflect.DeepEqual(got, want2) {
		t.Errorf("override options = %+v, want %+v (merged field by field)", got, want2)
	}
	if old := c.For(filepath.Join(dir, "internal", "old", "Dockerfile")); old.Enabled(r3) {
		t.Errorf("enabled: false in a later override did not disable")
	}
	// The parsed Config's own options are not changed by For.
	if got := c.Rules["TST003"].Options; !reflect.DeepEqual(got, want) {
		t.Errorf("Config.Rules options mutated: %+v", got)
	}
	if top.Options(r1) != nil {
		t.Errorf("a rule without NewOptions has options")
	}
	if got := top.Options(r4); !reflect.DeepEqual(got, &labelOptions{Level: rules.SeverityWarning}) {
		t.Errorf("unconfigured options = %+v, want defaults", got)
	}
}

func TestFailOn(t *testing.T) {
	for _, tt := range []struct {
		src  string
		sev  rules.Severity
		fail bool
	}{
		{"", rules.SeverityWarning, true},
		{"fail-on: error", rules.SeverityError, true},
		{"fail-on: style", rules.SeverityStyle, true},
		{"fail-on: none", 0, false},
	} {
		sev, fail := mustParse(t, "c.yaml", tt.src).For("Dockerfile").FailOn()
		if sev != tt.sev || fail != tt.fail {
			t.Errorf("%q: FailOn = %v, %v; want %v, %v", tt.src, sev, fail, tt.sev, tt.fail)
		}
	}
	var nilConfig *Config
	if sev, ok := nilConfig.For("x").FailOn(); sev != rules.SeverityWarning || !ok {
		t.Errorf("nil config FailOn = %v, %v", sev, ok)
	}
}

func TestEffectiveMarshalYAML(t *testing.T) {
	c := mustParse(t, "c.yaml", "ruleset: '1.1'\nfail-on: none\nignore: [TST001]\nrules: {TST003: {max-stages: 5}}\n")
	out, err := yaml.Marshal(c.For("Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Config  string `yaml:"config"`
		File    string `yaml:"file"`
		Ruleset string `yaml:"ruleset"`
		FailOn  string `yaml:"fail-on"`
		Rules   map[string]struct {
			Name     string         `yaml:"name"`
			Enabled  bool           `yaml:"enabled"`
			Why      string         `yaml:"why"`
			Severity string         `yaml:"severity"`
			Options  map[string]any `yaml:"options"`
		} `yaml:"rules"`
	}
	if err := yaml.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.Config != "c.yaml" || got.File != "Dockerfile" || got.Ruleset != "1.1" || got.FailOn != "none" {
		t.Errorf("header wrong:\n%s", out)
	}
	if r := got.Rules["TST001"]; r.Enabled || r.Why != "disabled by configuration" || r.Name != "tst-latest" || r.Severity != "warning" {
		t.Errorf("TST001 = %+v", r)
	}
	if r := got.Rules["TST003"]; !r.Enabled || r.Options["max-stages"] != 5 || r.Severity != "error" {
		t.Errorf("TST003 = %+v", r)
	}
	if r := got.Rules["TST005"]; r.Enabled || !strings.Contains(r.Why, "ruleset 1.1") {
		t.Errorf("TST005 = %+v", r)
	}
	if r := got.Rules["TST006"]; r.Enabled || !strings.Contains(r.Why, "off by default") {
		t.Errorf("TST006 = %+v", r)
	}
	if strings.Index(string(out), "config:") > strings.Index(string(out), "rules:") {
		t.Errorf("header not first:\n%s", out)
	}
}

func TestStarterParses(t *testing.T) {
	data := Starter()
	c, err := Parse(".dflint.yaml", data)
	if err != nil {
		t.Fatalf("Starter does not parse: %v\n%s", err, data)
	}
	if c.FailOn != "warning" {
		t.Errorf("fail-on = %q", c.FailOn)
	}
	s := string(data)
	for _, want := range []string{"TST001", "tst-registries", "(off by default)", "trusted-registries: []", "max-stages: 3"} {
		if !strings.Contains(s, want) {
			t.Errorf("starter lacks %q:\n%s", want, s)
		}
	}
	// The commented example options must be valid settings once uncommented.
	i := strings.Index(s, "# Rule options and their defaults")
	var lines []string
	for _, l := range strings.Split(s[i:], "\n")[1:] {
		if l == "" {
			continue
		}
		lines = append(lines, "  "+strings.TrimPrefix(l, "#   "))
	}
	if _, err := Parse("x.yaml", []byte("rules:\n"+strings.Join(lines, "\n"))); err != nil {
		t.Errorf("uncommented option examples do not parse: %v", err)
	}
}

func TestConfigMarshalYAML(t *testing.T) {
	src := "fail-on: info\nignore: [tst-latest]\nrules:\n  TST003:\n    enabled: true\n    max-stages: 7\noverrides:\n  - files: [a/**]\n    rules: {TST006: {enabled: false}}\n"
	c := mustParse(t, "c.yaml", src)
	out, err := yaml.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	// What config show prints of the file parses back to the same settings.
	var back struct {
		Path string         `yaml:"path"`
		Rest map[string]any `yaml:",inline"`
	}
	if err := yaml.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	rest, _ := yaml.Marshal(back.Rest)
	again := mustParse(t, "c.yaml", string(rest))
	if !reflect.DeepEqual(summarize(c.For("a/Dockerfile")), summarize(again.For("a/Dockerfile"))) {
		t.Errorf("printed config differs:\n%s", out)
	}
	if strings.Contains(string(out), "nested") {
		t.Errorf("defaults printed as if written:\n%s", out)
	}
}

func TestEffectiveMarshalYAMLUnrenderableOptions(t *testing.T) {
	// A zero rules.Severity cannot be marshalled; the rule still shows.
	c := mustParse(t, "c.yaml", "")
	c, err := c.Apply(Layer{Source: "flags", Rules: map[string]map[string]any{"TST004": {"strict-labels": true}}})
	if err != nil {
		t.Fatal(err)
	}
	e := c.For("Dockerfile")
	e.state["TST004"].options.(*labelOptions).Level = 0
	out, err := yaml.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "cannot be shown") || !strings.Contains(string(out), "TST005:") {
		t.Errorf("got:\n%s", out)
	}
}
