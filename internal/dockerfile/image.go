package dockerfile

import (
	"strings"

	"github.com/distribution/reference"
)

// ImageRef is the base of a stage as written and as resolved.
type ImageRef struct {
	// Raw is the name as written in FROM, before variable expansion.
	Raw string
	// Resolved is Raw after expansion; meaningful only when Known.
	Resolved string
	// Known is false when Raw uses a variable whose value the linter
	// cannot know (an ARG without default): rules must stay quiet then.
	Known bool
	// Scratch is true for "FROM scratch".
	Scratch bool
	// Stage is the earlier stage this FROM refers to, or nil.
	Stage *Stage
	// Named is the parsed image reference (normalised, e.g.
	// docker.io/library/alpine); nil for scratch, stages, unknown or
	// invalid names.
	Named reference.Named
	// Invalid is set when Resolved is known but is not a valid reference.
	Invalid bool
}

// IsImage reports whether the base is a real image whose name is known
// (not scratch, not a stage, not unknown, not invalid).
func (r ImageRef) IsImage() bool { return r.Named != nil }

// Tag returns the tag, "" when the reference has none.
func (r ImageRef) Tag() string {
	if t, ok := r.Named.(reference.Tagged); ok {
		return t.Tag()
	}
	return ""
}

// Digest returns the digest ("sha256:..."), "" when the reference has none.
func (r ImageRef) Digest() string {
	if d, ok := r.Named.(reference.Digested); ok {
		return d.Digest().String()
	}
	return ""
}

// Domain returns the registry host ("docker.io" for Docker Hub names).
func (r ImageRef) Domain() string {
	if r.Named == nil {
		return ""
	}
	return reference.Domain(r.Named)
}

// Path returns the repository path without the registry
// ("library/alpine").
func (r ImageRef) Path() string {
	if r.Named == nil {
		return ""
	}
	return reference.Path(r.Named)
}

// FamiliarName returns the short name users write ("alpine",
// "ghcr.io/o/x"), without tag or digest.
func (r ImageRef) FamiliarName() string {
	if r.Named == nil {
		return ""
	}
	return reference.FamiliarName(r.Named)
}

// resolveBase fills an ImageRef for stage s of f.
func resolveBase(f *File, s *Stage, raw string, known bool, resolved string) ImageRef {
	ref := ImageRef{Raw: raw, Resolved: resolved, Known: known}
	if !known {
		return ref
	}
	// BuildKit looks stage names up first, so a stage named "scratch"
	// (itself an error) would shadow the empty image.
	if st := f.StageByName(resolved, s.Index); st != nil {
		ref.Stage = st
		return ref
	}
	if strings.EqualFold(resolved, "scratch") {
		ref.Scratch = true
		return ref
	}
	named, err := reference.ParseNormalizedNamed(resolved)
	if err != nil {
		ref.Invalid = true
		return ref
	}
	ref.Named = named
	return ref
}

// windowsImage reports whether an image reference names a Windows image:
// the Windows base images and the nanoserver/windowsservercore variants that
// official images publish.
func windowsImage(ref ImageRef) bool {
	if ref.Named == nil {
		return false
	}
	name := strings.ToLower(ref.Named.String())
	// .NET Framework images (mcr.microsoft.com/dotnet/framework/*) only
	// exist for Windows.
	for _, marker := range []string{"windows", "nanoserver", "servercore", "ltsc20", "dotnet/framework/"} {
		if strings.Contains(name, marker) {
			return true
		}
	}
	return false
}
