package config

import (
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Layer is a set of settings from outside the config file, the environment
// or the command line, put on top of it with Config.Apply. Flags beat the
// environment, which beats the file: pass the environment's layer first.
type Layer struct {
	// Source names the layer in error messages, e.g. "environment" or
	// "flags".
	Source string
	// FailOn replaces the file's fail-on when not "".
	FailOn string
	// Ignore adds rules (ids or names) to turn off.
	Ignore []string
	// Severity sets rule (id or name) severities, or "off".
	Severity map[string]string
	// Rules turns rules (ids or names) on, with options as they would be
	// written under rules.<id> in the file; the reserved key "enabled"
	// works too. A nil map just enables the rule. For example a
	// --require-digest flag would be
	//   Rules: map[string]map[string]any{"require-digest": nil}
	Rules map[string]map[string]any
	// DisableIgnorePragma replaces the file's setting when not nil.
	DisableIgnorePragma *bool
}

// Apply returns a copy of c with layers on top, in order; c is unchanged.
// fail-on and disable-ignore-pragma are replaced; ignore, severity and
// rules form a scope that follows every override, so they win for every
// Dockerfile. Values are validated like the file's, and errors name the
// layer's Source. A nil c stands for Default().
func (c *Config) Apply(layers ...Layer) (*Config, error) {
	if c == nil {
		c = Default()
	}
	out := *c
	out.late = append([]Override(nil), c.late...)
	out.Notices = append([]string(nil), c.Notices...)
	var all errList
	for _, l := range layers {
		src := l.Source
		if src == "" {
			src = "settings"
		}
		errs := &errList{file: src}
		if l.FailOn != "" {
			if lvl, ok := parseFailOn(l.FailOn); ok {
				out.FailOn = lvl
			} else {
				errs.at(nil, "invalid fail-on %q: want error, warning, info, style or none", l.FailOn)
			}
		}
		if l.DisableIgnorePragma != nil {
			out.DisableIgnorePragma = *l.DisableIgnorePragma
		}
		scope, ok := l.scope(errs)
		if ok && (len(scope.Ignore) > 0 || len(scope.Severity) > 0 || len(scope.Rules) > 0) {
			out.late = append(out.late, scope)
		}
		all.errs = append(all.errs, errs.errs...)
	}
	if err := all.err(); err != nil {
		return nil, err
	}
	return &out, nil
}

// scope converts the layer's rule settings to an Override matching every
// file, built from YAML nodes so it is validated like a config file.
func (l Layer) scope(errs *errList) (Override, bool) {
	var o Override
	before := len(errs.errs)
	p := parser{errs: errs}
	if len(l.Ignore) > 0 {
		o.Ignore = p.ignore(encodeNode(l.Ignore), "ignore")
	}
	if len(l.Severity) > 0 {
		o.Severity = p.severity(encodeNode(l.Severity), "severity")
	}
	if len(l.Rules) > 0 {
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		ids := make([]string, 0, len(l.Rules))
		for id := range l.Rules {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			m.Content = append(m.Content, encodeNode(id), encodeNode(l.Rules[id]))
		}
		o.Rules = p.rules(m, "rules")
	}
	return o, len(errs.errs) == before
}

// encodeNode converts a Go value to a YAML node without positions, so
// errors about it carry only the layer's name.
func encodeNode(v any) *yaml.Node {
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(v)}
	}
	return &n
}

// EnvOverrides holds the DFLINT_* environment variables.
type EnvOverrides struct {
	FailOn string   // DFLINT_FAIL_ON, canonical level
	Ignore []string // DFLINT_IGNORE, canonical rule ids
	Config string   // DFLINT_CONFIG, a config file path
	Format string   // DFLINT_FORMAT, passed through for the CLI to check
}

// Environment variable names.
const (
	EnvFailOn = "DFLINT_FAIL_ON"
	EnvIgnore = "DFLINT_IGNORE"
	EnvConfig = "DFLINT_CONFIG"
	EnvFormat = "DFLINT_FORMAT"
)

// FromEnv reads the DFLINT_* variables through getenv (os.Getenv in the
// CLI). DFLINT_FAIL_ON must be a level and DFLINT_IGNORE a comma-separated
// list of rule ids or names; an error names the offending variable.
func FromEnv(getenv func(string) string) (EnvOverrides, error) {
	var env EnvOverrides
	var all errList
	if v := strings.TrimSpace(getenv(EnvFailOn)); v != "" {
		if lvl, ok := parseFailOn(v); ok {
			env.FailOn = lvl
		} else {
			all.add(&Error{File: EnvFailOn, Msg: fmt.Sprintf("invalid level %q: want error, warning, info, style or none", v)})
		}
	}
	if v := getenv(EnvIgnore); strings.TrimSpace(v) != "" {
		seen := map[string]bool{}
		for _, item := range strings.Split(v, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			r, msg := lookupRule(item)
			if r == nil {
				all.add(&Error{File: EnvIgnore, Msg: msg})
				continue
			}
			if !seen[r.ID] {
				seen[r.ID] = true
				env.Ignore = append(env.Ignore, r.ID)
			}
		}
	}
	env.Config = strings.TrimSpace(getenv(EnvConfig))
	env.Format = strings.TrimSpace(getenv(EnvFormat))
	if err := all.err(); err != nil {
		return EnvOverrides{}, err
	}
	return env, nil
}

// Layer returns the environment's settings as a Layer for Config.Apply.
func (env EnvOverrides) Layer() Layer {
	return Layer{Source: "environment", FailOn: env.FailOn, Ignore: env.Ignore}
}
