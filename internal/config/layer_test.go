package config

import (
	"errors"
	"reflect"
	"testing"

	"github.com/dflint/dflint/rules"
)

func envFrom(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    EnvOverrides
		wantErr string
	}{
		{"unset", nil, EnvOverrides{}, ""},
		{"all", map[string]string{
			EnvFailOn: " Error ", EnvIgnore: "TST001, tst-casing,,TST001", EnvConfig: "ci/dflint.yaml", EnvFormat: "sarif",
		}, EnvOverrides{FailOn: "error", Ignore: []string{"TST001", "TST002"}, Config: "ci/dflint.yaml", Format: "sarif"}, ""},
		{"bad fail-on", map[string]string{EnvFailOn: "loud"}, EnvOverrides{},
			`DFLINT_FAIL_ON: invalid level "loud": want error, warning, info, style or none`},
		{"bad ignore", map[string]string{EnvIgnore: "TST001,nope"}, EnvOverrides{}, `DFLINT_IGNORE: unknown rule "nope"`},
		{"both bad", map[string]string{EnvFailOn: "x", EnvIgnore: "TL0001"}, EnvOverrides{},
			"DFLINT_FAIL_ON: invalid level \"x\": want error, warning, info, style or none\n" +
				`DFLINT_IGNORE: unknown rule "TL0001": it is another linter's code; use TST001 (tst-latest)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromEnv(envFrom(tt.env))
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				var e *Error
				if !errors.As(err, &e) {
					t.Errorf("error is not an *Error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestApplyPrecedence(t *testing.T) {
	file := mustParse(t, "c.yaml", `
fail-on: error
severity: {TST002: error}
overrides:
  - files: ["**"]
    severity: {TST001: info, TST002: info}
`)
	r1, r2, r3, r6 := rule(t, "TST001"), rule(t, "TST002"), rule(t, "TST003"), rule(t, "TST006")
	env, err := FromEnv(envFrom(map[string]string{EnvFailOn: "style", EnvIgnore: "tst-latest"}))
	if err != nil {
		t.Fatal(err)
	}

	// File only.
	e := file.For("Dockerfile")
	if sev, _ := e.FailOn(); sev != rules.SeverityError || !e.Enabled(r1) || e.Severity(r2) != rules.SeverityInfo {
		t.Errorf("file only: fail-on %v, TST001 on %v, TST002 %v", sev, e.Enabled(r1), e.Severity(r2))
	}

	// Environment beats the file, overrides included.
	withEnv, err := file.Apply(env.Layer())
	if err != nil {
		t.Fatal(err)
	}
	e = withEnv.For("Dockerfile")
	if sev, _ := e.FailOn(); sev != rules.SeverityStyle {
		t.Errorf("env: fail-on = %v, want style", sev)
	}
	if e.Enabled(r1) {
		t.Errorf("env: DFLINT_IGNORE did not beat the override's severity")
	}

	// Flags beat the environment.
	off := true
	withFlags, err := file.Apply(env.Layer(), Layer{
		Source:              "flags",
		FailOn:              "none",
		Severity:            map[string]string{"tst-latest": "warning", "TST002": "style"},
		Rules:               map[string]map[string]any{"tst-digest": nil, "TST003": {"trusted-registries": []string{"r.example"}}},
		DisableIgnorePragma: &off,
	})
	if err != nil {
		t.Fatal(err)
	}
	e = withFlags.For("Dockerfile")
	if _, fail := e.FailOn(); fail {
		t.Errorf("flags: fail-on none not applied")
	}
	if !e.Enabled(r1) || e.Severity(r1) != rules.SeverityWarning || e.Severity(r2) != rules.SeverityStyle {
		t.Errorf("flags: TST001 on %v sev %v, TST002 sev %v", e.Enabled(r1), e.Severity(r1), e.Severity(r2))
	}
	if !e.Enabled(r6) || !e.Enabled(r3) || !e.DisableIgnorePragma {
		t.Errorf("flags: default-off rules not enabled (TST006 %v, TST003 %v) or pragma %v", e.Enabled(r6), e.Enabled(r3), e.DisableIgnorePragma)
	}
	want := &registryOptions{TrustedRegistries: []string{"r.example"}, MaxStages: 3}
	want.Nested.Label = "default"
	if got := e.Options(r3); !reflect.DeepEqual(got, want) {
		t.Errorf("flags: options = %+v, want %+v", got, want)
	}

	// Apply leaves its receiver alone.
	if file.FailOn != "error" || len(file.late) != 0 {
		t.Errorf("Apply changed the original config")
	}
	// A nil config is the default one.
	var none *Config
	if c, err := none.Apply(Layer{FailOn: "info"}); err != nil || c.FailOn != "info" {
		t.Errorf("nil.Apply = %+v, %v", c, err)
	}
}

func TestApplyErrors(t *testing.T) {
	_, err := Default().Apply(
		Layer{Source: "environment", FailOn: "sometimes"},
		Layer{Source: "flags", Ignore: []string{"nope"}, Severity: map[string]string{"TST001": "loud"},
			Rules: map[string]map[string]any{"TST003": {"max-stages": "many", "bogus": 1}, "TST001": {"level": 2}}},
	)
	want := `environment: invalid fail-on "sometimes": want error, warning, info, style or none
flags: ignore: unknown rule "nope"
flags: severity.TST001: invalid severity "loud": want error, warning, info, style or off
flags: rule TST001 (tst-latest) takes no options; only "enabled" may be set, not "level"
flags: rule TST003: unknown option "bogus" (known: max-stages, nested, trusted-registries)
flags: rule TST003: option "max-stages": expected an integer, got "many"`
	if err == nil || err.Error() != want {
		t.Errorf("err =\n%v\nwant\n%s", err, want)
	}
}
