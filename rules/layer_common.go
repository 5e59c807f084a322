package rules

// Helpers shared by the cache-friendly layer order rules (DF4xx): paths
// inside the image as a stage sees them, and whether a RUN can be read.

import (
	"path"
	"strings"
)

// Image paths. A directory inside the image is either absolute ("/app") or
// relative to the base image's own working directory, which the linter
// cannot know: "@" is that directory and "@/src" a directory below it.
// The two kinds never compare equal, so an unknown base WORKDIR can only
// make a rule quieter. "" means unknown.

const layerBaseDir = "@"

// layerJoin resolves p against the directory dir, as WORKDIR, COPY
// destinations and cd do. It returns "" when the result is unknown.
func layerJoin(dir, p string) string {
	if p == "" {
		return dir
	}
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	switch {
	case dir == "":
		return ""
	case strings.HasPrefix(dir, "/"):
		return path.Join(dir, p)
	}
	rest := strings.TrimPrefix(strings.TrimPrefix(dir, layerBaseDir), "/")
	r := path.Join(rest, p)
	if r == ".." || strings.HasPrefix(r, "../") {
		return "" // above the unknown base directory
	}
	if r == "." {
		return layerBaseDir
	}
	return layerBaseDir + "/" + r
}

// layerWithin returns p relative to dir ("." when equal) and whether p is
// dir or below it. Both are resolved image paths.
func layerWithin(p, dir string) (string, bool) {
	if p == "" || dir == "" {
		return "", false
	}
	if p == dir {
		return ".", true
	}
	prefix := dir + "/"
	if dir == "/" {
		prefix = "/"
	}
	if rest, ok := strings.CutPrefix(p, prefix); ok && rest != "" {
		return rest, true
	}
	return "", false
}

// layerWorkdir applies a WORKDIR instruction to the directory d.
func layerWorkdir(inst *Instruction, d string) string {
	if len(inst.Args) != 1 {
		return ""
	}
	v, known := inst.Expand(inst.Args[0])
	if !known || v == "" {
		return ""
	}
	return layerJoin(d, v)
}

// layerUsableRun reports whether a RUN's shell code is known to the
// linter: POSIX and parsed.
func layerUsableRun(inst *Instruction) bool {
	return knownRun(inst) && inst.Stage != nil && !inst.Stage.Windows
}
