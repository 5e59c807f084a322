package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dflint/dflint/internal/textdist"
)

// readDocument parses data and returns the root node of its one document,
// or nil when the file holds no document or only a null.
func readDocument(file string, data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, syntaxError(file, err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, &Error{File: file, Line: next.Line, Col: next.Column, Msg: "a config file holds one YAML document; found a second one"}
	case !errors.Is(err, io.EOF):
		return nil, syntaxError(file, err)
	}
	root := &doc
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil, nil
		}
		root = doc.Content[0]
	}
	root = resolve(root)
	if isNull(root) {
		return nil, nil
	}
	return root, nil
}

// resolve follows aliases to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// describe names what a node holds, for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	n = resolve(n)
	if isNull(n) {
		return "null"
	}
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!str" {
			return fmt.Sprintf("%q", n.Value)
		}
		return n.Value
	}
	return "an unsupported YAML node"
}

type pair struct{ key, value *yaml.Node }

// pairs returns the entries of mapping n in order, with merge keys ("<<")
// expanded the YAML way: explicit keys beat merged ones, and earlier merged
// mappings beat later ones. Keys that are not scalars and duplicate keys are
// reported and skipped.
func pairs(n *yaml.Node, errs *errList) []pair {
	n = resolve(n)
	var merged, explicit []pair
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merged = append(merged, mergePairs(v, errs)...)
			continue
		}
		rk := resolve(k)
		if rk.Kind != yaml.ScalarNode || isNull(rk) {
			errs.at(k, "keys must be strings, got %s", describe(rk))
			continue
		}
		if first, dup := seen[rk.Value]; dup {
			errs.at(k, "duplicate key %q (first at line %d)", rk.Value, first.Line)
			continue
		}
		seen[rk.Value] = k
		explicit = append(explicit, pair{rk, v})
	}
	if len(merged) == 0 {
		return explicit
	}
	var out []pair
	for _, p := range merged {
		if _, ok := seen[p.key.Value]; ok {
			continue
		}
		seen[p.key.Value] = p.key
		out = append(out, p)
	}
	return append(out, explicit...)
}

func mergePairs(v *yaml.Node, errs *errList) []pair {
	v = resolve(v)
	switch v.Kind {
	case yaml.MappingNode:
		return pairs(v, errs)
	case yaml.SequenceNode:
		var out []pair
		for _, item := range v.Content {
			if resolve(item).Kind != yaml.MappingNode {
				errs.at(item, "a merge key (<<) takes a mapping or a list of mappings, got %s", describe(item))
				continue
			}
			out = append(out, pairs(item, errs)...)
		}
		return out
	}
	errs.at(v, "a merge key (<<) takes a mapping or a list of mappings, got %s", describe(v))
	return nil
}

// mappingOf builds a mapping node from pairs, keeping their positions.
func mappingOf(at *yaml.Node, ps []pair) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if at != nil {
		m.Line, m.Column = at.Line, at.Column
	}
	for _, p := range ps {
		m.Content = append(m.Content, p.key, p.value)
	}
	return m
}

// str reads a scalar string; what names the setting for messages.
func str(n *yaml.Node, what string, errs *errList) (string, bool) {
	r := resolve(n)
	if r.Kind != yaml.ScalarNode || isNull(r) {
		errs.at(n, "%s: expected a string, got %s", what, describe(r))
		return "", false
	}
	return r.Value, true
}

// boolean reads true or false.
func boolean(n *yaml.Node, what string, errs *errList) (bool, bool) {
	r := resolve(n)
	var b bool
	if r.Kind != yaml.ScalarNode || r.ShortTag() != "!!bool" || r.Decode(&b) != nil {
		errs.at(n, "%s: expected true or false, got %s", what, describe(r))
		return false, false
	}
	return b, true
}

// list returns the items of a sequence; a null value is an empty list.
func list(n *yaml.Node, what string, errs *errList) []*yaml.Node {
	r := resolve(n)
	if isNull(r) {
		return nil
	}
	if r.Kind != yaml.SequenceNode {
		errs.at(n, "%s: expected a list, got %s", what, describe(r))
		return nil
	}
	return r.Content
}

// mapping checks n is a mapping (or null, meaning empty) and returns its
// entries.
func mapping(n *yaml.Node, what string, errs *errList) ([]pair, bool) {
	r := resolve(n)
	if isNull(r) {
		return nil, true
	}
	if r.Kind != yaml.MappingNode {
		errs.at(n, "%s: expected a mapping, got %s", what, describe(r))
		return nil, false
	}
	return pairs(r, errs), true
}

// suggest returns ` (did you mean "x"?)` when one candidate is close to s.
func suggest(s string, candidates []string) string {
	best, bestD := "", -1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := textdist.Levenshtein(ls, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := len(s) / 3
	if limit < 1 {
		limit = 1
	}
	if limit > 3 {
		limit = 3
	}
	if bestD < 0 || bestD > limit || bestD >= len([]rune(s)) {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
