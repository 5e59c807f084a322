package rules

// Path helpers shared by the rules: paths inside the image as Dockerfiles
// write them, on Linux and Windows stages.

import "strings"

// hasDriveLetter reports whether p starts with a Windows drive letter and
// a colon ("C:", "c:\x", "D:/x").
func hasDriveLetter(p string) bool {
	return len(p) >= 2 && p[1] == ':' && ('a' <= p[0] && p[0] <= 'z' || 'A' <= p[0] && p[0] <= 'Z')
}

// isAbsPath reports whether a path inside the image (a WORKDIR, a COPY
// destination) is absolute: a leading slash, a drive letter (on any stage:
// a Linux image has no use for one) or, on Windows stages, a leading
// backslash.
func isAbsPath(p string, windows bool) bool {
	if strings.HasPrefix(p, "/") || hasDriveLetter(p) {
		return true
	}
	return windows && strings.HasPrefix(p, `\`)
}
