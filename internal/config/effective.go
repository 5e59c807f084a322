package config

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dflint/dflint/rules"
)

// Effective is the configuration resolved for one Dockerfile: the file's
// top-level settings, then every override whose globs match the
// Dockerfile, in file order, then the layers added with Apply (environment,
// then flags). A later scope beats an earlier one; within one scope,
// disabling (ignore, severity off, enabled: false) beats enabling.
type Effective struct {
	// ConfigPath is the config file's path; "" for defaults.
	ConfigPath string
	// File is the Dockerfile the settings are for.
	File string
	// Ruleset is the pinned rule set; "" when not pinned.
	Ruleset string
	// DisableIgnorePragma says inline ignore pragmas are not honoured.
	DisableIgnorePragma bool

	failOn string
	state  map[string]*ruleState
}

type ruleState struct {
	enabled  *bool
	severity rules.Severity
	options  any
}

// For resolves the configuration for the Dockerfile at dockerfilePath.
// Override globs are matched against the path relative to the config
// file's directory; a Dockerfile outside that directory, or standard input
// ("-"), gets no overrides. A nil *Config is the default configuration.
func (c *Config) For(dockerfilePath string) *Effective {
	if c == nil {
		c = Default()
	}
	e := &Effective{
		ConfigPath:          c.Path,
		File:                dockerfilePath,
		Ruleset:             c.Ruleset,
		DisableIgnorePragma: c.DisableIgnorePragma,
		failOn:              c.FailOn,
		state:               map[string]*ruleState{},
	}
	e.apply(Override{Ignore: c.Ignore, Severity: c.Severity, Rules: c.Rules})
	if rel, ok := relPath(c.baseDir(), dockerfilePath); ok {
		for _, o := range c.Overrides {
			if matchAny(o.Files, rel) {
				e.apply(o)
			}
		}
	}
	for _, o := range c.late {
		e.apply(o)
	}
	return e
}

// Excluded reports whether dockerfilePath matches one of the exclude globs
// (relative to the config file's directory).
func (c *Config) Excluded(dockerfilePath string) bool {
	if c == nil || len(c.Exclude) == 0 {
		return false
	}
	rel, ok := relPath(c.baseDir(), dockerfilePath)
	return ok && matchAny(c.Exclude, rel)
}

// baseDir is the directory globs are relative to: the config file's, or
// the working directory for a config without a file.
func (c *Config) baseDir() string {
	if c.dir == "" && c.Path != "" {
		return absDir(c.Path)
	}
	return c.dir
}

func matchAny(globs []string, rel string) bool {
	for _, g := range globs {
		if matchGlob(g, rel) {
			return true
		}
	}
	return false
}

func (e *Effective) st(id string) *ruleState {
	s := e.state[id]
	if s == nil {
		s = &ruleState{}
		e.state[id] = s
	}
	return s
}

// apply layers one scope: enables first, then disables, so that a rule a
// scope both enables and disables ends up off.
func (e *Effective) apply(o Override) {
	on, off := true, false
	for id, rs := range o.Rules {
		s := e.st(id)
		if rs.Enabled == nil || *rs.Enabled {
			s.enabled = &on
		}
		r, ok := rules.Lookup(id)
		if !ok || r.NewOptions == nil {
			continue
		}
		n := rs.node
		if n == nil && rs.Options != nil {
			// Settings built in code rather than parsed: their options
			// replace the fields they encode to.
			n = &yaml.Node{}
			if err := n.Encode(rs.Options); err != nil {
				continue
			}
		}
		if n != nil {
			if s.options == nil {
				s.options = newOptions(r)
			}
			// Parsed settings were validated already, so this cannot fail.
			decodeOptions(r, n, s.options, &errList{})
		}
	}
	for id, level := range o.Severity {
		if level == "off" {
			continue
		}
		s := e.st(id)
		s.enabled = &on
		s.severity, _ = rules.ParseSeverity(level)
	}
	for id, rs := range o.Rules {
		if rs.Enabled != nil && !*rs.Enabled {
			e.st(id).enabled = &off
		}
	}
	for id, level := range o.Severity {
		if level == "off" {
			e.st(id).enabled = &off
		}
	}
	for _, id := range o.Ignore {
		e.st(id).enabled = &off
	}
}

// Enabled reports whether r runs. By default a rule runs unless it is
// DefaultOff or, when a ruleset is pinned, its Since is newer than the
// ruleset; the config's ignore, severity and rules settings override that.
func (e *Effective) Enabled(r *rules.Rule) bool {
	if s := e.state[r.ID]; s != nil && s.enabled != nil {
		return *s.enabled
	}
	return !r.DefaultOff && e.inRuleset(r)
}

func (e *Effective) inRuleset(r *rules.Rule) bool {
	return e.Ruleset == "" || compareVersions(r.Since, e.Ruleset) <= 0
}

// Severity is the severity of r's findings: the configured one, else the
// rule's default.
func (e *Effective) Severity(r *rules.Rule) rules.Severity {
	if s := e.state[r.ID]; s != nil && s.severity.Valid() {
		return s.severity
	}
	return r.Severity
}

// Options is the options value for r's Pass: the configured options, else
// r.NewOptions() defaults; nil when r takes no options. Checks must treat
// it as read-only.
func (e *Effective) Options(r *rules.Rule) any {
	if r.NewOptions == nil {
		return nil
	}
	if s := e.state[r.ID]; s != nil && s.options != nil {
		return s.options
	}
	return r.NewOptions()
}

// FailOn is the least severity that makes dflint fail; ok is false for
// "none" (never fail). The default is warning.
func (e *Effective) FailOn() (rules.Severity, bool) {
	switch e.failOn {
	case "none":
		return 0, false
	case "":
		return rules.SeverityWarning, true
	}
	s, err := rules.ParseSeverity(e.failOn)
	if err != nil {
		return rules.SeverityWarning, true
	}
	return s, true
}

// compareVersions compares dotted numeric versions ("1", "1.2", "1.2.3");
// missing parts count as 0. An empty or malformed version sorts first, so a
// rule without a usable Since is in every ruleset.
func compareVersions(a, b string) int {
	pa, oka := versionParts(a)
	pb, okb := versionParts(b)
	switch {
	case !oka && !okb:
		return 0
	case !oka:
		return -1
	case !okb:
		return 1
	}
	for i := 0; i < 3; i++ {
		if pa[i] != pb[i] {
			if pa[i] < pb[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

func versionParts(v string) ([3]int, bool) {
	var out [3]int
	v = strings.TrimPrefix(strings.TrimSpace(v), "v")
	if !versionPattern.MatchString(v) {
		return out, false
	}
	for i, p := range strings.Split(v, ".") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return out, false
		}
		out[i] = n
	}
	return out, true
}

// effectiveRule is how MarshalYAML shows one rule.
type effectiveRule struct {
	Name     string `yaml:"name"`
	Enabled  bool   `yaml:"enabled"`
	Why      string `yaml:"why,omitempty"`
	Severity string `yaml:"severity"`
	Options  any    `yaml:"options,omitempty"`
}

// MarshalYAML renders the resolved settings and every registered rule with
// its enabled state, severity and options, for "dflint config show".
func (e *Effective) MarshalYAML() (any, error) {
	failOn := "none"
	if s, ok := e.FailOn(); ok {
		failOn = s.String()
	}
	cfg := e.ConfigPath
	if cfg == "" {
		cfg = "(defaults)"
	}
	doc := &yaml.Node{Kind: yaml.MappingNode}
	addScalar := func(k, v, tag string) {
		doc.Content = append(doc.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Value: k},
			&yaml.Node{Kind: yaml.ScalarNode, Value: v, Tag: tag})
	}
	addScalar("config", cfg, "!!str")
	if e.File != "" {
		addScalar("file", e.File, "!!str")
	}
	if e.Ruleset != "" {
		addScalar("ruleset", e.Ruleset, "!!str")
	}
	addScalar("fail-on", failOn, "!!str")
	addScalar("disable-ignore-pragma", strconv.FormatBool(e.DisableIgnorePragma), "!!bool")
	rs := &yaml.Node{Kind: yaml.MappingNode}
	for _, r := range rules.All() {
		er := effectiveRule{
			Name:     r.Name,
			Enabled:  e.Enabled(r),
			Severity: e.Severity(r).String(),
			Options:  e.Options(r),
		}
		if !er.Enabled {
			er.Why = e.whyOff(r)
		}
		var v yaml.Node
		if err := v.Encode(er); err != nil {
			// Options a rule cannot render should not hide the others.
			er.Options = fmt.Sprintf("(cannot be shown: %v)", err)
			if err := v.Encode(er); err != nil {
				return nil, fmt.Errorf("rule %s: %w", r.ID, err)
			}
		}
		rs.Content = append(rs.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: r.ID}, &v)
	}
	doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "rules"}, rs)
	return doc, nil
}

func (e *Effective) whyOff(r *rules.Rule) string {
	if s := e.state[r.ID]; s != nil && s.enabled != nil {
		return "disabled by configuration"
	}
	if r.DefaultOff {
		return "off by default; enable it under severity or rules"
	}
	return fmt.Sprintf("new in %s, after ruleset %s; enable it under severity or rules", r.Since, e.Ruleset)
}
