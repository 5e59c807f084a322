package buildctx

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/moby/patternmatcher"
)

func TestIgnoreFilePrecedence(t *testing.T) {
	tests := []struct {
		name       string
		files      tree
		dockerfile string // relative to the tree; "" for stdin
		contextDir string // relative to the tree; "" for the root
		want       string // relative to the tree; "" for none
		patterns   []string
	}{
		{
			name:       "none",
			files:      tree{"Dockerfile": "FROM x"},
			dockerfile: "Dockerfile",
		},
		{
			name:       "root .dockerignore",
			files:      tree{"Dockerfile": "", ".dockerignore": "a"},
			dockerfile: "Dockerfile",
			want:       ".dockerignore",
			patterns:   []string{"a"},
		},
		{
			name:       "Dockerfile.dockerignore wins over .dockerignore",
			files:      tree{"Dockerfile": "", "Dockerfile.dockerignore": "specific", ".dockerignore": "root"},
			dockerfile: "Dockerfile",
			want:       "Dockerfile.dockerignore",
			patterns:   []string{"specific"},
		},
		{
			name:       "Dockerfile.dev.dockerignore",
			files:      tree{"Dockerfile.dev": "", "Dockerfile.dev.dockerignore": "dev", "Dockerfile.dockerignore": "plain", ".dockerignore": "root"},
			dockerfile: "Dockerfile.dev",
			want:       "Dockerfile.dev.dockerignore",
			patterns:   []string{"dev"},
		},
		{
			name:       "app.Dockerfile.dockerignore",
			files:      tree{"app.Dockerfile": "", "app.Dockerfile.dockerignore": "app", ".dockerignore": "root"},
			dockerfile: "app.Dockerfile",
			want:       "app.Dockerfile.dockerignore",
			patterns:   []string{"app"},
		},
		{
			name:       "another Dockerfile's ignore file is not used",
			files:      tree{"Dockerfile.prod": "", "Dockerfile.dev.dockerignore": "dev", ".dockerignore": "root"},
			dockerfile: "Dockerfile.prod",
			want:       ".dockerignore",
			patterns:   []string{"root"},
		},
		{
			name:       "Dockerfile outside the context: its own directory is searched",
			files:      tree{"build/app.Dockerfile": "", "build/app.Dockerfile.dockerignore": "beside", "src/.dockerignore": "ctx", "src/main.go": ""},
			dockerfile: "build/app.Dockerfile",
			contextDir: "src",
			want:       "build/app.Dockerfile.dockerignore",
			patterns:   []string{"beside"},
		},
		{
			name:       "Dockerfile outside the context without its own: the context's",
			files:      tree{"build/Dockerfile": "", "build/.dockerignore": "not-this", "src/.dockerignore": "ctx"},
			dockerfile: "build/Dockerfile",
			contextDir: "src",
			want:       "src/.dockerignore",
			patterns:   []string{"ctx"},
		},
		{
			name:       "Dockerfile in a subdirectory: .dockerignore beside it is not the context's",
			files:      tree{"docker/Dockerfile": "", "docker/.dockerignore": "not-this", ".dockerignore": "root"},
			dockerfile: "docker/Dockerfile",
			want:       ".dockerignore",
			patterns:   []string{"root"},
		},
		{
			name:       "an empty specific file still wins",
			files:      tree{"Dockerfile": "", "Dockerfile.dockerignore": "", ".dockerignore": "root"},
			dockerfile: "Dockerfile",
			want:       "Dockerfile.dockerignore",
		},
		{
			name:       "a directory named like the specific file is skipped",
			files:      tree{"Dockerfile": "", "Dockerfile.dockerignore/": "", ".dockerignore": "root"},
			dockerfile: "Dockerfile",
			want:       ".dockerignore",
			patterns:   []string{"root"},
		},
		{
			name:       "a directory named .dockerignore is no ignore file",
			files:      tree{"Dockerfile": "", ".dockerignore/": ""},
			dockerfile: "Dockerfile",
		},
		{
			name:     "stdin Dockerfile uses the context's",
			files:    tree{"Dockerfile.dockerignore": "specific", ".dockerignore": "root"},
			want:     ".dockerignore",
			patterns: []string{"root"},
		},
		{
			name:       "lower-case dockerfile falls back to Dockerfile.dockerignore",
			files:      tree{"dockerfile": "", "Dockerfile.dockerignore": "upper", ".dockerignore": "root"},
			dockerfile: "dockerfile",
			want:       "Dockerfile.dockerignore",
			patterns:   []string{"upper"},
		},
		{
			name:       "symlinked ignore file is read",
			files:      tree{"Dockerfile": "", "shared.ignore": "shared", ".dockerignore": "->shared.ignore"},
			dockerfile: "Dockerfile",
			want:       ".dockerignore",
			patterns:   []string{"shared"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := mkTree(t, tt.files)
			df := ""
			if tt.dockerfile != "" {
				df = filepath.Join(root, tt.dockerfile)
			}
			c, err := Load(filepath.Join(root, tt.contextDir), df)
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			if tt.want != "" {
				want = filepath.Join(root, tt.want)
			}
			equal(t, "IgnoreFile()", c.IgnoreFile(), want)
			var got []string
			for _, p := range c.Patterns() {
				got = append(got, p.String())
			}
			equal(t, "patterns", got, tt.patterns)
			equal(t, "Dir()", c.Dir(), filepath.Join(root, tt.contextDir))
		})
	}
}

func TestLoadRelativePaths(t *testing.T) {
	root := mkTree(t, tree{"ctx/Dockerfile": "", "ctx/Dockerfile.dockerignore": "x"})
	t.Chdir(root)
	c, err := Load("ctx", "ctx/Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Dir()", c.Dir(), filepath.Join(root, "ctx"))
	equal(t, "IgnoreFile()", c.IgnoreFile(), filepath.Join(root, "ctx", "Dockerfile.dockerignore"))
	// "-" is standard input too.
	c, err = Load("ctx", "-")
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "IgnoreFile() for stdin", c.IgnoreFile(), "")
}

func TestPatternsAndLines(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []Pattern
	}{
		{
			name: "comments, blanks, exceptions, slashes",
			content: "# build output\n" +
				"\n" +
				"/dist/\n" +
				"   \n" +
				"**/*.log\n" +
				"!keep.log\n" +
				"# another\n" +
				"node_modules/\n" +
				"  spaced  \n" +
				"! spaced-exception\n" +
				"./rel/../other\n",
			want: []Pattern{
				{Text: "dist", Line: 3},
				{Text: "**/*.log", Line: 5},
				{Text: "keep.log", Line: 6, Exclusion: true},
				{Text: "node_modules", Line: 8},
				{Text: "spaced", Line: 9},
				{Text: "spaced-exception", Line: 10, Exclusion: true},
				{Text: "other", Line: 11},
			},
		},
		{
			name:    "CRLF line endings",
			content: "# c\r\nsecret.txt\r\n\r\n!secret.txt.example\r\n*.tmp\r\n",
			want: []Pattern{
				{Text: "secret.txt", Line: 2},
				{Text: "secret.txt.example", Line: 4, Exclusion: true},
				{Text: "*.tmp", Line: 5},
			},
		},
		{
			name:    "UTF-8 BOM and no final newline",
			content: "\xef\xbb\xbf# comment\nlast",
			want:    []Pattern{{Text: "last", Line: 2}},
		},
		{
			name:    "indented # is a pattern, not a comment",
			content: "  #notacomment\n",
			want:    []Pattern{{Text: "#notacomment", Line: 1}},
		},
		{
			name:    "only comments",
			content: "# nothing\n\n#!x\n",
		},
		{
			name:    "double exclamation",
			content: "x\n!!y\n",
			want:    []Pattern{{Text: "x", Line: 1}, {Text: "!y", Line: 2, Exclusion: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := withIgnore(t, tt.content, nil)
			equal(t, "Patterns()", c.Patterns(), tt.want)
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name    string
		content string
		wantErr string
	}{
		{"bare exclamation", "a\n!\n", `illegal exclusion pattern: "!"`},
		{"exclamation and space", "a\n!   \n", `illegal exclusion pattern: "!"`},
		{"bad character class", "[a-\n", "syntax error in pattern"},
		{"pattern that does not compile", "ok\nfoo\\q\n", `.dockerignore:2: pattern "foo\\q"`},
		{"line too long for the scanner", strings.Repeat("a", 70000) + "\n", "token too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := mkTree(t, tree{".dockerignore": tt.content})
			_, err := Load(root, "")
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not contain %q", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), filepath.Join(root, ".dockerignore")) {
				t.Errorf("error %q does not name the ignore file", err)
			}
		})
	}
}

func TestLoadOversizedIgnoreFile(t *testing.T) {
	root := t.TempDir()
	f, err := os.Create(filepath.Join(root, ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: the size is what matters.
	if err := f.Truncate(MaxIgnoreFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Load(root, "")
	if err == nil || !strings.Contains(err.Error(), "exceeds maximum allowed size") {
		t.Fatalf("Load = %v, want a size error", err)
	}
}

func TestLoadUnreadableIgnoreFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files regardless of their mode")
	}
	root := mkTree(t, tree{".dockerignore": "x"})
	if err := os.Chmod(filepath.Join(root, ".dockerignore"), 0); err != nil {
		t.Fatal(err)
	}
	_, err := Load(root, "")
	if err == nil || !strings.Contains(err.Error(), filepath.Join(root, ".dockerignore")) {
		t.Fatalf("Load = %v, want an error naming the file", err)
	}
}

func TestLoadSpecialIgnoreFile(t *testing.T) {
	root := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(root, ".dockerignore"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	// Must not block on the FIFO.
	_, err := Load(root, "")
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("Load = %v, want a not-a-regular-file error", err)
	}
}

func TestLoadBadContextDir(t *testing.T) {
	root := mkTree(t, tree{"file": ""})
	if _, err := Load(filepath.Join(root, "missing"), ""); err == nil {
		t.Error("Load of a missing directory succeeded")
	}
	if _, err := Load(filepath.Join(root, "file"), ""); err == nil {
		t.Error("Load of a file succeeded")
	}
}

// TestOnlyBracketsAndBackslashesFailToCompile backs the shortcut in
// parseIgnore: a pattern that patternmatcher.New accepts and that holds no
// `\`, `[` or `]` always compiles.
func TestOnlyBracketsAndBackslashesFailToCompile(t *testing.T) {
	alphabet := []rune("ab/*?.+()|{}$^!#-_ ~\x00é世\t")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		n := 1 + rng.IntN(8)
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		text := b.String()
		if strings.HasPrefix(text, "!") {
			continue
		}
		if _, err := patternmatcher.New([]string{text}); err != nil {
			continue
		}
		if err := checkCompiles(Pattern{Text: text}); err != nil {
			t.Fatalf("pattern %q does not compile: %v", text, err)
		}
	}
}
