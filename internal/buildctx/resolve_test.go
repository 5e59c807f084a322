package buildctx

import (
	"fmt"
	"testing"
)

func TestResolve(t *testing.T) {
	files := tree{
		"Dockerfile":               "",
		"package.json":             "",
		"package-lock.json":        "",
		"README.md":                "",
		"src/main.go":              "",
		"src/util/util.go":         "",
		"src/util/util_test.go":    "",
		"cmd/a/main.go":            "",
		"cmd/b/main.go":            "",
		"cmd/c/README":             "",
		"cmd/link":                 "->a",
		"docs/":                    "",
		"dir/keep.txt":             "",
		"dir/drop.txt":             "",
		"logs/a.log":               "",
		"logs/b.log":               "",
		"secret/key.pem":           "",
		"weird*name":               "",
		"q?/x":                     "",
		"build/app/out.bin":        "",
		"build/app/deep/x.bin":     "",
		".env":                     "",
		"certs/server.key":         "",
		"certs/ca.pem":             "",
		"nested/sub/ignored.tmp":   "",
		"nested/sub/kept.txt":      "",
		"nested/only/a.tmp":        "",
		"nested/only/deeper/b.tmp": "",
	}
	ignore := "# test ignore file\n" +
		"*.md\n" +
		"logs\n" +
		"secret/\n" +
		"dir\n" +
		"!dir/keep.txt\n" +
		"build\n" +
		"**/*.tmp\n" +
		".env\n"
	c := withIgnore(t, ignore, files)

	tests := []struct {
		src  string
		want Source
	}{
		{
			src:  "package.json",
			want: Source{Pattern: "package.json", Matches: []string{"package.json"}, Exists: true},
		},
		{
			src:  "./src/main.go",
			want: Source{Pattern: "src/main.go", Matches: []string{"src/main.go"}, Exists: true},
		},
		{
			src:  "/src/",
			want: Source{Pattern: "src", Matches: []string{"src"}, Exists: true},
		},
		{
			src:  "missing.txt",
			want: Source{Pattern: "missing.txt"},
		},
		{
			src:  "package*.json",
			want: Source{Pattern: "package*.json", Wildcard: true, Exists: true, Matches: []string{"package-lock.json", "package.json"}},
		},
		{
			// cmd/link -> a: symlinks below the split are not followed, as
			// in fsutil's copy.
			src:  "cmd/*/main.go",
			want: Source{Pattern: "cmd/*/main.go", Wildcard: true, Exists: true, Matches: []string{"cmd/a/main.go", "cmd/b/main.go"}},
		},
		{
			src:  "cmd/?/*",
			want: Source{Pattern: "cmd/?/*", Wildcard: true, Exists: true, Matches: []string{"cmd/a/main.go", "cmd/b/main.go", "cmd/c/README"}},
		},
		{
			src:  "cmd/[ab]",
			want: Source{Pattern: "cmd/[ab]", Wildcard: true, Exists: true, Matches: []string{"cmd/a", "cmd/b"}},
		},
		{
			src:  "src/*/*_test.go",
			want: Source{Pattern: "src/*/*_test.go", Wildcard: true, Exists: true, Matches: []string{"src/util/util_test.go"}},
		},
		{
			src:  "*.nothing",
			want: Source{Pattern: "*.nothing", Wildcard: true},
		},
		{
			src:  "[unterminated",
			want: Source{Pattern: "[unterminated", Wildcard: true},
		},
		{
			// An escaped wildcard is a plain path.
			src:  `weird\*name`,
			want: Source{Pattern: `weird\*name`},
		},
		{
			src:  `weird\*nam?`,
			want: Source{Pattern: `weird\*nam?`, Wildcard: true, Exists: true, Matches: []string{"weird*name"}},
		},
		{
			src:  "docs",
			want: Source{Pattern: "docs", Matches: []string{"docs"}, Exists: true},
		},
		{
			src:  "README.md",
			want: Source{Pattern: "README.md", Matches: []string{"README.md"}, Exists: true, AllIgnored: true, Ignored: []string{"README.md"}},
		},
		{
			src:  "*.md",
			want: Source{Pattern: "*.md", Wildcard: true, Matches: []string{"README.md"}, Exists: true, AllIgnored: true, Ignored: []string{"README.md"}},
		},
		{
			src:  "logs",
			want: Source{Pattern: "logs", Matches: []string{"logs"}, Exists: true, AllIgnored: true, Ignored: []string{"logs"}},
		},
		{
			src:  "logs/a.log",
			want: Source{Pattern: "logs/a.log", Matches: []string{"logs/a.log"}, Exists: true, AllIgnored: true, Ignored: []string{"logs/a.log"}},
		},
		{
			src:  "secret/",
			want: Source{Pattern: "secret", Matches: []string{"secret"}, Exists: true, AllIgnored: true, Ignored: []string{"secret"}},
		},
		{
			// dir is ignored, but !dir/keep.txt sends dir/keep.txt.
			src:  "dir",
			want: Source{Pattern: "dir", Matches: []string{"dir"}, Exists: true, Ignored: []string{"dir"}},
		},
		{
			src:  "dir/keep.txt",
			want: Source{Pattern: "dir/keep.txt", Matches: []string{"dir/keep.txt"}, Exists: true},
		},
		{
			src:  "dir/drop.txt",
			want: Source{Pattern: "dir/drop.txt", Matches: []string{"dir/drop.txt"}, Exists: true, AllIgnored: true, Ignored: []string{"dir/drop.txt"}},
		},
		{
			src:  "dir/*",
			want: Source{Pattern: "dir/*", Wildcard: true, Matches: []string{"dir/drop.txt", "dir/keep.txt"}, Exists: true, Ignored: []string{"dir/drop.txt"}},
		},
		{
			src:  "build/app",
			want: Source{Pattern: "build/app", Matches: []string{"build/app"}, Exists: true, AllIgnored: true, Ignored: []string{"build/app"}},
		},
		{
			// Partly ignored: not AllIgnored.
			src:  "nested/sub",
			want: Source{Pattern: "nested/sub", Matches: []string{"nested/sub"}, Exists: true},
		},
		{
			// The directory itself is not matched, but nothing in it is sent.
			src:  "nested/only",
			want: Source{Pattern: "nested/only", Matches: []string{"nested/only"}, Exists: true},
		},
		{
			src:  "nested/*/*.tmp",
			want: Source{Pattern: "nested/*/*.tmp", Wildcard: true, Matches: []string{"nested/only/a.tmp", "nested/sub/ignored.tmp"}, Exists: true, AllIgnored: true, Ignored: []string{"nested/only/a.tmp", "nested/sub/ignored.tmp"}},
		},
		{
			// BuildKit resolves sources inside the context: ../x is x.
			src:  "../package.json",
			want: Source{Pattern: "package.json", Matches: []string{"package.json"}, Exists: true, Escapes: true},
		},
		{
			src:  "../../../.env",
			want: Source{Pattern: ".env", Matches: []string{".env"}, Exists: true, Escapes: true, AllIgnored: true, Ignored: []string{".env"}},
		},
		{
			src:  "src/../../missing",
			want: Source{Pattern: "missing", Escapes: true},
		},
		{
			src:  ".",
			want: Source{Pattern: ".", Matches: []string{"."}, Exists: true},
		},
		{
			src:  "/",
			want: Source{Pattern: ".", Matches: []string{"."}, Exists: true},
		},
		{
			src:  "",
			want: Source{Pattern: ".", Matches: []string{"."}, Exists: true},
		},
		{
			src:  "q?/x",
			want: Source{Pattern: "q?/x", Wildcard: true, Matches: []string{"q?/x"}, Exists: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			equal(t, fmt.Sprintf("Resolve(%q)", tt.src), c.Resolve(tt.src), tt.want)
		})
	}
}

func TestResolveNestedOnlyIgnored(t *testing.T) {
	// A directory that no pattern names, all of whose content is ignored,
	// is still sent (as an empty directory): not AllIgnored.
	c := withIgnore(t, "**/*.tmp\n", tree{"d/a.tmp": ""})
	s := c.Resolve("d")
	equal(t, "AllIgnored", s.AllIgnored, false)
	equal(t, "Ignored", s.Ignored, []string(nil))
}

func TestResolveRoot(t *testing.T) {
	tests := []struct {
		name   string
		ignore string
		files  tree
		all    bool
	}{
		{"nothing ignored", "x\n", tree{"a": ""}, false},
		{"everything ignored", "*\n", tree{"a": "", "b/c": ""}, true},
		{"everything but an exception", "*\n!b/c\n", tree{"a": "", "b/c": ""}, false},
		{"double star", "**\n", tree{"a": ""}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := withIgnore(t, tt.ignore, tt.files)
			s := c.Resolve(".")
			equal(t, "Exists", s.Exists, true)
			equal(t, "AllIgnored", s.AllIgnored, tt.all)
			equal(t, "Ignored", s.Ignored, []string(nil))
		})
	}
}

func TestResolveWildcardExceptions(t *testing.T) {
	// With a wildcard exception the sender walks every excluded directory.
	c := withIgnore(t, "build\n!**/*.keep\n", tree{
		"build/a/x.bin":  "",
		"build/b/y.keep": "",
		"other/z":        "",
	})
	equal(t, "build", c.Resolve("build").AllIgnored, false)
	equal(t, "build/a", c.Resolve("build/a").AllIgnored, true)
	equal(t, "build/b", c.Resolve("build/b").AllIgnored, false)
	equal(t, "build/*", c.Resolve("build/*").AllIgnored, false)
}

func TestResolveTruncated(t *testing.T) {
	files := tree{}
	for i := range MaxMatches + 5 {
		files[fmt.Sprintf("f/%04d.txt", i)] = ""
	}
	c := withIgnore(t, "f\n", files)
	s := c.Resolve("f/*.txt")
	equal(t, "len(Matches)", len(s.Matches), MaxMatches)
	equal(t, "Truncated", s.Truncated, true)
	equal(t, "Exists", s.Exists, true)
	// Cannot tell for sure when truncated.
	equal(t, "AllIgnored", s.AllIgnored, false)
	equal(t, "first", s.Matches[0], "f/0000.txt")

	files = tree{}
	for i := range MaxMatches {
		files[fmt.Sprintf("g/%04d.txt", i)] = ""
	}
	writeTree(t, c.Dir(), files)
	s = c.Resolve("g/*")
	equal(t, "len(Matches) at the cap", len(s.Matches), MaxMatches)
	equal(t, "Truncated at the cap", s.Truncated, false)
}

func TestSent(t *testing.T) {
	tests := []struct {
		name   string
		ignore string
		files  tree
		sent   []string
		unsent []string
	}{
		{
			name:   "plain",
			ignore: "a\n",
			files:  tree{"a/x": "", "b/y": ""},
			sent:   []string{".", "b", "b/y"},
			unsent: []string{"a", "a/x", "missing", "../b"},
		},
		{
			name:   "exception keeps its parent",
			ignore: "a\n!a/keep\n",
			files:  tree{"a/keep": "", "a/drop": ""},
			sent:   []string{"a", "a/keep"},
			unsent: []string{"a/drop"},
		},
		{
			// The sender matches with MatchesUsingParentResults: "!x" was
			// not evaluated for x (nothing had matched yet), so x/y stays
			// excluded, although MatchesOrParentMatches says otherwise.
			name:   "sender differs from MatchesOrParentMatches (1)",
			ignore: "x/y\n!x\n",
			files:  tree{"x/y/z": ""},
			sent:   []string{"x"},
			unsent: []string{"x/y", "x/y/z"},
		},
		{
			name:   "sender differs from MatchesOrParentMatches (2)",
			ignore: "x\n!x/y\nx\n",
			files:  tree{"x/y/z": "", "x/w": ""},
			sent:   []string{"x", "x/y", "x/y/z"},
			unsent: []string{"x/w"},
		},
		{
			// Without wildcard exceptions, an excluded directory with no
			// exception inside is skipped whole.
			name:   "skipped directory",
			ignore: "a\n!b/keep\n",
			files:  tree{"a/b/keep": "", "b/keep": ""},
			sent:   []string{"b/keep"},
			unsent: []string{"a", "a/b", "a/b/keep"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := withIgnore(t, tt.ignore, tt.files)
			for _, p := range tt.sent {
				if !c.Sent(p) {
					t.Errorf("Sent(%q) = false, want true", p)
				}
			}
			for _, p := range tt.unsent {
				if c.Sent(p) {
					t.Errorf("Sent(%q) = true, want false", p)
				}
			}
		})
	}
}

func TestResolveRootWithoutPatterns(t *testing.T) {
	c := load(t, t.TempDir())
	s := c.Resolve(".")
	equal(t, "Exists", s.Exists, true)
	equal(t, "AllIgnored", s.AllIgnored, false)
	c = withIgnore(t, "*\n", nil)
	// Only .dockerignore itself, which "*" excludes.
	equal(t, "AllIgnored with only .dockerignore", c.Resolve(".").AllIgnored, true)
}

func TestResolveDir(t *testing.T) {
	c := withIgnore(t, "", tree{"a.txt": "", "src/main.go": "", "docs/x/y.md": "", "lib/b.txt": "", "link": "->src"})
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{".", false}, {"./", false}, {"a.txt", false}, {"src", true}, {"src/", true}, {"missing", false},
		{"link", false}, {"*.txt", false}, {"*", true}, {"l*", true}, {"lin*", false}, {"docs/*", true},
		{"docs/x/*", false}, {"../src", true},
	} {
		s, dir := c.ResolveDir(tt.src)
		equal(t, "ResolveDir("+tt.src+")", dir, tt.want)
		equal(t, "ResolveDir("+tt.src+") Source", s, c.Resolve(tt.src))
		// The memoised answer is the same.
		_, again := c.ResolveDir(tt.src)
		equal(t, "ResolveDir("+tt.src+") again", again, tt.want)
	}
}
