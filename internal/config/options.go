package config

import (
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/dflint/dflint/rules"
)

// Rule options are decoded strictly: every key must name a field of the
// rule's options type (by its yaml tag, or its lower-cased Go name as
// go.yaml.in/yaml does), and every value must fit the field's type. Unlike
// yaml's own KnownFields decoding, each problem is reported at its line and
// column, and all of them are reported. Inline maps (",inline" on a map
// field, which catches unknown keys) are not supported: such keys are
// errors.

var (
	unmarshalerType     = reflect.TypeFor[yaml.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	durationType        = reflect.TypeFor[time.Duration]()
)

// optionsDecoder decodes YAML nodes into a rule's options value.
type optionsDecoder struct {
	rule *rules.Rule
	errs *errList
}

// newOptions returns a fresh options value for r, always a pointer so it
// can be decoded into, or nil when r takes no options.
func newOptions(r *rules.Rule) any {
	if r.NewOptions == nil {
		return nil
	}
	return r.NewOptions()
}

// decodeOptions decodes the mapping n onto opts, which must be a non-nil
// pointer (as Rule.NewOptions returns). Fields n does not name keep their
// current values.
func decodeOptions(r *rules.Rule, n *yaml.Node, opts any, errs *errList) {
	v := reflect.ValueOf(opts)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		errs.at(n, "rule %s: its options type %T cannot be configured (NewOptions must return a pointer)", r.ID, opts)
		return
	}
	d := optionsDecoder{rule: r, errs: errs}
	d.decode(n, v.Elem(), "")
}

func (d *optionsDecoder) decode(n *yaml.Node, v reflect.Value, name string) {
	r := resolve(n)
	if isLeaf(v) {
		d.leaf(n, v, name)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if isNull(r) {
			v.SetZero()
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), name)
	case reflect.Struct:
		if r.Kind != yaml.MappingNode {
			d.typeError(n, v.Type(), name)
			return
		}
		d.decodeStruct(r, v, name)
	case reflect.Slice:
		if isNull(r) {
			v.SetZero()
			return
		}
		if r.Kind != yaml.SequenceNode {
			d.typeError(n, v.Type(), name)
			return
		}
		out := reflect.MakeSlice(v.Type(), len(r.Content), len(r.Content))
		for i, item := range r.Content {
			d.decode(item, out.Index(i), fmt.Sprintf("%s[%d]", name, i))
		}
		v.Set(out)
	case reflect.Map:
		if isNull(r) {
			v.SetZero()
			return
		}
		if r.Kind != yaml.MappingNode {
			d.typeError(n, v.Type(), name)
			return
		}
		out := reflect.MakeMap(v.Type())
		for _, p := range pairs(r, d.errs) {
			key := reflect.New(v.Type().Key()).Elem()
			if !d.leaf(p.key, key, name) {
				continue
			}
			val := reflect.New(v.Type().Elem()).Elem()
			d.decode(p.value, val, join(name, p.key.Value))
			out.SetMapIndex(key, val)
		}
		v.Set(out)
	default:
		d.leaf(n, v, name)
	}
}

// isLeaf reports whether v is decoded in one piece by the yaml package:
// scalars, interfaces, arrays and types with their own unmarshaling.
func isLeaf(v reflect.Value) bool {
	t := v.Type()
	if t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) ||
		t.Implements(textUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return true
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Struct, reflect.Slice, reflect.Map:
		return false
	}
	return true
}

func (d *optionsDecoder) leaf(n *yaml.Node, v reflect.Value, name string) bool {
	tmp := reflect.New(v.Type())
	if err := n.Decode(tmp.Interface()); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			d.typeError(n, v.Type(), name)
		} else {
			d.errs.at(n, "rule %s: option %q: %v", d.rule.ID, name, err)
		}
		return false
	}
	v.Set(tmp.Elem())
	return true
}

func (d *optionsDecoder) typeError(n *yaml.Node, t reflect.Type, name string) {
	d.errs.at(n, "rule %s: option %q: expected %s, got %s", d.rule.ID, name, typeName(t), describe(n))
}

func (d *optionsDecoder) decodeStruct(n *yaml.Node, v reflect.Value, name string) {
	fields := structFields(v.Type())
	for _, p := range pairs(n, d.errs) {
		f, ok := fields.byName[p.key.Value]
		if !ok {
			full := join(name, p.key.Value)
			d.errs.at(p.key, "rule %s: unknown option %q%s (known: %s)", d.rule.ID, full,
				suggest(p.key.Value, fields.names), strings.Join(fields.names, ", "))
			continue
		}
		d.decode(p.value, fieldByIndex(v, f), join(name, p.key.Value))
	}
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

type fieldSet struct {
	byName map[string][]int
	names  []string
}

// structFields lists the YAML names of t's fields the way go.yaml.in/yaml
// does: the tag name, else the lower-cased field name; "-" and unexported
// fields are skipped; ",inline" structs are flattened.
func structFields(t reflect.Type) fieldSet {
	fs := fieldSet{byName: map[string][]int{}}
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() && !f.Anonymous {
				continue
			}
			tag := f.Tag.Get("yaml")
			if tag == "" && !strings.Contains(string(f.Tag), ":") {
				tag = string(f.Tag)
			}
			if tag == "-" {
				continue
			}
			name, flags, _ := strings.Cut(tag, ",")
			idx := append(append([]int(nil), index...), i)
			if strings.Contains(","+flags+",", ",inline,") {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					walk(ft, idx)
				}
				continue
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			if _, dup := fs.byName[name]; !dup {
				fs.names = append(fs.names, name)
			}
			fs.byName[name] = idx
		}
	}
	walk(t, nil)
	sort.Strings(fs.names)
	return fs
}

// fieldByIndex is reflect.Value.FieldByIndex that allocates nil embedded
// pointers on the way.
func fieldByIndex(v reflect.Value, index []int) reflect.Value {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v
}

// hasOption reports whether r's options have a top-level field with the
// YAML name key.
func hasOption(r *rules.Rule, key string) bool {
	opts := newOptions(r)
	if opts == nil {
		return false
	}
	t := reflect.TypeOf(opts)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return false
	}
	_, ok := structFields(t).byName[key]
	return ok
}

// typeName describes what a Go type accepts, for messages.
func typeName(t reflect.Type) string {
	if t == durationType {
		return "a duration such as 30s"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a mapping"
	case reflect.Pointer:
		return typeName(t.Elem())
	}
	return "a value of type " + t.String()
}
