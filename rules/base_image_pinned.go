package rules

// Pinned base images: FROM without a tag, FROM with :latest, and (on
// request) FROM without a digest. Names built from ARGs are resolved
// through their defaults; scratch, earlier stages and names that cannot be
// resolved are never flagged.

import (
	"strings"

	"github.com/distribution/reference"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/dflint/dflint/internal/dockerfile"
)

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
				"an ARG without a default is unknown and never flagged, unless the FROM only uses it with a " +
				"default of its own (`ARG IMAGE` / `FROM ${IMAGE:-ubuntu}`), which is what a build without " +
				"--build-arg pulls. `scratch` and references to earlier build stages are not images and are " +
				"never flagged. hadolint (DL3006) does not resolve ARGs.",
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
			Bad:  "FROM node:latest\nCMD [\"node\", \"server.js\"]",
			Good: "FROM node:22.11-bookworm-slim\nCMD [\"node\", \"server.js\"]",
			Fix:  "Replace `:latest` with the version you test against, or add a digest (`node:latest@sha256:...` is pinned).",
			Notes: "A reference that carries a digest is pinned by the digest and is not flagged. ARGs are " +
				"resolved as for DF101: `ARG TAG=latest` / `FROM node:$TAG` and `ARG TAG` / " +
				"`FROM node:${TAG:-latest}` are flagged, `ARG TAG` / `FROM node:$TAG` is not. Tags are " +
				"case-sensitive: `LATEST` is not `latest`.",
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
// scratch, not an earlier stage, not built from an unknown ARG). A base
// that uses a meta ARG declared without a default only through a default
// of its own (`ARG TAG` / `FROM node:${TAG:-latest}`) is judged as the
// build resolves it when no --build-arg is given.
func checkBaseImage(fn func(*Pass, *Stage)) func(*Pass) {
	return func(p *Pass) {
		for _, s := range p.File.Stages {
			if s.Base.IsImage() {
				fn(p, s)
				continue
			}
			if ref, ok := pinDefaultBase(p.File, s); ok {
				c := *s
				c.Base = ref
				fn(p, &c)
			}
		}
	}
}

// pinUnset stands for a variable whose value the linter cannot know while
// expanding a FROM with pinDefaultBase.
const pinUnset = "\x00dflint-unknown\x00"

// pinEnv is the scope of a FROM in which the meta ARGs declared without a
// default are unset, as they are in a build without --build-arg.
type pinEnv struct {
	vars  *dockerfile.Scope
	unset map[string]bool
	used  bool // an unset ARG was looked up
}

func (e *pinEnv) Get(name string) (string, bool) {
	if v, ok := e.vars.Lookup(name); ok && v.Known {
		return v.Value, true
	}
	if e.unset[name] {
		e.used = true
		return "", false
	}
	return pinUnset, true
}

func (e *pinEnv) Keys() []string { return e.vars.Names() }

// pinDefaultBase resolves the base of a stage whose FROM uses meta ARGs
// declared without a default, but only inside a ${NAME:-default} (or
// ${NAME-default}) expansion: the base the build uses when no --build-arg
// overrides them. It fails for anything else (a bare $NAME reference,
// whose value the build is evidently meant to receive).
func pinDefaultBase(f *File, s *Stage) (ImageRef, bool) {
	raw := s.Base.Raw
	if s.Base.Known || s.From == nil || !strings.Contains(raw, "-") {
		return ImageRef{}, false
	}
	unset := map[string]bool{}
	for _, inst := range f.MetaArgs {
		ac, ok := inst.Command.(*instructions.ArgCommand)
		if !ok {
			continue
		}
		for _, kv := range ac.Args {
			unset[kv.Key] = kv.Value == nil // the last declaration wins
		}
	}
	env := &pinEnv{vars: s.From.Vars, unset: unset}
	lex := shell.NewLex(f.Escape)
	res, err := lex.ProcessWordWithMatches(raw, env)
	if err != nil || !env.used || res.Result == "" || strings.Contains(res.Result, pinUnset) {
		return ImageRef{}, false
	}
	// Every unset ARG must have come with a default: with a bare
	// reference the expansion would differ once the ARG is set to empty.
	for name := range res.Unmatched {
		if !pinOnlyWithDefault(raw, name) {
			return ImageRef{}, false
		}
	}
	v := res.Result
	if strings.EqualFold(v, "scratch") || f.StageByName(v, s.Index) != nil {
		return ImageRef{}, false
	}
	named, err := reference.ParseNormalizedNamed(v)
	if err != nil {
		return ImageRef{}, false
	}
	return ImageRef{Raw: raw, Resolved: v, Known: true, Named: named}, true
}

// pinOnlyWithDefault reports whether every reference to name in word is a
// ${name:-default} or ${name-default} expansion.
func pinOnlyWithDefault(word, name string) bool {
	found := false
	for i := 0; i < len(word); i++ {
		if word[i] != '$' {
			continue
		}
		rest := word[i+1:]
		if r, ok := strings.CutPrefix(rest, "{"+name); ok {
			if !strings.HasPrefix(r, ":-") && !strings.HasPrefix(r, "-") {
				if len(r) > 0 && (r[0] == '}' || r[0] == ':' || r[0] == '+' || r[0] == '?' || r[0] == '#' || r[0] == '%' || r[0] == '/') {
					return false
				}
				continue // a longer name
			}
			found = true
			continue
		}
		if r, ok := strings.CutPrefix(rest, name); ok {
			if r == "" || !pinNameChar(r[0]) {
				return false // a bare $name
			}
		}
	}
	return found
}

func pinNameChar(b byte) bool {
	return b == '_' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
}

// describeBase names a stage's base for messages, showing what an ARG-built
// name resolved to.
func describeBase(s *Stage) string {
	if s.Base.Raw != s.Base.Resolved {
		return "'" + s.Base.Raw + "' (= '" + s.Base.Resolved + "')"
	}
	return "'" + s.Base.Raw + "'"
}
