package rules

// Organisation policy on base images: which registries images may come
// from (DF104) and which images are allowed or denied (DF105). Both rules
// do nothing until configured.

import (
	"path"
	"strconv"
	"strings"

	"github.com/distribution/reference"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// UntrustedRegistryOptions configure DF104 (untrusted-registry).
type UntrustedRegistryOptions struct {
	// TrustedRegistries are the registry hosts images may come from, e.g.
	// "docker.io", "ghcr.io", "registry.example.com:5000". A leading "*"
	// matches any prefix ("*.example.com"), a trailing "*" any suffix, and
	// "*" alone every registry. Empty turns the rule off.
	TrustedRegistries []string `yaml:"trusted-registries"`
}

// BaseImagePolicyOptions configure DF105 (base-image-policy).
type BaseImagePolicyOptions struct {
	// Allowed, when not empty, are the only base images allowed.
	Allowed []string `yaml:"allowed"`
	// Denied are base images that must not be used; they win over Allowed.
	Denied []string `yaml:"denied"`
}

func init() {
	MustRegister(&Rule{
		ID:         "DF104",
		Name:       "untrusted-registry",
		Severity:   SeverityError,
		Summary:    "Image comes from a registry that is not in the trusted list",
		Since:      "1.0",
		Aliases:    Aliases{Hadolint: []string{"DL3026"}},
		NewOptions: func() any { return &UntrustedRegistryOptions{} },
		Doc: Doc{
			Why: "Where base images come from is a supply-chain decision: an organisation that mirrors " +
				"and scans images in its own registry wants every build to pull from there, not from an " +
				"arbitrary registry that nobody vets.",
			Bad:  "FROM quay.io/prometheus/busybox:latest\nRUN echo hi",
			Good: "FROM ghcr.io/acme/busybox:1.36\nRUN echo hi",
			Fix:  "Use the image from a trusted registry (or your mirror of it), or add the registry to `trusted-registries`.",
			Notes: "Does nothing until configured:\n\n" +
				"```yaml\nrules:\n  DF104:\n    trusted-registries: [docker.io, ghcr.io, \"*.acme.example\"]\n```\n\n" +
				"hadolint's `trustedRegistries` setting is carried over. Matching follows hadolint: the " +
				"registry host is compared exactly (with its port), `*.example.com` matches any host " +
				"ending in `.example.com`, `registry.*` any host starting with `registry.`, and `*` any " +
				"host. Docker Hub images (`alpine`, `bitnami/nginx`, `docker.io/...`, `index.docker.io/...`) " +
				"are trusted when `docker.io` (or `hub.docker.com`, `index.docker.io`) is listed. Checked: " +
				"every FROM image (names from ARGs are resolved through their defaults; `scratch`, " +
				"stages and unknown names are skipped), and images named in `COPY --from=` and " +
				"`RUN --mount=from=` when they contain `/`, `:` or `@` (a bare word there may be a " +
				"named build context).",
			Options: &UntrustedRegistryOptions{TrustedRegistries: []string{"docker.io", "ghcr.io"}},
		},
		Check: checkUntrustedRegistry,
	})
	MustRegister(&Rule{
		ID:         "DF105",
		Name:       "base-image-policy",
		Severity:   SeverityError,
		Summary:    "Base image is denied, or not allowed, by the configured policy",
		Since:      "1.0",
		NewOptions: func() any { return &BaseImagePolicyOptions{} },
		Doc: Doc{
			Why: "Teams standardise on a few vetted base images (hardened, patched, licensed) and retire " +
				"old ones (`python:2*`, `node:16*`). A policy in the linter catches a stray base image " +
				"at review time instead of in a later scan.",
			Bad:  "FROM python:2.7-slim\nRUN pip install flask",
			Good: "FROM python:3.12-slim\nRUN pip install flask",
			Fix:  "Switch to an allowed base image, or update the policy.",
			Notes: "Does nothing until configured:\n\n" +
				"```yaml\nrules:\n  DF105:\n    allowed: [\"python:3.*\", \"node\", \"ghcr.io/acme/**\", \"gcr.io/distroless/*\"]\n" +
				"    denied: [\"python:2*\", \"**:latest\"]\n```\n\n" +
				"A pattern is an image name, optionally with `:tag` and/or `@digest`, matched with " +
				"shell-style wildcards (Go's path.Match: `*` and `?` do not cross `/`, `[...]` classes) " +
				"plus `**` for any number of path segments. The name part is tried against the short " +
				"name (`node`, `bitnami/node`, `ghcr.io/acme/app`) and the full name " +
				"(`docker.io/library/node`); `*/node` matches `bitnami/node` but not `node`, and `**:latest` " +
				"matches any image tagged latest. A pattern " +
				"without a tag matches every tag; an image without a tag has the tag `latest`. An image " +
				"pinned only by digest matches no tag pattern in `denied` and every tag pattern in " +
				"`allowed`, since its tag is unknown. `denied` wins over `allowed`; when `allowed` is " +
				"not empty, any other image is reported. Only FROM images are checked (names from ARGs " +
				"through their defaults); `scratch`, stages and unknown names are skipped. A malformed " +
				"pattern matches nothing.",
			Options: &BaseImagePolicyOptions{Denied: []string{"python:2*"}},
		},
		Check: checkBaseImagePolicy,
	})
}

// dockerHubHosts are the names users give Docker Hub in trusted lists.
var dockerHubHosts = []string{"docker.io", "hub.docker.com", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"}

func checkUntrustedRegistry(p *Pass) {
	var trusted []string
	switch o := p.Options.(type) {
	case *UntrustedRegistryOptions:
		if o != nil {
			trusted = o.TrustedRegistries
		}
	case UntrustedRegistryOptions:
		trusted = o.TrustedRegistries
	}
	patterns := make([]string, 0, len(trusted))
	for _, t := range trusted {
		t = strings.ToLower(strings.TrimSpace(t))
		t = strings.TrimPrefix(strings.TrimPrefix(t, "https://"), "http://")
		if t = strings.TrimRight(t, "/"); t != "" {
			patterns = append(patterns, t)
		}
	}
	if len(patterns) == 0 {
		return
	}
	list := strings.Join(trusted, ", ")
	f := p.File
	for _, s := range f.Stages {
		if s.Base.IsImage() && !registryTrusted(s.Base.Domain(), patterns) {
			p.ReportFix(s.From.LocateArg(0), "use an image from a trusted registry, or add '"+s.Base.Domain()+"' to trusted-registries",
				"base image %s comes from registry '%s', which is not trusted (trusted-registries: %s)",
				describeBase(s), s.Base.Domain(), list)
		}
		for _, inst := range s.Instructions {
			switch c := inst.Command.(type) {
			case *instructions.CopyCommand:
				if c.From == "" {
					continue
				}
				if v, known := inst.Expand(c.From); known {
					checkSourceImageRegistry(p, "COPY --from", v, inst.Locate(c.From), patterns, list)
				}
			case *instructions.RunCommand:
				for _, m := range instructions.GetMounts(c) {
					if m.From != "" {
						checkSourceImageRegistry(p, "RUN --mount", m.From, inst.Locate(m.From), patterns, list)
					}
				}
			}
		}
	}
}

// checkSourceImageRegistry checks the image named by COPY --from or a
// mount's from=, unless it is a stage or could be a named build context.
func checkSourceImageRegistry(p *Pass, what, value string, span Span, patterns []string, list string) {
	if !strings.ContainsAny(value, "/:@") {
		return // a stage, a stage index, an official image or a named context: not an explicit registry
	}
	lower := strings.ToLower(value)
	for _, s := range p.File.Stages {
		if s.Name == lower {
			return
		}
	}
	if _, err := strconv.Atoi(value); err == nil {
		return
	}
	named, err := reference.ParseNormalizedNamed(value)
	if err != nil {
		return
	}
	domain := reference.Domain(named)
	if registryTrusted(domain, patterns) {
		return
	}
	p.ReportFix(span, "use an image from a trusted registry, or add '"+domain+"' to trusted-registries",
		"%s image '%s' comes from registry '%s', which is not trusted (trusted-registries: %s)", what, value, domain, list)
}

// registryTrusted matches a registry host against trusted patterns, as
// hadolint does.
func registryTrusted(domain string, patterns []string) bool {
	domain = strings.ToLower(domain)
	for _, pat := range patterns {
		if domain == "docker.io" {
			for _, h := range dockerHubHosts {
				if registryMatch(pat, h) {
					return true
				}
			}
			continue
		}
		if registryMatch(pat, domain) {
			return true
		}
	}
	return false
}

func registryMatch(pattern, host string) bool {
	switch {
	case pattern == "*":
		return true
	case strings.HasPrefix(pattern, "*"):
		return strings.HasSuffix(host, pattern[1:])
	case strings.HasSuffix(pattern, "*"):
		return strings.HasPrefix(host, pattern[:len(pattern)-1])
	}
	return host == pattern
}

// imagePattern is a parsed DF105 pattern.
type imagePattern struct {
	raw, name, tag, digest string
}

func parseImagePattern(raw string) imagePattern {
	p := imagePattern{raw: raw}
	s := strings.TrimSpace(raw)
	if i := strings.IndexByte(s, '@'); i >= 0 {
		s, p.digest = s[:i], s[i+1:]
	}
	if i := strings.LastIndexByte(s, ':'); i > strings.LastIndexByte(s, '/') {
		s, p.tag = s[:i], s[i+1:]
	}
	p.name = strings.ToLower(s)
	return p
}

// matchResult is a three-valued match: an image pinned only by digest has
// an unknown tag.
type matchResult int

const (
	matchNo matchResult = iota
	matchYes
	matchUnknown
)

func (p imagePattern) match(ref ImageRef) matchResult {
	if p.name == "" {
		return matchNo
	}
	named := ref.Named
	candidates := [3]string{ref.FamiliarName(), named.Name(), ""}
	if ref.Domain() == "docker.io" {
		candidates[2] = ref.Path() // library/node
	}
	found := false
	for _, c := range candidates {
		if c != "" && globSegments(p.name, c) {
			found = true
			break
		}
	}
	if !found {
		return matchNo
	}
	if p.digest != "" && p.digest != ref.Digest() {
		return matchNo
	}
	if p.tag == "" {
		return matchYes
	}
	tag := ref.Tag()
	if tag == "" {
		if ref.Digest() != "" {
			return matchUnknown
		}
		tag = "latest"
	}
	if ok, err := path.Match(p.tag, tag); err == nil && ok {
		return matchYes
	}
	return matchNo
}

// globSegments matches name against a '/'-separated pattern whose segments
// are path.Match patterns, a "**" segment matching any number of segments.
func globSegments(pattern, name string) bool {
	return globSegs(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func globSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if globSegs(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], segs[0]); err != nil || !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

func checkBaseImagePolicy(p *Pass) {
	var o BaseImagePolicyOptions
	switch v := p.Options.(type) {
	case *BaseImagePolicyOptions:
		if v != nil {
			o = *v
		}
	case BaseImagePolicyOptions:
		o = v
	}
	if len(o.Allowed) == 0 && len(o.Denied) == 0 {
		return
	}
	denied := make([]imagePattern, 0, len(o.Denied))
	for _, d := range o.Denied {
		denied = append(denied, parseImagePattern(d))
	}
	allowed := make([]imagePattern, 0, len(o.Allowed))
	for _, a := range o.Allowed {
		allowed = append(allowed, parseImagePattern(a))
	}
	for _, s := range p.File.Stages {
		if !s.Base.IsImage() {
			continue
		}
		span := s.From.LocateArg(0)
		deniedBy := ""
		for _, d := range denied {
			if d.match(s.Base) == matchYes {
				deniedBy = d.raw
				break
			}
		}
		if deniedBy != "" {
			p.ReportFix(span, "use a base image the policy allows",
				"base image %s is denied by the base-image policy (pattern '%s')", describeBase(s), deniedBy)
			continue
		}
		if len(allowed) == 0 {
			continue
		}
		ok := false
		for _, a := range allowed {
			if a.match(s.Base) != matchNo {
				ok = true
				break
			}
		}
		if !ok {
			p.ReportFix(span, "use one of the allowed base images: "+strings.Join(o.Allowed, ", "),
				"base image %s is not allowed by the base-image policy (allowed: %s)", describeBase(s), shortList(o.Allowed, 5))
		}
	}
}

// shortList joins up to n items, saying how many more there are.
func shortList(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + ", and " + strconv.Itoa(len(items)-n) + " more"
}
