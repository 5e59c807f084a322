package buildctx

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// DefaultIgnoreName is the name of the ignore file at the root of a context.
const DefaultIgnoreName = ".dockerignore"

// MaxIgnoreFileSize is the largest ignore file BuildKit accepts (containerd's
// default gRPC message size, which BuildKit's frontend ReadFile enforces).
const MaxIgnoreFileSize = 16 << 20

// Pattern is one pattern of the ignore file in effect.
type Pattern struct {
	// Text is the pattern as BuildKit uses it: cleaned, slash-separated,
	// leading "/" removed, without the "!" of an exception.
	Text string
	// Line is the 1-based line of the pattern in the ignore file.
	Line int
	// Exclusion is true for an exception ("!pattern"), which re-includes
	// paths that earlier patterns excluded.
	Exclusion bool
}

// String returns the pattern as ignorefile.ReadAll yields it ("!" prefixed
// for an exception).
func (p Pattern) String() string {
	if p.Exclusion {
		return "!" + p.Text
	}
	return p.Text
}

// findIgnoreFileWith returns the absolute path of the ignore file in effect for
// the Dockerfile at dockerfilePath in the context dir (both absolute or
// empty), or "" when there is none. See the package documentation for the
// precedence. The answer for "<dir>/.dockerignore" may be remembered in m
// (see locateMemo).
func findIgnoreFileWith(dir, dockerfilePath string, m *locateMemo) (string, error) {
	if dockerfilePath != "" {
		dfDir, base := filepath.Split(dockerfilePath)
		if base != "" && base != "." && base != ".." && base != string(filepath.Separator) {
			candidates := [2]string{filepath.Join(dfDir, base+DefaultIgnoreName)}
			if base == "dockerfile" {
				candidates[1] = filepath.Join(dfDir, "Dockerfile"+DefaultIgnoreName)
			}
			for _, p := range candidates {
				if p == "" {
					continue
				}
				ok, err := usableIgnoreFile(p)
				if err != nil {
					return "", err
				}
				if ok {
					return p, nil
				}
			}
		}
	}
	p := filepath.Join(dir, DefaultIgnoreName)
	ok, err := m.dirIgnore(dir, p)
	if err != nil {
		return "", err
	}
	if ok {
		return p, nil
	}
	return "", nil
}

// usableIgnoreFile reports whether p is an ignore file BuildKit would read:
// missing files and directories are not; an unreadable path or a special
// file (which could block a reader) is an error.
func usableIgnoreFile(p string) (bool, error) {
	fi, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return false, nil
		}
		return false, fmt.Errorf("ignore file %s: %w", p, err)
	}
	if fi.IsDir() {
		return false, nil
	}
	if !fi.Mode().IsRegular() {
		return false, fmt.Errorf("ignore file %s: not a regular file", p)
	}
	return true, nil
}

// readIgnoreFile reads and parses the ignore file at p.
func readIgnoreFile(p string) (raw []string, pats []Pattern, err error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, nil, fmt.Errorf("read ignore file: %w", err)
	}
	defer f.Close()
	// Like BuildKit, refuse on the reported size before reading, and bound
	// the read in case the size was wrong.
	if fi, err := f.Stat(); err == nil && fi.Size() > MaxIgnoreFileSize {
		return nil, nil, fmt.Errorf("ignore file %s exceeds maximum allowed size of %d bytes", p, MaxIgnoreFileSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxIgnoreFileSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read ignore file %s: %w", p, err)
	}
	if len(data) > MaxIgnoreFileSize {
		return nil, nil, fmt.Errorf("ignore file %s exceeds maximum allowed size of %d bytes", p, MaxIgnoreFileSize)
	}
	return parseIgnore(p, data)
}

// parseIgnore parses the content of an ignore file named name (for errors).
func parseIgnore(name string, data []byte) (raw []string, pats []Pattern, err error) {
	raw, err = ignorefile.ReadAll(bytes.NewReader(data))
	if err != nil {
		return nil, nil, fmt.Errorf("parse ignore file %s: %w", name, err)
	}
	if _, err := patternmatcher.New(raw); err != nil {
		return nil, nil, fmt.Errorf("parse ignore file %s: %w", name, err)
	}
	if len(raw) == 0 {
		return nil, nil, nil
	}
	lines := patternLines(data)
	pats = make([]Pattern, len(raw))
	for i, r := range raw {
		p := Pattern{Text: r}
		if strings.HasPrefix(r, "!") {
			p.Exclusion = true
			p.Text = r[1:]
		}
		if len(lines) == len(raw) {
			p.Line = lines[i]
		}
		if strings.ContainsAny(p.Text, `\[]`) {
			if err := checkCompiles(p); err != nil {
				where := name
				if p.Line > 0 {
					where = fmt.Sprintf("%s:%d", name, p.Line)
				}
				return nil, nil, fmt.Errorf("parse ignore file %s: pattern %q: %w", where, p.String(), err)
			}
		}
		pats[i] = p
	}
	return raw, pats, nil
}

// patternLines returns the 1-based line number of every line that
// ignorefile.ReadAll turns into a pattern. It splits lines the same way
// (bufio.Scanner, so CRLF endings are handled), strips a UTF-8 BOM from the
// first line, and keeps lines that neither start with "#" nor are blank.
func patternLines(data []byte) []int {
	var lines []int
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		b := sc.Bytes()
		if n == 0 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		n++
		if bytes.HasPrefix(b, []byte("#")) || len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		lines = append(lines, n)
	}
	return lines
}

// checkCompiles makes patternmatcher compile p, which patternmatcher.New
// does not do (it only checks the filepath.Match syntax); BuildKit's
// context sender fails on a pattern that does not compile (for example
// `a\q`, whose `\q` is no valid regexp escape). patternmatcher escapes
// every other regexp metacharacter, so only patterns holding a backslash
// or a bracket can fail, and only those are checked.
func checkCompiles(p Pattern) error {
	// The pattern is tested as an inclusion in a matcher of its own. A text
	// starting with "!" (from a "!!x" line) cannot be written as an
	// inclusion, so it is tested as the exception after "**".
	list := []string{p.Text}
	if strings.HasPrefix(p.Text, "!") {
		list = []string{"**", "!" + p.Text}
	}
	pm, err := patternmatcher.New(list)
	if err != nil {
		return err
	}
	_, err = pm.MatchesOrParentMatches("x")
	return err
}
