package buildctx

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/moby/patternmatcher"
)

// Context is a build context directory together with the ignore file in
// effect. It is safe for concurrent use.
type Context struct {
	dir        string
	ignoreFile string
	patterns   []Pattern
	raw        []string // patterns as ignorefile.ReadAll returned them

	// patternmatcher.PatternMatcher compiles its patterns lazily and is not
	// safe for concurrent use, so every caller borrows one of its own from
	// this free list. Unlike a sync.Pool, it is not emptied by the garbage
	// collector, so compiled matchers are kept.
	matchers chan *patternmatcher.PatternMatcher

	// What fsutil's filter walk (the context sender) needs to decide whether
	// an excluded directory is skipped without being opened.
	prefixOnlyExceptions bool     // fsutil's onlyPrefixExcludeExceptions
	exceptionPrefixes    []string // exception patterns minus trailing /* or /**, plus "/"
	hasExceptions        bool

	// Memoised answers (clean rel -> bool); a monorepo asks the same
	// questions for every Dockerfile that shares the context. At most
	// maxMemo entries are kept.
	ignoredMemo sync.Map
	sent        sync.Map
	resolved    sync.Map // clean pattern -> *resolvedSource (Escapes unset)
	memoized    atomic.Int64

	walkLimit int // entries a walk may look at: maxWalkEntries (tests lower it)

	secretsOnce      sync.Once
	secrets          []string
	secretsTruncated bool

	gitOnce    sync.Once
	gitPresent bool
}

// Load returns the build context rooted at dir for the Dockerfile at
// dockerfilePath ("" or "-" for standard input). The ignore file in effect
// is "<Dockerfile base name>.dockerignore" beside the Dockerfile when it
// exists, else "<dir>/.dockerignore" (see the package documentation). A
// missing ignore file is not an error; an unreadable, oversized or
// unparsable one is, and so is a dir that is not a directory.
func Load(dir, dockerfilePath string) (*Context, error) {
	absDir, ignore, err := locate(dir, dockerfilePath)
	if err != nil {
		return nil, err
	}
	return build(absDir, ignore)
}

// locate resolves the context directory and the ignore file in effect.
func locate(dir, dockerfilePath string) (absDir, ignore string, err error) {
	return locateWith(dir, dockerfilePath, nil)
}

// locateWith is locate, with the answers that only depend on the context
// directory (is it a directory, its .dockerignore) taken from m when m is
// not nil: the Dockerfiles of a tree mostly share a handful of contexts,
// and each answer is a system call or two.
func locateWith(dir, dockerfilePath string, m *locateMemo) (absDir, ignore string, err error) {
	if dir == "" {
		dir = "."
	}
	absDir, err = filepath.Abs(dir)
	if err != nil {
		return "", "", fmt.Errorf("context directory %s: %w", dir, err)
	}
	if err := m.dirCheck(absDir); err != nil {
		return "", "", err
	}
	var df string
	if dockerfilePath != "" && dockerfilePath != "-" {
		if !filepath.IsAbs(dockerfilePath) && filepath.Dir(dockerfilePath) == filepath.Clean(dir) {
			// The usual layout, a Dockerfile in its context: no second
			// look at the working directory.
			df = filepath.Join(absDir, filepath.Base(dockerfilePath))
		} else if df, err = filepath.Abs(dockerfilePath); err != nil {
			return "", "", fmt.Errorf("dockerfile %s: %w", dockerfilePath, err)
		}
	}
	ignore, err = findIgnoreFileWith(absDir, df, m)
	if err != nil {
		return "", "", err
	}
	return absDir, ignore, nil
}

// checkDir reports why absDir cannot be a context directory, or nil.
func checkDir(absDir string) error {
	fi, err := os.Stat(absDir)
	if err != nil {
		return fmt.Errorf("context directory: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("context directory %s: not a directory", absDir)
	}
	return nil
}

// locateMemo remembers, for a Cache, the answers of locate that depend on
// the context directory only. A nil *locateMemo remembers nothing.
type locateMemo struct {
	mu     sync.Mutex
	dirs   map[string]error        // absolute directory -> checkDir
	ignore map[string]ignoreAnswer // absolute directory -> its .dockerignore
}

type ignoreAnswer struct {
	usable bool
	err    error
}

func (m *locateMemo) dirCheck(absDir string) error {
	if m == nil {
		return checkDir(absDir)
	}
	m.mu.Lock()
	err, ok := m.dirs[absDir]
	m.mu.Unlock()
	if ok {
		return err
	}
	err = checkDir(absDir)
	m.mu.Lock()
	if m.dirs == nil {
		m.dirs = make(map[string]error)
	}
	m.dirs[absDir] = err
	m.mu.Unlock()
	return err
}

// dirIgnore is usableIgnoreFile for "<absDir>/.dockerignore", p.
func (m *locateMemo) dirIgnore(absDir, p string) (bool, error) {
	if m == nil {
		return usableIgnoreFile(p)
	}
	m.mu.Lock()
	a, ok := m.ignore[absDir]
	m.mu.Unlock()
	if ok {
		return a.usable, a.err
	}
	a.usable, a.err = usableIgnoreFile(p)
	m.mu.Lock()
	if m.ignore == nil {
		m.ignore = make(map[string]ignoreAnswer)
	}
	m.ignore[absDir] = a
	m.mu.Unlock()
	return a.usable, a.err
}

// build loads the Context for an already located directory and ignore file.
func build(absDir, ignore string) (*Context, error) {
	c := &Context{dir: absDir, ignoreFile: ignore, prefixOnlyExceptions: true, walkLimit: maxWalkEntries}
	if ignore != "" {
		raw, pats, err := readIgnoreFile(ignore)
		if err != nil {
			return nil, err
		}
		c.raw, c.patterns = raw, pats
	}
	for _, p := range c.patterns {
		if !p.Exclusion {
			continue
		}
		c.hasExceptions = true
		// fsutil (filter.go): an exception whose text, after a trailing
		// "/**" and then a trailing "/*" are cut, still holds one of
		// `*[]?^\` may re-include anything anywhere, so excluded
		// directories must then always be walked.
		t := strings.TrimSuffix(strings.TrimSuffix(p.Text, "/**"), "/*")
		if strings.ContainsAny(t, `*[]?^\`) {
			c.prefixOnlyExceptions = false
		}
		c.exceptionPrefixes = append(c.exceptionPrefixes, t+"/")
	}
	if len(c.raw) > 0 {
		c.matchers = make(chan *patternmatcher.PatternMatcher, max(4, runtime.GOMAXPROCS(0)))
	}
	return c, nil
}

// Dir returns the absolute path of the context directory.
func (c *Context) Dir() string { return c.dir }

// IgnoreFile returns the absolute path of the ignore file in effect, or ""
// when there is none.
func (c *Context) IgnoreFile() string { return c.ignoreFile }

// Patterns returns the patterns of the ignore file in effect, in file order.
func (c *Context) Patterns() []Pattern { return slices.Clone(c.patterns) }

// HasExclusions reports whether the ignore file has exception ("!")
// patterns. BuildKit's CopyIgnoredFile check stays silent in that case.
func (c *Context) HasExclusions() bool { return c.hasExceptions }

// matcher borrows a pattern matcher; it returns nil when there are no
// patterns. Give it back with release.
func (c *Context) matcher() *patternmatcher.PatternMatcher {
	if len(c.raw) == 0 {
		return nil
	}
	select {
	case pm := <-c.matchers:
		return pm
	default:
	}
	pm, err := patternmatcher.New(c.raw)
	if err != nil { // parseIgnore accepted these patterns; cannot happen
		panic(err)
	}
	return pm
}

func (c *Context) release(pm *patternmatcher.PatternMatcher) {
	if pm == nil {
		return
	}
	select {
	case c.matchers <- pm:
	default: // enough spare matchers already
	}
}

// normalize turns a slash-separated path relative to the context into its
// clean form ("." for the root). A leading "/" is taken as the context
// root; ok is false for a relative path that climbs out of the context.
func normalize(rel string) (clean string, ok bool) {
	if strings.HasPrefix(rel, "/") {
		clean = strings.TrimPrefix(path.Clean(rel), "/")
		if clean == "" {
			clean = "."
		}
		return clean, true
	}
	clean = path.Clean(rel)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return clean, false
	}
	return clean, true
}

// Ignored reports whether BuildKit would leave rel out of the context
// according to the ignore file. rel is slash-separated and relative to Dir;
// a leading "/" or "./" is tolerated. The root "." is never ignored, and
// neither is a path that climbs out of the context ("../x"), which is not
// in it to begin with. The answer is patternmatcher's
// MatchesOrParentMatches, as BuildKit's CopyIgnoredFile check uses it; it
// does not look at the disk.
func (c *Context) Ignored(rel string) bool {
	p, ok := normalize(rel)
	if !ok || p == "." || len(c.raw) == 0 {
		return false
	}
	return c.ignored(p, nil)
}

// maxMemo bounds the memoised answers of a Context.
const maxMemo = 1 << 16

// memoize stores v for key in m unless the memo is full.
func (c *Context) memoize(m *sync.Map, key string, v bool) {
	if c.memoized.Add(1) <= maxMemo {
		m.Store(key, v)
	}
}

// ignored answers Ignored for a clean path other than the root, with pm
// when it is not nil, else with a borrowed matcher.
func (c *Context) ignored(p string, pm *patternmatcher.PatternMatcher) bool {
	if v, ok := c.ignoredMemo.Load(p); ok {
		return v.(bool)
	}
	if pm == nil {
		pm = c.matcher()
		defer c.release(pm)
	}
	v := ignoredWith(pm, p)
	c.memoize(&c.ignoredMemo, p, v)
	return v
}

func ignoredWith(pm *patternmatcher.PatternMatcher, p string) bool {
	if pm == nil || p == "." {
		return false
	}
	m, err := pm.MatchesOrParentMatches(p)
	return err == nil && m
}

// Exists reports whether rel exists in the context directory (os.Lstat, so
// a dangling symlink exists). Paths that climb out of the context ("../x")
// do not exist in it.
func (c *Context) Exists(rel string) bool {
	p, ok := normalize(rel)
	if !ok {
		return false
	}
	_, err := os.Lstat(c.abs(p))
	return err == nil
}

// abs returns the absolute path of the clean relative path p.
func (c *Context) abs(p string) string {
	if p == "." {
		return c.dir
	}
	return filepath.Join(c.dir, filepath.FromSlash(p))
}

// GitPresent reports whether "<dir>/.git" exists (a directory, or the file
// of a worktree or submodule). Whether it is sent to the builder is
// Sent(".git").
func (c *Context) GitPresent() bool {
	c.gitOnce.Do(func() {
		_, err := os.Lstat(filepath.Join(c.dir, ".git"))
		c.gitPresent = err == nil
	})
	return c.gitPresent
}
