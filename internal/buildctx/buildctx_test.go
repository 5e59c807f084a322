package buildctx

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

func TestIgnored(t *testing.T) {
	tests := []struct {
		name    string
		ignore  string
		ignored []string
		kept    []string
	}{
		{
			name:    "no ignore file patterns",
			ignore:  "# nothing\n",
			kept:    []string{"a", "a/b", ".git", "."},
			ignored: nil,
		},
		{
			name:    "plain name matches at the root only",
			ignore:  "secret.txt\n",
			ignored: []string{"secret.txt", "/secret.txt", "./secret.txt"},
			kept:    []string{"sub/secret.txt", "secret.txt.bak", "."},
		},
		{
			name:    "leading slash is the root",
			ignore:  "/build\n",
			ignored: []string{"build", "build/out.bin", "build/deep/x"},
			kept:    []string{"src/build", "builder"},
		},
		{
			name:    "trailing slash is dropped (matches files too)",
			ignore:  "tmp/\n",
			ignored: []string{"tmp", "tmp/a", "tmp/a/b"},
			kept:    []string{"x/tmp", "tmpfile"},
		},
		{
			name:    "double star anywhere",
			ignore:  "**/*.log\n**/__pycache__\n",
			ignored: []string{"a.log", "x/y/z.log", "__pycache__", "pkg/__pycache__/m.pyc"},
			kept:    []string{"a.log.txt", "logs", "x/y/z.txt"},
		},
		{
			name:    "single star stays in one segment",
			ignore:  "*/temp*\n",
			ignored: []string{"somedir/temporary.txt", "somedir/temp", "somedir/temp/inner"},
			kept:    []string{"temp", "a/b/temp"},
		},
		{
			name:    "question mark",
			ignore:  "temp?\n",
			ignored: []string{"tempa", "tempb/x"},
			kept:    []string{"temp", "tempab", "x/tempa"},
		},
		{
			name:    "exception after exclusion",
			ignore:  "*.md\n!README*.md\nREADME-secret.md\n",
			ignored: []string{"CHANGES.md", "README-secret.md"},
			kept:    []string{"README.md", "README-public.md", "docs/x.md"},
		},
		{
			name:    "last matching line wins",
			ignore:  "*.md\nREADME-secret.md\n!README*.md\n",
			ignored: []string{"CHANGES.md"},
			kept:    []string{"README-secret.md", "README.md"},
		},
		{
			name:    "parent directory excluded, children follow",
			ignore:  "docs\n",
			ignored: []string{"docs", "docs/a.md", "docs/deep/b.md"},
			kept:    []string{"doc", "src/docs"},
		},
		{
			name:    "excluded directory with an exception inside",
			ignore:  "dir\n!dir/keep.txt\n",
			ignored: []string{"dir", "dir/other.txt", "dir/sub/x"},
			kept:    []string{"dir/keep.txt", "dir/keep.txt/inner"},
		},
		{
			name:    "everything but",
			ignore:  "*\n!src\n!package.json\n",
			ignored: []string{"README.md", "tests", "tests/a_test.go", ".git"},
			kept:    []string{"src", "src/main.go", "package.json", "."},
		},
		{
			name:    "everything with double star",
			ignore:  "**\n!app/**\n",
			ignored: []string{"x", "deep/er"},
			kept:    []string{"app/main.go", "app/a/b"},
		},
		{
			name:    "escaping the context is not ignored",
			ignore:  "**\n",
			ignored: []string{"a", "/../a"},
			kept:    []string{"../a", "..", "a/../../b"},
		},
		{
			name:    "CRLF file",
			ignore:  "secret.txt\r\n!keep\r\n",
			ignored: []string{"secret.txt"},
			kept:    []string{"secret.txt\r", "keep"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := withIgnore(t, tt.ignore, nil)
			for _, p := range tt.ignored {
				if !c.Ignored(p) {
					t.Errorf("Ignored(%q) = false, want true", p)
				}
			}
			for _, p := range tt.kept {
				if c.Ignored(p) {
					t.Errorf("Ignored(%q) = true, want false", p)
				}
			}
		})
	}
}

// TestIgnoredAgreesWithPatternmatcher checks Ignored against
// patternmatcher.MatchesOrParentMatches on the patterns ignorefile.ReadAll
// yields, for many pattern sets and paths.
func TestIgnoredAgreesWithPatternmatcher(t *testing.T) {
	ignores := []string{
		"a\n!a/b\n",
		"x/y\n!x\n",
		"x\n!x/y\nx\n",
		"**/node_modules\n!**/node_modules/keep\n",
		"*\n!*/\n!**/*.go\n",
		"/a/**/c\n",
		"a/*/c\n!a/b/c\n",
		"**/.env*\n!**/.env.example\n",
		"[ab]*\n!b?\n",
	}
	paths := []string{
		"a", "a/b", "a/b/c", "a/c", "a/x/c", "b", "bc", "b1", "x", "x/y", "x/y/z",
		"node_modules", "pkg/node_modules/keep", "pkg/node_modules/drop",
		"main.go", "cmd/main.go", "cmd/README", ".env", "svc/.env.example", "svc/.env.local",
	}
	for i, ig := range ignores {
		c := withIgnore(t, ig, nil)
		raw, err := ignorefile.ReadAll(strings.NewReader(ig))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			want, err := patternmatcher.MatchesOrParentMatches(p, raw)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Ignored(p); got != want {
				t.Errorf("ignore #%d %q: Ignored(%q) = %v, patternmatcher says %v", i, ig, p, got, want)
			}
		}
	}
}

func TestExists(t *testing.T) {
	c := load(t, mkTree(t, tree{
		"Dockerfile":  "",
		"src/main.go": "",
		"empty/":      "",
		"dangling":    "->nowhere",
		"linkdir":     "->src",
	}))
	tests := []struct {
		rel  string
		want bool
	}{
		{".", true},
		{"", true},
		{"/", true},
		{"Dockerfile", true},
		{"./Dockerfile", true},
		{"/src/main.go", true},
		{"src", true},
		{"src/", true},
		{"empty", true},
		{"dangling", true},
		{"linkdir/main.go", true},
		{"missing", false},
		{"src/missing.go", false},
		{"../" + filepath.Base(c.Dir()) + "/Dockerfile", false},
		{"..", false},
		{"src/../../x", false},
		{"/../Dockerfile", true}, // rooted: ".." stops at the context root
	}
	for _, tt := range tests {
		if got := c.Exists(tt.rel); got != tt.want {
			t.Errorf("Exists(%q) = %v, want %v", tt.rel, got, tt.want)
		}
	}
}

func TestGitPresent(t *testing.T) {
	for _, tt := range []struct {
		files tree
		want  bool
	}{
		{tree{"a": ""}, false},
		{tree{".git/HEAD": "ref: x"}, true},
		{tree{".git": "gitdir: ../.git/worktrees/x"}, true},
		{tree{"sub/.git/": ""}, false},
	} {
		c := load(t, mkTree(t, tt.files))
		if got := c.GitPresent(); got != tt.want {
			t.Errorf("GitPresent() with %v = %v, want %v", tt.files, got, tt.want)
		}
	}
}

func TestHasExclusions(t *testing.T) {
	equal(t, "without", withIgnore(t, "a\nb\n", nil).HasExclusions(), false)
	equal(t, "with", withIgnore(t, "a\n!a/b\n", nil).HasExclusions(), true)
}

func TestPatternsIsACopy(t *testing.T) {
	c := withIgnore(t, "a\n", nil)
	c.Patterns()[0].Text = "changed"
	equal(t, "Patterns()[0].Text", c.Patterns()[0].Text, "a")
}

func ExampleContext_Ignored() {
	dir, err := os.MkdirTemp("", "buildctx-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte("*.log\n!important.log\n"), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	c, err := Load(dir, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Ignored("debug.log"), c.Ignored("important.log"), c.Ignored("app/debug.log"))
	// Output: true false false
}
