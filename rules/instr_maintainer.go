package rules

// The deprecated MAINTAINER instruction (DF805).

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF805",
		Name:     "maintainer-deprecated",
		Severity: SeverityWarning,
		Summary:  "MAINTAINER is deprecated; use the org.opencontainers.image.authors label",
		Since:    "1.0",
		Aliases: Aliases{Hadolint: []string{"DL4000"}, BuildKit: []string{"MaintainerDeprecated"},
			Trivy: []string{"DS022"}},
		Doc: Doc{
			Why: "MAINTAINER has been deprecated since Docker 1.13. It sets the image's legacy `author` " +
				"field, which tools that read OCI labels (registries, scanners, SBOM generators) ignore.",
			Bad:  "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>",
			Good: "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"",
			Fix:  "Replace it with `LABEL org.opencontainers.image.authors=\"...\"` (dflint suggests the exact line).",
		},
		Check: func(p *Pass) {
			for _, s := range p.File.Stages {
				for _, inst := range s.Instructions {
					c, ok := inst.Command.(*instructions.MaintainerCommand)
					if !ok {
						continue
					}
					fix := "LABEL org.opencontainers.image.authors=\"...\""
					if q, ok := df8Quote(maintainerValue(c.Maintainer), p.File.Escape); ok {
						fix = "LABEL org.opencontainers.image.authors=" + q
					}
					p.ReportFix(inst.KeywordSpan(), fix, "MAINTAINER is deprecated; record the author in the org.opencontainers.image.authors label")
				}
			}
		},
	})
}

// maintainerValue is the author a MAINTAINER names: MAINTAINER keeps its
// whole argument, quotes included, but `MAINTAINER "Jane Doe"` means Jane
// Doe.
func maintainerValue(raw string) string {
	v := strings.TrimSpace(raw)
	if n := len(v); n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n-1] == v[0] && !strings.ContainsRune(v[1:n-1], rune(v[0])) {
		v = v[1 : n-1]
	}
	return v
}
