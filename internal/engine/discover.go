// Package engine finds Dockerfiles, lints them in parallel and collects
// deterministic results for the reporters.
package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Target is one thing to lint: a file path, or "-" for standard input.
type Target struct {
	Path string
	// Explicit is true when the user named the file (rather than a
	// directory walk finding it).
	Explicit bool
}

// skipDirs are never searched: version control data and vendored
// dependencies hold other people's Dockerfiles.
var skipDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, "node_modules": true, "vendor": true, "third_party": true}

// IsDockerfileName reports whether a file name looks like a Dockerfile:
// Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile,
// Containerfile.* (but not the *.dockerignore files that sit beside them).
func IsDockerfileName(name string) bool {
	if strings.HasSuffix(name, ".dockerignore") || strings.HasSuffix(name, "~") {
		return false
	}
	switch {
	case name == "Dockerfile", name == "Containerfile":
		return true
	case strings.HasPrefix(name, "Dockerfile."), strings.HasPrefix(name, "Containerfile."):
		return true
	case strings.HasSuffix(name, ".Dockerfile"), strings.HasSuffix(name, ".dockerfile"):
		return true
	}
	return false
}

// Discover expands the command-line paths into targets. Directories are
// searched recursively without following symbolic links (so link loops
// cannot trap the walk). Problems (a missing path, an unreadable directory)
// are returned beside the targets found, so the rest can still be linted.
func Discover(paths []string) ([]Target, []*FileError) {
	var targets []Target
	var errs []*FileError
	seen := map[string]bool{}
	add := func(t Target) {
		// "Dockerfile" and "./Dockerfile" are one file: lint it once, under
		// the first spelling.
		key := t.Path
		if key != "-" {
			key = filepath.Clean(key)
		}
		if !seen[key] {
			seen[key] = true
			targets = append(targets, t)
		}
	}
	for _, p := range paths {
		if p == "-" {
			add(Target{Path: "-", Explicit: true})
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &FileError{Path: p, Message: describeOSError(err)})
			continue
		}
		if !info.IsDir() {
			add(Target{Path: p, Explicit: true})
			continue
		}
		// WalkDir does not follow a root that is a symbolic link, so a link
		// to a directory named on the command line would yield nothing:
		// follow that one link (only it), and print what is found under
		// the name the user gave.
		root := p
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			if r, err := filepath.EvalSymlinks(p); err == nil {
				root = r
			}
		}
		var found []string
		walkErr := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			isRoot := path == root
			if root != p {
				if rel, rerr := filepath.Rel(root, path); rerr == nil {
					path = filepath.Join(p, rel)
				}
			}
			if err != nil {
				errs = append(errs, &FileError{Path: path, Message: describeOSError(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if !isRoot && skipDirs[d.Name()] {
					return fs.SkipDir
				}
				return nil
			}
			if !IsDockerfileName(d.Name()) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Lint a link to a Dockerfile, never follow a link to a
				// directory.
				if st, statErr := os.Stat(path); statErr != nil || !st.Mode().IsRegular() {
					return nil //nolint:nilerr // a dangling link or a link to a directory is skipped, not an error
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			found = append(found, path)
			return nil
		})
		if walkErr != nil {
			errs = append(errs, &FileError{Path: p, Message: describeOSError(walkErr)})
		}
		sort.Strings(found)
		for _, f := range found {
			add(Target{Path: f})
		}
	}
	return targets, errs
}

// describeOSError turns an os error into a short message without repeating
// the path.
func describeOSError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return fmt.Sprint(err)
}
