package config

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dflint/dflint/rules"
)

// hadolint config keys (hadolint's README, "Configure") and what becomes
// of them:
//
//	ignored: [code]                       -> ignore (rules aliasing each code)
//	override: {error|warning|info|style: [code]} -> severity
//	trustedRegistries: reg | [reg]        -> rules.<DL3026 rule>.trusted-registries
//	label-schema: {label: type}           -> rules.<DL3049 rule>.required-labels
//	strict-labels: bool                   -> rules.<DL3049 rule>.strict-labels
//	failure-threshold: level              -> fail-on ("ignore" and "none" -> none)
//	no-fail: true                         -> fail-on: none
//	disable-ignore-pragma: bool           -> disable-ignore-pragma
//	format, no-color, verbose             -> notice: set with flags
//
// A code that several dflint rules alias applies to all of them. Codes and
// keys with no dflint equivalent become notices, never errors; values of
// the wrong type are errors.

const (
	aliasTrustedRegistries = "DL3026"
	aliasLabelSchema       = "DL3049"
)

type hadolintReader struct {
	c       *Config
	errs    *errList
	notices []string
	rank    map[string]rules.Severity // most severe override wins, as in hadolint
}

func (h *hadolintReader) notice(n *yaml.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	h.notices = append(h.notices, position(h.c.Path, line, col)+fmt.Sprintf(format, args...))
}

// FromHadolint reads a hadolint config file (.hadolint.yaml) as a dflint
// Config; see the table above for the mapping. The notices say what was
// not carried over.
func FromHadolint(path string, data []byte) (*Config, error) {
	c := &Config{Path: path, dir: absDir(path)}
	root, err := readDocument(path, data)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return c, nil
	}
	h := &hadolintReader{c: c, errs: &errList{file: path}, rank: map[string]rules.Severity{}}
	if root.Kind != yaml.MappingNode {
		h.errs.at(root, "a hadolint config must be a mapping, got %s", describe(root))
		return nil, h.errs.err()
	}
	var labelOpts []optPair
	noFail := false
	for _, kv := range pairs(root, h.errs) {
		k, v := kv.key, kv.value
		if isNull(v) {
			continue
		}
		switch k.Value {
		case "ignored":
			items := list(v, "ignored", h.errs)
			for _, item := range items {
				code, ok := str(item, "ignored", h.errs)
				if !ok {
					continue
				}
				ids := hadolintCode(code)
				if len(ids) == 0 {
					h.notice(item, "ignored: %s has no dflint equivalent; nothing to ignore", code)
				}
				for _, id := range ids {
					c.Ignore = appendUnique(c.Ignore, id)
				}
			}
		case "override":
			h.override(v)
		case "trustedRegistries", "trusted-registries":
			regs := resolve(v)
			switch {
			case regs.Kind == yaml.ScalarNode:
				if _, ok := str(v, k.Value, h.errs); !ok {
					continue
				}
				regs = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: v.Line, Column: v.Column, Content: []*yaml.Node{regs}}
			case regs.Kind == yaml.SequenceNode:
				ok := true
				for _, item := range regs.Content {
					if _, iok := str(item, k.Value, h.errs); !iok {
						ok = false
					}
				}
				if !ok {
					continue
				}
			default:
				h.errs.at(v, "%s: expected a registry or a list of registries, got %s", k.Value, describe(v))
				continue
			}
			h.setOptions(aliasTrustedRegistries, k, []optPair{{k.Value, renamed(k, "trusted-registries"), regs}})
		case "label-schema":
			entries, ok := mapping(v, "label-schema", h.errs)
			for _, e := range entries {
				if _, sok := str(e.value, "label-schema."+e.key.Value, h.errs); !sok {
					ok = false
				}
			}
			if ok {
				labelOpts = append(labelOpts, optPair{k.Value, renamed(k, "required-labels"), v})
			}
		case "strict-labels":
			if _, ok := boolean(v, "strict-labels", h.errs); ok {
				labelOpts = append(labelOpts, optPair{k.Value, renamed(k, "strict-labels"), v})
			}
		case "failure-threshold":
			s, ok := str(v, "failure-threshold", h.errs)
			if !ok {
				continue
			}
			switch lvl := strings.ToLower(strings.TrimSpace(s)); lvl {
			case "ignore", "none":
				c.FailOn = "none"
			default:
				if l, ok := parseFailOn(lvl); ok {
					c.FailOn = l
				} else {
					h.errs.at(v, "failure-threshold: invalid level %q: want error, warning, info, style, ignore or none", s)
				}
			}
		case "no-fail":
			if b, ok := boolean(v, "no-fail", h.errs); ok && b {
				noFail = true
			}
		case "disable-ignore-pragma":
			if b, ok := boolean(v, "disable-ignore-pragma", h.errs); ok {
				c.DisableIgnorePragma = b
			}
		case "format", "output-format", "no-color", "verbose":
			h.notice(k, "%s: not a dflint config setting; set it with flags", k.Value)
		default:
			h.notice(k, "%s: unknown hadolint key; not carried over", k.Value)
		}
	}
	if len(labelOpts) > 0 {
		h.setOptions(aliasLabelSchema, labelOpts[0].key, labelOpts)
	}
	if noFail {
		c.FailOn = "none"
	}
	c.Notices = h.notices
	if err := h.errs.err(); err != nil {
		return nil, err
	}
	return c, nil
}

func (h *hadolintReader) override(v *yaml.Node) {
	entries, _ := mapping(v, "override", h.errs)
	for _, e := range entries {
		level := e.key.Value
		sev, err := rules.ParseSeverity(level)
		if err != nil || level != strings.ToLower(level) {
			h.notice(e.key, "override.%s: not a hadolint severity (error, warning, info, style); not carried over", level)
			continue
		}
		items := list(e.value, "override."+level, h.errs)
		for _, item := range items {
			code, ok := str(item, "override."+level, h.errs)
			if !ok {
				continue
			}
			ids := hadolintCode(code)
			if len(ids) == 0 {
				h.notice(item, "override.%s: %s has no dflint equivalent; its severity is not carried over", level, code)
			}
			for _, id := range ids {
				if sev > h.rank[id] {
					h.rank[id] = sev
					if h.c.Severity == nil {
						h.c.Severity = map[string]string{}
					}
					h.c.Severity[id] = sev.String()
				}
			}
		}
	}
}

// optPair is a dflint option set from the hadolint key from.
type optPair struct {
	from       string
	key, value *yaml.Node
}

// setOptions sets options (keyed by dflint option name) on every rule that
// aliases the hadolint code and has such options. Options no such rule
// takes become notices.
func (h *hadolintReader) setOptions(alias string, at *yaml.Node, opts []optPair) {
	used := map[string]bool{}
	for _, r := range rules.LookupAlias(alias) {
		var accepted []pair
		for _, p := range opts {
			if hasOption(r, p.key.Value) {
				accepted = append(accepted, pair{p.key, cleanCopy(p.value)})
				used[p.key.Value] = true
			}
		}
		if len(accepted) == 0 {
			continue
		}
		if h.c.Rules == nil {
			h.c.Rules = map[string]RuleSettings{}
		}
		// Keep what an earlier key set on this rule, unless set again.
		if prev := h.c.Rules[r.ID].node; prev != nil {
			var kept []pair
			for i := 0; i+1 < len(prev.Content); i += 2 {
				if !slices.ContainsFunc(accepted, func(p pair) bool { return p.key.Value == prev.Content[i].Value }) {
					kept = append(kept, pair{prev.Content[i], prev.Content[i+1]})
				}
			}
			accepted = append(kept, accepted...)
			at = prev
		}
		node := mappingOf(at, accepted)
		opts := newOptions(r)
		decodeOptions(r, node, opts, h.errs)
		h.c.Rules[r.ID] = RuleSettings{Options: opts, node: node}
	}
	for _, p := range opts {
		if !used[p.key.Value] {
			h.notice(p.key, "%s: no dflint rule for %s takes a %q option; not carried over", p.from, alias, p.key.Value)
		}
	}
}

// renamed is a key node for a dflint option, at the hadolint key's
// position.
func renamed(k *yaml.Node, name string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name, Line: k.Line, Column: k.Column}
}

// hadolintCode returns the ids of the dflint rules equivalent to a
// hadolint (or ShellCheck) code; a dflint id or name is accepted as well.
func hadolintCode(code string) []string {
	code = strings.TrimSpace(code)
	var ids []string
	for _, r := range rules.LookupAlias(code) {
		ids = append(ids, r.ID)
	}
	if len(ids) == 0 {
		if r, ok := rules.Lookup(code); ok {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// cleanCopy deep-copies a node with aliases resolved, anchors and comments
// dropped, so it can be re-emitted on its own.
func cleanCopy(n *yaml.Node) *yaml.Node {
	n = resolve(n)
	if n == nil {
		return nil
	}
	c := *n
	c.Anchor, c.HeadComment, c.LineComment, c.FootComment = "", "", "", ""
	c.Content = nil
	for _, ch := range n.Content {
		c.Content = append(c.Content, cleanCopy(ch))
	}
	return &c
}

// MigrateHadolint converts a hadolint config into the text of the
// equivalent .dflint.yaml, with comments naming each rule and the hadolint
// code it came from. The notices (also written at the end of the text)
// list what could not be carried over. path is used in messages.
func MigrateHadolint(data []byte, path string) ([]byte, []string, error) {
	c, err := FromHadolint(path, data)
	if err != nil {
		return nil, nil, err
	}
	var b bytes.Buffer
	src := path
	if src == "" {
		src = "a hadolint config"
	}
	fmt.Fprintf(&b, "# dflint configuration, migrated from %s by \"dflint migrate hadolint\".\n", src)
	b.WriteString("# Rules are named by dflint id; the comments give each rule's name and\n# hadolint code.\n\n")
	doc := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v *yaml.Node, comment string) {
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key, HeadComment: comment}, v)
	}
	if c.FailOn != "" {
		add("fail-on", scalar(c.FailOn), "hadolint: failure-threshold / no-fail")
	} else {
		b.WriteString("# hadolint fails on info findings by default, dflint on warnings;\n# add \"fail-on: info\" to keep hadolint's behaviour.\n\n")
	}
	if c.DisableIgnorePragma {
		add("disable-ignore-pragma", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}, "hadolint: disable-ignore-pragma")
	}
	if len(c.Ignore) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, id := range c.Ignore {
			item := scalar(id)
			item.LineComment = ruleComment(id)
			seq.Content = append(seq.Content, item)
		}
		add("ignore", seq, "hadolint: ignored")
	}
	if len(c.Severity) > 0 {
		m := &yaml.Node{Kind: yaml.MappingNode}
		for _, id := range sortedIDs(c.Severity) {
			v := scalar(c.Severity[id])
			v.LineComment = ruleComment(id)
			m.Content = append(m.Content, scalar(id), v)
		}
		add("severity", m, "hadolint: override")
	}
	if len(c.Rules) > 0 {
		m := &yaml.Node{Kind: yaml.MappingNode}
		for _, id := range sortedIDs(c.Rules) {
			k := scalar(id)
			k.LineComment = ruleComment(id)
			opts := &yaml.Node{Kind: yaml.MappingNode}
			if n := c.Rules[id].node; n != nil {
				for i := 0; i+1 < len(n.Content); i += 2 {
					opts.Content = append(opts.Content, scalar(n.Content[i].Value), cleanCopy(n.Content[i+1]))
				}
			}
			m.Content = append(m.Content, k, opts)
		}
		add("rules", m, "hadolint: trustedRegistries, label-schema, strict-labels")
	}
	if len(doc.Content) > 0 {
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		if err := enc.Encode(doc); err != nil {
			return nil, nil, err
		}
		if err := enc.Close(); err != nil {
			return nil, nil, err
		}
	} else {
		b.WriteString("# Nothing to migrate: dflint's defaults apply.\n")
	}
	if len(c.Notices) > 0 {
		b.WriteString("\n# Not carried over:\n")
		for _, n := range c.Notices {
			fmt.Fprintf(&b, "#   %s\n", strings.ReplaceAll(n, "\n", " "))
		}
	}
	return b.Bytes(), c.Notices, nil
}

func scalar(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func ruleComment(id string) string {
	r, ok := rules.Lookup(id)
	if !ok {
		return ""
	}
	if len(r.Aliases.Hadolint) == 0 {
		return r.Name
	}
	return fmt.Sprintf("%s (hadolint %s)", r.Name, strings.Join(r.Aliases.Hadolint, ", "))
}

func sortedIDs[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
