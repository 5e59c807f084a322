// Package rules is dflint's public, pluggable rule API and the home of its
// built-in rules.
//
// A rule is a value of type Rule: an id, a name, a default severity, a doc,
// the ids of equivalent checks in other linters, and a Check function that
// inspects one parsed Dockerfile through a Pass and reports findings.
// Built-in rules register themselves from init functions, one rule (or one
// small family of rules) per file. A program outside this module can add
// its own rule with Register and lint with Lint, exactly as the dflint
// command does.
package rules

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Rule describes one check.
type Rule struct {
	// ID is the stable identifier users put in configs and pragmas,
	// e.g. "DF101". It must match [A-Z]+[0-9]+.
	ID string
	// Name is a short kebab-case name, e.g. "base-image-untagged". Configs and
	// pragmas accept it wherever they accept the id.
	Name string
	// Severity is the default severity of the rule's findings.
	Severity Severity
	// Summary is a one-line description, shown by "dflint rules".
	Summary string
	// Doc is the rule's full documentation.
	Doc Doc
	// Aliases are the ids of the equivalent checks in other linters.
	Aliases Aliases
	// Since is the dflint version the rule arrived in, e.g. "1.0". Config's
	// "ruleset" key keeps rules newer than the pinned version off.
	Since string
	// DefaultOff rules only run when the configuration (or a flag) enables
	// them, e.g. the digest-pinning rule.
	DefaultOff bool
	// NewOptions, when set, returns a pointer to a fresh options value with
	// its defaults filled in; configuration decodes the user's settings for
	// the rule into it and Check receives it as Pass.Options.
	NewOptions func() any
	// Meta rules report on dflint's own inline pragmas (an ignore that
	// silenced nothing, a pragma naming no rule). The engine produces their
	// findings after every other rule has run; their Check does nothing.
	Meta bool
	// Check inspects pass.File and reports findings with pass.Report.
	Check func(pass *Pass)
}

// Doc is a rule's documentation, rendered by "dflint explain" and in the
// rule catalogue.
type Doc struct {
	// Why the rule matters: what goes wrong when it is ignored.
	Why string
	// Bad is a Dockerfile snippet on which the rule fires.
	Bad string
	// Good is the corrected snippet, on which it stays quiet.
	Good string
	// Fix says how to fix a finding.
	Fix string
	// Notes are optional remarks: options, known limits, how it differs from
	// the peers' checks.
	Notes string
	// BadContext and GoodContext are the build-context files (path ->
	// content) the Bad and Good examples assume, for rules that look at the
	// context; nil means an empty context directory.
	BadContext, GoodContext map[string]string
	// Options, when set, is the options value (as from NewOptions, then
	// adjusted) with which Bad fires and Good stays quiet, for rules that
	// only act when configured.
	Options any
}

// Aliases names the equivalent checks of other Dockerfile linters, so their
// pragmas and configs can be honoured and users can find their way.
type Aliases struct {
	Hadolint []string // e.g. "DL3007"
	BuildKit []string // BuildKit check names, e.g. "WorkdirRelativePath"
	Trivy    []string // e.g. "DS001"
}

// All returns every alias, in hadolint, BuildKit, Trivy order.
func (a Aliases) All() []string {
	out := make([]string, 0, len(a.Hadolint)+len(a.BuildKit)+len(a.Trivy))
	out = append(out, a.Hadolint...)
	out = append(out, a.BuildKit...)
	return append(out, a.Trivy...)
}

// DocURL is where a rule's documentation is published; SARIF helpUri and
// "dflint rules" point at it.
func (r *Rule) DocURL() string {
	return DocBaseURL + "#" + strings.ToLower(r.ID)
}

// DocBaseURL is the address of the rule catalogue, rules/README.md, which is
// generated from the registered rules' docs.
const DocBaseURL = "https://github.com/dflint/dflint/blob/main/rules/README.md"

var (
	registryMu sync.RWMutex
	registry   = map[string]*Rule{}
	// registryNames maps each registered rule's name to the rule, for the
	// duplicate-name check of Register.
	registryNames = map[string]*Rule{}
)

// idPattern is the form of a rule id (what validID accepts), for Register's
// error message.
const idPattern = `^[A-Z]+[0-9]+$`

// validID reports whether id matches idPattern: upper-case letters, then
// digits.
func validID(id string) bool {
	i := 0
	for i < len(id) && 'A' <= id[i] && id[i] <= 'Z' {
		i++
	}
	if i == 0 || i == len(id) {
		return false
	}
	for ; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// validName reports whether name is kebab-case, ^[a-z][a-z0-9]*(-[a-z0-9]+)*$:
// a lower-case letter first, then lower-case letters and digits in words
// joined by single hyphens.
func validName(name string) bool {
	if name == "" || name[0] < 'a' || name[0] > 'z' || name[len(name)-1] == '-' {
		return false
	}
	for i := 1; i < len(name); i++ {
		switch c := name[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && name[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// Register adds a rule to the registry. It returns an error when the rule is
// incomplete or its id or name is already taken. Built-in rules call
// MustRegister from init.
func Register(r *Rule) error {
	if r == nil {
		return fmt.Errorf("register rule: nil rule")
	}
	if !validID(r.ID) {
		return fmt.Errorf("register rule %q: id must match %s", r.ID, idPattern)
	}
	if !validName(r.Name) {
		return fmt.Errorf("register rule %s: name %q must be kebab-case", r.ID, r.Name)
	}
	if r.Check == nil {
		return fmt.Errorf("register rule %s: no Check function", r.ID)
	}
	if !r.Severity.Valid() {
		return fmt.Errorf("register rule %s: invalid severity %d", r.ID, r.Severity)
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[r.ID]; dup {
		return fmt.Errorf("register rule %s: id already registered", r.ID)
	}
	if other, dup := registryNames[r.Name]; dup {
		return fmt.Errorf("register rule %s: name %q already used by %s", r.ID, r.Name, other.ID)
	}
	registry[r.ID] = r
	registryNames[r.Name] = r
	return nil
}

// MustRegister is Register for init functions: it panics on error, which
// only a programming mistake in a rule definition can cause.
func MustRegister(r *Rule) {
	if err := Register(r); err != nil {
		panic(err)
	}
}

// All returns every registered rule, sorted by id.
func All() []*Rule {
	registryMu.RLock()
	defer registryMu.RUnlock()
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup finds a rule by id or name (case-insensitive).
func Lookup(idOrName string) (*Rule, bool) {
	registryMu.RLock()
	defer registryMu.RUnlock()
	if r, ok := registry[strings.ToUpper(idOrName)]; ok {
		return r, true
	}
	for _, r := range registry {
		if strings.EqualFold(r.Name, idOrName) {
			return r, true
		}
	}
	return nil, false
}

// LookupAlias returns the rules that declare alias (a hadolint code, a
// BuildKit check name or a Trivy id; case-insensitive), sorted by id.
func LookupAlias(alias string) []*Rule {
	var out []*Rule
	for _, r := range All() {
		for _, a := range r.Aliases.All() {
			if strings.EqualFold(a, alias) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}
