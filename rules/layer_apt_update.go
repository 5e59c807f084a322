package rules

// DF402: a package index update in a RUN of its own, with the packages
// installed by a later RUN that relies on that index.

import (
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF402",
		Name:     "apt-update-alone",
		Severity: SeverityWarning,
		Summary:  "Package index update runs in its own RUN, apart from the install that needs it",
		Since:    "1.0",
		Aliases:  Aliases{Trivy: []string{"DS017"}},
		Doc: Doc{
			Why: "`RUN apt-get update` on its own makes a layer that Docker caches like any other. When a later " +
				"`RUN apt-get install` changes (a package is added), only that layer is rebuilt: it installs from " +
				"the package lists cached weeks or months ago, which point at versions the mirrors no longer carry, " +
				"so the build fails with 404 errors, or silently installs outdated packages. The same holds for " +
				"`apk update` followed by a separate `apk add`.",
			Bad: "FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl",
			Good: "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n" +
				" && rm -rf /var/lib/apt/lists/*",
			Fix: "Run the update and the install in the same RUN: `RUN apt-get update && apt-get install -y ...` " +
				"(and clean the lists in that RUN too). On Alpine, drop `apk update` and use `apk add --no-cache`.",
			Notes: "Covers apt-get, apt and aptitude (`update` followed by `install`, `upgrade`, `dist-upgrade`, " +
				"`full-upgrade`, `reinstall` or `build-dep` in a later RUN) and apk (`update`, then `add` or " +
				"`upgrade` without `--no-cache`/`--update-cache`, which fetch a fresh index). The later RUN is looked " +
				"for in the same stage and in the stages built FROM it; the rule stays quiet when that RUN refreshes " +
				"the index itself before installing, when another update comes first, when either RUN keeps the " +
				"index in a cache mount (`--mount=type=cache,target=/var/lib/apt`), and when the lists are deleted " +
				"in between. An update with no later install at all is left alone (it only wastes space). Trivy's " +
				"DS017 flags every RUN whose `update` is not followed by an install in the same RUN, whatever comes " +
				"later, and matches the text of the command line; hadolint has no equivalent.",
		},
		Check: checkAptUpdateAlone,
	})
}

// layerPkgOp is what one command does with a package index.
type layerPkgOp int

const (
	layerPkgNone    layerPkgOp = iota
	layerPkgUpdate             // refreshes the index
	layerPkgInstall            // installs from the cached index
	layerPkgFresh              // installs with a fresh index of its own (apk add --no-cache)
	layerPkgDrop               // deletes the cached index (rm -rf /var/lib/apt/lists/*)
)

// layerPkgManager returns the index family of a command ("apt", "apk")
// and what it does.
func layerPkgManager(c *ShellCommand) (string, layerPkgOp) {
	fam, op, _ := layerPkgCommand(c)
	return fam, op
}

// layerPkgCommand is layerPkgManager that also returns the subcommand.
func layerPkgCommand(c *ShellCommand) (string, layerPkgOp, string) {
	switch c.Base {
	case "apt-get", "apt", "aptitude":
		pos := c.Positionals("-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release",
			"-a", "--host-architecture", "-F", "--display-format", "-w", "--width")
		if len(pos) == 0 {
			return "", layerPkgNone, ""
		}
		switch pos[0].Value {
		case "update":
			return "apt", layerPkgUpdate, "update"
		case "install", "upgrade", "dist-upgrade", "full-upgrade", "reinstall", "build-dep", "safe-upgrade":
			return "apt", layerPkgInstall, pos[0].Value
		}
	case "apk":
		pos := c.Positionals("-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir",
			"--repositories-file", "--progress-fd", "--cache-max-age", "-t", "--virtual", "--timeout")
		if len(pos) == 0 {
			return "", layerPkgNone, ""
		}
		switch pos[0].Value {
		case "update":
			return "apk", layerPkgUpdate, "update"
		case "add", "upgrade", "fix":
			if c.HasFlag("--no-cache", "-U", "--update-cache", "--update") {
				return "apk", layerPkgFresh, pos[0].Value
			}
			return "apk", layerPkgInstall, pos[0].Value
		}
	case "rm":
		for _, a := range c.Args {
			if !a.Literal {
				continue
			}
			if strings.HasPrefix(a.Value, "/var/lib/apt/lists") {
				return "apt", layerPkgDrop, ""
			}
			if strings.HasPrefix(a.Value, "/var/cache/apk") {
				return "apk", layerPkgDrop, ""
			}
		}
	}
	return "", layerPkgNone, ""
}

// layerIndexDirs are where each family keeps its index; a mount over one
// of them takes the index out of the layers.
var layerIndexDirs = map[string][]string{
	"apt": {"/var/lib/apt", "/var/lib/apt/lists"},
	"apk": {"/var/cache/apk", "/etc/apk/cache", "/lib/apk/db"},
}

// layerMountsIndex reports whether a RUN mounts something over (or above)
// a family's index directory, or has mounts it cannot read.
func layerMountsIndex(inst *Instruction, family string, wd string) bool {
	mounts, ok := inst.Mounts()
	if !ok {
		return true
	}
	for _, m := range mounts {
		t := layerJoin(wd, m.Target)
		if t == "" {
			return true
		}
		for _, d := range layerIndexDirs[family] {
			if _, in := layerWithin(d, t); in {
				return true
			}
			if _, in := layerWithin(t, d); in {
				return true
			}
		}
	}
	return false
}

// layerRunPkg summarises a RUN for one family: its first index operation
// (update, install, fresh install, drop), and the command doing it.
type layerRunPkg struct {
	first     layerPkgOp
	firstCmd  *ShellCommand
	update    *ShellCommand // the first update
	installs  bool          // installs anything (fresh or not)
	anyUpdate bool
}

func layerScanRun(inst *Instruction, family string) (r layerRunPkg) {
	for _, c := range inst.Run.Commands() {
		fam, op := layerPkgManager(c)
		if fam != family || op == layerPkgNone {
			continue
		}
		if r.first == layerPkgNone && op != layerPkgFresh {
			r.first, r.firstCmd = op, c
		}
		switch op {
		case layerPkgUpdate:
			if r.update == nil {
				r.update = c
			}
			r.anyUpdate = true
		case layerPkgInstall, layerPkgFresh:
			r.installs = true
		}
	}
	return r
}

func checkAptUpdateAlone(p *Pass) {
	f := p.File
	children := map[*Stage][]*Stage{}
	for _, s := range f.Stages {
		if s.Parent != nil && s.Parent.Index < s.Index {
			children[s.Parent] = append(children[s.Parent], s)
		}
	}
	workdirs := map[*Instruction]string{}
	wdEnd := map[*Stage]string{}
	for _, s := range f.Stages {
		wd := layerBaseDir
		if s.Parent != nil && s.Parent.Index < s.Index {
			wd = wdEnd[s.Parent]
		}
		for _, inst := range s.Instructions {
			if inst.Keyword == "WORKDIR" {
				wd = layerWorkdir(inst, wd)
			}
			workdirs[inst] = wd
		}
		wdEnd[s] = wd
	}
	for _, s := range f.Stages {
		for i, inst := range s.Instructions {
			if !layerUsableRun(inst) {
				continue
			}
			for _, family := range []string{"apt", "apk"} {
				r := layerScanRun(inst, family)
				if r.update == nil || r.installs {
					continue
				}
				if layerMountsIndex(inst, family, workdirs[inst]) {
					continue
				}
				later, cmd := layerLaterInstall(s, i+1, family, children, workdirs)
				if later == nil {
					continue
				}
				_, _, sub := layerPkgCommand(cmd)
				advice := "run '" + r.update.Name + " update' in the same RUN as the install"
				if family == "apk" {
					advice = "drop it and use 'apk " + sub + " --no-cache'"
				}
				p.ReportFix(AtCommand(inst, r.update), layerAptFix(family, r.update, cmd),
					"'%s update' runs in a RUN of its own, apart from the '%s %s' on line %d: once this layer is "+
						"cached, any change to that RUN installs from stale package lists; %s",
					r.update.Name, cmd.Name, sub, later.Line, advice)
			}
		}
	}
}

// layerLaterInstall finds the first RUN after s.Instructions[from:] (and
// in the stages built FROM s) that installs from the family's cached index
// before refreshing it. A RUN that refreshes or drops the index first
// ends the search on its branch.
func layerLaterInstall(s *Stage, from int, family string, children map[*Stage][]*Stage,
	workdirs map[*Instruction]string) (*Instruction, *ShellCommand) {
	for _, inst := range s.Instructions[from:] {
		if inst.Keyword != "RUN" {
			continue
		}
		if !layerUsableRun(inst) {
			continue
		}
		r := layerScanRun(inst, family)
		switch r.first {
		case layerPkgNone, layerPkgFresh:
			continue
		case layerPkgInstall:
			if layerMountsIndex(inst, family, workdirs[inst]) {
				return nil, nil
			}
			return inst, r.firstCmd
		default: // update or drop: later installs depend on this RUN
			return nil, nil
		}
	}
	for _, ch := range children[s] {
		if inst, cmd := layerLaterInstall(ch, 0, family, children, workdirs); inst != nil {
			return inst, cmd
		}
	}
	return nil, nil
}

// layerAptFix suggests the merged RUN, spelling the install out when all
// its arguments are plain words.
func layerAptFix(family string, update *ShellCommand, install *ShellCommand) string {
	_, _, sub := layerPkgCommand(install)
	words := []string{install.Name}
	for _, a := range install.Args {
		if !a.Literal || a.Glob || a.Value == "" || strings.ContainsAny(a.Value, " \t\n'\"\\$`;&|<>(){}*?[]#~") {
			words = []string{install.Name, sub, "..."}
			break
		}
		words = append(words, a.Value)
	}
	text := strings.Join(words, " ")
	if family == "apk" {
		if t, ok := strings.CutPrefix(text, install.Name+" "+sub); ok && !install.HasFlag("--no-cache") {
			return "RUN " + install.Name + " " + sub + " --no-cache" + t
		}
		return "RUN " + text
	}
	return "RUN " + update.Name + " update && " + text
}
