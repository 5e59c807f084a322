package rules

// COPY/ADD with several sources into a destination that is not marked as
// a directory (DF809).

import (
	"strconv"
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF809",
		Name:     "copy-multi-src-dest-slash",
		Severity: SeverityError,
		Summary:  "COPY/ADD with several sources needs a destination ending with /",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3021"}, Trivy: []string{"DS011"}},
		Doc: Doc{
			Why: "When COPY or ADD copies more than one file, the destination must be a directory and " +
				"end with `/`. The legacy builder (and builders that follow it) fails with \"When using " +
				"COPY with more than one source file, the destination must be a directory and end with " +
				"a /\"; BuildKit guesses that a directory was meant, so the Dockerfile builds in one " +
				"place and breaks in another.",
			Bad:  "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json .",
			Good: "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./",
			Fix:  "Add a trailing slash to the destination: `./`, `/app/`.",
			Notes: "A single wildcard source counts as several when the build context is known and the " +
				"pattern matches more than one file that is not excluded by .dockerignore (hadolint and " +
				"Trivy only count the words). Destinations built from variables are checked after " +
				"expansion; unknown values are not checked. In Windows stages a trailing `\\` also " +
				"marks a directory. The `COPY file:<digest> in <dest>` form of Dockerfiles rebuilt from " +
				"image history has one source, as in Trivy.",
		},
		Check: checkCopyMultiSource,
	})
}

func checkCopyMultiSource(p *Pass) {
	for _, s := range p.File.Stages {
		for _, inst := range s.Instructions {
			var srcs []string
			var dest, from string
			var heredocs int
			switch {
			case inst.Copy() != nil:
				c := inst.Copy()
				srcs, dest, from, heredocs = c.SourcePaths, c.DestPath, c.From, len(c.SourceContents)
			case inst.Add() != nil:
				c := inst.Add()
				srcs, dest, heredocs = c.SourcePaths, c.DestPath, len(c.SourceContents)
			default:
				continue
			}
			n := len(srcs) + heredocs
			if n == 0 || copyHistoryForm(srcs) {
				continue
			}
			d, known := inst.Expand(dest)
			if !known || d == "" {
				continue
			}
			if strings.HasSuffix(d, "/") || (s.Windows && strings.HasSuffix(d, `\`)) {
				continue
			}
			why := ""
			if n > 1 {
				why = "has " + strconv.Itoa(n) + " sources"
			} else if from == "" && heredocs == 0 {
				why = wildcardMatchesMany(p, inst, srcs[0])
			}
			if why == "" {
				continue
			}
			span := inst.Locate(dest)
			if len(inst.Args) > 0 && inst.Args[len(inst.Args)-1] == dest {
				span = inst.LocateArg(len(inst.Args) - 1)
			}
			fix := dest + "/"
			if n := len(dest); n >= 2 && (dest[n-1] == '"' || dest[n-1] == '\'') {
				fix = dest[:n-1] + "/" + dest[n-1:]
			}
			p.ReportFix(span, fix,
				"%s %s but its destination %q does not end with /: the legacy builder rejects it and BuildKit only assumes a directory was meant",
				inst.Keyword, why, d)
		}
	}
}

// wildcardMatchesMany describes a wildcard source that matches several
// files of the build context that the build receives, or returns "".
func wildcardMatchesMany(p *Pass, inst *Instruction, src string) string {
	ctx := p.File.Context
	if ctx == nil || strings.Contains(src, "://") || strings.HasPrefix(src, "git@") {
		return ""
	}
	v, known := inst.Expand(src)
	if !known {
		return ""
	}
	res := ctx.Resolve(v)
	if !res.Wildcard {
		return ""
	}
	sent := len(res.Matches) - len(res.Ignored)
	if sent < 2 {
		return ""
	}
	return "source " + src + " matches " + strconv.Itoa(sent) + " files"
}

// copyHistoryForm reports whether the sources are the "file:<digest> in"
// (or "multi:<digest> in") form that image history records for COPY and
// ADD, as in Dockerfiles rebuilt from an image: one source, not two.
func copyHistoryForm(srcs []string) bool {
	return len(srcs) == 2 && srcs[1] == "in" &&
		(strings.HasPrefix(srcs[0], "file:") || strings.HasPrefix(srcs[0], "multi:") || strings.HasPrefix(srcs[0], "dir:"))
}
