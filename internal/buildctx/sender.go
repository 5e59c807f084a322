package buildctx

import (
	"os"
	"strings"

	"github.com/moby/patternmatcher"
)

// maxWalkEntries bounds every walk of the context directory.
const maxWalkEntries = 20000

// The functions here reproduce how BuildKit's context sender (fsutil's
// filter walk, fed with the ignore file as ExcludePatterns) decides what to
// transfer:
//
//   - every path is matched with MatchesUsingParentResults, passing down the
//     MatchInfo of its parent directory;
//   - an excluded path is not sent; an excluded directory is nonetheless
//     walked unless skippable says the walk may skip it;
//   - a directory that is not itself sent still reaches the builder when
//     something inside it is sent.

// senderExcluded reports whether the sender excludes rel, given the match
// information of rel's parent directory.
func senderExcluded(pm *patternmatcher.PatternMatcher, rel string, parent patternmatcher.MatchInfo) (bool, patternmatcher.MatchInfo) {
	if pm == nil {
		return false, parent
	}
	m, info, err := pm.MatchesUsingParentResults(rel, parent)
	if err != nil {
		// parseIgnore compiled every pattern; keep going as "not excluded".
		return false, patternmatcher.MatchInfo{}
	}
	return m, info
}

// skippable reports whether the sender skips the excluded directory rel
// without opening it: only when every exception pattern is a plain path
// (possibly ending in /* or /**) and none of them lies inside rel.
func (c *Context) skippable(rel string) bool {
	if !c.prefixOnlyExceptions {
		return false
	}
	dirSlash := rel + "/"
	for _, p := range c.exceptionPrefixes {
		if strings.HasPrefix(p, dirSlash) {
			return false
		}
	}
	return true
}

// Sent reports whether BuildKit's context sender would transfer rel: rel
// exists (os.Lstat), and either it is not excluded, or it is a directory
// and something inside it is sent (the builder then creates the directory
// too). Unlike Ignored, which answers for a path string, Sent follows the
// sender, which also skips whole excluded directories. The root "." is
// always sent. Walks inside an excluded directory are bounded; when the
// bound is hit, Sent errs towards true.
func (c *Context) Sent(rel string) bool {
	p, ok := normalize(rel)
	if !ok {
		return false
	}
	if p == "." {
		return true
	}
	if v, ok := c.sent.Load(p); ok {
		return v.(bool)
	}
	pm := c.matcher()
	defer c.release(pm)
	v := c.sentWith(pm, p)
	c.memoize(&c.sent, p, v)
	return v
}

// sentWith computes Sent for a clean path other than the root.
func (c *Context) sentWith(pm *patternmatcher.PatternMatcher, p string) bool {
	fi, err := os.Lstat(c.abs(p))
	if err != nil {
		return false
	}
	info, visible := c.chain(pm, p)
	if !visible {
		return false
	}
	excluded, info := senderExcluded(pm, p, info)
	if !excluded {
		return true
	}
	if !fi.IsDir() || c.skippable(p) {
		return false
	}
	budget := c.walkLimit
	return c.anySent(pm, p, info, &budget)
}

// chain computes the sender's match information for the parent directory
// of p by matching each ancestor in turn. visible is false when the sender
// never reaches p because an ancestor is an excluded, skippable directory.
func (c *Context) chain(pm *patternmatcher.PatternMatcher, p string) (info patternmatcher.MatchInfo, visible bool) {
	if pm == nil {
		return info, true
	}
	for i := 0; i < len(p); i++ {
		if p[i] != '/' {
			continue
		}
		anc := p[:i]
		var excluded bool
		excluded, info = senderExcluded(pm, anc, info)
		if excluded && c.skippable(anc) {
			return info, false
		}
	}
	return info, true
}

// anySent reports whether the sender transfers anything inside the
// excluded directory dir, whose own match information is info. It answers
// true when the budget runs out, since it cannot tell.
func (c *Context) anySent(pm *patternmatcher.PatternMatcher, dir string, info patternmatcher.MatchInfo, budget *int) bool {
	entries, err := os.ReadDir(c.abs(dir))
	if err != nil {
		// The sender skips unreadable excluded directories.
		return false
	}
	for _, e := range entries {
		if *budget <= 0 {
			return true
		}
		*budget--
		rel := dir + "/" + e.Name()
		excluded, cinfo := senderExcluded(pm, rel, info)
		if !excluded {
			return true
		}
		if e.IsDir() && !c.skippable(rel) && c.anySent(pm, rel, cinfo, budget) {
			return true
		}
	}
	return false
}

// rootAllExcluded reports whether the context directory has entries and
// the sender transfers none of them (the root itself aside).
func (c *Context) rootAllExcluded(pm *patternmatcher.PatternMatcher) bool {
	if v, ok := c.sent.Load(rootKey); ok {
		return !v.(bool)
	}
	entries, err := os.ReadDir(c.dir)
	// An empty or unreadable root has nothing to exclude: count it as sent.
	v := err != nil || len(entries) == 0
	budget := c.walkLimit
	for _, e := range entries {
		if v {
			break
		}
		if budget <= 0 {
			v = true
			break
		}
		budget--
		excluded, info := senderExcluded(pm, e.Name(), patternmatcher.MatchInfo{})
		v = !excluded || (e.IsDir() && !c.skippable(e.Name()) && c.anySent(pm, e.Name(), info, &budget))
	}
	c.memoize(&c.sent, rootKey, v)
	return !v
}

// rootKey memoises rootAllExcluded in Context.sent; no clean path has a NUL.
const rootKey = "\x00root"
