package buildctx

import (
	"os"
	"path"
	"slices"
	"strings"
)

// MaxMatches caps Source.Matches.
const MaxMatches = 1000

// Source describes a COPY/ADD source of the build context.
type Source struct {
	// Pattern is the normalised source: the path as BuildKit resolves it
	// inside the context, slash-separated and relative ("." for the root).
	Pattern string
	// Matches are the existing context paths the source matches (relative,
	// sorted): for a plain path, the path itself when it exists; for a
	// wildcard, every match. At most MaxMatches.
	Matches []string
	// Truncated is true when more than MaxMatches paths matched.
	Truncated bool
	// Exists is true when at least one match exists on disk.
	Exists bool
	// AllIgnored is true when Exists and the build gets none of it: every
	// match is ignored, and the context sender transfers nothing inside any
	// matched directory either (an exception such as "!dir/keep" keeps dir
	// alive). The root "." is never ignored itself; it counts as ignored
	// when it has entries and the ignore file excludes every one of them
	// (COPY . then copies nothing).
	AllIgnored bool
	// Ignored are the matches that Ignored reports as ignored.
	Ignored []string
	// Wildcard is true when the source holds an unescaped *, ? or [.
	Wildcard bool
	// Escapes is true when the source as written climbs above the context
	// root ("../x"). BuildKit does not fail on it: it resolves the source
	// inside the context (path.Join("/", src)), so "../x" means "x", and
	// Pattern and Matches say so.
	Escapes bool
}

// Resolve describes a COPY/ADD source as written in the Dockerfile, after
// variable expansion. The caller leaves out URLs, git sources and sources
// from other stages or named contexts. As BuildKit's Dockerfile frontend
// does, the source is made absolute inside the context (path.Join("/",
// src)); as fsutil's copy does, a source with an unescaped *, ? or [ is
// split before its first wildcard segment, and the rest is matched with
// path.Match one segment at a time, without following symlinks below the
// split. A directory source covers everything under it.
//
// The matches are taken from the disk, ignored or not; Ignored and
// AllIgnored then tell what the ignore file does to them (at build time
// BuildKit only sees what was sent, so an ignored plain source is "not
// found" and an ignored wildcard match is silently left out).
//
// Answers are memoised per pattern: several rules resolve the same sources,
// and the Dockerfiles sharing a context often copy the same paths.
func (c *Context) Resolve(src string) Source {
	s, _ := c.ResolveDir(src)
	return s
}

// ResolveDir is Resolve, and also reports whether one of the matches other
// than the root "." is a directory (not following symbolic links), which
// Resolve learns from the disk anyway: a caller need not stat them again.
func (c *Context) ResolveDir(src string) (Source, bool) {
	pattern := src
	if src == "" || src[0] == '/' || path.Clean(src) != src || escapes(src) {
		pattern = strings.TrimPrefix(path.Join("/", src), "/")
	} // else a clean relative path inside the context (the usual case) is its own pattern
	if pattern == "" {
		pattern = "."
	}
	var r resolvedSource
	if v, ok := c.resolved.Load(pattern); ok {
		r = *v.(*resolvedSource)
	} else {
		r = c.resolve(pattern)
		if c.memoized.Add(1) <= maxMemo {
			m := r
			c.resolved.Store(pattern, &m)
		}
	}
	s := r.Source
	// The memo's slices are shared: give every caller its own.
	s.Matches, s.Ignored = slices.Clone(s.Matches), slices.Clone(s.Ignored)
	s.Escapes = escapes(src)
	return s, r.anyDir
}

// resolvedSource is a memoised answer of ResolveDir.
type resolvedSource struct {
	Source
	anyDir bool
}

// resolve computes ResolveDir for a clean pattern, except Escapes.
func (c *Context) resolve(pattern string) resolvedSource {
	r := resolvedSource{Source: Source{Pattern: pattern}}
	s := &r.Source
	s.Wildcard = containsWildcards(s.Pattern)
	if s.Wildcard {
		s.Matches, s.Truncated, r.anyDir = c.expand(s.Pattern)
	} else if fi, err := os.Lstat(c.abs(s.Pattern)); err == nil {
		s.Matches = []string{s.Pattern}
		r.anyDir = s.Pattern != "." && fi.IsDir()
	}
	s.Exists = len(s.Matches) > 0
	if !s.Exists {
		return r
	}

	pm := c.matcher()
	defer c.release(pm)
	all := true
	for _, m := range s.Matches {
		ig := m != "." && len(c.raw) > 0 && c.ignored(m, pm)
		if ig {
			s.Ignored = append(s.Ignored, m)
		}
		if !all {
			continue
		}
		switch {
		case m == ".":
			all = len(c.raw) > 0 && c.rootAllExcluded(pm)
		case !ig:
			all = false
		default:
			if v, ok := c.sent.Load(m); ok {
				all = !v.(bool)
			} else {
				v := c.sentWith(pm, m)
				c.memoize(&c.sent, m, v)
				all = !v
			}
		}
	}
	s.AllIgnored = all && !s.Truncated
	return r
}

// escapes reports whether the relative source src climbs out of its root.
func escapes(src string) bool {
	if strings.HasPrefix(src, "/") {
		return false
	}
	p := path.Clean(src)
	return p == ".." || strings.HasPrefix(p, "../")
}

// containsWildcards reports whether name holds an unescaped *, ? or [, as
// BuildKit's Dockerfile frontend and fsutil's copy decide it.
func containsWildcards(name string) bool {
	for i := 0; i < len(name); i++ {
		switch name[i] {
		case '\\':
			i++
		case '*', '?', '[':
			return true
		}
	}
	return false
}

// expand returns the existing paths that the clean wildcard pattern p
// matches, sorted, at most MaxMatches of them, and whether one of them is
// a directory.
func (c *Context) expand(p string) (matches []string, truncated, anyDir bool) {
	segs := strings.Split(p, "/")
	first := 0
	for first < len(segs) && !containsWildcards(segs[first]) {
		first++
	}
	base := "."
	if first > 0 {
		base = strings.Join(segs[:first], "/")
	}
	var walk func(dir string, i int) bool
	walk = func(dir string, i int) bool {
		seg := segs[i]
		last := i == len(segs)-1
		if !containsWildcards(seg) && !strings.Contains(seg, `\`) {
			// A literal segment: no need to list the directory.
			rel := join(dir, seg)
			fi, err := os.Lstat(c.abs(rel))
			if err != nil {
				return true
			}
			if last {
				if !add(&matches, rel) {
					return false
				}
				anyDir = anyDir || fi.IsDir()
				return true
			}
			if fi.IsDir() {
				return walk(rel, i+1)
			}
			return true
		}
		entries, err := os.ReadDir(c.abs(dir))
		if err != nil {
			return true
		}
		for _, e := range entries {
			if ok, _ := path.Match(seg, e.Name()); !ok {
				continue
			}
			rel := join(dir, e.Name())
			if last {
				if !add(&matches, rel) {
					return false
				}
				anyDir = anyDir || e.IsDir()
			} else if e.IsDir() && !walk(rel, i+1) {
				return false
			}
		}
		return true
	}
	truncated = !walk(base, first)
	slices.Sort(matches)
	return matches, truncated, anyDir
}

// add appends rel to the matches and reports whether there is room for
// more.
func add(matches *[]string, rel string) bool {
	if len(*matches) >= MaxMatches {
		return false
	}
	*matches = append(*matches, rel)
	return true
}

func join(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}
