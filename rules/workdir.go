package rules

// WORKDIR and paths (DF3xx): relative WORKDIR, cd in RUN instead of
// WORKDIR, COPY/ADD to a relative destination and RUN relying on the
// working directory when the stage never set one.

import (
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF301",
		Name:     "workdir-relative",
		Severity: SeverityWarning,
		Summary:  "WORKDIR uses a relative path before any WORKDIR was set",
		Since:    "1.0",
		Aliases: Aliases{
			Hadolint: []string{"DL3000"},
			BuildKit: []string{"WorkdirRelativePath"},
			Trivy:    []string{"DS009"},
		},
		Doc: Doc{
			Why: "A relative WORKDIR is resolved against the working directory the stage inherits. " +
				"Before any WORKDIR of your own, that is the base image's WORKDIR, which you do not " +
				"control: when the base image changes it (or you switch base images), your files end " +
				"up somewhere else and later COPY, RUN and CMD paths silently break. `WORKDIR ~/app` " +
				"is a classic variant: WORKDIR does not expand `~`, it creates a directory named `~`.",
			Bad:  "FROM nginx:1.27\nWORKDIR usr/share/nginx/html\nCOPY public .",
			Good: "FROM nginx:1.27\nWORKDIR /usr/share/nginx/html\nCOPY public .",
			Fix:  "Use an absolute path (`WORKDIR /app`), or set an absolute WORKDIR earlier in the stage.",
			Notes: "Like BuildKit's WorkdirRelativePath, only the first WORKDIR of a stage chain is judged: a " +
				"relative WORKDIR after an absolute one (in the same stage, or in an earlier stage this " +
				"one is built FROM) is well defined and is not reported. hadolint (DL3000) and Trivy " +
				"(DS009) report every relative WORKDIR. Variables are expanded with their ARG/ENV " +
				"values; a value the linter cannot know (an ARG without default, `$HOME` from the base " +
				"image) is not judged. `WORKDIR .` changes nothing and is not reported, and neither is a " +
				"relative WORKDIR in a stage built FROM scratch, whose working directory is always `/`. On Windows " +
				"`C:\\app`, `C:/app`, `\\app` and `/app` are absolute; a drive-letter path is accepted " +
				"on any stage.",
		},
		Check: checkWorkdirRelative,
	})
	MustRegister(&Rule{
		ID:       "DF302",
		Name:     "run-cd",
		Severity: SeverityWarning,
		Summary:  "RUN changes directory with cd for the commands after it; use WORKDIR",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3003"}, Trivy: []string{"DS013"}},
		Doc: Doc{
			Why: "`RUN cd /src && make` hides the directory a step works in inside shell code, and every " +
				"later RUN has to repeat the cd. WORKDIR states it once, creates the directory if needed, " +
				"and applies to RUN, COPY, ADD, CMD and ENTRYPOINT alike.",
			Bad:  "FROM node:22-slim\nCOPY . /usr/src/app\nRUN cd /usr/src/app && npm ci --omit=dev",
			Good: "FROM node:22-slim\nWORKDIR /usr/src/app\nCOPY . .\nRUN npm ci --omit=dev",
			Fix:  "Replace the cd with `WORKDIR <dir>` before the RUN and drop the cd from the command.",
			Notes: "Reported once per RUN, on a cd (or pushd) that later commands of the same shell depend " +
				"on: a cd followed by at least one more command, also inside `sh -c '...'` strings and " +
				"heredoc scripts. A `mkdir` of the target just before (`mkdir -p /app && cd /app && ...`) " +
				"counts as part of the cd, since WORKDIR creates the directory too. One exception: a cd in " +
				"the middle of a RUN, after a command that may have created its directory (a git clone, a " +
				"download, an extraction, a copy or mkdir of something else), usually just steps into what " +
				"the RUN fetched, and moving that to WORKDIR would change the directory of every later " +
				"instruction (and of the container); it is reported only when the stage keeps working " +
				"there (the directory is a COPY/ADD destination or is cd'ed into by several RUNs). A RUN " +
				"that does nothing but cd (`RUN cd /app`, hadolint's example) is reported as well: it is a " +
				"no-op, since the next instruction starts in the WORKDIR again.\n\n" +
				"Never reported, because WORKDIR would not be an equivalent: a cd inside `( ... )` or " +
				"`$( ... )` (scoped on purpose) or under `if`, `||` or a loop (conditional); a cd that ends a RUN doing other work, or is followed only by " +
				"`exit`/`true`; a cd followed by a popd or by a cd elsewhere or back up (`cd /`, `cd -`, " +
				"`cd ..`: the RUN moves around and comes back; a further `cd sub` down is fine); a cd " +
				"whose target the RUN removes later (`cd /usr/src/python && ... && rm -rf " +
				"/usr/src/python`, the build-in-a-scratch-directory pattern of official images) or that " +
				"lies in /tmp, /var/tmp or /dev/shm; `cd`, `cd -`, `cd ~`, `cd /`, `cd ..`; and a target " +
				"with a shell expansion (`cd \"$(mktemp -d)\"`, `cd $dir`), which WORKDIR cannot " +
				"reproduce. pushd is treated like cd, popd as going back. hadolint (DL3003) and Trivy " +
				"(DS013) report every cd. RUNs in PowerShell or cmd are not analysed.",
		},
		Check: checkRunCd,
	})
	MustRegister(&Rule{
		ID:       "DF303",
		Name:     "copy-relative-dest-no-workdir",
		Severity: SeverityInfo,
		Summary:  "COPY/ADD to a relative destination in a stage that never sets WORKDIR",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3045"}},
		Doc: Doc{
			Why: "A relative COPY/ADD destination (`.`, `app/`) is resolved against the working " +
				"directory. Without a WORKDIR of your own it is the base image's, which you do not " +
				"control: `COPY app.py .` lands in `/` on most distribution images, in `/go` on golang, " +
				"and moves whenever the base image changes.",
			Bad:  "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r /requirements.txt",
			Good: "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt",
			Fix:  "Set an absolute WORKDIR before the COPY/ADD, or use an absolute destination.",
			Notes: "Reported once per stage, on the first relative destination: one WORKDIR fixes them all. " +
				"A WORKDIR in an earlier stage that this one is built FROM counts. Destinations are " +
				"expanded with their ARG/ENV values; an unknown value is not judged. The base image may " +
				"well set a sensible WORKDIR, which the linter cannot see without pulling it: that is " +
				"why this is info, as hadolint's DL3045 is known to be noisy for it. Stages built FROM " +
				"scratch are exempt: their working directory is `/` and cannot change under you (hadolint " +
				"reports them). On Windows " +
				"`C:\\x`, `C:/x`, `\\x` and `/x` are absolute.",
		},
		Check: checkCopyRelativeDest,
	})
	MustRegister(&Rule{
		ID:       "DF304",
		Name:     "run-without-workdir",
		Severity: SeverityInfo,
		Summary:  "RUN runs a file by a relative path in a stage that never sets WORKDIR",
		Since:    "1.0",
		Doc: Doc{
			Why: "`RUN ./build.sh` or `RUN sh ./install.sh` only works if the current working directory " +
				"holds the file. If the stage never set a WORKDIR, that directory is whatever the base " +
				"image chose, so the step silently depends on a detail of someone else's image.",
			Bad:  "FROM debian:bookworm-slim\nCOPY build.sh /build.sh\nRUN ./build.sh",
			Good: "FROM debian:bookworm-slim\nWORKDIR /src\nCOPY build.sh .\nRUN ./build.sh",
			Fix:  "Set an absolute WORKDIR before the RUN, or run the file by its absolute path.",
			Notes: "Deliberately narrow, to stay quiet on ordinary Dockerfiles: reported once per stage, on " +
				"the first RUN (before any WORKDIR in the stage chain) whose first real command (after " +
				"`set`, `export`, `.`/`source` and the like) runs a file by a relative path: a program " +
				"such as `./configure` or `bin/setup`, or a script given to sh, bash, python, node, perl, " +
				"ruby or php as `./x` or `../x`. Nothing in the RUN can have created that file yet, so it " +
				"must sit in the inherited working directory. Relative paths later in a RUN are not " +
				"judged: they usually name files the RUN itself downloaded or unpacked there (and tar " +
				"or zip member names look like relative paths without being any). A stage that DF303 " +
				"already reports (a relative COPY/ADD destination before the RUN) is left to DF303, " +
				"since one WORKDIR fixes both; stages built FROM scratch (working directory `/`, " +
				"which cannot change) are exempt. RUNs in PowerShell or cmd are not analysed.",
		},
		Check: checkRunWithoutWorkdir,
	})
}

// wdInherited reports whether an earlier stage of s's FROM chain sets a
// WORKDIR, or whether the chain starts FROM scratch, whose working
// directory is "/" and cannot change under you.
func wdInherited(s *Stage) bool {
	if rootStage(s).Base.Scratch {
		return true
	}
	for _, p := range stageChain(s.Parent) {
		for _, inst := range p.Instructions {
			if inst.Keyword == "WORKDIR" {
				return true
			}
		}
	}
	return false
}

// ---------------------------------------------------------------- DF301

func checkWorkdirRelative(p *Pass) {
	for _, s := range p.File.Stages {
		if wdInherited(s) {
			continue
		}
		for _, inst := range s.Instructions {
			wc, ok := inst.Command.(*instructions.WorkdirCommand)
			if !ok {
				continue
			}
			// Only the first WORKDIR of the chain is judged: fixing it fixes
			// the later relative ones.
			value, known := inst.Expand(wc.Path)
			if known && !isAbsPath(value, s.Windows) && path.Clean(strings.ReplaceAll(value, `\`, "/")) != "." {
				shown := "'" + wc.Path + "'"
				if value != wc.Path {
					shown += " (= '" + value + "')"
				}
				fix := "WORKDIR /" + strings.TrimPrefix(value, "./")
				if s.Windows {
					fix = `WORKDIR C:\` + strings.TrimPrefix(strings.TrimPrefix(value, "./"), `.\`)
				}
				hint := ""
				if strings.HasPrefix(value, "~") {
					fix = "WORKDIR /home/<user>/" + strings.TrimLeft(strings.TrimPrefix(value, "~"), "/")
					hint = "; WORKDIR does not expand '~'"
				}
				p.ReportFix(inst.LocateArg(0), fix,
					"relative WORKDIR %s in %s resolves against the base image's working directory, which may change%s",
					shown, uwStageLabel(s), hint)
			}
			break
		}
	}
}

// ---------------------------------------------------------------- DF302

func checkRunCd(p *Pass) {
	for _, s := range p.File.Stages {
		var dirs *wdDirs // computed on the first candidate only
		for _, inst := range s.Instructions {
			if !knownRun(inst) {
				continue
			}
			cmds := inst.Run.Commands()
			if c, target, ok := wdLoneCd(cmds); ok {
				p.ReportFix(AtCommand(inst, c), "WORKDIR "+target,
					"'%s %s' is all this RUN does, and its directory does not carry over to later instructions; use WORKDIR %s",
					c.Name, target, target)
				continue
			}
			for i, c := range cmds {
				if !c.Is("cd", "pushd") || c.Conditional {
					continue // a cd under if/||/a loop is not a WORKDIR
				}
				target, ok := wdCdTarget(c, i, cmds)
				if !ok {
					continue
				}
				if !wdLeading(i, cmds, target) && wdCreatedBefore(i, cmds) {
					// A cd in the middle of a RUN, after a git clone,
					// download, extraction or mkdir, steps into what the
					// RUN just made; it is only a WORKDIR when the stage
					// keeps working in that directory.
					if dirs == nil {
						dirs = wdCollectDirs(s)
					}
					if !dirs.reused(target) {
						continue
					}
				}
				p.ReportFix(AtCommand(inst, c), "WORKDIR "+target,
					"'%s %s' changes directory for the rest of the RUN; set WORKDIR %s before the RUN instead",
					c.Name, target, target)
				break
			}
		}
	}
}

// wdLoneCd returns the cd of a RUN that does nothing but change directory
// (`RUN cd /app`, maybe after `set -e`): a no-op, since every RUN starts
// in the WORKDIR again, written by someone who expected it to last.
func wdLoneCd(cmds []*ShellCommand) (*ShellCommand, string, bool) {
	var cd *ShellCommand
	for _, c := range cmds {
		switch {
		case c.Nested > 0 || c.Subshell || c.InPipeline || c.Conditional:
			return nil, "", false
		case c.Is("cd", "pushd"):
			if cd != nil {
				return nil, "", false
			}
			cd = c
		case c.Base != "" && (wdSetup[c.Base] && c.Base != "." && c.Base != "source" || wdTrivial[c.Base]):
		default:
			return nil, "", false
		}
	}
	if cd == nil {
		return nil, "", false
	}
	pos := cd.Positionals()
	if len(pos) != 1 || !pos[0].Literal || pos[0].Glob || pos[0].Brace || pos[0].Value == "" ||
		pos[0].Value == "-" || strings.HasPrefix(pos[0].Value, "~") {
		return nil, "", false
	}
	if clean := path.Clean(pos[0].Value); clean == "/" || clean == "." || wdOnlyDotDot(clean) {
		return nil, "", false
	}
	return cd, pos[0].Value, true
}

// wdSetup are commands that may precede a cd that starts a RUN: they set
// shell options or the environment and do not use the directory.
var wdSetup = map[string]bool{
	"set": true, "export": true, "shopt": true, "umask": true, ".": true, "source": true,
	"true": true, ":": true,
}

// wdLeading reports whether cmds[i] is the first real command of its shell
// (the RUN's script, or its "sh -c" string): only setup commands before it,
// or a mkdir of the cd's target (`mkdir -p /app && cd /app`), which
// WORKDIR does too.
func wdLeading(i int, cmds []*ShellCommand, target string) bool {
	n := cmds[i].Nested
	for j := i - 1; j >= 0; j-- {
		d := cmds[j]
		if n > 0 && d.Nested < n {
			break // the start of the string
		}
		if d.Is("mkdir") && wdMakes(d, target) {
			continue
		}
		if d.Base == "" || !wdSetup[d.Base] {
			return false
		}
	}
	return true
}

// wdCreators are commands that may create the directory a later cd of the
// same RUN steps into: clones, downloads, extractions, copies, mkdir.
var wdCreators = map[string]bool{
	"git": true, "svn": true, "hg": true, "curl": true, "wget": true, "tar": true, "bsdtar": true,
	"unzip": true, "7z": true, "7za": true, "gunzip": true, "bunzip2": true, "xz": true, "unxz": true,
	"cpio": true, "mkdir": true, "cp": true, "mv": true, "rsync": true, "ln": true, "dpkg-source": true,
	"install": true,
}

// wdCreatedBefore reports whether a command before cmds[i] in the same
// shell may have created the directory the cd enters.
func wdCreatedBefore(i int, cmds []*ShellCommand) bool {
	n := cmds[i].Nested
	for j := i - 1; j >= 0; j-- {
		d := cmds[j]
		if n > 0 && d.Nested < n {
			break
		}
		if d.Base == "" || wdCreators[d.Base] {
			return true // unknown commands may create it too
		}
		if d.Is("apt-get", "apt") {
			if sub, _ := d.Subcommand(); sub == "source" {
				return true
			}
		}
	}
	return false
}

// wdMakes reports whether a mkdir command creates dir and nothing else
// but its parents.
func wdMakes(c *ShellCommand, dir string) bool {
	pos := c.Positionals("-m", "--mode", "-Z", "--context")
	if len(pos) != 1 || !pos[0].Literal || pos[0].Glob || pos[0].Brace {
		return false
	}
	return path.Clean(pos[0].Value) == path.Clean(dir)
}

// wdDirs are the directories a stage chain keeps coming back to: COPY/ADD
// destinations and the cd targets of each RUN.
type wdDirs struct {
	dests map[string]bool
	cds   map[string]int // target -> number of RUNs that cd there
}

func (d *wdDirs) reused(target string) bool {
	t := path.Clean(target)
	return d.dests[t] || d.cds[t] >= 2
}

func wdCollectDirs(s *Stage) *wdDirs {
	d := &wdDirs{dests: map[string]bool{}, cds: map[string]int{}}
	for _, st := range stageChain(s) {
		for _, inst := range st.Instructions {
			if dest, ok := wdCopyDest(inst); ok {
				if v, known := inst.Expand(dest); known && v != "" {
					d.dests[path.Clean(v)] = true
				}
				continue
			}
			if inst.Run == nil {
				continue
			}
			seen := map[string]bool{}
			for _, c := range inst.Run.Commands() {
				if !c.Is("cd", "pushd") {
					continue
				}
				pos := c.Positionals()
				if len(pos) != 1 || !pos[0].Literal || pos[0].Value == "" {
					continue
				}
				t := path.Clean(pos[0].Value)
				if !seen[t] {
					seen[t] = true
					d.cds[t]++
				}
			}
		}
	}
	return d
}

// wdTrivial are commands that do not depend on the working directory, so a
// cd followed only by them ("cd x || exit 1") changes nothing.
var wdTrivial = map[string]bool{"exit": true, "return": true, "true": true, "false": true, ":": true}

// wdCdTarget decides whether cds[i], a cd or pushd, sets the directory for
// later commands in a way WORKDIR could replace, and returns its target.
func wdCdTarget(c *ShellCommand, i int, cmds []*ShellCommand) (string, bool) {
	if c.Nested == 0 && (c.Subshell || c.InPipeline) {
		return "", false // ( cd x && ... ), $(cd x && pwd): scoped on purpose
	}
	var targets []ShellArg
	for _, a := range c.Args {
		if a.Value == "--" {
			continue
		}
		if len(a.Value) > 1 && a.Value[0] == '-' && a.Literal {
			continue // -P, -L, -e, -@
		}
		targets = append(targets, a)
	}
	if len(targets) != 1 || !targets[0].Literal || targets[0].Glob || targets[0].Brace {
		return "", false // cd (home), a shell expansion, or something odd
	}
	target := targets[0].Value
	clean := path.Clean(target)
	if target == "-" || strings.HasPrefix(target, "~") || clean == "/" || wdOnlyDotDot(clean) || clean == "." {
		return "", false
	}
	for _, tmp := range []string{"/tmp", "/var/tmp", "/dev/shm"} {
		if clean == tmp || strings.HasPrefix(clean, tmp+"/") {
			return "", false
		}
	}
	// The commands that run after the cd in the same shell: for the main
	// script every later command; inside an "sh -c" string the commands of
	// that string (a contiguous run at the same or deeper nesting).
	dependent := false
	for _, d := range cmds[i+1:] {
		if c.Nested > 0 && d.Nested < c.Nested {
			break
		}
		switch {
		case d.Is("cd", "pushd", "popd") && !wdDescends(d):
			return "", false // navigates elsewhere or back: not a WORKDIR
		case d.Is("rm", "rmdir") && wdRemoves(d, clean):
			return "", false // a scratch directory, removed at the end
		case d.Base == "" || !wdTrivial[d.Base]:
			dependent = true
		}
	}
	return target, dependent
}

// wdDescends reports whether a later cd/pushd only goes further down from
// the current directory ("cd sub"), which keeps the first cd meaningful.
func wdDescends(c *ShellCommand) bool {
	if c.Is("popd") {
		return false
	}
	pos := c.Positionals()
	if len(pos) != 1 || !pos[0].Literal {
		return false
	}
	v := pos[0].Value
	return v != "" && v != "-" && !strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "~") &&
		!strings.HasPrefix(path.Clean(v), "..")
}

// wdOnlyDotDot matches "..", "../..", ...
func wdOnlyDotDot(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if part != ".." {
			return false
		}
	}
	return true
}

// wdRemoves reports whether an rm/rmdir command removes dir or a directory
// containing it.
func wdRemoves(c *ShellCommand, dir string) bool {
	for _, a := range c.Positionals() {
		if !a.Literal || a.Value == "" {
			continue
		}
		p := path.Clean(a.Value)
		if p == "/" || p == "." {
			continue
		}
		if p == dir || strings.HasPrefix(dir, p+"/") {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------- DF303

func checkCopyRelativeDest(p *Pass) {
	for _, s := range p.File.Stages {
		if wdInherited(s) {
			continue
		}
		for _, inst := range s.Instructions {
			if inst.Keyword == "WORKDIR" {
				break
			}
			dest, ok := wdCopyDest(inst)
			if !ok {
				continue
			}
			value, known := inst.Expand(dest)
			if !known || value == "" || isAbsPath(value, s.Windows) {
				continue
			}
			shown := "'" + dest + "'"
			if value != dest {
				shown += " (= '" + value + "')"
			}
			p.ReportFix(inst.LocateArg(len(inst.Args)-1),
				"add `WORKDIR /app` (an absolute path) before this "+inst.Keyword+", or use an absolute destination",
				"%s to relative destination %s in %s, which never sets WORKDIR: it lands in the base image's working directory",
				inst.Keyword, shown, uwStageLabel(s))
			break
		}
	}
}

// wdCopyDest returns the destination of a COPY or ADD.
func wdCopyDest(inst *Instruction) (string, bool) {
	if c := inst.Copy(); c != nil {
		return c.DestPath, true
	}
	if c := inst.Add(); c != nil {
		return c.DestPath, true
	}
	return "", false
}

// ---------------------------------------------------------------- DF304

func checkRunWithoutWorkdir(p *Pass) {
	for _, s := range p.File.Stages {
		if wdInherited(s) {
			continue
		}
	stage:
		for _, inst := range s.Instructions {
			switch inst.Keyword {
			case "WORKDIR":
				break stage
			case "COPY", "ADD":
				if dest, ok := wdCopyDest(inst); ok {
					value, known := inst.Expand(dest)
					if known && value != "" && !isAbsPath(value, s.Windows) {
						break stage // DF303's finding covers this stage
					}
				}
				continue
			case "RUN":
			default:
				continue
			}
			if !knownRun(inst) {
				continue
			}
			if c, rel, ok := wdLeadingRelative(inst.Run.Commands()); ok {
				p.ReportFix(AtCommand(inst, c), "add an absolute `WORKDIR` before this RUN, or use an absolute path",
					"RUN starts with the relative path '%s' but %s never sets WORKDIR: it only works if the base image's working directory holds it",
					rel, uwStageLabel(s))
				break stage
			}
		}
	}
}

// wdInterpreters run the script named by their first operand.
var wdInterpreters = map[string]bool{
	"sh": true, "bash": true, "dash": true, "ash": true, "zsh": true, "python": true, "python2": true,
	"python3": true, "node": true, "perl": true, "ruby": true, "php": true,
}

// wdLeadingRelative returns the first real command of a RUN (after set,
// export and the like) when it runs a file by a path relative to the
// working directory: "./build.sh", "bin/setup", "sh ./install.sh". Nothing
// in the RUN can have created that file yet, so it must come from an
// earlier instruction or the base image, at a place that depends on the
// working directory.
func wdLeadingRelative(cmds []*ShellCommand) (*ShellCommand, string, bool) {
	for _, c := range cmds {
		if c.Nested > 0 || c.Subshell {
			return nil, "", false
		}
		if c.Base != "" && wdSetup[c.Base] {
			continue
		}
		if c.Name != "" && !strings.HasPrefix(c.Name, "/") && strings.Contains(c.Name, "/") {
			return c, c.Name, true
		}
		if wdInterpreters[c.Base] {
			if pos := c.Positionals(); len(pos) > 0 && pos[0].Literal && wdDotRelative(pos[0].Value) {
				return c, pos[0].Value, true
			}
		}
		return nil, "", false
	}
	return nil, "", false
}

// wdDotRelative matches "./x" and "../x".
func wdDotRelative(v string) bool {
	return strings.HasPrefix(v, "./") || strings.HasPrefix(v, "../")
}
