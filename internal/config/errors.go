package config

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is one problem in a configuration, located in the file that holds
// it. Line and Col are 1-based; zero means unknown (for instance for
// settings that came from an environment variable, whose name is then in
// File).
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	return position(e.File, e.Line, e.Col) + e.Msg
}

// position renders "FILE:LINE:COL: ", leaving out the parts that are unknown.
func position(file string, line, col int) string {
	var b strings.Builder
	if file != "" {
		b.WriteString(file)
	}
	if line > 0 {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(line))
		if col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(col))
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	return b.String()
}

// ValidationErrors is every problem found in one configuration, in file
// order. Parse and the other constructors return it when there is more than
// one problem, and a bare *Error when there is exactly one.
type ValidationErrors []*Error

func (v ValidationErrors) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.As find the individual *Error values.
func (v ValidationErrors) Unwrap() []error {
	out := make([]error, len(v))
	for i, e := range v {
		out[i] = e
	}
	return out
}

// errList collects the problems found while reading one source.
type errList struct {
	file string
	errs []*Error
}

func (l *errList) at(n *yaml.Node, format string, args ...any) {
	e := &Error{File: l.file, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Col = n.Line, n.Column
	}
	l.errs = append(l.errs, e)
}

func (l *errList) add(e *Error) { l.errs = append(l.errs, e) }

func (l *errList) empty() bool { return len(l.errs) == 0 }

// err returns nil, the single *Error, or a ValidationErrors sorted by
// position.
func (l *errList) err() error {
	switch len(l.errs) {
	case 0:
		return nil
	case 1:
		return l.errs[0]
	}
	out := append(ValidationErrors(nil), l.errs...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Col < out[j].Col
	})
	return out
}

var yamlLineErr = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError turns a YAML parser error into an *Error with the line the
// parser reported (it gives no column).
func syntaxError(file string, err error) *Error {
	msg := err.Error()
	if m := yamlLineErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: file, Line: line, Msg: "invalid YAML: " + m[2]}
	}
	return &Error{File: file, Msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}
