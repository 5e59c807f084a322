package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// Find looks for the configuration that applies in dir (normally the
// working directory), reading the environment with os.Getenv. See
// FindWith.
func Find(dir string) (*Config, error) { return FindWith(dir, os.Getenv) }

// FindWith looks for the configuration that applies in dir:
//
//  1. .dflint.yaml, then .dflint.yml, in dir and then each parent
//     directory, up to and including the repository root (the first
//     directory holding .git) or, outside a repository, the filesystem
//     root;
//  2. failing that, a hadolint config, read with FromHadolint, looked for
//     where hadolint itself looks (hadolint's README, "Configure"; each
//     name tried with .yaml then .yml):
//     - dir/.hadolint.yaml (hadolint's $PWD),
//     - the repository root's .hadolint.yaml (a dflint addition, so that
//     dflint finds a project's hadolint config from a subdirectory),
//     - $XDG_CONFIG_HOME/hadolint.yaml (%LOCALAPPDATA% on Windows),
//     - $HOME/.config/hadolint.yaml,
//     - $HOME/.hadolint/hadolint.yaml, then $HOME/.hadolint/config.yaml,
//     - $HOME/.hadolint.yaml.
//
// getenv supplies XDG_CONFIG_HOME, LOCALAPPDATA and HOME (USERPROFILE when
// HOME is unset). It returns (nil, nil) when there is no config.
func FindWith(dir string, getenv func(string) string) (*Config, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	repoRoot := ""
	for d := dir; ; {
		var found []string
		for _, name := range FileNames {
			p := filepath.Join(d, name)
			ok, err := isFile(p)
			if err != nil {
				return nil, err
			}
			if ok {
				found = append(found, p)
			}
		}
		if len(found) > 0 {
			c, err := Load(found[0])
			if err != nil {
				return nil, err
			}
			if len(found) > 1 {
				c.Notices = append(c.Notices, fmt.Sprintf("%s: not read, because %s is in the same directory", found[1], filepath.Base(found[0])))
			}
			return c, nil
		}
		if exists(filepath.Join(d, ".git")) {
			repoRoot = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	for _, p := range hadolintCandidates(dir, repoRoot, getenv) {
		ok, err := isFile(p)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		c, err := FromHadolint(p, data)
		if err != nil {
			return nil, err
		}
		c.Notices = append(c.Notices, fmt.Sprintf("%s: no .dflint.yaml found, so using this hadolint config; \"dflint migrate hadolint\" converts it", p))
		return c, nil
	}
	return nil, nil
}

// hadolintCandidates lists, in order, the hadolint config paths FindWith
// tries.
func hadolintCandidates(dir, repoRoot string, getenv func(string) string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(d string, names ...string) {
		if d == "" {
			return
		}
		for _, n := range names {
			for _, ext := range []string{".yaml", ".yml"} {
				p := filepath.Join(d, n+ext)
				if !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
			}
		}
	}
	add(dir, ".hadolint")
	add(repoRoot, ".hadolint")
	xdg := getenv("XDG_CONFIG_HOME")
	if runtime.GOOS == "windows" {
		xdg = getenv("LOCALAPPDATA")
	}
	if filepath.IsAbs(xdg) {
		add(xdg, "hadolint")
	}
	home := getenv("HOME")
	if home == "" {
		home = getenv("USERPROFILE")
	}
	if home != "" {
		add(filepath.Join(home, ".config"), "hadolint")
		add(filepath.Join(home, ".hadolint"), "hadolint", "config")
		add(home, ".hadolint")
	}
	return out
}

func isFile(p string) (bool, error) {
	fi, err := os.Stat(p)
	switch {
	case err == nil:
		return !fi.IsDir(), nil
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		return false, nil
	}
	return false, err
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
