package rules

// apt hygiene (Debian, Ubuntu): confirmation prompts, recommended packages,
// package lists left in the layer, version pins, the apt front end in
// scripts and upgrades. Every check reads the parsed commands of a RUN, with
// apt-get's option syntax: options before or after the subcommand, combined
// short options, -o values.

import (
	"strconv"
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF601",
		Name:     "apt-get-missing-yes",
		Severity: SeverityWarning,
		Summary:  "apt-get install, upgrade or remove without -y",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3014"}, Trivy: []string{"DS021"}},
		Doc: Doc{
			Why: "A build has no terminal to answer apt's \"Do you want to continue? [Y/n]\". apt-get asks as soon " +
				"as a transaction installs more than the packages named (their dependencies), removes or upgrades " +
				"something, and with no answer it prints `Abort.` and fails the build. A command that works today " +
				"breaks the day a package gains a dependency.",
			Bad:  "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*",
			Good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*",
			Fix:  "Add `-y` (`--yes`, `--assume-yes`) to the command: `apt-get install -y ...`.",
			Notes: "Checks `install`, `upgrade`, `dist-upgrade`, `full-upgrade`, `remove`, `purge`, `autoremove`, " +
				"`build-dep` and `satisfy` of apt-get and of apt (on `apt`, DF605 reports the front end too: both " +
				"are worth fixing, and a user who keeps `apt` still needs `-y`). Accepted as answering the prompt: " +
				"`-y`, `--yes`, `--assume-yes`, `--assume-no`, `-qq` (quiet level 2 implies -y, so do `-q -q` and " +
				"`-q=2`), `--simulate` and friends, `-o APT::Get::Assume-Yes=true`, an `APT::Get::Assume-Yes` " +
				"setting written to /etc/apt/apt.conf(.d) earlier in the stage, and answers fed on standard " +
				"input (`yes | apt-get install ...`), and stages built on CircleCI's convenience images " +
				"(`cimg/*`, `circleci/*`), which set Assume-Yes in /etc/apt/apt.conf.d/90circleci. " +
				"`DEBIAN_FRONTEND=noninteractive` does not answer this " +
				"prompt (it only silences debconf questions). Quiet when an argument is not statically known " +
				"(`apt-get $OPTS install`), which may hold `-y`. hadolint only checks `install` and takes a " +
				"single `-q` for `-y`.",
		},
		Check: checkAptMissingYes,
	})
	MustRegister(&Rule{
		ID:       "DF602",
		Name:     "apt-no-install-recommends",
		Severity: SeverityInfo,
		Summary:  "apt-get install without --no-install-recommends",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3015"}, Trivy: []string{"DS029"}},
		Doc: Doc{
			Why: "By default apt also installs every package the requested ones merely recommend: documentation " +
				"tools, X11 libraries, editors. Images grow by tens or hundreds of megabytes and ship software " +
				"(and vulnerabilities) nobody asked for.",
			Bad:  "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/*",
			Good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*",
			Fix: "Add `--no-install-recommends`, and name the recommended packages you do need explicitly. To " +
				"set it once for a whole image, write `APT::Install-Recommends \"false\";` to a file in " +
				"/etc/apt/apt.conf.d/ in an early RUN.",
			Notes: "Only checked in the stages whose layers ship: the final stage (or the --target) and the " +
				"stages it is built FROM. In a builder stage that later stages only `COPY --from`, recommended " +
				"packages cost build time, not image size. Also accepted: `-o APT::Install-Recommends=false` " +
				"(or `0`, `no`, `off`), and an `APT::Install-Recommends` setting that the stage (or a stage it is " +
				"built FROM) writes into /etc/apt/apt.conf or /etc/apt/apt.conf.d/ before the install, by " +
				"`echo`/`printf`/here-document redirection or COPY (a COPY whose content dflint cannot read counts " +
				"too). Quiet for `apt-get install` without package arguments (`apt-get -f install`) and when an " +
				"argument is not statically known. Applies to `apt install` as well.",
		},
		Check: checkAptRecommends,
	})
	MustRegister(&Rule{
		ID:       "DF603",
		Name:     "apt-lists-not-cleaned",
		Severity: SeverityInfo,
		Summary:  "RUN downloads apt package lists and leaves them in the layer",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3009"}},
		Doc: Doc{
			Why: "`apt-get update` downloads the package lists of every configured repository into " +
				"/var/lib/apt/lists (often 20-50 MB, more with extra repositories). Unless the same RUN deletes " +
				"them, they are frozen into that layer: a later `rm` only hides them, the image still carries " +
				"them, and a stale copy is what a later `apt-get install` would use.",
			Bad:  "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl",
			Good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*",
			Fix: "End the RUN with `rm -rf /var/lib/apt/lists/*`, or keep the lists out of the layer with a " +
				"cache mount: `RUN --mount=type=cache,target=/var/lib/apt/lists ...`.",
			Notes: "Fires on a RUN that runs `apt-get update` (or `apt update`) and an install, upgrade or " +
				"build-dep, and does not remove /var/lib/apt/lists after the last update: `rm` (or `find ... " +
				"-delete`) of the lists directory, its contents (`/var/lib/apt/lists/*`) or a directory above " +
				"it, or `apt-get distclean`. `apt-get clean` is not enough: it empties /var/cache/apt, not the " +
				"lists. Quiet when a --mount (cache or tmpfs) holds /var/lib/apt/lists or a directory above it, " +
				"when the RUN later runs a script or program dflint cannot see into (it may clean up), and in " +
				"stages whose layers do not ship: builders that later stages only `COPY --from` (hadolint " +
				"likewise checks only the final stage and the stages other stages are built FROM). Brace " +
				"expansion in the `rm` is taken either way (`rm -rf /var/lib/{apt,dpkg}` cleans under bash; " +
				"under dash it does not, but dflint does not guess the shell of the base image).",
		},
		Check: checkAptLists,
	})
	MustRegister(&Rule{
		ID:       "DF604",
		Name:     "apt-unpinned",
		Severity: SeverityInfo,
		Summary:  "apt-get install of packages without a version pin",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3008"}},
		Doc: Doc{
			Why: "Without `name=version`, each build installs whatever the mirror has that day: two builds of the " +
				"same commit can differ, and an upstream change can break the image with no change in your " +
				"repository.",
			Bad:  "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*",
			Good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*",
			Fix: "Pin the versions you test with (`apt-cache policy <package>` shows them), and let a bot such " +
				"as Renovate update them; or accept unpinned packages and disable this rule.",
			Notes: "Info, not hadolint's warning: exact pins are a trade-off, not a defect. Debian and Ubuntu " +
				"mirrors drop a version as soon as a (security) update replaces it, so exact pins make the build " +
				"fail until someone bumps them, and they hold back security fixes; docker-library images do not " +
				"pin. Teams that want reproducible builds enable it; others can turn it off. Not pins but not " +
				"flagged: `name/release` (an explicit suite choice, as in hadolint), `.deb` files and paths, " +
				"version globs, apt patterns and regular expressions, arguments that are not statically known " +
				"(`$PACKAGES`, `$(cat list)`), packages fed by xargs, and `name-` (a removal). `-t release` " +
				"does not pin. One finding per command, naming the unpinned packages.",
		},
		Check: checkAptUnpinned,
	})
	MustRegister(&Rule{
		ID:       "DF605",
		Name:     "use-apt-get",
		Severity: SeverityWarning,
		Summary:  "apt used in a script instead of apt-get or apt-cache",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3027"}},
		Doc: Doc{
			Why: "`apt` is the interactive front end: its output and behaviour change between releases and it " +
				"warns \"apt does not have a stable CLI interface. Use with caution in scripts.\" apt-get and " +
				"apt-cache are the stable interfaces meant for scripts and Dockerfiles.",
			Bad:  "FROM ubuntu:24.04\nRUN apt update && apt install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*",
			Good: "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*",
			Fix: "Use `apt-get` (install, remove, update, upgrade; `full-upgrade` is `dist-upgrade`) or " +
				"`apt-cache` (search, show, policy).",
			Notes: "Only the program `apt` (or /usr/bin/apt) run as a command with a subcommand; the word " +
				"`apt` in strings, `apt-get`, `apt-cache`, `apt-key` and `apt-mark` are not flagged. The other " +
				"apt rules (DF601-DF604) apply to `apt` as well.",
		},
		Check: checkUseAptGet,
	})
	MustRegister(&Rule{
		ID:         "DF606",
		Name:       "apt-upgrade",
		Severity:   SeverityInfo,
		Summary:    "apt-get upgrade or dist-upgrade in a Dockerfile",
		Since:      "1.0",
		DefaultOff: true,
		Aliases:    Aliases{Hadolint: []string{"DL3005"}, Trivy: []string{"DS024"}},
		Doc: Doc{
			Why: "Upgrading every package inside the build makes the image's content depend on the day it was " +
				"built rather than on the base image tag, and duplicates the upgraded files in a new layer. " +
				"Teams that rebuild from freshly patched base images keep OS updates where they belong.",
			Bad:  "FROM debian:bookworm-slim\nRUN apt-get update && apt-get upgrade -y \\\n && rm -rf /var/lib/apt/lists/*",
			Good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*",
			Fix: "Rebuild on a newer base image instead, or upgrade only the packages you need with " +
				"`apt-get install -y --only-upgrade <package>`.",
			Notes: "Off by default: Docker's best-practice guide no longer advises against `apt-get upgrade` " +
				"(it was removed in 2021), hadolint dropped DL3005 for that reason, and upgrading is a legitimate " +
				"way to pick up security fixes faster than base images are republished. Enable it if your policy " +
				"is that base images own OS updates. Covers `upgrade`, `dist-upgrade` and `full-upgrade` of " +
				"apt-get and apt. Trivy's DS024 (deprecated) only flags `dist-upgrade`.",
		},
		Check: checkAptUpgrade,
	})
}

// df6AptTool is apt-get's (and apt's) option syntax.
var df6AptTool = &df6Tool{
	shortVal: "cotaPS",
	longVal: []string{"config-file", "option", "target-release", "default-release", "host-architecture",
		"build-profiles", "solver", "planner", "snapshot", "comment"},
}

// df6AptPrompting are the subcommands that ask for confirmation.
var df6AptPrompting = []string{"install", "reinstall", "upgrade", "dist-upgrade", "full-upgrade", "remove",
	"purge", "autoremove", "auto-remove", "autopurge", "build-dep", "satisfy"}

// df6AptInstalling are the subcommands that install packages from the lists.
var df6AptInstalling = []string{"install", "reinstall", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "satisfy"}

// df6AptConf is apt's configuration.
var df6AptConf = []string{"/etc/apt/apt.conf", "/etc/apt/apt.conf.d"}

const df6AptLists = "/var/lib/apt/lists"

// df6Apt returns the parsed invocation when c runs apt-get or apt.
func df6Apt(c *ShellCommand) *df6Inv {
	if !c.Is("apt-get", "apt") || c.Base == "apt" && !df6IsAptProgram(c) {
		return nil
	}
	return df6Parse(c, df6AptTool)
}

// df6IsAptProgram reports whether c's program is Debian's apt, not another
// program called apt in some directory (old JDKs shipped one).
func df6IsAptProgram(c *ShellCommand) bool {
	switch c.Name {
	case "apt", "/usr/bin/apt", "/bin/apt":
		return true
	}
	return false
}

// df6False reports whether an apt boolean value is false.
func df6False(v string) bool {
	switch strings.ToLower(strings.Trim(v, `"'`)) {
	case "false", "no", "0", "off", "without", "disable":
		return true
	}
	return false
}

// df6AptOption returns the value of apt configuration option key (lower
// case, e.g. "apt::get::assume-yes") set with -o on the command line.
func df6AptOption(inv *df6Inv, key string) (string, bool) {
	val, ok := "", false
	for _, v := range inv.values('o', "option") {
		k, x, _ := strings.Cut(v, "=")
		if strings.EqualFold(k, key) {
			val, ok = x, true
		}
	}
	return val, ok
}

// df6AptAssumesYes reports whether the command line answers apt's prompt.
func df6AptAssumesYes(inv *df6Inv) bool {
	if inv.has('y', "yes", "assume-yes", "assume-no") || inv.has('s', "simulate", "just-print", "dry-run", "recon", "no-act") ||
		inv.has(0, "print-uris", "trivial-only") {
		return true
	}
	level := 0
	for _, o := range inv.opts {
		if o.short == 'q' || o.short == 0 && o.long == "quiet" {
			if n, err := strconv.Atoi(o.value); o.hasValue && err == nil {
				level = n
			} else {
				level++
			}
		}
	}
	if v, ok := df6AptOption(inv, "quiet"); ok {
		if n, err := strconv.Atoi(v); err == nil {
			level = n
		}
	}
	if level >= 2 {
		return true // "quiet level 2 implies -y"
	}
	for _, key := range []string{"apt::get::assume-yes", "apt::get::assume-no", "apt::get::trivial-only"} {
		if v, ok := df6AptOption(inv, key); ok && !df6False(v) {
			return true
		}
	}
	return false
}

// df6AptConfigured reports whether apt's configuration, which dflint may not
// see, could set key (lower case): a -c config file, APT_CONFIG, or a write
// into /etc/apt/apt.conf(.d).
func df6AptConfigured(inst *Instruction, inv *df6Inv, key string) bool {
	if inv.has('c', "config-file") {
		return true
	}
	if c := inv.cmd.Call; c != nil {
		for _, as := range c.Assigns {
			if as.Name != nil && as.Name.Value == "APT_CONFIG" {
				return true
			}
		}
	}
	if inst.Vars != nil {
		if _, ok := inst.Vars.Lookup("APT_CONFIG"); ok {
			return true
		}
	}
	return df6ConfigMaySet(inst, df6Config{paths: df6AptConf, key: key})
}

// df6CircleCIImage reports whether stage s is built on one of CircleCI's
// convenience images (cimg/*, and the legacy circleci/*), which write
// APT::Get::Assume-Yes "true" into /etc/apt/apt.conf.d/90circleci.
func df6CircleCIImage(s *Stage) bool {
	root := rootStage(s)
	if root == nil {
		return false
	}
	ref := root.Base
	if !ref.IsImage() || ref.Domain() != "docker.io" {
		return false
	}
	return strings.HasPrefix(ref.Path(), "cimg/") || strings.HasPrefix(ref.Path(), "circleci/")
}

func checkAptMissingYes(p *Pass) {
	eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
		if df6CircleCIImage(inst.Stage) {
			return
		}
		for _, c := range cmds {
			inv := df6Apt(c)
			if inv == nil || !inv.subIn(df6AptPrompting...) || inv.dynamic || df6AptAssumesYes(inv) {
				continue
			}
			if df6StdinFed(inst, c) || df6AptConfigured(inst, inv, "assume-yes") {
				continue
			}
			p.ReportFix(AtCommand(inst, c), c.Base+" "+inv.sub+" -y",
				"'%s %s' without -y: the build aborts when apt asks for confirmation", c.Base, inv.sub)
		}
	})
}

func checkAptRecommends(p *Pass) {
	eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
		if !inFinalChain(p.File, inst.Stage) {
			return
		}
		for _, c := range cmds {
			inv := df6Apt(c)
			if inv == nil || inv.sub != "install" || inv.dynamic || len(inv.operands) == 0 {
				continue
			}
			if inv.has(0, "no-install-recommends") {
				continue
			}
			if v := inv.values(0, "install-recommends"); len(v) > 0 && df6False(v[len(v)-1]) {
				continue
			}
			if v, ok := df6AptOption(inv, "apt::install-recommends"); ok && df6False(v) {
				continue
			}
			if df6AptConfigured(inst, inv, "install-recommends") {
				continue
			}
			p.ReportFix(AtCommand(inst, c), c.Base+" install --no-install-recommends",
				"'%s install' without --no-install-recommends also installs the recommended packages", c.Base)
		}
	})
}

func checkAptLists(p *Pass) {
	eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
		if !inFinalChain(p.File, inst.Stage) {
			return
		}
		last, installs := -1, false
		for i, c := range cmds {
			inv := df6Apt(c)
			if inv == nil {
				continue
			}
			switch {
			case inv.sub == "update":
				last = i
			case inv.subIn(df6AptInstalling...):
				installs = true
			}
		}
		if last < 0 || !installs || df6MountCovers(inst, df6AptLists) {
			return
		}
		distclean := func(c *ShellCommand) bool {
			inv := df6Apt(c)
			return inv != nil && inv.subIn("distclean", "dist-clean")
		}
		if df6Cleans(inst, cmds, last, []string{df6AptLists}, distclean) {
			return
		}
		c := cmds[last]
		p.ReportFix(AtCommand(inst, c), "&& rm -rf /var/lib/apt/lists/*",
			"'%s update' downloads the package lists but this RUN does not delete /var/lib/apt/lists/*, so they stay in the image", c.Base)
	})
}

func checkAptUnpinned(p *Pass) {
	eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
		for _, c := range cmds {
			inv := df6Apt(c)
			if inv == nil || inv.sub != "install" || inv.xargs {
				continue
			}
			var loose []string
			for _, a := range inv.operands {
				if name, ok := df6AptLoose(a); ok {
					loose = append(loose, name)
				}
			}
			if len(loose) == 0 {
				continue
			}
			p.ReportFix(AtCommand(inst, c), loose[0]+"=<version>",
				"'%s install' does not pin %s to a version", c.Base, df6List(loose))
		}
	})
}

// df6AptLoose returns the package name of an install operand that is a
// plain package name without a version pin.
func df6AptLoose(a ShellArg) (string, bool) {
	v := a.Value
	if !a.Literal || a.Glob || a.Brace || v == "" {
		return "", false
	}
	if strings.ContainsAny(v, "=/*?[]^$|(){}~!") || strings.HasSuffix(v, ".deb") || strings.HasSuffix(v, "-") ||
		strings.HasPrefix(v, "-") {
		return "", false
	}
	return v, true
}

// df6List renders names for a message: "a", "a and b", "a, b, c and 4
// more".
func df6List(names []string) string {
	const most = 3
	q := make([]string, 0, most)
	for i, n := range names {
		if i == most {
			break
		}
		q = append(q, "'"+n+"'")
	}
	switch {
	case len(names) == 1:
		return q[0]
	case len(names) <= most:
		return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
	default:
		return strings.Join(q, ", ") + " and " + strconv.Itoa(len(names)-most) + " more"
	}
}

// df6AptFrontEnd maps apt's subcommands to their stable equivalents.
var df6AptFrontEnd = map[string]string{
	"install": "apt-get install", "reinstall": "apt-get install --reinstall", "remove": "apt-get remove",
	"purge": "apt-get purge", "autoremove": "apt-get autoremove", "update": "apt-get update",
	"upgrade": "apt-get upgrade", "full-upgrade": "apt-get dist-upgrade", "dist-upgrade": "apt-get dist-upgrade",
	"clean": "apt-get clean", "autoclean": "apt-get autoclean", "source": "apt-get source",
	"build-dep": "apt-get build-dep", "download": "apt-get download", "changelog": "apt-get changelog",
	"satisfy": "apt-get satisfy", "autopurge": "apt-get autopurge", "search": "apt-cache search",
	"show": "apt-cache show", "policy": "apt-cache policy", "depends": "apt-cache depends",
	"rdepends": "apt-cache rdepends", "showsrc": "apt-cache showsrc", "list": "dpkg-query -W",
}

func checkUseAptGet(p *Pass) {
	eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
		for _, c := range cmds {
			if !c.Is("apt") || !df6IsAptProgram(c) {
				continue
			}
			inv := df6Apt(c)
			if inv == nil || inv.sub == "" {
				continue
			}
			fix, ok := df6AptFrontEnd[inv.sub]
			if !ok {
				fix = "apt-get"
			}
			p.ReportFix(AtCommand(inst, c), fix,
				"'apt %s' uses apt's interactive front end, whose command line is not stable for scripts; use '%s'", inv.sub, fix)
		}
	})
}

func checkAptUpgrade(p *Pass) {
	eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
		for _, c := range cmds {
			inv := df6Apt(c)
			if inv == nil || !inv.subIn("upgrade", "dist-upgrade", "full-upgrade") {
				continue
			}
			p.ReportFix(AtCommand(inst, c), "apt-get install -y --only-upgrade <package>",
				"'%s %s' upgrades the base image's packages inside the build; rebuild on a newer base image instead", c.Base, inv.sub)
		}
	})
}
