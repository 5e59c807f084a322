package engine

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestIsDockerfileName(t *testing.T) {
	for name, want := range map[string]bool{
		"Dockerfile":                  true,
		"Containerfile":               true,
		"Dockerfile.dev":              true,
		"Dockerfile.prod.arm64":       true,
		"Containerfile.x":             true,
		"api.Dockerfile":              true,
		"x.dockerfile":                true,
		"Dockerfile.dockerignore":     false,
		"api.Dockerfile.dockerignore": false,
		".dockerignore":               false,
		"Dockerfile~":                 false,
		"Dockerfile.dev~":             false,
		"README.md":                   false,
		"dockerfile":                  false,
		"Dockerfiles":                 false,
		"MyDockerfile":                false,
		"docker-compose.yml":          false,
		"":                            false,
	} {
		if got := IsDockerfileName(name); got != want {
			t.Errorf("IsDockerfileName(%q) = %v, want %v", name, got, want)
		}
	}
}

// discoverTree is the tree most Discover cases search.
var discoverTree = map[string]string{
	"proj/Dockerfile":                  "FROM alpine:3.20\n",
	"proj/Dockerfile.dev":              "FROM alpine:3.20\n",
	"proj/api.Dockerfile":              "FROM alpine:3.20\n",
	"proj/x.dockerfile":                "FROM alpine:3.20\n",
	"proj/Containerfile":               "FROM alpine:3.20\n",
	"proj/Containerfile.x":             "FROM alpine:3.20\n",
	"proj/sub/deeper/Dockerfile":       "FROM alpine:3.20\n",
	"proj/Dockerfile.dockerignore":     "node_modules\n",
	"proj/Dockerfile~":                 "FROM alpine:3.20\n",
	"proj/README.md":                   "# readme\n",
	"proj/notes.txt":                   "FROM alpine:3.20\n",
	"proj/.git/Dockerfile":             "FROM alpine:3.20\n",
	"proj/.hg/Dockerfile":              "FROM alpine:3.20\n",
	"proj/node_modules/pkg/Dockerfile": "FROM alpine:3.20\n",
	"proj/vendor/Dockerfile":           "FROM alpine:3.20\n",
	"proj/third_party/x/Dockerfile":    "FROM alpine:3.20\n",
	"proj/empty/.keep":                 "",
}

// walked are the Dockerfiles a walk of proj finds, in order.
var walked = []string{
	"proj/Containerfile",
	"proj/Containerfile.x",
	"proj/Dockerfile",
	"proj/Dockerfile.dev",
	"proj/api.Dockerfile",
	"proj/sub/deeper/Dockerfile",
	"proj/x.dockerfile",
}

func TestDiscover(t *testing.T) {
	t.Chdir(t.TempDir())
	writeTree(t, ".", discoverTree)

	type want struct {
		paths    []string // slash-separated
		explicit []string // the paths that must be Explicit
		errs     []string // "path: message"
	}
	for _, tc := range []struct {
		name string
		args []string
		want want
	}{
		{"directory", []string{"proj"}, want{paths: walked}},
		{"directory with trailing slash", []string{"proj/"}, want{paths: walked}},
		{"dot-slash directory", []string{"./proj"}, want{paths: walked}},
		{"subdirectory", []string{"proj/sub"}, want{paths: []string{"proj/sub/deeper/Dockerfile"}}},
		{"no Dockerfiles", []string{"proj/empty"}, want{}},
		{
			"explicit file of any name", []string{"proj/notes.txt", "proj/README.md"},
			want{paths: []string{"proj/notes.txt", "proj/README.md"}, explicit: []string{"proj/notes.txt", "proj/README.md"}},
		},
		{
			"explicit skipped directory is searched", []string{"proj/vendor", "proj/.git"},
			want{paths: []string{"proj/vendor/Dockerfile", "proj/.git/Dockerfile"}},
		},
		{"stdin", []string{"-"}, want{paths: []string{"-"}, explicit: []string{"-"}}},
		{"stdin twice", []string{"-", "-"}, want{paths: []string{"-"}, explicit: []string{"-"}}},
		{
			"argument order is kept, each directory sorted", []string{"proj/sub", "proj/Dockerfile.dev", "-"},
			want{paths: []string{"proj/sub/deeper/Dockerfile", "proj/Dockerfile.dev", "-"}, explicit: []string{"proj/Dockerfile.dev", "-"}},
		},
		{
			"duplicates are linted once, under the first spelling",
			[]string{"./proj/Dockerfile", "proj/Dockerfile", "proj", "proj/", "proj//Dockerfile"},
			want{
				paths: append([]string{"./proj/Dockerfile"}, slices.DeleteFunc(slices.Clone(walked), func(s string) bool {
					return s == "proj/Dockerfile"
				})...),
				explicit: []string{"./proj/Dockerfile"},
			},
		},
		{
			"missing path is an error, the rest are found", []string{"nope", "proj/sub", "nope/Dockerfile"},
			want{
				paths: []string{"proj/sub/deeper/Dockerfile"},
				errs:  []string{"nope: no such file or directory", "nope/Dockerfile: no such file or directory"},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				args[i] = filepath.FromSlash(a)
			}
			targets, errs := Discover(args)
			var got want
			for _, tg := range targets {
				p := filepath.ToSlash(tg.Path)
				got.paths = append(got.paths, p)
				if tg.Explicit {
					got.explicit = append(got.explicit, p)
				}
			}
			for _, e := range errs {
				got.errs = append(got.errs, filepath.ToSlash(e.Path)+": "+e.Message)
				if e.Line != 0 {
					t.Errorf("discover error %v has a line", e)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Discover(%q):\n got %+v\nwant %+v", tc.args, got, tc.want)
			}
		})
	}
}

func TestDiscoverSymlinks(t *testing.T) {
	t.Chdir(t.TempDir())
	writeTree(t, ".", discoverTree)
	// A loop to the directory itself, one to its parent and one to the
	// top: a walk that followed links would never end.
	symlink(t, ".", filepath.Join("proj", "loop"))
	symlink(t, "..", filepath.Join("proj", "sub", "up"))
	symlink(t, filepath.Join("..", "..", ".."), filepath.Join("proj", "sub", "deeper", "top"))
	// A link to a Dockerfile is linted; a dangling one and a link to a
	// directory named like a Dockerfile are not.
	symlink(t, "Dockerfile", filepath.Join("proj", "link.Dockerfile"))
	symlink(t, "missing", filepath.Join("proj", "dangling.Dockerfile"))
	symlink(t, "sub", filepath.Join("proj", "Dockerfile.d"))
	// A link to a directory, named on the command line, is followed.
	symlink(t, filepath.Join("proj", "sub"), "alias")

	done := make(chan struct{})
	var targets []Target
	var errs []*FileError
	go func() {
		defer close(done)
		targets, errs = Discover([]string{"proj"})
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Discover did not finish: it follows a symbolic-link loop")
	}
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	want := slices.Clone(walked)
	want = append(want, "proj/link.Dockerfile")
	slices.Sort(want)
	if got := targetPaths(targets); !reflect.DeepEqual(got, want) {
		t.Errorf("walk of proj:\n got %q\nwant %q", got, want)
	}

	targets, errs = Discover([]string{"alias"})
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	if got, want := targetPaths(targets), []string{"alias/deeper/Dockerfile"}; !reflect.DeepEqual(got, want) {
		t.Errorf("walk of a link to a directory:\n got %q\nwant %q", got, want)
	}
	targets, _ = Discover([]string{"alias" + string(filepath.Separator)})
	if got, want := targetPaths(targets), []string{"alias/deeper/Dockerfile"}; !reflect.DeepEqual(got, want) {
		t.Errorf("walk of a link to a directory, with a slash:\n got %q\nwant %q", got, want)
	}
}

func targetPaths(ts []Target) []string {
	var out []string
	for _, t := range ts {
		out = append(out, filepath.ToSlash(t.Path))
	}
	return out
}

func TestDescribeOSError(t *testing.T) {
	_, errs := Discover([]string{filepath.Join(t.TempDir(), "missing")})
	if len(errs) != 1 || errs[0].Message != "no such file or directory" {
		t.Fatalf("errors = %v", errs)
	}
	if strings.Contains(errs[0].Message, "missing") {
		t.Errorf("message repeats the path: %q", errs[0].Message)
	}
}
