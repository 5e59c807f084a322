package buildctx

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestSecrets(t *testing.T) {
	tests := []struct {
		name   string
		ignore string
		files  tree
		want   []string
	}{
		{
			name: "typical finds",
			files: tree{
				".env":                       "A=1",
				".env.local":                 "",
				".env.production":            "",
				".env.example":               "",
				".env.sample":                "",
				".env.template":              "",
				".env.dist":                  "",
				"certs/server.key":           "",
				"certs/server.crt":           "",
				"certs/ca.PEM":               "",
				"store.p12":                  "",
				"store.pfx":                  "",
				"home/.ssh/id_rsa":           "",
				"home/.ssh/id_rsa.pub":       "",
				"home/.ssh/id_ed25519":       "",
				"home/.ssh/id_ed25519.pub":   "",
				"id_ecdsa":                   "",
				"id_dsa":                     "",
				".npmrc":                     "",
				".pypirc":                    "",
				".netrc":                     "",
				".aws/credentials":           "",
				".aws/config":                "",
				"credentials":                "",
				"deploy/.docker/config.json": "",
				"config.json":                "",
				"infra/terraform.tfstate":    "",
				"keyboard.txt":               "",
				"main.go":                    "",
			},
			want: []string{
				".aws/credentials", ".env", ".env.local", ".env.production", ".netrc", ".npmrc", ".pypirc",
				"certs/ca.PEM", "certs/server.key", "deploy/.docker/config.json", "home/.ssh/id_ed25519",
				"home/.ssh/id_rsa", "id_dsa", "id_ecdsa", "infra/terraform.tfstate", "store.p12", "store.pfx",
			},
		},
		{
			name:   "ignored ones are not reported",
			ignore: ".env\ncerts\n**/*.pem\n",
			files: tree{
				".env":             "",
				".env.local":       "",
				"certs/server.key": "",
				"a/b/c.pem":        "",
				"a/b/c.key":        "",
			},
			want: []string{".env.local", "a/b/c.key"},
		},
		{
			name:   "exception re-includes a secret in an ignored directory",
			ignore: "certs\n!certs/server.key\n",
			files:  tree{"certs/server.key": "", "certs/other.key": ""},
			want:   []string{"certs/server.key"},
		},
		{
			name:   "wildcard exception: excluded directories are walked",
			ignore: "conf\n!**/*.pem\n",
			files:  tree{"conf/a/cert.pem": "", "conf/a/priv.key": ""},
			want:   []string{"conf/a/cert.pem"},
		},
		{
			name:   "everything but an allow-list",
			ignore: "*\n!src\n",
			files:  tree{".env": "", "src/.env": "", "src/app/id_rsa": ""},
			want:   []string{"src/.env", "src/app/id_rsa"},
		},
		{
			name: "directories and symlinks are not secret files",
			files: tree{
				".env/bin/python": "",
				"link.pem":        "->target",
				"real.key":        "",
				"keys.pem/":       "",
			},
			want: []string{"real.key"},
		},
		{
			name: "skipped directories",
			files: tree{
				"node_modules/pkg/.env":   "",
				"vendor/x/server.key":     "",
				".git/id_rsa":             "",
				"app/node_modules/.npmrc": "",
				"app/.npmrc":              "",
			},
			want: []string{"app/.npmrc"},
		},
		{
			name: "depth bound",
			files: tree{
				"1/.env":         "",
				"1/2/.env":       "",
				"1/2/3/.env":     "",
				"1/2/3/4/.env":   "",
				"1/2/3/4/5/.env": "",
			},
			want: []string{"1/.env", "1/2/.env", "1/2/3/.env"},
		},
		{
			name: "depth counts the file itself",
			files: tree{
				"a/b/c/server.key":   "",
				"a/b/c/d/server.key": "",
			},
			want: []string{"a/b/c/server.key"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ignore := tt.ignore
			if ignore == "" {
				ignore = "# none\n"
			}
			c := withIgnore(t, ignore, tt.files)
			equal(t, "Secrets()", c.Secrets(), tt.want)
			equal(t, "SecretsTruncated()", c.SecretsTruncated(), false)
			for _, s := range c.Secrets() {
				if c.Ignored(s) {
					t.Errorf("secret %q is ignored", s)
				}
			}
		})
	}
}

func TestSecretsSymlinkLoops(t *testing.T) {
	root := mkTree(t, tree{
		"a/self":       "->.",
		"a/up":         "->..",
		"a/b/root":     "->../../",
		"a/b/abs":      "->/",
		"a/b/loop1":    "->loop2",
		"a/b/loop2":    "->loop1",
		"a/b/.env":     "",
		"c/server.key": "",
	})
	// a/b/abs points at the file system root; following it would take
	// forever and find many things.
	if err := os.Symlink(root, filepath.Join(root, "c", "back")); err != nil {
		t.Fatal(err)
	}
	c := load(t, root)
	done := make(chan []string)
	go func() { done <- c.Secrets() }()
	select {
	case got := <-done:
		equal(t, "Secrets()", got, []string{"a/b/.env", "c/server.key"})
	case <-time.After(10 * time.Second):
		t.Fatal("Secrets() did not return: symlinks followed?")
	}
}

func TestSecretsEntryBound(t *testing.T) {
	files := tree{"zz/.env": ""}
	for i := range 110 {
		files[fmt.Sprintf("d%02d/f%05d", i%10, i)] = ""
	}
	c := withIgnore(t, "# none\n", files)
	c.walkLimit = 100
	equal(t, "SecretsTruncated()", c.SecretsTruncated(), true)
	equal(t, "Secrets()", c.Secrets(), []string(nil))
}

func TestSecretsComputedOnce(t *testing.T) {
	root := mkTree(t, tree{".env": ""})
	c := load(t, root)
	var wg sync.WaitGroup
	results := make([][]string, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = c.Secrets()
		}()
	}
	wg.Wait()
	for _, r := range results {
		equal(t, "Secrets()", r, []string{".env"})
	}
	// Cached: a new file is not seen by the same Context.
	writeTree(t, root, tree{"new.key": ""})
	equal(t, "Secrets() after a change", c.Secrets(), []string{".env"})
	// The returned slice is a copy.
	c.Secrets()[0] = "changed"
	equal(t, "Secrets() after changing a result", c.Secrets(), []string{".env"})
}

func TestSecretName(t *testing.T) {
	for name, want := range map[string]bool{
		".env":                  true,
		"x/.env.staging":        true,
		".env.example":          false,
		".envrc":                false,
		"env":                   false,
		"server.key":            true,
		"server.KEY":            true,
		"server.keys":           false,
		"id_rsa":                true,
		"id_rsa.pub":            false,
		".aws/credentials":      true,
		"x/.aws/credentials":    true,
		"aws/credentials":       false,
		".docker/config.json":   true,
		"docker/config.json":    false,
		"terraform.tfstate":     true,
		"terraform.tfstate.bak": false,
	} {
		if got := secretName(name); got != want {
			t.Errorf("secretName(%q) = %v, want %v", name, got, want)
		}
	}
}
