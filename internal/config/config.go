package config

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dflint/dflint/rules"
)

// Config is one parsed configuration file. Its exported fields hold the
// settings as written, with rule names canonicalised to ids, so that
// "dflint config show" can print them; For resolves them for one
// Dockerfile.
type Config struct {
	// Path is the file the config was read from; "" for defaults.
	Path string `yaml:"path,omitempty"`
	// Ruleset pins the rule set: rules whose Since is newer stay off unless
	// named under severity or rules.
	Ruleset string `yaml:"ruleset,omitempty"`
	// FailOn is error, warning, info, style or none; "" when not set.
	FailOn string `yaml:"fail-on,omitempty"`
	// Ignore lists the ids of rules that are off.
	Ignore []string `yaml:"ignore,omitempty"`
	// Severity maps rule ids to a level or "off".
	Severity map[string]string `yaml:"severity,omitempty"`
	// Rules holds per-rule settings by id.
	Rules map[string]RuleSettings `yaml:"rules,omitempty"`
	// Exclude lists globs, relative to the config file's directory, of
	// paths not to lint.
	Exclude []string `yaml:"exclude,omitempty"`
	// Overrides apply to the files their globs match, in order.
	Overrides []Override `yaml:"overrides,omitempty"`
	// DisableIgnorePragma makes dflint disregard inline ignore pragmas.
	DisableIgnorePragma bool `yaml:"disable-ignore-pragma,omitempty"`
	// Notices are non-fatal remarks about the file, e.g. hadolint keys
	// with no dflint equivalent, each prefixed by its FILE:LINE:COL.
	Notices []string `yaml:"-"`

	dir  string     // absolute directory of Path; globs are relative to it
	late []Override // scopes added by Apply, after every override
}

// RuleSettings is the rules.<id> entry of a config.
type RuleSettings struct {
	// Enabled is the reserved "enabled" key; nil when not set. An entry
	// without "enabled: false" enables its rule.
	Enabled *bool
	// Options is the rule's NewOptions() value with the entry's other keys
	// decoded onto it; nil when the rule takes no options.
	Options any
	// node holds the option keys as written, so the scopes For layers are
	// decoded field by field on top of one another. Settings built in code
	// have none; their Options are used instead.
	node *yaml.Node
}

// MarshalYAML renders the settings as written: "enabled" when set and the
// option keys the entry gave (settings built in code show all their
// Options).
func (rs RuleSettings) MarshalYAML() (any, error) {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if rs.Enabled != nil {
		m.Content = append(m.Content, scalar("enabled"), encodeNode(*rs.Enabled))
	}
	switch {
	case rs.node != nil:
		for i := 0; i+1 < len(rs.node.Content); i += 2 {
			m.Content = append(m.Content, scalar(rs.node.Content[i].Value), cleanCopy(rs.node.Content[i+1]))
		}
	case rs.Options != nil:
		opts := encodeNode(rs.Options)
		if opts.Kind == yaml.MappingNode {
			m.Content = append(m.Content, opts.Content...)
		}
	}
	return m, nil
}

// Override is one entry of "overrides": settings for the files its globs
// match. Files is empty only for the scopes Apply adds, which match every
// file.
type Override struct {
	Files    []string                `yaml:"files"`
	Ignore   []string                `yaml:"ignore,omitempty"`
	Severity map[string]string       `yaml:"severity,omitempty"`
	Rules    map[string]RuleSettings `yaml:"rules,omitempty"`
}

// Default returns the configuration used when there is no config file.
func Default() *Config { return &Config{} }

// FileNames are the names Find looks for, in order of preference.
var FileNames = []string{".dflint.yaml", ".dflint.yml"}

// Load reads a config file. A file whose name contains "hadolint" (such as
// .hadolint.yaml), or that is in a .hadolint directory, is read as a
// hadolint config with FromHadolint; any other as a dflint config with
// Parse.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if isHadolintName(path) {
		return FromHadolint(path, data)
	}
	return Parse(path, data)
}

func isHadolintName(path string) bool {
	return strings.Contains(strings.ToLower(filepath.Base(path)), "hadolint") ||
		strings.EqualFold(filepath.Base(filepath.Dir(path)), ".hadolint")
}

// Parse parses a .dflint.yaml file. path is used for messages and as the
// base of the file's globs. Every problem is reported, each as an *Error
// with the line and column it is at; several come as ValidationErrors. The
// rules must be registered before Parse is called: unknown rule ids and
// names are errors.
func Parse(path string, data []byte) (*Config, error) {
	c := &Config{Path: path, dir: absDir(path)}
	root, err := readDocument(path, data)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return c, nil
	}
	errs := &errList{file: path}
	p := parser{errs: errs}
	if root.Kind != yaml.MappingNode {
		errs.at(root, "a config file must be a mapping of settings, got %s", describe(root))
		return nil, errs.err()
	}
	for _, kv := range pairs(root, errs) {
		k, v := kv.key, kv.value
		if _, known := topKeys[k.Value]; known && isNull(v) {
			continue // an empty setting is an unset one
		}
		switch k.Value {
		case "ruleset":
			if s, ok := str(v, "ruleset", errs); ok {
				if !versionPattern.MatchString(s) {
					errs.at(v, "ruleset: invalid version %q: want a dflint version such as \"1.0\"", s)
				} else {
					c.Ruleset = s
				}
			}
		case "fail-on":
			if s, ok := str(v, "fail-on", errs); ok {
				if lvl, ok := parseFailOn(s); ok {
					c.FailOn = lvl
				} else {
					errs.at(v, "fail-on: invalid level %q: want error, warning, info, style or none", s)
				}
			}
		case "ignore":
			c.Ignore = p.ignore(v, "ignore")
		case "severity":
			c.Severity = p.severity(v, "severity")
		case "rules":
			c.Rules = p.rules(v, "rules")
		case "exclude":
			c.Exclude = p.globs(v, "exclude")
		case "overrides":
			c.Overrides = p.overrides(v)
		case "disable-ignore-pragma":
			if b, ok := boolean(v, "disable-ignore-pragma", errs); ok {
				c.DisableIgnorePragma = b
			}
		default:
			errs.at(k, "unknown key %q%s", k.Value, suggest(k.Value, sortedKeys(topKeys)))
		}
	}
	if !errs.empty() {
		return nil, errs.err()
	}
	return c, nil
}

var topKeys = map[string]struct{}{
	"ruleset": {}, "fail-on": {}, "ignore": {}, "severity": {}, "rules": {},
	"exclude": {}, "overrides": {}, "disable-ignore-pragma": {},
}

var overrideKeys = map[string]struct{}{"files": {}, "ignore": {}, "severity": {}, "rules": {}}

func sortedKeys(m map[string]struct{}) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var versionPattern = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}$`)

func absDir(path string) string {
	if path == "" {
		return ""
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return filepath.Dir(path)
	}
	return dir
}

// parseFailOn canonicalises a fail-on level.
func parseFailOn(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "none" {
		return s, true
	}
	if _, err := rules.ParseSeverity(s); err != nil {
		return "", false
	}
	return s, true
}

// parseLevel canonicalises a severity-map value: a severity or "off".
func parseLevel(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "off" {
		return s, true
	}
	if _, err := rules.ParseSeverity(s); err != nil {
		return "", false
	}
	return s, true
}

// parser reads the sections shared by the top level and overrides.
type parser struct {
	errs *errList
}

// lookupRule resolves a rule id or name, explaining what is wrong when it
// is neither.
func lookupRule(s string) (*rules.Rule, string) {
	if r, ok := rules.Lookup(s); ok {
		return r, ""
	}
	if rs := rules.LookupAlias(s); len(rs) > 0 {
		names := make([]string, len(rs))
		for i, r := range rs {
			names[i] = fmt.Sprintf("%s (%s)", r.ID, r.Name)
		}
		return nil, fmt.Sprintf("unknown rule %q: it is another linter's code; use %s", s, strings.Join(names, " or "))
	}
	var cands []string
	for _, r := range rules.All() {
		cands = append(cands, r.ID, r.Name)
	}
	return nil, fmt.Sprintf("unknown rule %q%s", s, suggest(s, cands))
}

func (p parser) rule(n *yaml.Node, what string) (*rules.Rule, bool) {
	s, ok := str(n, what, p.errs)
	if !ok {
		return nil, false
	}
	r, msg := lookupRule(s)
	if r == nil {
		p.errs.at(n, "%s: %s", what, msg)
		return nil, false
	}
	return r, true
}

func (p parser) ignore(n *yaml.Node, what string) []string {
	items := list(n, what, p.errs)
	var out []string
	seen := map[string]bool{}
	for _, item := range items {
		if r, ok := p.rule(item, what); ok && !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r.ID)
		}
	}
	return out
}

func (p parser) severity(n *yaml.Node, what string) map[string]string {
	entries, _ := mapping(n, what, p.errs)
	if len(entries) == 0 {
		return nil
	}
	out := map[string]string{}
	at := map[string]*yaml.Node{}
	for _, e := range entries {
		r, ok := p.rule(e.key, what)
		level, lok := "", false
		if s, sok := str(e.value, fmt.Sprintf("%s.%s", what, e.key.Value), p.errs); sok {
			if level, lok = parseLevel(s); !lok {
				p.errs.at(e.value, "%s.%s: invalid severity %q: want error, warning, info, style or off", what, e.key.Value, s)
			}
		}
		if !ok {
			continue
		}
		if first, dup := at[r.ID]; dup {
			p.errs.at(e.key, "%s: rule %s is already set at line %d", what, r.ID, first.Line)
			continue
		}
		at[r.ID] = e.key
		if lok {
			out[r.ID] = level
		}
	}
	return out
}

func (p parser) rules(n *yaml.Node, what string) map[string]RuleSettings {
	entries, _ := mapping(n, what, p.errs)
	if len(entries) == 0 {
		return nil
	}
	out := map[string]RuleSettings{}
	at := map[string]*yaml.Node{}
	for _, e := range entries {
		r, ok := p.rule(e.key, what)
		if !ok {
			continue
		}
		if first, dup := at[r.ID]; dup {
			p.errs.at(e.key, "%s: rule %s is already set at line %d", what, r.ID, first.Line)
			continue
		}
		at[r.ID] = e.key
		if rs, ok := ruleSettings(r, e.value, p.errs); ok {
			out[r.ID] = rs
		}
	}
	return out
}

// ruleSettings reads one rules.<id> entry: a mapping of the reserved key
// "enabled" and the rule's options, or null (the rule with its defaults).
func ruleSettings(r *rules.Rule, n *yaml.Node, errs *errList) (RuleSettings, bool) {
	var rs RuleSettings
	before := len(errs.errs)
	entries, ok := mapping(n, "rules."+r.ID, errs)
	if !ok {
		return rs, false
	}
	var opts []pair
	for _, e := range entries {
		if e.key.Value == "enabled" {
			if b, ok := boolean(e.value, fmt.Sprintf("rules.%s.enabled", r.ID), errs); ok {
				rs.Enabled = &b
			}
			continue
		}
		opts = append(opts, e)
	}
	if r.NewOptions == nil {
		for _, e := range opts {
			errs.at(e.key, "rule %s (%s) takes no options; only \"enabled\" may be set, not %q", r.ID, r.Name, e.key.Value)
		}
	} else {
		rs.Options = newOptions(r)
		rs.node = mappingOf(resolve(n), opts)
		if len(opts) > 0 {
			decodeOptions(r, rs.node, rs.Options, errs)
		}
	}
	return rs, len(errs.errs) == before
}

func (p parser) globs(n *yaml.Node, what string) []string {
	items := list(n, what, p.errs)
	var out []string
	for _, item := range items {
		s, ok := str(item, what, p.errs)
		if !ok {
			continue
		}
		g, err := cleanGlob(s)
		if err != nil {
			p.errs.at(item, "%s: invalid glob %q: %v", what, s, err)
			continue
		}
		out = append(out, g)
	}
	return out
}

func (p parser) overrides(n *yaml.Node) []Override {
	items := list(n, "overrides", p.errs)
	var out []Override
	for i, item := range items {
		what := fmt.Sprintf("overrides[%d]", i)
		entries, ok := mapping(item, what, p.errs)
		if !ok {
			continue
		}
		var o Override
		hasFiles := false
		for _, e := range entries {
			k := e.key.Value
			sub := what + "." + k
			switch k {
			case "files":
				hasFiles = true
				o.Files = p.globs(e.value, sub)
				if r := resolve(e.value); isNull(r) || (r.Kind == yaml.SequenceNode && len(r.Content) == 0) {
					p.errs.at(e.value, "%s: list at least one glob", sub)
				}
			case "ignore":
				o.Ignore = p.ignore(e.value, sub)
			case "severity":
				o.Severity = p.severity(e.value, sub)
			case "rules":
				o.Rules = p.rules(e.value, sub)
			default:
				p.errs.at(e.key, "%s: unknown key %q%s", what, k, suggest(k, sortedKeys(overrideKeys)))
			}
		}
		if !hasFiles {
			p.errs.at(item, "%s: an override needs a \"files\" list of globs", what)
		}
		out = append(out, o)
	}
	return out
}
