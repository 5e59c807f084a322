package config

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/dflint/dflint/rules"
)

type optInner struct {
	A int `yaml:"a"`
}

type optEmbedded struct {
	E string `yaml:"e"`
}

type richOptions struct {
	optEmbedded `yaml:",inline"`
	Ptr         *optInner           `yaml:"ptr"`
	Items       []optInner          `yaml:"items"`
	ByName      map[string]optInner `yaml:"by-name"`
	Timeout     time.Duration       `yaml:"timeout"`
	Ratio       float64             `yaml:"ratio"`
	Any         any                 `yaml:"any"`
	Plain       string
	Skip        string `yaml:"-"`
	private     int    //nolint:unused // proves unexported fields are not options
}

func decodeRich(t *testing.T, src string, opts *richOptions) []string {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	errs := &errList{file: "o.yaml"}
	decodeOptions(&rules.Rule{ID: "X1"}, doc.Content[0], opts, errs)
	var out []string
	for _, e := range errs.errs {
		out = append(out, e.Error())
	}
	return out
}

func TestDecodeOptions(t *testing.T) {
	opts := &richOptions{Ptr: &optInner{A: 1}, Ratio: 0.5, Skip: "keep"}
	errs := decodeRich(t, `
e: embedded
items: [{a: 1}, {a: 2}]
by-name: {x: {a: 3}}
timeout: 1m30s
any: [1, two]
plain: p
base: &b {a: 7}
`, opts)
	// "base" is not an option.
	if len(errs) != 1 || !strings.Contains(errs[0], `unknown option "base"`) {
		t.Errorf("errors = %q", errs)
	}
	want := &richOptions{
		optEmbedded: optEmbedded{E: "embedded"},
		Ptr:         &optInner{A: 1},
		Items:       []optInner{{1}, {2}},
		ByName:      map[string]optInner{"x": {3}},
		Timeout:     90 * time.Second,
		Ratio:       0.5,
		Any:         []any{1, "two"},
		Plain:       "p",
		Skip:        "keep",
	}
	if !reflect.DeepEqual(opts, want) {
		t.Errorf("got %+v\nwant %+v", opts, want)
	}

	opts = &richOptions{Ptr: &optInner{A: 1}}
	if errs := decodeRich(t, "ptr: null\nitems: ~\n", opts); len(errs) != 0 || opts.Ptr != nil || opts.Items != nil {
		t.Errorf("null: %q, %+v", errs, opts)
	}
	opts = &richOptions{}
	if errs := decodeRich(t, "ptr: {a: 4}\n", opts); len(errs) != 0 || opts.Ptr == nil || opts.Ptr.A != 4 {
		t.Errorf("pointer: %q, %+v", errs, opts)
	}
	opts = &richOptions{}
	if errs := decodeRich(t, "defaults: &d {e: merged, plain: base}\n", opts); len(errs) != 1 {
		t.Errorf("errors = %q", errs)
	}
}

func TestDecodeOptionsErrors(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"items: [{a: 1}, {b: 2}]\n", []string{`o.yaml:1:18: rule X1: unknown option "items[1].b" (known: a)`}},
		{"by-name:\n  x: {a: many}\n", []string{`o.yaml:2:10: rule X1: option "by-name.x.a": expected an integer, got "many"`}},
		{"timeout: soon\n", []string{`o.yaml:1:10: rule X1: option "timeout": expected a duration such as 30s, got "soon"`}},
		{"ratio: [1]\n", []string{`o.yaml:1:8: rule X1: option "ratio": expected a number, got a list`}},
		{"ptr: 3\n", []string{`o.yaml:1:6: rule X1: option "ptr": expected a mapping, got 3`}},
		{"items: {a: 1}\n", []string{`o.yaml:1:8: rule X1: option "items": expected a list, got a mapping`}},
		{"skip: x\nprivate: 1\n", []string{
			`o.yaml:1:1: rule X1: unknown option "skip" (known: any, by-name, e, items, plain, ptr, ratio, timeout)`,
			`o.yaml:2:1: rule X1: unknown option "private" (known: any, by-name, e, items, plain, ptr, ratio, timeout)`,
		}},
		{"<<: [1]\n", []string{`o.yaml:1:6: a merge key (<<) takes a mapping or a list of mappings, got 1`}},
		{"<<: 1\n", []string{`o.yaml:1:5: a merge key (<<) takes a mapping or a list of mappings, got 1`}},
	}
	for _, tt := range tests {
		if got := decodeRich(t, tt.src, &richOptions{}); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

func TestDecodeOptionsMergeKeys(t *testing.T) {
	var doc yaml.Node
	src := "base: &b {e: merged, plain: base}\nopts:\n  <<: *b\n  plain: mine\n"
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	opts := &richOptions{}
	errs := &errList{}
	decodeOptions(&rules.Rule{ID: "X1"}, doc.Content[0].Content[3], opts, errs)
	if len(errs.errs) != 0 || opts.E != "merged" || opts.Plain != "mine" {
		t.Errorf("got %+v, errors %v", opts, errs.err())
	}
}

func TestDecodeOptionsNeedsPointer(t *testing.T) {
	errs := &errList{}
	decodeOptions(&rules.Rule{ID: "X1"}, &yaml.Node{Kind: yaml.MappingNode}, optInner{}, errs)
	if err := errs.err(); err == nil || !strings.Contains(err.Error(), "NewOptions must return a pointer") {
		t.Errorf("err = %v", err)
	}
}
