package rules

// Pinned base images: FROM without a tag, FROM with :latest, and (on
// request) FROM without a digest. Names built from ARGs are resolved
// through their defaults; scratch, earlier stages and names that cannot be
// resolved are never flagged.

func init() {
	MustRegister(&Rule{
		ID:       "DF101",
		Name:     "base-image-untagged",
		Severity: SeverityWarning,
		Summary:  "Base image has no tag, so it silently follows 'latest'",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3006"}, Trivy: []string{"DS001"}},
		Doc: Doc{
			Why: "An image reference without a tag or digest means `:latest`, which moves whenever the " +
				"publisher pushes. The same Dockerfile then builds different images on different days, " +
				"and a rebuild can break (or change behaviour) with no change in your repository.",
			Bad:  "FROM ubuntu\nRUN echo hello",
			Good: "FROM ubuntu:24.04\nRUN echo hello",
			Fix:  "Add an explicit version tag (`ubuntu:24.04`), or a digest (`ubuntu@sha256:...`) for fully reproducible builds.",
			Notes: "Names built from ARGs are resolved through their defaults (`ARG BASE=ubuntu` / `FROM $BASE`); " +
				"an ARG without a default is unknown and never flagged. `scratch` and references to earlier " +
				"build stages are not images and are never flagged.",
		},
		Check: checkBaseImage(func(p *Pass, s *Stage) {
			if s.Base.Tag() == "" && s.Base.Digest() == "" {
				p.ReportFix(s.From.LocateArg(0), s.Base.FamiliarName()+":<version>",
					"base image %s has no tag, so it follows 'latest'; pin a version tag", describeBase(s))
			}
		}),
	})
	MustRegister(&Rule{
		ID:       "DF102",
		Name:     "base-image-latest",
		Severity: SeverityWarning,
		Summary:  "Base image uses the ':latest' tag",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3007"}, Trivy: []string{"DS001"}},
		Doc: Doc{
			Why: "`:latest` is not a version: it points at whatever was pushed last. Builds stop being " +
				"reproducible and a publisher's new major version can break your image without warning.",
			Bad:   "FROM node:latest\nCMD [\"node\", \"server.js\"]",
			Good:  "FROM node:22.11-bookworm-slim\nCMD [\"node\", \"server.js\"]",
			Fix:   "Replace `:latest` with the version you test against, or add a digest (`node:latest@sha256:...` is pinned).",
			Notes: "A reference that carries a digest is pinned by the digest and is not flagged.",
		},
		Check: checkBaseImage(func(p *Pass, s *Stage) {
			if s.Base.Tag() == "latest" && s.Base.Digest() == "" {
				p.ReportFix(s.From.LocateArg(0), s.Base.FamiliarName()+":<version>",
					"base image %s uses the 'latest' tag; pin a version tag", describeBase(s))
			}
		}),
	})
	MustRegister(&Rule{
		ID:         "DF103",
		Name:       "base-image-no-digest",
		Severity:   SeverityInfo,
		Summary:    "Base image is not pinned by digest",
		Since:      "1.0",
		DefaultOff: true,
		Doc: Doc{
			Why: "Tags are mutable: a publisher can push a new image under `3.20`, and a compromised " +
				"registry account can push a malicious one. Only a digest names exact bytes, which " +
				"supply-chain policies (SLSA, reproducible builds) require.",
			Bad:  "FROM alpine:3.20\nRUN apk add --no-cache curl",
			Good: "FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\nRUN apk add --no-cache curl",
			Fix:  "Append the digest of the image you tested (`docker buildx imagetools inspect alpine:3.20`) and let a bot such as Renovate or Dependabot update it.",
			Notes: "Off by default. Enable it with `--require-digest`, or in `.dflint.yaml` with " +
				"`rules: {DF103: {enabled: true}}` (or `severity: {DF103: warning}`).",
		},
		Check: checkBaseImage(func(p *Pass, s *Stage) {
			if s.Base.Digest() == "" {
				p.Report(s.From.LocateArg(0), "base image %s is not pinned by digest", describeBase(s))
			}
		}),
	})
}

// checkBaseImage runs fn for every stage whose base is a known image (not
// scratch, not an earlier stage, not built from an unknown ARG).
func checkBaseImage(fn func(*Pass, *Stage)) func(*Pass) {
	return func(p *Pass) {
		for _, s := range p.File.Stages {
			if s.Base.IsImage() {
				fn(p, s)
			}
		}
	}
}

// describeBase names a stage's base for messages, showing what an ARG-built
// name resolved to.
func describeBase(s *Stage) string {
	if s.Base.Raw != s.Base.Resolved {
		return "'" + s.Base.Raw + "' (= '" + s.Base.Resolved + "')"
	}
	return "'" + s.Base.Raw + "'"
}
