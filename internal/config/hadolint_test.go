package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dflint/dflint/rules"
)

func TestFromHadolint(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		check   func(t *testing.T, c *Config)
		notices []string // each "LINE:COL: message", prefixed with "h.yaml:"
	}{
		{"empty", "", func(t *testing.T, c *Config) {
			if c.Ignore != nil || c.FailOn != "" {
				t.Errorf("%+v", c)
			}
		}, nil},
		{"ignored", "ignored:\n  - TL0001\n  - DL9999\n  - SC9999\n  - TL0002\n", func(t *testing.T, c *Config) {
			// TL0002 is aliased by two rules: both are ignored.
			if want := []string{"TST001", "TST002", "TST003"}; !reflect.DeepEqual(c.Ignore, want) {
				t.Errorf("ignore = %v, want %v", c.Ignore, want)
			}
		}, []string{
			"3:5: ignored: DL9999 has no dflint equivalent; nothing to ignore",
			"4:5: ignored: SC9999 has no dflint equivalent; nothing to ignore",
		}},
		{"a real hadolint code", "ignored: [DL3007]\n", func(t *testing.T, c *Config) {
			if !slices.Contains(c.Ignore, "TST001") {
				t.Errorf("ignore = %v, want TST001 among them", c.Ignore)
			}
		}, nil},
		{"dflint ids and names are accepted too", "ignored: [tst-labels, TST005]\n", func(t *testing.T, c *Config) {
			if want := []string{"TST004", "TST005"}; !reflect.DeepEqual(c.Ignore, want) {
				t.Errorf("ignore = %v, want %v", c.Ignore, want)
			}
		}, nil},
		{"override, most severe wins", "override:\n  info: [TL0001]\n  error: [TL0001]\n  style: [TL0002]\n  warning: [DL1234]\n  ignore: [TL0001]\n", func(t *testing.T, c *Config) {
			want := map[string]string{"TST001": "error", "TST002": "style", "TST003": "style"}
			if !reflect.DeepEqual(c.Severity, want) {
				t.Errorf("severity = %v, want %v", c.Severity, want)
			}
		}, []string{
			"5:13: override.warning: DL1234 has no dflint equivalent; its severity is not carried over",
			"6:3: override.ignore: not a hadolint severity (error, warning, info, style); not carried over",
		}},
		{"trustedRegistries list", "trustedRegistries:\n  - docker.io\n  - \"*.gcr.io\"\n", func(t *testing.T, c *Config) {
			rs, ok := c.Rules["TST003"]
			want := &registryOptions{TrustedRegistries: []string{"docker.io", "*.gcr.io"}, MaxStages: 3}
			want.Nested.Label = "default"
			if !ok || !reflect.DeepEqual(rs.Options, want) {
				t.Errorf("TST003 = %+v", rs)
			}
			if e := c.For("Dockerfile"); !e.Enabled(rule(t, "TST003")) {
				t.Errorf("trusted registries did not enable the default-off rule")
			}
		}, nil},
		{"trustedRegistries single string", "trusted-registries: my.registry:5000\n", func(t *testing.T, c *Config) {
			got := c.Rules["TST003"].Options.(*registryOptions).TrustedRegistries
			if !reflect.DeepEqual(got, []string{"my.registry:5000"}) {
				t.Errorf("registries = %v", got)
			}
		}, nil},
		{"both spellings of trusted registries", "trustedRegistries: [a.io]\ntrusted-registries: [b.io]\n", func(t *testing.T, c *Config) {
			got := c.Rules["TST003"].Options.(*registryOptions).TrustedRegistries
			if !reflect.DeepEqual(got, []string{"b.io"}) {
				t.Errorf("registries = %v, want the later key's", got)
			}
		}, nil},
		{"labels", "label-schema:\n  author: text\n  version: semver\nstrict-labels: true\n", func(t *testing.T, c *Config) {
			want := &labelOptions{RequiredLabels: map[string]string{"author": "text", "version": "semver"}, StrictLabels: true, Level: rules.SeverityWarning}
			if got := c.Rules["TST004"].Options; !reflect.DeepEqual(got, want) {
				t.Errorf("TST004 options = %+v, want %+v", got, want)
			}
		}, nil},
		{"thresholds", "failure-threshold: Style\ndisable-ignore-pragma: true\n", func(t *testing.T, c *Config) {
			if c.FailOn != "style" || !c.DisableIgnorePragma {
				t.Errorf("fail-on %q, pragma %v", c.FailOn, c.DisableIgnorePragma)
			}
		}, nil},
		{"threshold none", "failure-threshold: none\n", func(t *testing.T, c *Config) {
			if c.FailOn != "none" {
				t.Errorf("fail-on %q", c.FailOn)
			}
		}, nil},
		{"no-fail beats failure-threshold", "no-fail: true\nfailure-threshold: error\n", func(t *testing.T, c *Config) {
			if c.FailOn != "none" {
				t.Errorf("fail-on %q", c.FailOn)
			}
		}, nil},
		{"no-fail false", "no-fail: false\n", func(t *testing.T, c *Config) {
			if c.FailOn != "" {
				t.Errorf("fail-on %q", c.FailOn)
			}
		}, nil},
		{"flags-only and unknown keys", "format: json\nno-color: true\nverbose: false\nfancy: 1\n", nil, []string{
			"1:1: format: not a dflint config setting; set it with flags",
			"2:1: no-color: not a dflint config setting; set it with flags",
			"3:1: verbose: not a dflint config setting; set it with flags",
			"4:1: fancy: unknown hadolint key; not carried over",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromHadolint("h.yaml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
			var want []string
			for _, n := range tt.notices {
				want = append(want, "h.yaml:"+n)
			}
			if !reflect.DeepEqual(c.Notices, want) {
				t.Errorf("notices:\n got %q\nwant %q", c.Notices, want)
			}
		})
	}
}

func TestFromHadolintErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"ignored not a list", "ignored: DL3007\n", []string{`1:10: ignored: expected a list, got "DL3007"`}},
		{"override not a mapping", "override: [DL3007]\n", []string{`1:11: override: expected a mapping, got a list`}},
		{"override level not a list", "override:\n  error: DL3007\n", []string{`2:10: override.error: expected a list, got "DL3007"`}},
		{"registries wrong type", "trustedRegistries: {a: b}\n", []string{`1:20: trustedRegistries: expected a registry or a list of registries, got a mapping`}},
		{"registry item wrong type", "trustedRegistries: [a, [b]]\n", []string{`1:24: trustedRegistries: expected a string, got a list`}},
		{"label-schema wrong type", "label-schema: [author]\n", []string{`1:15: label-schema: expected a mapping, got a list`}},
		{"strict-labels wrong type", "strict-labels: maybe\n", []string{`1:16: strict-labels: expected true or false, got "maybe"`}},
		{"bad threshold", "failure-threshold: loud\n", []string{`1:20: failure-threshold: invalid level "loud": want error, warning, info, style, ignore or none`}},
		{"no-fail wrong type", "no-fail: 1\n", []string{`1:10: no-fail: expected true or false, got 1`}},
		{"not a mapping", "[a]\n", []string{`1:1: a hadolint config must be a mapping, got a list`}},
		{"several", "ignored: 1\nno-fail: x\n", []string{`1:10: ignored: expected a list, got 1`, `2:10: no-fail: expected true or false, got "x"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromHadolint("h.yaml", []byte(tt.src))
			var want []string
			for _, w := range tt.want {
				want = append(want, "h.yaml:"+w)
			}
			if err == nil || err.Error() != strings.Join(want, "\n") {
				t.Errorf("err = %v\nwant %s", err, strings.Join(want, "\n"))
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("not an *Error: %T", err)
			}
		})
	}
}

func TestMigrateHadolintRoundTrip(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join("testdata", "hadolint.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, src string }{
		{"empty", ""},
		{"ignored", "ignored: [DL3007, TL0002]\n"},
		{"no-fail", "no-fail: true\n"},
		{"override", "failure-threshold: info\noverride:\n  error: [TL0001]\n  info: [TL0002]\n"},
		{"options", "trustedRegistries: docker.io\nlabel-schema: {author: text}\nstrict-labels: false\ndisable-ignore-pragma: true\n"},
		{"anchors", "r: &r [docker.io]\ntrustedRegistries: *r\n"},
		{"fixture", string(fixture)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path, data := ".hadolint.yaml", []byte(tt.src)
			from, err := FromHadolint(path, data)
			if err != nil {
				t.Fatal(err)
			}
			out, notices, err := MigrateHadolint(data, path)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(notices, from.Notices) {
				t.Errorf("notices %q, want %q", notices, from.Notices)
			}
			back, err := Parse(".dflint.yaml", out)
			if err != nil {
				t.Fatalf("migrated config does not parse: %v\n%s", err, out)
			}
			for _, df := range []string{"Dockerfile", "a/b/Dockerfile"} {
				a, b := from.For(df), back.For(df)
				if !reflect.DeepEqual(summarize(a), summarize(b)) {
					t.Errorf("%s: effective settings differ\nhadolint: %+v\nmigrated: %+v\n%s", df, summarize(a), summarize(b), out)
				}
				fa, oka := a.FailOn()
				fb, okb := b.FailOn()
				if fa != fb || oka != okb || a.DisableIgnorePragma != b.DisableIgnorePragma {
					t.Errorf("fail-on/pragma differ:\n%s", out)
				}
			}
		})
	}
}

func TestMigrateHadolintOutput(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "hadolint.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	out, notices, err := MigrateHadolint(data, ".hadolint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{
		"migrated from .hadolint.yaml",
		"- TST001 # tst-latest (hadolint DL3007, TL0001)",
		"TST001: error # tst-latest (hadolint DL3007, TL0001)",
		"TST003: # tst-registries (hadolint DL3026, TL0002)",
		"trusted-registries:",
		"required-labels:",
		"# Not carried over:",
		"DL9999 has no dflint equivalent",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if len(notices) != 3 {
		t.Errorf("notices = %q", notices)
	}
	if _, _, err := MigrateHadolint([]byte("ignored: 3\n"), "x.yaml"); err == nil {
		t.Errorf("no error for a bad hadolint config")
	}
}
