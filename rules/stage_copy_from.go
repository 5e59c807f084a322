package rules

// COPY --from (and RUN --mount=from=) naming a stage that cannot be used
// there: the stage itself, a stage defined further down, a stage index
// that does not exist, or (when it is obviously a typo) a misspelt stage
// name. Anything else is an image reference or a named build context and
// is left alone.

import (
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dflint/dflint/internal/textdist"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF114",
		Name:     "copy-from-unknown-stage",
		Severity: SeverityError,
		Summary:  "COPY --from names the current stage, a later stage or a missing stage",
		Since:    "1.0",
		Aliases: Aliases{
			Hadolint: []string{"DL3022", "DL3023"},
			Trivy:    []string{"DS006"},
		},
		Doc: Doc{
			Why: "`COPY --from` can only read from a stage that is complete when the COPY runs: an " +
				"earlier stage. Naming the current stage is a circular dependency, naming a stage " +
				"defined further down fails with \"needs to be defined before current stage\", and a " +
				"misspelt stage name is taken for a Docker Hub image, so the build tries to pull an " +
				"image that does not exist.",
			Bad: "FROM golang:1.22 AS build\nRUN go build -o /out/app ./cmd/app\n\n" +
				"FROM gcr.io/distroless/static-debian12\nCOPY --from=biuld /out/app /app",
			Good: "FROM golang:1.22 AS build\nRUN go build -o /out/app ./cmd/app\n\n" +
				"FROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app",
			Fix: "Point `--from` at an earlier stage (move the stage you need above the one that copies " +
				"from it), or fix the name.",
			Notes: "Checked for `COPY --from=` and `RUN --mount=...,from=`: a reference to the stage " +
				"itself (hadolint DL3023, Trivy DS006), to a stage defined later, to a stage index that " +
				"is not an earlier stage, and to a bare name of five or more characters that is not a stage " +
				"but is one typo (a changed, missing, extra or swapped character) away from an earlier " +
				"stage's name, without being a prefix or an extension of it. " +
				"Any other name is an image (`--from=nginx:1.27`, `--from=composer`) or a named build " +
				"context and is not reported: hadolint's DL3022 reports every name that is not an " +
				"earlier stage. Names are compared case-insensitively, like BuildKit. Names built from " +
				"variables are expanded; unknown values are not reported. Names shared by several " +
				"stages are left to DF106.",
		},
		Check: checkCopyFromStage,
	})
}

func checkCopyFromStage(p *Pass) {
	f := p.File
	if len(f.Stages) < 1 {
		return
	}
	byName := map[string]*Stage{}
	dup := map[string]bool{}
	for _, s := range f.Stages {
		if s.Name == "" {
			continue
		}
		if byName[s.Name] != nil {
			dup[s.Name] = true
		}
		byName[s.Name] = s
	}
	for _, s := range f.Stages {
		for _, inst := range s.Instructions {
			switch c := inst.Command.(type) {
			case *instructions.CopyCommand:
				if c.From == "" {
					continue
				}
				flag := "--from=" + c.From
				for _, fl := range inst.Flags {
					if k, _, _ := strings.Cut(strings.TrimPrefix(fl, "--"), "="); strings.EqualFold(k, "from") {
						flag = fl
						break
					}
				}
				value, known := inst.Expand(c.From)
				if !known {
					continue
				}
				checkStageRef(p, s, "COPY --from="+c.From, "copy from", value, inst.Locate(flag), true, byName, dup)
			case *instructions.RunCommand:
				for _, m := range instructions.GetMounts(c) {
					if m.From == "" {
						continue
					}
					checkStageRef(p, s, "RUN --mount from="+m.From, "mount", m.From, inst.Locate("from="+m.From), false, byName, dup)
				}
			}
		}
	}
}

// checkStageRef reports a stage reference that cannot work. index says
// whether a number is a stage index (COPY --from) or a name (--mount).
func checkStageRef(p *Pass, s *Stage, what, verb, value string, span Span, index bool,
	byName map[string]*Stage, dup map[string]bool) {
	f := p.File
	if index {
		if n, err := strconv.Atoi(value); err == nil {
			switch {
			case n == s.Index:
				p.ReportFix(span, "name an earlier stage, or drop from= to use the build context",
					"%s refers to the stage it is in (stage %d): a stage cannot %s itself", what, n, verb)
			case n > s.Index && n < len(f.Stages):
				p.ReportFix(span, "move stage "+strconv.Itoa(n)+" above this one, or name an earlier stage",
					"%s refers to stage %d (line %d), which is defined later: a stage can only %s earlier stages",
					what, n, f.Stages[n].From.Line, verb)
			case n < 0 || n >= len(f.Stages):
				stages := "only stage 0"
				if len(f.Stages) > 1 {
					stages = "stages 0 to " + strconv.Itoa(len(f.Stages)-1)
				}
				p.Report(span, "%s refers to stage %d, but the file has %s", what, n, stages)
			}
			return
		}
	}
	name := strings.ToLower(value)
	if dup[name] {
		return // DF106
	}
	if target := byName[name]; target != nil {
		switch {
		case target == s:
			p.ReportFix(span, "name an earlier stage, or drop from= to use the build context",
				"%s refers to the stage it is in ('%s'): a stage cannot %s itself", what, target.Name, verb)
		case target.Index > s.Index:
			p.ReportFix(span, "move stage '"+target.Name+"' above this one",
				"%s refers to stage '%s' (line %d), which is defined later: a stage can only %s earlier stages",
				what, target.Name, target.From.Line, verb)
		}
		return
	}
	if match := stageTypo(f, s, name); match != nil {
		p.ReportFix(span, match.Name,
			"%s is not a stage, so it is pulled as the image 'docker.io/library/%s' (did you mean stage '%s'?)",
			what, name, match.Name)
	}
}

// stageTypo returns the earlier stage whose name value is almost surely a
// misspelling of: a bare name (no registry, path, tag or digest) of five
// or more characters, one typo (a changed, missing or extra character, or
// two swapped neighbours) away from a stage name that neither extends nor
// shortens it. Bare names are Docker official images, and a few of those
// are one edit away from common stage names ("bash"/"base"), hence the
// minimum length.
func stageTypo(f *File, s *Stage, value string) *Stage {
	if len(value) < 5 || strings.ContainsAny(value, "/:@$.") {
		return nil
	}
	for _, st := range f.Stages {
		if st.Index >= s.Index || len(st.Name) < 5 {
			continue
		}
		if strings.HasPrefix(st.Name, value) || strings.HasPrefix(value, st.Name) {
			continue
		}
		if textdist.OneTypo(value, st.Name) {
			return st
		}
	}
	return nil
}
