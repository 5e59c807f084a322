package rules

// Helpers shared by the build-context rules (DF501-DF504): the local
// COPY/ADD sources of a Dockerfile, whole-context copies, where the build
// context probably really is, .gitignore hints and ignore-file pattern
// attribution. Every name here starts with "ctx" to keep clear of the
// other rule files of the package.

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/moby/patternmatcher"

	"github.com/dflint/dflint/internal/buildctx"
)

// ctxSource is one source of a COPY/ADD that reads the build context.
type ctxSource struct {
	// Raw is the source as written.
	Raw string
	// Arg is the index of the source in Instruction.Args, for LocateArg.
	Arg int
	// Path is the source after variable expansion, slash-separated; valid
	// only when Known.
	Path string
	// Known is false when the source cannot be resolved statically: an
	// unknown variable, a backslash outside a Windows stage, a drive letter.
	Known bool
	// Vars is true when the source as written refers to a variable.
	Vars bool
}

// ctxCopy is a COPY (without --from) or ADD instruction and its local
// sources; URL and git sources, heredocs and the destination are left out.
type ctxCopy struct {
	Inst    *Instruction
	Keyword string // "COPY" or "ADD"
	Sources []ctxSource
	// Excludes are the --exclude patterns, expanded; ExcludesKnown is false
	// when one of them could not be expanded.
	Excludes      []string
	ExcludesKnown bool
}

// ctxScpLike matches scp-style git remotes ("git@github.com:org/repo.git").
var ctxScpLike = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:`) })

// ctxRemote reports whether an ADD/COPY source names a URL or a git remote
// rather than a path in the build context.
func ctxRemote(src string) bool {
	if strings.Contains(src, "://") || strings.HasPrefix(src, "github.com/") {
		return true
	}
	return strings.Contains(src, "@") && strings.Contains(src, ":") && ctxScpLike().MatchString(src)
}

// ctxCopies returns the COPY/ADD instructions of f that read the build
// context, in file order. ONBUILD instructions are not included: they run
// in another build, with another context.
func ctxCopies(f *File) []ctxCopy {
	var out []ctxCopy
	for _, st := range f.Stages {
		for _, inst := range st.Instructions {
			var paths, excludes []string
			keyword := "ADD"
			if c := inst.Copy(); c != nil {
				if _, from := inst.Flag("from"); from || c.From != "" {
					continue
				}
				paths, excludes, keyword = c.SourcePaths, c.ExcludePatterns, "COPY"
			} else if a := inst.Add(); a != nil {
				paths, excludes = a.SourcePaths, a.ExcludePatterns
			} else {
				continue
			}
			cp := ctxCopy{Inst: inst, Keyword: keyword, ExcludesKnown: true}
			for _, e := range excludes {
				v, ok := inst.Expand(e)
				if !ok {
					cp.ExcludesKnown = false
					continue
				}
				cp.Excludes = append(cp.Excludes, v)
			}
			args := ctxSourceArgs(inst)
			for i, raw := range paths {
				if ctxRemote(raw) {
					continue
				}
				s := ctxSource{Raw: raw, Arg: -1, Vars: strings.Contains(raw, "$")}
				if i < len(args) {
					s.Arg = args[i]
				}
				s.Path, s.Known = ctxExpandSource(inst, raw)
				if s.Known && ctxRemote(s.Path) {
					continue
				}
				cp.Sources = append(cp.Sources, s)
			}
			out = append(out, cp)
		}
	}
	return out
}

// ctxSourceArgs maps the index of each non-heredoc source to its index in
// inst.Args (the words after the flags; the last one is the destination).
func ctxSourceArgs(inst *Instruction) []int {
	var idx []int
	for i := 0; i < len(inst.Args)-1; i++ {
		if strings.HasPrefix(inst.Args[i], "<<") {
			continue
		}
		idx = append(idx, i)
	}
	return idx
}

// ctxExpandSource expands a source and turns it into a slash-separated
// path. Windows stages accept backslashes as separators (when the escape
// character is not the backslash, which would have eaten them); elsewhere
// a backslash makes the source unknown, and so does a drive letter.
func ctxExpandSource(inst *Instruction, raw string) (string, bool) {
	v, ok := inst.Expand(raw)
	if !ok || v == "" {
		return "", false
	}
	if strings.Contains(v, `\`) {
		windows := inst.Stage != nil && inst.Stage.Windows
		if !windows || inst.File().Escape == '\\' {
			return "", false
		}
		v = strings.ReplaceAll(v, `\`, "/")
	}
	if hasDriveLetter(v) {
		return "", false
	}
	return v, true
}

// ctxWhole reports whether a resolved source copies the whole context:
// ".", "./", "/", or "*" (which matches dot files too).
func ctxWhole(p string) bool {
	if strings.HasPrefix(path.Clean(p), "..") {
		return false // climbs out: another rule's business
	}
	j := path.Join("/", p)
	return j == "/" || j == "/*"
}

// ctxShow quotes a source for messages, with its value when it was built
// from variables: "'${DOC}' (= 'README.md')".
func ctxShow(s ctxSource) string {
	if s.Known && s.Vars && s.Path != s.Raw {
		return "'" + s.Raw + "' (= '" + s.Path + "')"
	}
	return "'" + s.Raw + "'"
}

// ctxSpan is where to report a source.
func ctxSpan(inst *Instruction, s ctxSource) Span {
	if s.Arg >= 0 {
		return inst.LocateArg(s.Arg)
	}
	return inst.Locate(s.Raw)
}

// ctxStageNote names a non-final stage for messages (" in stage 'build'").
func ctxStageNote(f *File, inst *Instruction) string {
	s := inst.Stage
	if s == nil || s == f.FinalStage() {
		return ""
	}
	if s.Name != "" {
		return " in stage '" + s.Name + "'"
	}
	return " in stage " + strconv.Itoa(s.Index)
}

// ctxIgnoreName is the base name of the ignore file in effect, or
// ".dockerignore" when there is none.
func ctxIgnoreName(c *BuildContext) string {
	if c.IgnoreFile() == "" {
		return buildctx.DefaultIgnoreName
	}
	return filepath.Base(c.IgnoreFile())
}

// ctxDecidingPattern returns the last non-exception pattern of the ignore
// file that matches rel or one of its parents: the line that excludes it.
func ctxDecidingPattern(c *BuildContext, rel string) (buildctx.Pattern, bool) {
	pats := c.Patterns()
	for i := len(pats) - 1; i >= 0; i-- {
		p := pats[i]
		if p.Exclusion {
			continue
		}
		if ctxPatternMatches(p.Text, rel) {
			return p, true
		}
	}
	return buildctx.Pattern{}, false
}

// ctxPatternMatches reports whether the single .dockerignore pattern pat
// matches rel or one of its parents.
func ctxPatternMatches(pat, rel string) bool {
	pm, err := patternmatcher.New([]string{pat})
	if err != nil {
		return false
	}
	m, err := pm.MatchesOrParentMatches(rel)
	return err == nil && m
}

// ctxDescribePattern renders an ignore pattern and its line for messages.
func ctxDescribePattern(c *BuildContext, p buildctx.Pattern) string {
	if p.Line > 0 {
		return ctxIgnoreName(c) + " line " + strconv.Itoa(p.Line) + " ('" + p.Text + "')"
	}
	return ctxIgnoreName(c) + " pattern '" + p.Text + "'"
}

// ctxImplicit reports whether the context is the Dockerfile's own
// directory, which is what dflint assumes when no --context was given.
// Many projects build a Dockerfile kept in a subdirectory with the
// repository root as context (docker build -f sub/Dockerfile .), so rules
// that would blame a missing file must then look further up first.
func ctxImplicit(f *File) bool {
	if f.Context == nil || f.Path == "" || f.Path == "-" {
		return false
	}
	abs, err := filepath.Abs(f.Path)
	if err != nil {
		return false
	}
	return filepath.Dir(abs) == f.Context.Dir()
}

// ctxMaxAncestors bounds how far up ctxAncestors looks.
const ctxMaxAncestors = 6

// ctxAncestors returns the directories above dir that could be the real
// build context: up to the enclosing repository root (the first directory
// holding .git, included) and at most ctxMaxAncestors levels. A dir that
// is itself a repository root has none.
func ctxAncestors(dir string) []string {
	if ctxExists(filepath.Join(dir, ".git")) {
		return nil
	}
	var out []string
	for i := 0; i < ctxMaxAncestors; i++ {
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
		out = append(out, dir)
		if ctxExists(filepath.Join(dir, ".git")) {
			break
		}
	}
	return out
}

func ctxExists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// ctxInAncestor reports whether rel (relative to the context), or the
// directory holding it, exists relative to one of the context's
// ancestors, which suggests the Dockerfile is built with that ancestor as
// its context ("COPY src/api/main.go ." in src/api/Dockerfile).
func ctxInAncestor(f *File, rel string) bool {
	dir := path.Dir(rel)
	for _, a := range ctxAncestors(f.Context.Dir()) {
		if ctxExists(filepath.Join(a, filepath.FromSlash(rel))) {
			return true
		}
		if dir != "." && ctxExists(filepath.Join(a, filepath.FromSlash(dir))) {
			return true
		}
	}
	return false
}

// ctxGitignore answers whether a context path is ignored by git, from the
// .gitignore files of the context (at the root and in the path's parent
// directories) and of its ancestors up to the repository root. It is a
// hint, not git: only the patterns are read, in .dockerignore syntax after
// translation (an unanchored pattern matches at any depth).
type ctxGitignore struct {
	dir      string
	matchers map[string]*patternmatcher.PatternMatcher // dir -> matcher; nil when none
}

func newCtxGitignore(c *BuildContext) *ctxGitignore {
	return &ctxGitignore{dir: c.Dir(), matchers: map[string]*patternmatcher.PatternMatcher{}}
}

// ctxMaxGitignore bounds the .gitignore files read.
const ctxMaxGitignore = 1 << 20

func (g *ctxGitignore) matcher(dir string) *patternmatcher.PatternMatcher {
	if pm, ok := g.matchers[dir]; ok {
		return pm
	}
	var pm *patternmatcher.PatternMatcher
	if data, err := ctxReadHead(filepath.Join(dir, ".gitignore"), ctxMaxGitignore); err == nil {
		pm = ctxParseGitignore(data)
	}
	g.matchers[dir] = pm
	return pm
}

// ctxParseGitignore translates .gitignore lines into patternmatcher
// patterns: "/x" and "a/b" are anchored at the .gitignore's directory,
// "x" matches at any depth, a trailing "/" is dropped.
func ctxParseGitignore(data []byte) *patternmatcher.PatternMatcher {
	var pats []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \t\r")
		if line == "" || line[0] == '#' {
			continue
		}
		neg := false
		if line[0] == '!' {
			neg, line = true, line[1:]
		} else if strings.HasPrefix(line, `\#`) || strings.HasPrefix(line, `\!`) {
			line = line[1:]
		}
		line = strings.TrimSuffix(line, "/")
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "/") {
			line = strings.TrimLeft(line, "/")
		} else if !strings.Contains(line, "/") {
			line = "**/" + line
		}
		if line == "" {
			continue
		}
		if neg {
			line = "!" + line
		}
		pats = append(pats, line)
	}
	if len(pats) == 0 {
		return nil
	}
	pm, err := patternmatcher.New(pats)
	if err != nil {
		return nil
	}
	return pm
}

// Ignored reports whether git ignores rel (relative to the context), and
// whether any .gitignore was found along the way at all.
func (g *ctxGitignore) Ignored(rel string) (ignored, found bool) {
	rel = strings.TrimPrefix(path.Clean("/"+rel), "/")
	if rel == "" {
		return false, false
	}
	check := func(dir, p string) bool {
		pm := g.matcher(dir)
		if pm == nil {
			return false
		}
		found = true
		m, err := pm.MatchesOrParentMatches(p)
		return err == nil && m
	}
	// The context root and the directories of rel inside the context.
	segs := strings.Split(rel, "/")
	dir := g.dir
	for i := 0; i < len(segs); i++ {
		if check(dir, strings.Join(segs[i:], "/")) {
			return true, true
		}
		dir = filepath.Join(dir, segs[i])
	}
	// Ancestors of the context, up to the repository root; only inside a
	// repository (a .gitignore further up, such as one in the home
	// directory, says nothing about this project).
	anc := ctxAncestors(g.dir)
	if len(anc) == 0 || !ctxExists(filepath.Join(anc[len(anc)-1], ".git")) {
		anc = nil
	}
	for _, a := range anc {
		up, err := filepath.Rel(a, g.dir)
		if err != nil {
			break
		}
		if check(a, filepath.ToSlash(up)+"/"+rel) {
			return true, true
		}
	}
	return false, found
}

// ctxReadHead reads at most limit bytes of the file at p.
func ctxReadHead(p string, limit int64) ([]byte, error) {
	fh, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return io.ReadAll(io.LimitReader(fh, limit))
}

// ctxExcluded reports whether rel is matched (itself or through a parent)
// by one of a COPY's --exclude patterns.
func ctxExcluded(excludes []string, rel string) bool {
	if len(excludes) == 0 {
		return false
	}
	pm, err := patternmatcher.New(excludes)
	if err != nil {
		return false
	}
	m, err := pm.MatchesOrParentMatches(rel)
	return err == nil && m
}

// ctxRunsAny reports whether some RUN of f runs one of the commands.
func ctxRunsAny(f *File, names ...string) bool {
	for _, st := range f.Stages {
		for _, inst := range st.Instructions {
			if inst.Run == nil {
				continue
			}
			for _, c := range inst.Run.Commands() {
				if c.Is(names...) {
					return true
				}
			}
		}
	}
	return false
}
