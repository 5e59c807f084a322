package rules

// ONBUILD triggers that fail only when a downstream image builds (DF811).

import (
	"errors"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dflint/dflint/internal/dockerfile"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF811",
		Name:     "onbuild-invalid-trigger",
		Severity: SeverityError,
		Summary:  "ONBUILD trigger is not a valid instruction, so every image built FROM this one fails",
		Since:    "1.0",
		Doc: Doc{
			Why: "BuildKit stores an ONBUILD trigger as text and only parses it when another Dockerfile " +
				"uses the image in FROM. A trigger with a typo or missing arguments therefore builds " +
				"fine here and breaks the build of every downstream image, far from the mistake.",
			Bad:  "FROM node:22-alpine\nONBUILD COPY package.json",
			Good: "FROM node:22-alpine\nONBUILD COPY package.json ./",
			Fix:  "Correct the trigger so that it is a valid instruction on its own line.",
			Notes: "`ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER` (hadolint DL3043) are " +
				"already rejected by BuildKit's parser, so dflint reports them as parse errors; this " +
				"rule covers the triggers BuildKit accepts but cannot run.",
		},
		Check: func(p *Pass) {
			for _, s := range p.File.Stages {
				for _, inst := range s.Instructions {
					if inst.Keyword != "ONBUILD" || inst.Node == nil || inst.Node.Next == nil || len(inst.Node.Next.Children) == 0 {
						continue
					}
					child := inst.Node.Next.Children[0]
					_, err := dockerfile.ParseInstruction(child)
					if err == nil {
						continue
					}
					p.Report(inst.LocateArg(0), "ONBUILD trigger %q is invalid and will fail every build FROM this image: %s",
						strings.TrimSpace(child.Original), strings.TrimSuffix(df8Lower(onbuildErr(err)), "."))
				}
			}
		},
	})
}

// onbuildErr is BuildKit's message without location wrapping.
func onbuildErr(err error) string {
	var le *parser.LocationError
	if errors.As(err, &le) && le.Unwrap() != nil {
		err = le.Unwrap()
	}
	return err.Error()
}
