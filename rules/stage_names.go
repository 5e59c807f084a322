package rules

// Build stage names: duplicates, upper-case letters, a lower-case "as" after
// an upper-case FROM (and the reverse), and the names BuildKit reserves.
// BuildKit lower-cases stage names, so "Build" and "build" are the same
// stage everywhere (FROM, COPY --from, --target).

import (
	"strconv"
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF106",
		Name:     "duplicate-stage-name",
		Severity: SeverityError,
		Summary:  "Two build stages have the same name",
		Since:    "1.0",
		Aliases: Aliases{
			Hadolint: []string{"DL3024"},
			BuildKit: []string{"DuplicateStageName"},
			Trivy:    []string{"DS012"},
		},
		Doc: Doc{
			Why: "A stage name must identify one stage. With two stages of the same name, `COPY --from`, " +
				"`FROM <name>` and `--target` silently pick one of them (BuildKit takes the last), so " +
				"files come from a stage the reader did not expect, or the build fails with a circular " +
				"dependency when a stage ends up referring to itself.",
			Bad: "FROM golang:1.22 AS build\nRUN go build -o /app ./cmd/app\n\n" +
				"FROM node:22 AS build\nRUN npm ci && npm run build\n\n" +
				"FROM alpine:3.20\nCOPY --from=build /app /app",
			Good: "FROM golang:1.22 AS build-go\nRUN go build -o /app ./cmd/app\n\n" +
				"FROM node:22 AS build-web\nRUN npm ci && npm run build\n\n" +
				"FROM alpine:3.20\nCOPY --from=build-go /app /app",
			Fix: "Rename one of the stages and update the `COPY --from`, `FROM` and `--target` references to it.",
			Notes: "Names are compared case-insensitively, as BuildKit lower-cases them (`AS Build` and " +
				"`AS build` are duplicates). The second and later stages are reported, each pointing at the " +
				"first one.",
		},
		Check: checkDuplicateStageName,
	})
	MustRegister(&Rule{
		ID:       "DF107",
		Name:     "stage-name-casing",
		Severity: SeverityStyle,
		Summary:  "Stage name has upper-case letters",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"StageNameCasing"}},
		Doc: Doc{
			Why: "BuildKit lower-cases stage names: `FROM golang AS Builder` defines a stage called " +
				"`builder`. Writing it with capitals suggests that the name is case-sensitive, and it " +
				"blurs the difference between instruction keywords and names.",
			Bad:  "FROM golang:1.22 AS BuilderBase\nRUN go version",
			Good: "FROM golang:1.22 AS builder-base\nRUN go version",
			Fix:  "Write the stage name in lower case (and its `COPY --from` / `FROM` references too, for consistency).",
			Notes: "Same check as BuildKit's StageNameCasing. The finding is cosmetic: the build " +
				"behaves the same either way.",
		},
		Check: checkStageNameCasing,
	})
	MustRegister(&Rule{
		ID:       "DF108",
		Name:     "from-as-casing",
		Severity: SeverityStyle,
		Summary:  "The 'AS' keyword does not match the case of 'FROM'",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"FromAsCasing"}},
		Doc: Doc{
			Why: "Keywords are case-insensitive, but mixing cases in one instruction (`FROM x as y`) " +
				"reads like a mistake and makes stage names harder to spot.",
			Bad:  "FROM debian:12 as builder\nRUN echo build",
			Good: "FROM debian:12 AS builder\nRUN echo build",
			Fix:  "Write `AS` in the same case as `FROM`: `FROM x AS y`, or `from x as y`.",
			Notes: "Same definition as BuildKit's FromAsCasing: only an all-upper-case or all-lower-case " +
				"`FROM` is compared with its `AS`; a mixed-case keyword (`From`) is left to the rules " +
				"about instruction casing.",
		},
		Check: checkFromAsCasing,
	})
	MustRegister(&Rule{
		ID:       "DF109",
		Name:     "reserved-stage-name",
		Severity: SeverityError,
		Summary:  "Stage is named 'scratch' or 'context', which are reserved",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"ReservedStageName"}},
		Doc: Doc{
			Why: "`scratch` is the empty image and `context` names the build context; BuildKit resolves " +
				"stage names before them, so a stage called `scratch` turns every later `FROM scratch` " +
				"into a copy of that stage, and a stage called `context` shadows the build context of " +
				"the same name.",
			Bad:  "FROM alpine:3.20 AS scratch\nRUN echo hello > /hello",
			Good: "FROM alpine:3.20 AS base\nRUN echo hello > /hello",
			Fix:  "Rename the stage (and its references).",
			Notes: "The reserved names are BuildKit's: `scratch` and `context` (in any case, since stage " +
				"names are lower-cased).",
		},
		Check: checkReservedStageName,
	})
}

// stageNameArg is the index in FROM's Args of the stage name ("FROM x AS
// name"), or -1 for an unnamed stage.
func stageNameArg(s *Stage) int {
	if s.Name == "" || len(s.From.Args) != 3 {
		return -1
	}
	return 2
}

// stageNameSpan points at a stage's name, or at its FROM.
func stageNameSpan(s *Stage) Span {
	if n := stageNameArg(s); n >= 0 {
		return s.From.LocateArg(n)
	}
	return At(s.From)
}

func checkDuplicateStageName(p *Pass) {
	first := map[string]*Stage{}
	for _, s := range p.File.Stages {
		if s.Name == "" {
			continue
		}
		prev, dup := first[s.Name]
		if !dup {
			first[s.Name] = s
			continue
		}
		p.ReportFix(stageNameSpan(s), "rename one of the stages, e.g. '"+s.Name+"-"+strconv.Itoa(s.Index)+"'",
			"stage name '%s' is already used by the stage on line %d; references to it pick one of the two",
			s.Name, prev.From.Line)
	}
}

func checkStageNameCasing(p *Pass) {
	for _, s := range p.File.Stages {
		n := stageNameArg(s)
		if n < 0 {
			continue
		}
		written := s.From.Args[n]
		if written == strings.ToLower(written) {
			continue
		}
		p.ReportFix(s.From.LocateArg(n), strings.ToLower(written),
			"stage name '%s' should be lower case ('%s'): BuildKit lower-cases stage names", written, strings.ToLower(written))
	}
}

func checkFromAsCasing(p *Pass) {
	for _, s := range p.File.Stages {
		if stageNameArg(s) < 0 {
			continue
		}
		from, as := s.From.Written, s.From.Args[1]
		var want string
		switch from {
		case strings.ToUpper(from):
			want = strings.ToUpper(as)
		case strings.ToLower(from):
			want = strings.ToLower(as)
		default:
			continue // mixed-case FROM: instruction casing rules' business
		}
		if as == want {
			continue
		}
		p.ReportFix(s.From.LocateArg(1), want, "'%s' and '%s' keywords' casing do not match: write '%s'", as, from, want)
	}
}

func checkReservedStageName(p *Pass) {
	for _, s := range p.File.Stages {
		switch s.Name {
		case "scratch":
			p.ReportFix(stageNameSpan(s), "AS scratch-stage (and update its references)",
				"stage name 'scratch' is reserved for the empty image: later 'FROM scratch' would refer to this stage")
		case "context":
			p.ReportFix(stageNameSpan(s), "AS context-stage (and update its references)",
				"stage name 'context' is reserved for the build context")
		}
	}
}
