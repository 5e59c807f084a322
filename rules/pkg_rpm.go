package rules

// rpm package manager hygiene (RHEL, CentOS, Fedora, Amazon Linux, UBI,
// openSUSE): confirmation prompts, caches left in the layer, version pins,
// for yum, dnf (dnf5, microdnf, tdnf) and zypper.

import (
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF621",
		Name:     "yum-missing-yes",
		Severity: SeverityWarning,
		Summary:  "yum install, update or remove without -y",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3030"}},
		Doc: Doc{
			Why: "A build has no terminal to answer yum's \"Is this ok [y/N]\". Without an answer yum exits " +
				"with \"Operation aborted\" and the build fails as soon as a transaction needs confirmation, " +
				"which is almost always.",
			Bad:  "FROM centos:7\nRUN yum install httpd && yum clean all",
			Good: "FROM centos:7\nRUN yum install -y httpd && yum clean all",
			Fix:  "Add `-y` (`--assumeyes`): `yum install -y ...`.",
			Notes: "Checks the subcommands that change packages: install, localinstall, groupinstall, reinstall, " +
				"update/upgrade, downgrade, distro-sync, remove/erase, autoremove, swap, and group/module/history " +
				"actions. Accepted: `-y`, `--assumeyes`, `--assumeno`, `--setopt=assumeyes=1`, an `assumeyes` " +
				"setting written to /etc/yum.conf or /etc/dnf/dnf.conf earlier in the stage, a `-c` config file, " +
				"and answers fed on standard input (`yes | yum install ...`). Quiet when an argument is not " +
				"statically known. hadolint only checks install, groupinstall and localinstall.",
		},
		Check: checkRpmMissingYes("yum", []string{"yum"}),
	})
	MustRegister(&Rule{
		ID:       "DF622",
		Name:     "yum-clean",
		Severity: SeverityWarning,
		Summary:  "yum install without 'yum clean all' in the same RUN",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3032"}, Trivy: []string{"DS015"}},
		Doc: Doc{
			Why: "yum keeps the repository metadata it downloads (often 50-200 MB with EPEL) under /var/cache/yum. " +
				"Unless the same RUN cleans it, the cache is frozen into the layer and shipped with the image.",
			Bad:  "FROM centos:7\nRUN yum install -y httpd",
			Good: "FROM centos:7\nRUN yum install -y httpd && yum clean all",
			Fix:  "End the RUN with `&& yum clean all` (or `rm -rf /var/cache/yum`), or use a cache mount: `RUN --mount=type=cache,target=/var/cache/yum ...`.",
			Notes: "Fires on a RUN whose yum installs, updates, reinstalls or downgrades packages and that does " +
				"not, after the last of them, run `yum clean all` (or `metadata`; `dnf clean all` too, as yum " +
				"is dnf on EL8 and later; Trivy's DS015 insists on `all`, but with yum's default keepcache=0 " +
				"the metadata is what is left) or remove /var/cache/yum or /var/cache/dnf. Quiet with a --mount " +
				"holding the cache, when the RUN later runs a script dflint cannot see into, and in stages whose " +
				"layers do not ship (builders only copied from). Warning, like hadolint's DL3032.",
		},
		Check: checkRpmClean("yum", []string{"yum"}, []string{"/var/cache/yum", "/var/cache/dnf"}),
	})
	MustRegister(&Rule{
		ID:       "DF623",
		Name:     "yum-unpinned",
		Severity: SeverityInfo,
		Summary:  "yum install of packages without a version",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3033"}},
		Doc: Doc{
			Why: "Without a version each build installs whatever the repository has that day, so two builds of " +
				"the same commit can differ.",
			Bad:  "FROM centos:7\nRUN yum install -y httpd && yum clean all",
			Good: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all",
			Fix:  "Name the version: `yum install -y <package>-<version>`; for modules, the stream: `yum module install -y nodejs:18`.",
			Notes: "Info, like the other pinning rules (see DF604). A package counts as versioned when a " +
				"dash-separated part after its name starts with a digit (`httpd-2.4.6`, `java-17-openjdk` too, " +
				"to stay quiet on names that carry a version) or it has a `=`, `<` or `>` constraint. Not " +
				"flagged: `.rpm` files, paths and URLs, `@group`s, group installs, capabilities with parentheses, " +
				"globs and arguments that are not statically known. hadolint takes any dash as a version, so " +
				"it misses `python3-pip`.",
		},
		Check: checkRpmUnpinned([]string{"yum"}),
	})
	MustRegister(&Rule{
		ID:       "DF624",
		Name:     "dnf-missing-yes",
		Severity: SeverityWarning,
		Summary:  "dnf install, upgrade or remove without -y",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3038"}},
		Doc: Doc{
			Why: "A build has no terminal to answer dnf's \"Is this ok [y/N]\". Without an answer dnf exits with " +
				"\"Operation aborted\" and the build fails.",
			Bad:  "FROM fedora:41\nRUN dnf install nginx && dnf clean all",
			Good: "FROM fedora:41\nRUN dnf install -y nginx && dnf clean all",
			Fix:  "Add `-y` (`--assumeyes`): `dnf install -y ...`.",
			Notes: "Covers dnf, dnf5 and tdnf, with the subcommands and the accepted answers of DF621. Not " +
				"microdnf: it never asks (its `-y` \"does nothing, we always assume yes\"), so hadolint's DL3038 " +
				"is a false positive there.",
		},
		Check: checkRpmMissingYes("dnf", []string{"dnf", "dnf5", "tdnf"}),
	})
	MustRegister(&Rule{
		ID:       "DF625",
		Name:     "dnf-clean",
		Severity: SeverityWarning,
		Summary:  "dnf or microdnf install without 'dnf clean all' in the same RUN",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3040"}, Trivy: []string{"DS019", "DS027"}},
		Doc: Doc{
			Why: "dnf keeps the repository metadata it downloads (tens to hundreds of MB) under /var/cache/dnf. " +
				"Unless the same RUN cleans it, the cache is frozen into the layer and shipped with the image.",
			Bad:  "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y tar",
			Good: "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y tar && microdnf clean all",
			Fix:  "End the RUN with `&& dnf clean all` (`microdnf clean all`), or use a cache mount: `RUN --mount=type=cache,target=/var/cache/dnf ...`.",
			Notes: "Covers dnf, dnf5, microdnf and tdnf, like DF622: any of their `clean all` (or `metadata`), " +
				"or removing /var/cache/dnf, /var/cache/yum, /var/cache/libdnf5 or /var/cache/tdnf, after the last " +
				"install counts.",
		},
		Check: checkRpmClean("dnf", []string{"dnf", "dnf5", "microdnf", "tdnf"},
			[]string{"/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5", "/var/cache/tdnf"}),
	})
	MustRegister(&Rule{
		ID:       "DF626",
		Name:     "dnf-unpinned",
		Severity: SeverityInfo,
		Summary:  "dnf install of packages without a version",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3041"}},
		Doc: Doc{
			Why: "Without a version each build installs whatever the repository has that day, so two builds of " +
				"the same commit can differ.",
			Bad:  "FROM fedora:41\nRUN dnf install -y nginx && dnf clean all",
			Good: "FROM fedora:41\nRUN dnf install -y nginx-1.26.2 && dnf clean all",
			Fix:  "Name the version: `dnf install -y <package>-<version>`; for modules, the stream: `dnf module install -y nodejs:18`.",
			Notes: "Info, like the other pinning rules (see DF604). Covers dnf, dnf5, microdnf and tdnf, with " +
				"the version syntax of DF623.",
		},
		Check: checkRpmUnpinned([]string{"dnf", "dnf5", "microdnf", "tdnf"}),
	})
	MustRegister(&Rule{
		ID:       "DF627",
		Name:     "zypper-missing-non-interactive",
		Severity: SeverityWarning,
		Summary:  "zypper install, update or remove without --non-interactive or -y",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3034"}},
		Doc: Doc{
			Why: "A build has no terminal to answer zypper's \"Continue? [y/n/v/...? shows all options] (y)\". " +
				"Without an answer zypper aborts and the build fails.",
			Bad:  "FROM opensuse/leap:15.6\nRUN zypper install curl && zypper clean --all",
			Good: "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl && zypper clean --all",
			Fix:  "Add the global `--non-interactive` (`-n`) before the command, or `-y` (`--no-confirm`) after it.",
			Notes: "Checks install, remove, update, patch, dist-upgrade, source-install, install-new-recommends " +
				"and verify, and their short forms. Accepted: `-n`, `--non-interactive`, `-y`, `--no-confirm` " +
				"(anywhere on the command line) and answers fed on standard input. Like hadolint, a `-n` after " +
				"the subcommand is accepted too, although zypper reads `install -n` as `--name`: dflint stays " +
				"quiet rather than argue with a documented good example.",
		},
		Check: checkZypperMissingYes,
	})
	MustRegister(&Rule{
		ID:         "DF628",
		Name:       "zypper-dist-upgrade",
		Severity:   SeverityInfo,
		Summary:    "zypper dist-upgrade in a Dockerfile",
		Since:      "1.0",
		DefaultOff: true,
		Aliases:    Aliases{Hadolint: []string{"DL3035"}},
		Doc: Doc{
			Why: "`zypper dist-upgrade` can move the image to a new distribution release with vendor changes, so " +
				"its content depends on the day it was built rather than on the base image tag.",
			Bad:  "FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade && zypper clean --all",
			Good: "FROM opensuse/leap:15.6\nRUN zypper -n update && zypper clean --all",
			Fix:  "Rebuild on a newer base image, or use `zypper update` / `zypper patch`.",
			Notes: "Off by default, like DF606: upgrading in a build is a legitimate way to pick up security " +
				"fixes, and on openSUSE Tumbleweed `zypper dup` is the only supported way to update at all. " +
				"Enable it if your policy is that base images own OS updates.",
		},
		Check: checkZypperDistUpgrade,
	})
	MustRegister(&Rule{
		ID:       "DF629",
		Name:     "zypper-clean",
		Severity: SeverityWarning,
		Summary:  "zypper install without 'zypper clean' in the same RUN",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3036"}, Trivy: []string{"DS020"}},
		Doc: Doc{
			Why: "zypper keeps repository metadata and solver caches under /var/cache/zypp. Unless the same RUN " +
				"cleans them, they are frozen into the layer and shipped with the image.",
			Bad:  "FROM opensuse/leap:15.6\nRUN zypper -n install curl",
			Good: "FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean --all",
			Fix:  "End the RUN with `&& zypper clean --all` (or `rm -rf /var/cache/zypp`), or use a cache mount on /var/cache/zypp.",
			Notes: "Fires on a RUN whose zypper installs, updates, patches or upgrades and that does not, after " +
				"the last of them, run `zypper clean`/`cc` (any options, like the peers) or remove " +
				"/var/cache/zypp. Quiet with a --mount holding the cache, when the RUN later runs a script " +
				"dflint cannot see into, and in stages whose layers do not ship. Unlike Trivy's DS020, a " +
				"`zypper remove` alone (or after the clean) is not reported: a removal downloads no packages.",
		},
		Check: checkZypperClean,
	})
	MustRegister(&Rule{
		ID:       "DF630",
		Name:     "zypper-unpinned",
		Severity: SeverityInfo,
		Summary:  "zypper install of packages without a version",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3037"}},
		Doc: Doc{
			Why: "Without a version each build installs whatever the repository has that day, so two builds of " +
				"the same commit can differ.",
			Bad:  "FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean --all",
			Good: "FROM opensuse/leap:15.6\nRUN zypper -n install 'curl=8.6.0' && zypper clean --all",
			Fix:  "Constrain the version: `zypper install -y 'name=1.2.3'` (or `>=`, `<`).",
			Notes: "Info, like the other pinning rules (see DF604). Accepted constraints: `=`, `<`, `>` and a " +
				"`name-version` form. Not flagged: `.rpm` files, paths and URLs, typed names " +
				"(`pattern:x`, `-t pattern x`), removals (`-name`, `!name`) and arguments that are not " +
				"statically known.",
		},
		Check: checkZypperUnpinned,
	})
}

// df6RpmTool is the option syntax of yum, dnf, dnf5, microdnf and tdnf.
var df6RpmTool = &df6Tool{
	shortVal: "cdeRx",
	longVal: []string{"config", "debuglevel", "errorlevel", "randomwait", "exclude", "excludepkgs", "includepkgs",
		"installroot", "releasever", "setopt", "setvar", "enablerepo", "disablerepo", "repo", "repoid",
		"repofrompath", "color", "downloaddir", "destdir", "rpmverbosity", "enableplugin", "disableplugin",
		"advisory", "advisories", "bz", "bzs", "cve", "cves", "sec-severity", "secseverity", "forcearch",
		"comment", "from-repo", "platform-module", "repo-from-path", "use-host-config-from"},
}

// df6RpmChanging are the subcommands that change packages (and prompt);
// group, module and history take a second word.
var df6RpmChanging = []string{"install", "in", "localinstall", "groupinstall", "groupupdate", "groupremove",
	"groupupgrade", "reinstall", "rei", "remove", "rm", "erase", "update", "up", "upgrade", "update-minimal",
	"upgrade-minimal", "downgrade", "dg", "distro-sync", "distrosync", "dsync", "autoremove", "swap"}

// df6RpmRemoving are the changing subcommands that only remove.
var df6RpmRemoving = []string{"groupremove", "remove", "rm", "erase", "autoremove"}

// df6RpmSecond returns the second word of "group install", "module enable".
func df6RpmSecond(inv *df6Inv) string {
	if len(inv.operands) == 0 || !inv.operands[0].Literal {
		return ""
	}
	return inv.operands[0].Value
}

// df6RpmChanges reports whether the invocation changes packages;
// installs, whether it fetches packages or metadata (not only removes).
func df6RpmChanges(inv *df6Inv) (changes, installs bool) {
	switch inv.sub {
	case "group", "groups":
		switch df6RpmSecond(inv) {
		case "install", "update", "upgrade", "mark":
			return true, true
		case "remove", "erase":
			return true, false
		}
		return false, false
	case "module":
		switch df6RpmSecond(inv) {
		case "install", "update", "enable", "switch-to", "reset", "disable":
			return true, true
		case "remove":
			return true, false
		}
		return false, false
	case "history":
		switch df6RpmSecond(inv) {
		case "undo", "redo", "rollback":
			return true, true
		}
		return false, false
	}
	if !inv.subIn(df6RpmChanging...) {
		return false, false
	}
	return true, !inv.subIn(df6RpmRemoving...)
}

// df6RpmConf are the configuration files of yum and the dnf family.
var df6RpmConf = []string{"/etc/yum.conf", "/etc/yum", "/etc/dnf", "/etc/tdnf"}

func checkRpmMissingYes(name string, programs []string) func(*Pass) {
	return func(p *Pass) {
		eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
			for _, c := range cmds {
				if !c.Is(programs...) {
					continue
				}
				inv := df6Parse(c, df6RpmTool)
				if changes, _ := df6RpmChanges(inv); !changes || inv.dynamic {
					continue
				}
				if inv.has('y', "assumeyes", "assumeno") || inv.has(0, "downloadonly") || inv.has('c', "config") {
					continue
				}
				if df6RpmSetopt(inv, "assumeyes") || df6StdinFed(inst, c) ||
					df6ConfigMaySet(inst, df6Config{paths: df6RpmConf, key: "assumeyes"}) {
					continue
				}
				sub := inv.sub
				if second := df6RpmSecond(inv); sub == "group" || sub == "module" || sub == "history" {
					sub += " " + second
				}
				p.ReportFix(AtCommand(inst, c), c.Base+" "+sub+" -y",
					"'%s %s' without -y: the build aborts when %s asks for confirmation", c.Base, sub, name)
			}
		})
	}
}

// df6RpmSetopt reports whether --setopt sets key to a true value.
func df6RpmSetopt(inv *df6Inv, key string) bool {
	for _, v := range inv.values(0, "setopt") {
		k, x, _ := strings.Cut(v, "=")
		if strings.EqualFold(strings.TrimSpace(k), key) && !df6False(x) {
			return true
		}
	}
	return false
}

func checkRpmClean(name string, programs []string, caches []string) func(*Pass) {
	return func(p *Pass) {
		eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
			if !inFinalChain(p.File, inst.Stage) {
				return
			}
			last := -1
			for i, c := range cmds {
				if !c.Is(programs...) {
					continue
				}
				if _, installs := df6RpmChanges(df6Parse(c, df6RpmTool)); installs {
					last = i
				}
			}
			if last < 0 || df6MountCovers(inst, caches...) {
				return
			}
			cleanAll := func(c *ShellCommand) bool {
				if !c.Is("yum", "dnf", "dnf5", "microdnf", "tdnf") {
					return false
				}
				inv := df6Parse(c, df6RpmTool)
				if inv.sub != "clean" {
					return false
				}
				if inv.dynamic {
					return true
				}
				for _, a := range inv.operands {
					if a.Value == "all" || a.Value == "metadata" {
						return true
					}
				}
				return false
			}
			if df6Cleans(inst, cmds, last, caches, cleanAll) {
				return
			}
			c := cmds[last]
			inv := df6Parse(c, df6RpmTool)
			p.ReportFix(AtCommand(inst, c), "&& "+c.Base+" clean all",
				"'%s %s' leaves the %s cache in the image: this RUN does not run '%s clean all' afterwards",
				c.Base, inv.sub, name, c.Base)
		})
	}
}

func checkRpmUnpinned(programs []string) func(*Pass) {
	return func(p *Pass) {
		eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
			for _, c := range cmds {
				if !c.Is(programs...) {
					continue
				}
				inv := df6Parse(c, df6RpmTool)
				if inv.xargs {
					continue
				}
				operands, module := inv.operands, false
				switch {
				case inv.subIn("install", "in"):
				case inv.sub == "module" && df6RpmSecond(inv) == "install":
					operands, module = operands[1:], true
				default:
					continue
				}
				var loose []string
				for i, a := range operands {
					v := a.Value
					if !a.Literal || a.Glob || a.Brace || v == "" || strings.HasPrefix(v, "-") || df6Constrained(operands, i) {
						continue
					}
					if module {
						if !strings.ContainsAny(v, ":/") {
							loose = append(loose, v)
						}
						continue
					}
					if df6RpmLoose(v) {
						loose = append(loose, v)
					}
				}
				if len(loose) > 0 && !module {
					loose = df6RpmOutsideStreams(inst, loose)
				}
				if len(loose) == 0 {
					continue
				}
				sub := inv.sub
				fix := loose[0] + "-<version>"
				if module {
					sub, fix = "module install", loose[0]+":<stream>"
				}
				p.ReportFix(AtCommand(inst, c), fix, "'%s %s' does not pin %s to a version", c.Base, sub, df6List(loose))
			}
		})
	}
}

// df6RpmOutsideStreams drops from names the packages of module streams
// that the stage enables before (or in) inst: after "dnf module enable
// nginx:1.20", "dnf install nginx" installs from the 1.20 stream, which
// constrains the version like "apk add nginx~1.20" does. A package belongs
// to module m when its name is m or starts with "m-".
func df6RpmOutsideStreams(inst *Instruction, names []string) []string {
	var modules []string
	for in := range instructionsUpTo(inst) {
		if knownRun(in) {
			for _, c := range in.Run.Commands() {
				if !c.Is("yum", "dnf", "dnf5", "microdnf", "tdnf") {
					continue
				}
				inv := df6Parse(c, df6RpmTool)
				if inv.sub != "module" {
					continue
				}
				switch df6RpmSecond(inv) {
				case "enable", "install", "switch-to":
				default:
					continue
				}
				for _, a := range inv.operands[1:] {
					if m, _, ok := strings.Cut(a.Value, ":"); ok && a.Literal && m != "" {
						modules = append(modules, strings.TrimPrefix(m, "@"))
					}
				}
			}
		}
	}
	if len(modules) == 0 {
		return names
	}
	out := names[:0:0]
	for _, n := range names {
		in := false
		for _, m := range modules {
			if n == m || strings.HasPrefix(n, m+"-") {
				in = true
				break
			}
		}
		if !in {
			out = append(out, n)
		}
	}
	return out
}

// df6Constrained reports whether operand i is part of a version constraint
// written as separate words ("nginx >= 1.26"): an operator, or the word
// next to one.
func df6Constrained(operands []ShellArg, i int) bool {
	op := func(j int) bool {
		if j < 0 || j >= len(operands) {
			return false
		}
		switch operands[j].Value {
		case "=", "==", "<", ">", "<=", ">=", "!=":
			return true
		}
		return false
	}
	return op(i) || op(i-1) || op(i+1)
}

// df6RpmLoose reports whether an install operand is a plain package name
// without a version.
func df6RpmLoose(v string) bool {
	if strings.ContainsAny(v, "=<>/:()@*?[]{}$!~") || strings.HasSuffix(v, ".rpm") {
		return false
	}
	parts := strings.Split(v, "-")
	for _, part := range parts[1:] {
		if part != "" && part[0] >= '0' && part[0] <= '9' {
			return false
		}
	}
	return true
}

// df6ZypperTool is zypper's option syntax (global and command options).
var df6ZypperTool = &df6Tool{
	shortVal: "cRDCptr",
	longVal: []string{"config", "root", "reposd-dir", "cache-dir", "raw-cache-dir", "solv-cache-dir",
		"pkg-cache-dir", "userdata", "plus-repo", "plus-content", "type", "repo", "from", "download",
		"releasever", "installroot", "comment"},
}

var (
	df6ZypperChanging = []string{"in", "install", "rm", "remove", "up", "update", "patch", "dup", "dist-upgrade",
		"si", "source-install", "inr", "install-new-recommends", "ve", "verify"}
	df6ZypperInstalling = []string{"in", "install", "up", "update", "patch", "dup", "dist-upgrade", "si",
		"source-install", "inr", "install-new-recommends"}
)

func df6Zypper(c *ShellCommand) *df6Inv {
	if !c.Is("zypper") {
		return nil
	}
	return df6Parse(c, df6ZypperTool)
}

func checkZypperMissingYes(p *Pass) {
	eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
		for _, c := range cmds {
			inv := df6Zypper(c)
			if inv == nil || !inv.subIn(df6ZypperChanging...) || inv.dynamic {
				continue
			}
			if inv.has('n', "non-interactive") || inv.has('y', "no-confirm") || df6StdinFed(inst, c) {
				continue
			}
			p.ReportFix(AtCommand(inst, c), "zypper --non-interactive "+inv.sub,
				"'zypper %s' without --non-interactive or -y: the build aborts when zypper asks for confirmation", inv.sub)
		}
	})
}

func checkZypperDistUpgrade(p *Pass) {
	eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
		for _, c := range cmds {
			if inv := df6Zypper(c); inv != nil && inv.subIn("dist-upgrade", "dup") {
				p.ReportFix(AtCommand(inst, c), "zypper --non-interactive patch",
					"'zypper %s' upgrades the distribution inside the build; rebuild on a newer base image instead", inv.sub)
			}
		}
	})
}

const df6ZypperCache = "/var/cache/zypp"

func checkZypperClean(p *Pass) {
	eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
		if !inFinalChain(p.File, inst.Stage) {
			return
		}
		last := -1
		for i, c := range cmds {
			if inv := df6Zypper(c); inv != nil && inv.subIn(df6ZypperInstalling...) {
				last = i
			}
		}
		if last < 0 || df6MountCovers(inst, df6ZypperCache) {
			return
		}
		clean := func(c *ShellCommand) bool {
			inv := df6Zypper(c)
			return inv != nil && inv.subIn("clean", "cc")
		}
		if df6Cleans(inst, cmds, last, []string{df6ZypperCache}, clean) {
			return
		}
		c := cmds[last]
		p.ReportFix(AtCommand(inst, c), "&& zypper clean --all",
			"'zypper %s' leaves the zypper cache in the image: this RUN does not run 'zypper clean' afterwards", df6Zypper(c).sub)
	})
}

func checkZypperUnpinned(p *Pass) {
	eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
		for _, c := range cmds {
			inv := df6Zypper(c)
			if inv == nil || !inv.subIn("in", "install") || inv.xargs {
				continue
			}
			if t := inv.values('t', "type"); len(t) > 0 && t[len(t)-1] != "package" {
				continue // patterns, patches, products: not versioned packages
			}
			var loose []string
			for i, a := range inv.operands {
				v := a.Value
				if !a.Literal || a.Glob || a.Brace || v == "" || strings.ContainsAny(v[:1], "-!~+") || df6Constrained(inv.operands, i) {
					continue
				}
				if df6RpmLoose(v) {
					loose = append(loose, v)
				}
			}
			if len(loose) == 0 {
				continue
			}
			p.ReportFix(AtCommand(inst, c), "'"+loose[0]+"=<version>'",
				"'zypper %s' does not pin %s to a version", inv.sub, df6List(loose))
		}
	})
}
