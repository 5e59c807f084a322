package buildctx

import (
	"os"
	"path"
	"slices"
	"strings"

	"github.com/moby/patternmatcher"
)

// maxSecretDepth is how deep Secrets looks: a file directly in the context
// is at depth 1, "a/b/c/d" at depth 4.
const maxSecretDepth = 4

// skippedDirs are never entered by the Secrets walk.
var skippedDirs = map[string]bool{"node_modules": true, "vendor": true, ".git": true}

// Secrets returns the secret-looking files that the build context sends to
// the builder (present and not excluded by the ignore file), relative and
// sorted:
//
//   - ".env" and ".env.*", except ".env.example", ".env.sample",
//     ".env.template" and ".env.dist";
//   - "*.pem", "*.key", "*.p12", "*.pfx", "*.tfstate" (extension in any case);
//   - "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519" (not the ".pub" halves);
//   - ".npmrc", ".pypirc", ".netrc";
//   - ".aws/credentials" and ".docker/config.json", in any directory.
//
// Only regular files count: a directory of such a name (".env" is often a
// virtualenv) and a symlink (sent as a link, without its target's content)
// do not. ".git" is reported by GitPresent instead.
//
// The walk never follows symlinks, looks at most maxSecretDepth levels
// deep and at maxWalkEntries entries (see SecretsTruncated), never enters
// node_modules, vendor or .git, and skips excluded directories exactly when
// BuildKit's context sender does (when no exception pattern could
// re-include anything inside them). It runs once per Context.
func (c *Context) Secrets() []string {
	c.secretsOnce.Do(c.scanSecrets)
	return slices.Clone(c.secrets)
}

// SecretsTruncated reports whether the Secrets walk stopped at its entry
// bound before seeing the whole context (to the depth it looks at).
func (c *Context) SecretsTruncated() bool {
	c.secretsOnce.Do(c.scanSecrets)
	return c.secretsTruncated
}

func (c *Context) scanSecrets() {
	pm := c.matcher()
	defer c.release(pm)
	budget := c.walkLimit
	var walk func(dir string, depth int, info patternmatcher.MatchInfo) bool
	walk = func(dir string, depth int, info patternmatcher.MatchInfo) bool {
		entries, err := os.ReadDir(c.abs(dir))
		if err != nil {
			return true
		}
		for _, e := range entries {
			if budget <= 0 {
				return false
			}
			budget--
			rel := join(dir, e.Name())
			excluded, cinfo := senderExcluded(pm, rel, info)
			switch {
			case e.IsDir():
				if skippedDirs[e.Name()] || depth >= maxSecretDepth || (excluded && c.skippable(rel)) {
					continue
				}
				if !walk(rel, depth+1, cinfo) {
					return false
				}
			case e.Type().IsRegular():
				if !excluded && secretName(rel) {
					c.secrets = append(c.secrets, rel)
				}
			}
		}
		return true
	}
	c.secretsTruncated = !walk(".", 1, patternmatcher.MatchInfo{})
	slices.Sort(c.secrets)
}

// secretName reports whether the file at the relative path rel has a
// secret-looking name.
func secretName(rel string) bool {
	dir, name := path.Split(rel)
	switch name {
	case ".env", ".npmrc", ".pypirc", ".netrc", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519":
		return true
	case ".env.example", ".env.sample", ".env.template", ".env.dist":
		return false
	case "credentials":
		return path.Base(dir) == ".aws"
	case "config.json":
		return path.Base(dir) == ".docker"
	}
	if strings.HasPrefix(name, ".env.") {
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".pem", ".key", ".p12", ".pfx", ".tfstate":
		return true
	}
	return false
}
