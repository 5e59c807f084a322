package config

import (
	"errors"
	"path"
	"path/filepath"
	"strings"
)

// Globs in exclude and overrides.files are slash-separated paths relative
// to the config file's directory. Each segment is a path.Match pattern,
// except "**", which must be a whole segment and matches any number of
// segments (zero included). A glob that matches a directory also matches
// everything under it, so "vendor" and "vendor/**" are the same.

// cleanGlob validates a glob and returns it in canonical form (no "./",
// no doubled or trailing slashes).
func cleanGlob(g string) (string, error) {
	if strings.TrimSpace(g) == "" {
		return "", errors.New("empty pattern")
	}
	g = filepath.ToSlash(g)
	if strings.HasPrefix(g, "/") || filepath.IsAbs(g) {
		return "", errors.New("globs are relative to the config file's directory; remove the leading /")
	}
	g = path.Clean(g)
	for _, seg := range strings.Split(g, "/") {
		if seg == "**" {
			continue
		}
		if strings.Contains(seg, "**") {
			return "", errors.New(`"**" must be a whole path segment, as in "a/**/b"`)
		}
		if _, err := path.Match(seg, ""); err != nil {
			return "", errors.New("malformed pattern segment " + quote(seg))
		}
	}
	return g, nil
}

func quote(s string) string { return `"` + s + `"` }

// matchGlob reports whether the clean relative path rel, or a directory
// holding it, matches glob.
func matchGlob(glob, rel string) bool {
	pat := strings.Split(glob, "/")
	name := strings.Split(rel, "/")
	for k := len(name); k >= 1; k-- {
		if matchSegments(pat, name[:k]) {
			return true
		}
	}
	return false
}

func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			// Collapse runs of "**" and try every split.
			for len(pat) > 0 && pat[0] == "**" {
				pat = pat[1:]
			}
			if len(pat) == 0 {
				return true
			}
			for i := 0; i <= len(name); i++ {
				if matchSegments(pat, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// relPath returns p relative to dir in slash form, and false when p is
// standard input ("-") or lies outside dir.
func relPath(dir, p string) (string, bool) {
	if p == "" || p == "-" {
		return "", false
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", false
	}
	if dir == "" {
		if dir, err = filepath.Abs("."); err != nil {
			return "", false
		}
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false
	}
	return rel, true
}
