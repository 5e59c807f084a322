// Package report prints lint results for people and machines.
//
// A Report holds the results of one run: per linted file its findings or
// the error that kept it from being linted, plus the rules that were
// enabled. A Formatter renders a Report in one output format; Lookup finds
// the formatter for a format name and Formats lists the names.
//
// Every format is deterministic: files are printed in path order and the
// findings of a file in rules.Finding.Less order, whatever order the caller
// passed them in; the caller's slices are never modified.
//
// Findings are normalised on the way: File becomes the FileResult's Path,
// a zero EndLine becomes Line, an EndColumn without a Column (or before
// it) is dropped, and an invalid severity is reported as a warning.
// Columns are 1-based and count Unicode code points; EndColumn is the
// column just past the span, as in SARIF.
//
// Paths: text, json, checkstyle and junit print a file's path as the user
// named it (standard input stays "-"). sarif, github and gitlab print it
// relative to Report.BaseDir with forward slashes when the file is under
// it, because code-scanning services resolve paths against the repository
// root; SARIF names standard input "stdin".
package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dflint/dflint/rules"
)

// Report is the outcome of one lint run.
type Report struct {
	// ToolVersion is dflint's version, e.g. "1.2.0".
	ToolVersion string
	// Files are the results per file. The caller sorts them by path; the
	// formatters sort a copy again, so any order works.
	Files []*FileResult
	// Rules are all the rules that were enabled for the run; SARIF lists
	// them as driver.rules. Findings refer to them by RuleID.
	Rules []*rules.Rule
	// BaseDir is the directory that SARIF, GitHub and GitLab paths are made
	// relative to (usually the repository root). Empty means the current
	// directory.
	BaseDir string
}

// FileResult is what linting one file produced.
type FileResult struct {
	// Path is the file's path as the user named it ("-" for standard
	// input). It is authoritative: the findings are printed under it.
	Path string
	// Lines are the file's source lines without line terminators, or nil
	// when they are not available. The text format shows them as snippets
	// and fingerprints are computed from them.
	Lines []string
	// Findings are the problems found in the file.
	Findings []rules.Finding
	// Err is set when the file could not be read or parsed; Findings is
	// then empty.
	Err *FileError
}

// FileError says why a file could not be linted.
type FileError struct {
	Path    string
	Line    int // 1-based; 0 when the error has no line
	Message string
}

// Error returns "path:line: message", or "path: message" without a line.
func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Message)
}

// Options tune the human-oriented formats.
type Options struct {
	// Color turns on ANSI colors (text format only).
	Color bool
	// Quiet leaves out the summary line (text and github formats).
	Quiet bool
}

// Formatter writes r to w in one format.
type Formatter func(w io.Writer, r *Report, opts Options) error

var formatters = map[string]Formatter{
	"text":       writeText,
	"json":       writeJSON,
	"sarif":      writeSARIF,
	"github":     writeGitHub,
	"gitlab":     writeGitLab,
	"checkstyle": writeCheckstyle,
	"junit":      writeJUnit,
}

// Formats returns the names of the output formats, sorted.
func Formats() []string {
	names := make([]string, 0, len(formatters))
	for name := range formatters {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Lookup returns the formatter for a format name (case-insensitive).
func Lookup(format string) (Formatter, error) {
	if f, ok := formatters[strings.ToLower(strings.TrimSpace(format))]; ok {
		return f, nil
	}
	return nil, fmt.Errorf("unknown output format %q (valid formats: %s)", format, strings.Join(Formats(), ", "))
}

// file is a FileResult prepared for printing: sorted findings whose File
// is the result's path and whose End fields are filled in.
type file struct {
	Path     string
	Lines    []string
	Findings []rules.Finding
	Err      *FileError
}

// prepare returns the files of r sorted by path, each with its findings
// copied, normalised and sorted. A nil report has no files.
func prepare(r *Report) []*file {
	if r == nil {
		return nil
	}
	out := make([]*file, 0, len(r.Files))
	for _, fr := range r.Files {
		if fr == nil {
			continue
		}
		f := &file{Path: fr.Path, Lines: fr.Lines}
		if fr.Err != nil {
			e := *fr.Err
			e.Path = fr.Path // the result's path is authoritative
			e.Line = max(e.Line, 0)
			f.Err = &e
		}
		f.Findings = make([]rules.Finding, len(fr.Findings))
		for i, fd := range fr.Findings {
			fd.File = fr.Path
			fd.Line = max(fd.Line, 0)
			if !fd.Severity.Valid() {
				fd.Severity = rules.SeverityWarning
			}
			if fd.EndLine < fd.Line {
				fd.EndLine = fd.Line
			}
			if fd.Column <= 0 || (fd.EndLine == fd.Line && fd.EndColumn < fd.Column) {
				fd.EndColumn = 0 // unknown rather than inverted
			}
			if fd.Column < 0 {
				fd.Column = 0
			}
			f.Findings[i] = fd
		}
		slices.SortStableFunc(f.Findings, func(a, b rules.Finding) int {
			switch {
			case a.Less(b):
				return -1
			case b.Less(a):
				return 1
			}
			return 0
		})
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b *file) int { return cmp.Compare(a.Path, b.Path) })
	return out
}

// counts summarises a run.
type counts struct {
	Files        int // files in the report
	WithFindings int // files with at least one finding
	Failed       int // files that could not be linted
	Problems     int
	BySeverity   map[rules.Severity]int
}

func count(files []*file) counts {
	c := counts{Files: len(files), BySeverity: map[rules.Severity]int{}}
	for _, f := range files {
		if f.Err != nil {
			c.Failed++
		}
		if len(f.Findings) > 0 {
			c.WithFindings++
		}
		for _, fd := range f.Findings {
			c.Problems++
			c.BySeverity[fd.Severity]++
		}
	}
	return c
}

// plural returns "1 file" or "n files".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// summaryLine is the text format's last line:
//
//	5 problems (1 error, 2 warnings, 1 info, 1 style) in 2 files
//	5 problems (...) in 2 files, 1 file could not be linted
//	no problems in 3 files
//	no problems in 2 files, 1 file could not be linted
//	2 files could not be linted
//	no files linted
//
// "in N files" counts the files with findings; with no problems it counts
// the files that were linted successfully.
func summaryLine(c counts) string {
	var parts []string
	switch ok := c.Files - c.Failed; {
	case c.Problems > 0:
		parts = append(parts, fmt.Sprintf("%s (%s, %s, %d info, %d style) in %s",
			plural(c.Problems, "problem", "problems"),
			plural(c.BySeverity[rules.SeverityError], "error", "errors"),
			plural(c.BySeverity[rules.SeverityWarning], "warning", "warnings"),
			c.BySeverity[rules.SeverityInfo], c.BySeverity[rules.SeverityStyle],
			plural(c.WithFindings, "file", "files")))
	case ok > 0:
		parts = append(parts, "no problems in "+plural(ok, "file", "files"))
	case c.Failed == 0:
		return "no files linted"
	}
	if c.Failed > 0 {
		parts = append(parts, plural(c.Failed, "file", "files")+" could not be linted")
	}
	return strings.Join(parts, ", ")
}

// rulesByID indexes the report's rules.
func rulesByID(r *Report) map[string]*rules.Rule {
	m := map[string]*rules.Rule{}
	if r == nil {
		return m
	}
	for _, rl := range r.Rules {
		if rl != nil {
			m[rl.ID] = rl
		}
	}
	return m
}

// relPath returns path relative to r.BaseDir with forward slashes, and
// whether it is relative. A path outside BaseDir is made absolute; with no
// BaseDir a relative path is taken as relative to the current directory,
// which is assumed to be the source root. Standard input ("-") is returned
// unchanged and not relative.
func relPath(r *Report, path string) (string, bool) {
	if path == "-" {
		return "-", false
	}
	base := ""
	if r != nil {
		base = r.BaseDir
	}
	if base == "" {
		if filepath.IsAbs(path) {
			return filepath.ToSlash(filepath.Clean(path)), false
		}
		clean := filepath.ToSlash(filepath.Clean(path))
		if clean != ".." && !strings.HasPrefix(clean, "../") {
			return clean, true
		}
	}
	absPath, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path), !filepath.IsAbs(path)
	}
	if base != "" {
		if absBase, err := filepath.Abs(base); err == nil {
			if rel, err := filepath.Rel(absBase, absPath); err == nil {
				rel = filepath.ToSlash(rel)
				if rel != ".." && !strings.HasPrefix(rel, "../") && !filepath.IsAbs(rel) {
					return rel, true
				}
			}
		}
	}
	return filepath.ToSlash(absPath), false
}

// sourceLine returns line n (1-based) of lines and whether it exists.
func sourceLine(lines []string, n int) (string, bool) {
	if n < 1 || n > len(lines) {
		return "", false
	}
	return strings.TrimSuffix(lines[n-1], "\r"), true
}

// lineKey is what fingerprints hash for a finding: the trimmed text of its
// first source line, so the fingerprint survives the line moving, or the
// message when the source is not available.
func lineKey(f *file, fd rules.Finding) string {
	if text, ok := sourceLine(f.Lines, fd.Line); ok {
		return "line:" + strings.TrimSpace(text)
	}
	return "message:" + fd.Message
}

// hashHex returns the hex SHA-256 of the parts joined by NUL bytes.
func hashHex(parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		io.WriteString(h, p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// occurrences numbers repeated keys: the first call for a key returns 1,
// the next 2, and so on.
type occurrences map[string]int

func (o occurrences) next(key string) int {
	o[key]++
	return o[key]
}
