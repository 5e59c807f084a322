package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/dflint/dflint/internal/config"
	"github.com/dflint/dflint/internal/engine"
	"github.com/dflint/dflint/rules"
)

// lintSetup resolves configuration for each Dockerfile: the config file
// (--config, DFLINT_CONFIG, or the nearest .dflint.yaml walking up from the
// Dockerfile's directory), then the environment, then the flags.
type lintSetup struct {
	format  string
	notices []string

	layers []config.Layer
	fixed  *config.Config // set when one config applies to every file
	noFind bool           // --no-config
	unused bool           // --report-unused-ignores

	mu      sync.Mutex
	byDir   map[string]configResult
	enabled map[string]*rules.Rule
	noticed map[string]bool
	stderr  io.Writer // where configFor prints config notices
}

type configResult struct {
	cfg *config.Config
	err error
}

// newLintSetup resolves the configuration layers; notices about config files
// found later, per Dockerfile, are written to stderr.
func newLintSetup(fl *lintFlags, stderr io.Writer) (*lintSetup, error) {
	env, err := config.FromEnv(os.Getenv)
	if err != nil {
		return nil, err
	}
	s := &lintSetup{
		format:  firstNonEmpty(fl.format, env.Format, "text"),
		noFind:  fl.noConfig,
		unused:  fl.reportUnused,
		byDir:   map[string]configResult{},
		enabled: map[string]*rules.Rule{},
		noticed: map[string]bool{},
		stderr:  stderr,
	}
	switch fl.color {
	case "auto", "always", "never":
	default:
		return nil, fmt.Errorf("invalid --color %q: want auto, always or never", fl.color)
	}
	if fl.failOn != "" {
		if _, _, err := parseSeverityOrNone(fl.failOn); err != nil {
			return nil, fmt.Errorf("invalid --fail-on: %w", err)
		}
	}
	flags := config.Layer{Source: "flags", FailOn: fl.failOn, Ignore: fl.ignore}
	if fl.requireDigest {
		flags.Rules = map[string]map[string]any{"DF103": nil}
	}
	if fl.disableIgnores {
		t := true
		flags.DisableIgnorePragma = &t
	}
	s.layers = []config.Layer{env.Layer(), flags}
	if fl.reportUnused {
		if r, ok := rules.Lookup("DF001"); ok {
			s.enabled[r.ID] = r
		}
	}

	path := firstNonEmpty(fl.configFile, env.Config)
	switch {
	case fl.noConfig:
		s.fixed, err = config.Default().Apply(s.layers...)
	case path != "":
		var c *config.Config
		c, err = config.Load(path)
		if err == nil {
			s.fixed, err = c.Apply(s.layers...)
		}
	}
	if err != nil {
		return nil, err
	}
	if s.fixed != nil {
		s.notices = append(s.notices, s.fixed.Notices...)
	} else if _, err := s.configFor("-"); err != nil {
		// Validate the configuration that applies in the working
		// directory up front, so a broken config is a usage error.
		return nil, err
	}
	return s, nil
}

// configFor returns the configuration for a Dockerfile, searching from its
// directory (the working directory for standard input), cached per
// directory.
func (s *lintSetup) configFor(path string) (*config.Config, error) {
	if s.fixed != nil {
		return s.fixed, nil
	}
	dir := "."
	if path != "-" {
		dir = filepath.Dir(path)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.byDir[dir]; ok {
		return r.cfg, r.err
	}
	c, err := config.Find(dir)
	if err == nil {
		c, err = c.Apply(s.layers...)
	}
	if err == nil && c != nil && !s.noticed[c.Path] {
		s.noticed[c.Path] = true
		for _, n := range c.Notices {
			fmt.Fprintf(s.stderr, "dflint: %s\n", n)
		}
	}
	s.byDir[dir] = configResult{c, err}
	return c, err
}

// settings is the engine's per-file settings hook.
func (s *lintSetup) settings(path string) (engine.Settings, error) {
	c, err := s.configFor(path)
	if err != nil {
		return engine.Settings{}, err
	}
	if c.Excluded(path) {
		return engine.Settings{Excluded: true}, nil
	}
	eff := c.For(path)
	var enabled []*rules.Rule
	for _, r := range rules.All() {
		if eff.Enabled(r) {
			enabled = append(enabled, r)
		}
	}
	s.mu.Lock()
	for _, r := range enabled {
		s.enabled[r.ID] = r
	}
	s.mu.Unlock()
	return engine.Settings{
		Rules:               enabled,
		Severity:            eff.Severity,
		Options:             eff.Options,
		DisableIgnores:      eff.DisableIgnorePragma,
		ReportUnusedIgnores: s.unused,
	}, nil
}

// failOn is the --fail-on threshold for a Dockerfile; false means never
// fail.
func (s *lintSetup) failOn(path string) (rules.Severity, bool) {
	c, err := s.configFor(path)
	if err != nil {
		return rules.SeverityWarning, true
	}
	return c.For(path).FailOn()
}

// ruleList is every rule that was enabled for some file, sorted by id (the
// SARIF driver's rules).
func (s *lintSetup) ruleList() []*rules.Rule {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*rules.Rule, 0, len(s.enabled))
	for _, r := range s.enabled {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
