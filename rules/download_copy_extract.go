package rules

// DF724: a local tar archive COPYed into the image and then extracted by
// tar in a later RUN, where ADD would unpack it without keeping the
// archive in a layer.

import (
	"path"
	"slices"
	"strconv"
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF724",
		Name:     "copy-archive-then-extract",
		Severity: SeverityInfo,
		Summary:  "Local tar archive is COPYed and then extracted with tar: use ADD",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3010"}},
		Doc: Doc{
			Why: "`COPY app.tar.gz /tmp/` followed by `RUN tar -xzf /tmp/app.tar.gz -C /opt` stores the archive " +
				"in the COPY layer and its content again in the RUN layer: the image carries both, even when the " +
				"RUN deletes the archive afterwards (a later layer cannot shrink an earlier one). ADD unpacks a " +
				"local tar archive (plain, gzip, bzip2 or xz) straight into its destination, in one layer, " +
				"without the archive and without needing tar in the image.",
			Bad: "FROM debian:bookworm-slim\nCOPY app-1.4.tar.gz /tmp/\n" +
				"RUN tar -xzf /tmp/app-1.4.tar.gz -C /opt && rm /tmp/app-1.4.tar.gz",
			Good: "FROM debian:bookworm-slim\nADD app-1.4.tar.gz /opt/",
			Fix: "Replace the COPY with `ADD <archive> <extraction directory>/` (keeping --link; not " +
				"--chown or --chmod, which applied to the archive file and ADD would apply to its content) and drop the tar command (and the rm of the archive).",
			Notes: "The archive must be a local file (not `COPY --from` a stage) named like a tar archive ADD unpacks: " +
				"`.tar`, `.tar.gz`/`.tgz`, `.tar.bz2`/`.tbz2`/`.tbz`, `.tar.xz`/`.txz`. Zip files, zstd and other " +
				"formats are left alone, since ADD copies them as they are. The RUN must be later in the same " +
				"stage and extract exactly that file (`tar -xf`, `tar xzf`, `--extract --file=`), its path and the " +
				"`-C` directory resolved against WORKDIR and a `cd` earlier in the RUN. The rule stays quiet when " +
				"tar uses options ADD cannot reproduce (`--strip-components`, `--exclude`, member names, " +
				"`--no-same-owner`, `--transform`, ...), runs conditionally or as a non-root USER, when another " +
				"command uses the archive too (a checksum or signature check, a copy), when a name depends on an " +
				"unknown variable, in Windows stages, and in stages whose layers never reach a shipped image " +
				"(a builder only used by `COPY --from`). hadolint's DL3010 matches archive base names anywhere " +
				"in the file, also for unzip and zip files, and reports whatever the tar options.",
		},
		Check: checkCopyArchiveExtract,
	})
}

// dfxTarExts are the names of the tar archives ADD unpacks from the build
// context (plain, gzip, bzip2, xz).
var dfxTarExts = []string{".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tb2", ".tar.bz", ".tar.xz", ".txz"}

// dfxArchive is a tar archive a COPY put into the image.
type dfxArchive struct {
	copy  *Instruction
	arg   int    // index of the source in copy.Args, -1 when unknown
	src   string // the source as expanded
	image string // its path in the image (resolved, see layerJoin)
	wd    string // the WORKDIR of the COPY
}

func checkCopyArchiveExtract(p *Pass) {
	shipped := shippedStages(p.File)
	for _, s := range p.File.Stages {
		if s.Windows || !shipped[s] {
			continue
		}
		dfxCheckStage(p, s)
	}
}

// dfxStageStart returns the working directory and user a stage starts
// with: those its FROM chain leaves, else the base image's ("@", root).
func dfxStageStart(s *Stage) (wd, user string, userKnown bool) {
	wd, userKnown = layerBaseDir, true
	chain := stageChain(s)
	for i := len(chain) - 1; i >= 1; i-- {
		for _, inst := range chain[i].Instructions {
			wd, user, userKnown = dfxApply(inst, wd, user, userKnown)
		}
	}
	return wd, user, userKnown
}

// dfxApply updates the working directory and user after inst.
func dfxApply(inst *Instruction, wd, user string, userKnown bool) (string, string, bool) {
	switch inst.Keyword {
	case "WORKDIR":
		wd = layerWorkdir(inst, wd)
	case "USER":
		user, userKnown = "", false
		if len(inst.Args) == 1 {
			user, userKnown = inst.Expand(inst.Args[0])
		}
	}
	return wd, user, userKnown
}

func dfxCheckStage(p *Pass, s *Stage) {
	wd, user, userKnown := dfxStageStart(s)
	var archives []*dfxArchive
	for _, inst := range s.Instructions {
		switch inst.Keyword {
		case "COPY", "ADD":
			archives = dfxDropOverwritten(archives, inst, wd)
			if inst.Keyword == "COPY" {
				archives = append(archives, dfxCopiedArchives(inst, wd)...)
			}
		case "RUN":
			if len(archives) == 0 {
				break
			}
			if !knownRun(inst) {
				archives = nil // it may use the archives in ways we cannot see
				break
			}
			root := userKnown && (user == "" || userIsRoot(user, false))
			archives = dfxScanRun(p, inst, wd, root, archives)
		}
		wd, user, userKnown = dfxApply(inst, wd, user, userKnown)
	}
}

// dfxDropOverwritten forgets the archives a COPY or ADD may overwrite.
func dfxDropOverwritten(archives []*dfxArchive, inst *Instruction, wd string) []*dfxArchive {
	if len(archives) == 0 {
		return archives
	}
	dest, _ := wdCopyDest(inst)
	d, known := inst.Expand(dest)
	dir := layerJoin(wd, d)
	if !known || dir == "" {
		return nil
	}
	return slices.DeleteFunc(archives, func(a *dfxArchive) bool {
		_, in := layerWithin(a.image, dir)
		return in
	})
}

// dfxCopiedArchives returns the tar archives a COPY from the build context
// puts into the image, with the path each one gets.
func dfxCopiedArchives(inst *Instruction, wd string) []*dfxArchive {
	c := inst.Copy()
	if c == nil || c.From != "" || len(c.SourceContents) > 0 || len(c.SourcePaths) == 0 || c.Parents {
		return nil
	}
	dest, known := inst.Expand(c.DestPath)
	if !known || dest == "" || strings.Contains(dest, `\`) {
		return nil
	}
	var out []*dfxArchive
	for i, raw := range c.SourcePaths {
		src, known := inst.Expand(raw)
		if !known || src == "" || strings.ContainsAny(src, "*?[\\") || !df7HasSuffixFold(src, dfxTarExts...) {
			continue
		}
		if remote, _ := df7RemoteSource(src); remote {
			continue
		}
		base := path.Base(src)
		var images []string
		switch {
		case strings.HasSuffix(dest, "/") || dest == "." || len(c.SourcePaths) > 1:
			images = []string{layerJoin(wd, path.Join(dest, base))}
		case df7HasSuffixFold(dest, dfxTarExts...):
			images = []string{layerJoin(wd, dest)}
		default:
			// "/tmp" is a directory when the image has one, else the
			// file's new name: accept both.
			images = []string{layerJoin(wd, path.Join(dest, base)), layerJoin(wd, dest)}
		}
		arg := -1
		if i < len(inst.Args)-1 && inst.Args[i] == raw {
			arg = i
		}
		for _, img := range images {
			if img != "" {
				out = append(out, &dfxArchive{copy: inst, arg: arg, src: src, image: img, wd: wd})
			}
		}
	}
	return out
}

// dfxScanRun looks for the archives a RUN extracts with tar, reports them
// and returns the archives still worth following.
func dfxScanRun(p *Pass, inst *Instruction, wd string, root bool, archives []*dfxArchive) []*dfxArchive {
	cmds := inst.Run.Commands()
	type hit struct {
		tar *ShellCommand
		dir string
	}
	hits := map[*dfxArchive]hit{}
	used := map[*dfxArchive]bool{}
	for i, c := range cmds {
		tar, isTar := dfxParseTar(c)
		var file, dir string
		if isTar && tar.extract && tar.file != "" {
			cwd := dfxCwd(cmds, i, wd)
			file = layerJoin(cwd, tar.file)
			dir = layerJoin(cwd, tar.dir)
		}
		for _, a := range archives {
			if file != "" && file == a.image {
				if tar.ok && root && !c.Conditional && dir != "" {
					if _, seen := hits[a]; !seen {
						hits[a] = hit{c, dir}
					}
					continue
				}
				used[a] = true
				continue
			}
			if c.Is("rm", "sh", "bash", "dash", "ash", "zsh", "su", "eval") {
				continue // the commands of "sh -c" strings are looked at on their own
			}
			if dfxMentions(c, path.Base(a.image)) {
				used[a] = true // sha256sum, gpg --verify, cp, tar -t: not only extracted
			}
		}
	}
	kept := archives[:0]
	reported := map[*Instruction]map[string]bool{}
	for _, a := range archives {
		h, ok := hits[a]
		if ok && !used[a] {
			if reported[a.copy][a.src] {
				continue
			}
			if dfxReport(p, inst, a, h.tar, h.dir) {
				if reported[a.copy] == nil {
					reported[a.copy] = map[string]bool{}
				}
				reported[a.copy][a.src] = true
			}
			continue
		}
		if ok || used[a] {
			continue // extracted or used: done with it either way
		}
		kept = append(kept, a)
	}
	return kept
}

// dfxMentions reports whether a command has an argument naming the file
// base (or ending with it: "echo \"$SUM  app.tgz\" | sha256sum -c").
func dfxMentions(c *ShellCommand, base string) bool {
	for _, a := range c.Args {
		if strings.HasSuffix(a.Value, base) || strings.Contains(a.Value, base+" ") {
			return true
		}
	}
	return false
}

// dfxCwd returns the directory command cmds[i] runs in: the WORKDIR,
// changed by the cd commands before it in the RUN; "" when unknown.
func dfxCwd(cmds []*ShellCommand, i int, wd string) string {
	c := cmds[i]
	for _, d := range cmds[:i] {
		if !d.Is("cd", "pushd", "popd") {
			continue
		}
		if d.Subshell || d.Conditional || d.Nested != c.Nested || d.Is("popd") {
			return ""
		}
		pos := d.Positionals()
		if len(pos) != 1 || !pos[0].Literal || pos[0].Glob || pos[0].Value == "-" ||
			strings.HasPrefix(pos[0].Value, "~") {
			return ""
		}
		wd = layerJoin(wd, pos[0].Value)
	}
	return wd
}

func dfxReport(p *Pass, run *Instruction, a *dfxArchive, tar *ShellCommand, dir string) bool {
	dest := dir
	if !strings.HasPrefix(dir, "/") {
		rel, ok := layerWithin(dir, a.wd)
		if !ok {
			return false
		}
		dest = "./" + rel
		if rel == "." {
			dest = "."
		}
	}
	if !strings.HasSuffix(dest, "/") {
		dest += "/"
	}
	var flags []string
	for _, f := range a.copy.Flags {
		name, _, _ := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		// --chown and --chmod applied to the archive file, not to what tar
		// extracted: ADD would apply them to the content.
		if strings.EqualFold(name, "link") {
			flags = append(flags, f)
		}
	}
	fix := "ADD " + strings.Join(append(flags, a.src, dest), " ")
	span := At(a.copy)
	if a.arg >= 0 {
		span = a.copy.LocateArg(a.arg)
	}
	shown := strings.TrimPrefix(a.image, layerBaseDir+"/")
	p.ReportFix(span, fix,
		"%s is COPYed to %s and then extracted by tar on line %s: the archive stays in the COPY layer; "+
			"ADD unpacks it in one step (%s)",
		df7Quote(a.src), df7Quote(shown), strconv.Itoa(AtCommand(run, tar).Line), fix)
	return true
}

// dfxTar is what a tar command line says.
type dfxTar struct {
	extract bool
	file    string // -f value as written ("" when none or stdin)
	dir     string // -C value ("" for the current directory)
	ok      bool   // no option or operand ADD cannot reproduce
}

// dfxTarShort are the short options allowed in a reproducible extraction;
// dfxTarLong the long ones (value-taking ones are handled apart).
var (
	dfxTarShort = "xzjJavpU"
	dfxTarLong  = map[string]bool{
		"extract": true, "get": true, "gzip": true, "gunzip": true, "ungzip": true, "bzip2": true, "xz": true,
		"auto-compress": true, "verbose": true, "preserve-permissions": true, "same-permissions": true,
		"unlink-first": true, "overwrite": true, "totals": true, "warning": true, "same-owner": true,
	}
)

// dfxParseTar reads a tar command: old-style ("tar xzf a.tgz -C /opt"),
// short ("tar -xzf a.tgz") and long (--extract --file=a.tgz) options.
func dfxParseTar(c *ShellCommand) (t dfxTar, isTar bool) {
	if !c.Is("tar", "gtar", "bsdtar") {
		return t, false
	}
	t.ok = true
	args := c.Args
	var pending []byte // option letters waiting for their value
	take := func(letter byte, v string) {
		switch letter {
		case 'f':
			t.file = v
		case 'C':
			t.dir = v
		}
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		v := a.Value
		if !a.Literal || a.Glob {
			t.ok = false
			if len(pending) > 0 {
				pending = pending[1:]
			}
			continue
		}
		if len(pending) > 0 {
			take(pending[0], v)
			pending = pending[1:]
			continue
		}
		switch {
		case i == 0 && v != "" && v[0] != '-':
			// Old style: a bundle of letters, their values following.
			for j := 0; j < len(v); j++ {
				switch l := v[j]; {
				case l == 'x':
					t.extract = true
				case l == 'f' || l == 'C':
					pending = append(pending, l)
				case strings.IndexByte(dfxTarShort, l) >= 0:
				default:
					t.ok = false
				}
			}
		case v == "--":
			t.ok = false // operands follow
			i = len(args)
		case strings.HasPrefix(v, "--"):
			name, value, hasValue := strings.Cut(v[2:], "=")
			switch name {
			case "file", "directory":
				if !hasValue {
					if i+1 >= len(args) || !args[i+1].Literal {
						t.ok = false
						i++
						continue
					}
					i++
					value = args[i].Value
				}
				take(map[string]byte{"file": 'f', "directory": 'C'}[name], value)
			case "extract", "get":
				t.extract = true
			default:
				if !dfxTarLong[name] {
					t.ok = false
				}
			}
		case strings.HasPrefix(v, "-") && len(v) > 1:
			for j := 1; j < len(v); j++ {
				l := v[j]
				if l == 'f' || l == 'C' {
					if j+1 < len(v) {
						take(l, v[j+1:])
					} else {
						pending = append(pending, l)
					}
					break
				}
				if l == 'x' {
					t.extract = true
				} else if strings.IndexByte(dfxTarShort, l) < 0 {
					t.ok = false
				}
			}
		default:
			t.ok = false // a member name, "-" or an unknown operand
		}
	}
	if t.file == "-" {
		t.file = ""
	}
	return t, true
}
