package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func touch(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func TestFindWalksUp(t *testing.T) {
	noHome := envFrom(nil)
	tests := []struct {
		name  string
		setup func(t *testing.T, root string)
		from  string
		want  string // path relative to root; "" for none
	}{
		{"in the directory itself", func(t *testing.T, root string) {
			touch(t, filepath.Join(root, "repo/.dflint.yaml"), "fail-on: error\n")
			mkdir(t, filepath.Join(root, "repo/.git"))
		}, "repo", "repo/.dflint.yaml"},
		{"in a parent, up to the repo root", func(t *testing.T, root string) {
			touch(t, filepath.Join(root, "repo/.dflint.yml"), "")
			mkdir(t, filepath.Join(root, "repo/.git"))
			mkdir(t, filepath.Join(root, "repo/a/b/c"))
		}, "repo/a/b/c", "repo/.dflint.yml"},
		{"nearest wins", func(t *testing.T, root string) {
			touch(t, filepath.Join(root, "repo/.dflint.yaml"), "")
			touch(t, filepath.Join(root, "repo/a/.dflint.yaml"), "")
			mkdir(t, filepath.Join(root, "repo/.git"))
			mkdir(t, filepath.Join(root, "repo/a/b"))
		}, "repo/a/b", "repo/a/.dflint.yaml"},
		{"stops at .git", func(t *testing.T, root string) {
			touch(t, filepath.Join(root, ".dflint.yaml"), "")
			mkdir(t, filepath.Join(root, "repo/.git"))
			mkdir(t, filepath.Join(root, "repo/sub"))
		}, "repo/sub", ""},
		{".git as a file (worktree) stops too", func(t *testing.T, root string) {
			touch(t, filepath.Join(root, ".dflint.yaml"), "")
			touch(t, filepath.Join(root, "repo/.git"), "gitdir: elsewhere\n")
		}, "repo", ""},
		{"outside a repository, up to the filesystem root", func(t *testing.T, root string) {
			touch(t, filepath.Join(root, ".dflint.yaml"), "")
			mkdir(t, filepath.Join(root, "x/y/z"))
		}, "x/y/z", ".dflint.yaml"},
		{".dflint.yaml beats a hadolint config in the same directory", func(t *testing.T, root string) {
			touch(t, filepath.Join(root, "repo/.hadolint.yaml"), "")
			touch(t, filepath.Join(root, "repo/.dflint.yaml"), "")
			mkdir(t, filepath.Join(root, "repo/.git"))
		}, "repo", "repo/.dflint.yaml"},
		{"a parent's .dflint.yaml beats the working directory's hadolint config", func(t *testing.T, root string) {
			touch(t, filepath.Join(root, "repo/sub/.hadolint.yaml"), "")
			touch(t, filepath.Join(root, "repo/.dflint.yaml"), "")
			mkdir(t, filepath.Join(root, "repo/.git"))
		}, "repo/sub", "repo/.dflint.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			tt.setup(t, root)
			c, err := FindWith(filepath.Join(root, tt.from), noHome)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if c != nil {
				rel, _ := filepath.Rel(root, c.Path)
				got = filepath.ToSlash(rel)
			}
			if got != tt.want {
				t.Errorf("found %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFindBothExtensions(t *testing.T) {
	root := t.TempDir()
	mkdir(t, filepath.Join(root, ".git"))
	touch(t, filepath.Join(root, ".dflint.yaml"), "fail-on: error\n")
	touch(t, filepath.Join(root, ".dflint.yml"), "fail-on: info\n")
	c, err := FindWith(root, envFrom(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != "error" || len(c.Notices) != 1 || !strings.HasSuffix(c.Notices[0], ".dflint.yml: not read, because .dflint.yaml is in the same directory") {
		t.Errorf("got fail-on %q, notices %q", c.FailOn, c.Notices)
	}
}

func TestFindReportsErrors(t *testing.T) {
	root := t.TempDir()
	touch(t, filepath.Join(root, ".dflint.yaml"), "fail-on: loud\n")
	_, err := FindWith(root, envFrom(nil))
	if err == nil || !strings.HasSuffix(err.Error(), `.dflint.yaml:1:10: fail-on: invalid level "loud": want error, warning, info, style or none`) {
		t.Errorf("err = %v", err)
	}
}

// TestHadolintDiscoveryOrder creates hadolint configs in every place Find
// looks, then removes them one by one, checking each is found in turn.
func TestHadolintDiscoveryOrder(t *testing.T) {
	if os.Getenv("LOCALAPPDATA") != "" && filepath.Separator == '\\' {
		t.Skip("XDG_CONFIG_HOME is LOCALAPPDATA on Windows")
	}
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	wd := filepath.Join(repo, "svc")
	home := filepath.Join(root, "home")
	xdg := filepath.Join(root, "xdg")
	mkdir(t, filepath.Join(repo, ".git"))
	order := []string{
		filepath.Join(wd, ".hadolint.yaml"),
		filepath.Join(wd, ".hadolint.yml"),
		filepath.Join(repo, ".hadolint.yaml"),
		filepath.Join(repo, ".hadolint.yml"),
		filepath.Join(xdg, "hadolint.yaml"),
		filepath.Join(xdg, "hadolint.yml"),
		filepath.Join(home, ".config", "hadolint.yaml"),
		filepath.Join(home, ".config", "hadolint.yml"),
		filepath.Join(home, ".hadolint", "hadolint.yaml"),
		filepath.Join(home, ".hadolint", "hadolint.yml"),
		filepath.Join(home, ".hadolint", "config.yaml"),
		filepath.Join(home, ".hadolint", "config.yml"),
		filepath.Join(home, ".hadolint.yaml"),
		filepath.Join(home, ".hadolint.yml"),
	}
	for _, p := range order {
		touch(t, p, "ignored: [TL0001]\n")
	}
	env := envFrom(map[string]string{"HOME": home, "XDG_CONFIG_HOME": xdg})
	for _, want := range order {
		c, err := FindWith(wd, env)
		if err != nil {
			t.Fatal(err)
		}
		if c == nil || c.Path != want {
			t.Fatalf("found %v, want %s", c, want)
		}
		if len(c.Ignore) != 1 || c.Ignore[0] != "TST001" {
			t.Errorf("%s not read as a hadolint config: ignore = %v", want, c.Ignore)
		}
		if len(c.Notices) == 0 || !strings.Contains(c.Notices[len(c.Notices)-1], "dflint migrate hadolint") {
			t.Errorf("no notice that a hadolint config is used: %q", c.Notices)
		}
		if err := os.Remove(want); err != nil {
			t.Fatal(err)
		}
	}
	c, err := FindWith(wd, env)
	if c != nil || err != nil {
		t.Errorf("with nothing left, got %v, %v", c, err)
	}

	// Without XDG_CONFIG_HOME, ~/.config is still searched.
	touch(t, filepath.Join(home, ".config", "hadolint.yaml"), "")
	c, err = FindWith(wd, envFrom(map[string]string{"HOME": home}))
	if err != nil || c == nil || c.Path != filepath.Join(home, ".config", "hadolint.yaml") {
		t.Errorf("got %v, %v", c, err)
	}
}

func TestLoadChoosesFormatByName(t *testing.T) {
	dir := t.TempDir()
	touch(t, filepath.Join(dir, "custom-hadolint.yaml"), "ignored: [TL0001]\nno-color: true\n")
	touch(t, filepath.Join(dir, "custom.yaml"), "ignore: [TST001]\n")
	h, err := Load(filepath.Join(dir, "custom-hadolint.yaml"))
	if err != nil || len(h.Ignore) != 1 || len(h.Notices) != 1 {
		t.Errorf("hadolint: %+v, %v", h, err)
	}
	d, err := Load(filepath.Join(dir, "custom.yaml"))
	if err != nil || len(d.Ignore) != 1 {
		t.Errorf("dflint: %+v, %v", d, err)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
}
