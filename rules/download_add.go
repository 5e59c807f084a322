package rules

// ADD: local files that COPY would copy the same way (DF721) and remote
// files fetched without a checksum (DF722).

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF721",
		Name:     "add-instead-of-copy",
		Severity: SeverityWarning,
		Summary:  "ADD of local files that are not archives: use COPY",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3020"}, Trivy: []string{"DS005"}},
		Doc: Doc{
			Why: "ADD has hidden behaviour that COPY does not: it unpacks local tar archives and fetches " +
				"URLs. For plain files and directories it does what COPY does, but the reader has to wonder " +
				"which behaviour is meant, and a file that later becomes (or is replaced by) a tarball is " +
				"silently extracted instead of copied.",
			Bad:  "FROM debian:12\nADD app.conf /etc/app/app.conf",
			Good: "FROM debian:12\nCOPY app.conf /etc/app/app.conf",
			Fix:  "Replace ADD with COPY (all of ADD's --chown, --chmod, --link and --exclude flags work with COPY).",
			Notes: "Not reported when any source is a URL or git repository, a tar archive or compressed file " +
				"(by extension, or by content when the build context is known), a heredoc, or a name built " +
				"from an unknown variable, nor when ADD-only flags (`--checksum`, `--keep-git-dir`, " +
				"`--unpack`) are used. hadolint's DL3020 and Trivy's DS005 are the same check; Trivy only " +
				"looks at the `.tar` text.",
		},
		Check: checkAddInsteadOfCopy,
	})
	MustRegister(&Rule{
		ID:       "DF722",
		Name:     "add-remote-without-checksum",
		Severity: SeverityInfo,
		Summary:  "ADD of a remote URL without --checksum",
		Since:    "1.0",
		Doc: Doc{
			Why: "`ADD https://...` puts whatever the server returns at build time into the image. Without a " +
				"checksum a compromised or changed download goes unnoticed, and the same Dockerfile can " +
				"build different images.",
			Bad: "FROM debian:12\nADD https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 /usr/local/bin/gosu",
			Good: "FROM debian:12\nADD --checksum=sha256:bbc4136d03ab138b1ad66fa4fc051bafc6cc7ffae632b069a53657279a450de3 " +
				"https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 /usr/local/bin/gosu",
			Fix: "Add `--checksum=sha256:<digest of the file>` (BuildKit verifies it and fails the build on " +
				"mismatch), or download with curl in a RUN and check the file with `sha256sum -c`.",
			Notes: "`ADD --checksum` needs Dockerfile syntax 1.6 or newer (any current Docker). Git sources " +
				"(`.git` URLs, `git@...`) are not reported: pin them with a commit in the fragment. " +
				"hadolint has no equivalent (its DL3020 lets URLs through); KICS and Datadog recommend curl or " +
				"wget instead of ADD for URLs, which is a matter of taste once the checksum is checked.",
		},
		Check: checkAddRemoteChecksum,
	})
}

// df7ArchiveExts are the file name endings of archives and compressed
// files that ADD may unpack (BuildKit detects them by content; the name
// is the best static guess).
var df7ArchiveExts = []string{
	".tar", ".gz", ".tgz", ".bz2", ".tbz", ".tbz2", ".tb2", ".xz", ".txz", ".lz", ".lzma", ".tlz",
	".z", ".tz", ".tpz", ".zst", ".tzst", ".zstd",
}

// df7RemoteSource reports a URL or git source, and whether it is git.
func df7RemoteSource(src string) (remote, git bool) {
	lower := strings.ToLower(src)
	switch {
	case strings.HasPrefix(lower, "git@"), strings.HasPrefix(lower, "git://"), strings.HasPrefix(lower, "ssh://"):
		return true, true
	case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"):
		base, _, _ := strings.Cut(lower, "#")
		base, _, _ = strings.Cut(base, "?")
		return true, strings.HasSuffix(strings.TrimSuffix(base, "/"), ".git")
	}
	return strings.Contains(lower, "://"), false
}

func checkAddInsteadOfCopy(p *Pass) {
	for _, s := range p.File.Stages {
		for _, inst := range s.Instructions {
			add := inst.Add()
			if add == nil || len(add.SourceContents) > 0 || len(add.SourcePaths) == 0 {
				continue
			}
			if add.Checksum != "" || add.KeepGitDir != nil || add.Unpack != nil {
				continue
			}
			plain := true
			shown := make([]string, 0, len(add.SourcePaths))
			for _, src := range add.SourcePaths {
				v, known := inst.Expand(src)
				if !known {
					plain = false
					break
				}
				shown = append(shown, v)
				if remote, _ := df7RemoteSource(v); remote || df7HasSuffixFold(v, df7ArchiveExts...) || df7ArchiveInContext(p.File, v) {
					plain = false
					break
				}
			}
			if !plain {
				continue
			}
			fix := "COPY " + strings.Join(append(append([]string{}, inst.Flags...), inst.Args...), " ")
			p.ReportFix(inst.KeywordSpan(), fix,
				"ADD of %s, which is not an archive or URL: use COPY", df7AddSources(shown))
		}
	}
}

// df7AddSources names an ADD's sources for messages.
func df7AddSources(srcs []string) string {
	if len(srcs) == 1 {
		return df7Quote(srcs[0])
	}
	if len(srcs) > 3 {
		return df7Quote(srcs[0]) + " and " + df7Plural(len(srcs)-1, "other source")
	}
	q := make([]string, len(srcs))
	for i, s := range srcs {
		q[i] = df7Quote(s)
	}
	return strings.Join(q, ", ")
}

// df7ArchiveInContext reports whether a local source (in a known build
// context) is, or matches, a file whose content is an archive ADD would
// unpack.
func df7ArchiveInContext(f *File, src string) bool {
	if f.Context == nil {
		return false
	}
	res := f.Context.Resolve(src)
	for i, m := range res.Matches {
		if i == 16 {
			return true // many matches: do not read them all, assume the worst
		}
		if df7IsArchiveFile(filepath.Join(f.Context.Dir(), filepath.FromSlash(m))) {
			return true
		}
	}
	return false
}

// df7IsArchiveFile sniffs the magic numbers of the formats BuildKit
// unpacks: tar, gzip, bzip2, xz, zstd.
func df7IsArchiveFile(name string) bool {
	fh, err := os.Open(name)
	if err != nil {
		return false
	}
	defer fh.Close()
	if st, err := fh.Stat(); err != nil || !st.Mode().IsRegular() {
		return false
	}
	var buf [512]byte
	n, _ := io.ReadFull(fh, buf[:])
	b := buf[:n]
	switch {
	case bytes.HasPrefix(b, []byte{0x1f, 0x8b}),
		bytes.HasPrefix(b, []byte("BZh")),
		bytes.HasPrefix(b, []byte{0xfd, '7', 'z', 'X', 'Z', 0x00}),
		bytes.HasPrefix(b, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		return true
	case n >= 262 && bytes.Equal(b[257:262], []byte("ustar")):
		return true
	}
	return false
}

func checkAddRemoteChecksum(p *Pass) {
	for _, s := range p.File.Stages {
		for _, inst := range s.Instructions {
			add := inst.Add()
			if add == nil || add.Checksum != "" {
				continue
			}
			for i, src := range add.SourcePaths {
				v, known := inst.Expand(src)
				if !known {
					v = strings.Trim(src, `"'`) // "https://host/$VERSION/x" is remote all the same
				}
				remote, git := df7RemoteSource(v)
				if !remote || git {
					continue
				}
				lower := strings.ToLower(v)
				if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
					continue
				}
				span := inst.Locate(src)
				if i < len(inst.Args) && inst.Args[i] == src {
					span = inst.LocateArg(i)
				}
				p.ReportFix(span, "ADD --checksum=sha256:<digest> "+v+" ...",
					"ADD of %s without --checksum: the download is not verified", df7Quote(v))
				break
			}
		}
	}
}
