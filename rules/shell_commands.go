package rules

// Commands that make no sense in a build (DF731), and replacing /bin/sh
// with a symlink instead of using SHELL (DF732).

import (
	"path"
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF731",
		Name:     "pointless-command",
		Severity: SeverityInfo,
		Summary:  "RUN invokes a command that has no lasting effect in a build",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3001"}},
		Doc: Doc{
			Why: "A RUN step runs once, in a throw-away container, and only its file system changes are kept. " +
				"Starting a service, opening an interactive editor, inspecting processes or memory, or " +
				"shutting down does nothing for the image: the service is not running when a container " +
				"starts, and the editor waits for a terminal that is not there.",
			Bad:  "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends nginx \\\n && service nginx start",
			Good: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends nginx\nCMD [\"nginx\", \"-g\", \"daemon off;\"]",
			Fix: "Remove the command. Start services from CMD/ENTRYPOINT (or a process supervisor), edit " +
				"files with sed or COPY, and run diagnostics in a container, not in the build.",
			Notes: "Reported: `service X start|restart|reload` as the last command of a RUN (starting a " +
				"service to load data and then using it in the same RUN is fine and not reported); `vim`, " +
				"`vi` and `nano` without a batch option (`vim -c`/`+cmd`/`-es`/`--headless` are used to " +
				"install plugins); `ssh` (unless the RUN has an ssh mount); `mount` (unless the RUN is " +
				"`--security=insecure`); `shutdown`, `reboot`, `halt`, `poweroff`, `top`, `free`, `ifconfig`, " +
				"and `ps` outside a pipeline or substitution. Commands in conditions, `||` fallbacks and " +
				"functions are ignored. Unlike hadolint, `kill` is not reported: it stops a process started " +
				"earlier in the same RUN, which is legitimate.",
		},
		Check: checkPointlessCommand,
	})
	MustRegister(&Rule{
		ID:       "DF732",
		Name:     "shell-via-ln",
		Severity: SeverityWarning,
		Summary:  "RUN replaces /bin/sh with a symlink instead of using SHELL",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL4005"}},
		Doc: Doc{
			Why: "Relinking `/bin/sh` (to bash, say) changes the shell of every program in the image " +
				"(package maintainer scripts, `system()` calls, init scripts), not just of the Dockerfile's " +
				"RUN instructions, and the next package upgrade of dash may silently undo it.",
			Bad:  "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\nRUN source /etc/profile && make",
			Good: "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN source /etc/profile && make",
			Fix:  "Use `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` to run the following RUN instructions with bash.",
			Notes: "Reported when the link created is `/bin/sh` or `/usr/bin/sh` (as the last operand, in a " +
				"target directory `/bin`, or with `-t /bin`). Unlike hadolint, a link that merely points at " +
				"/bin/sh (`ln -s /bin/sh /usr/local/bin/sh`) is not reported.",
		},
		Check: checkShellViaLn,
	})
}

// df7AlwaysPointless are commands with no lasting effect in a build.
var df7AlwaysPointless = map[string]string{
	"shutdown": "shuts nothing down in a build",
	"reboot":   "reboots nothing in a build",
	"halt":     "halts nothing in a build",
	"poweroff": "powers nothing off in a build",
	"top":      "only shows processes of the build container",
	"free":     "only shows the build container's memory",
	"ifconfig": "only shows the build container's network",
}

func checkPointlessCommand(p *Pass) {
	eachKnownRun(p.File, func(inst *Instruction) {
		cmds := inst.Run.Commands()
		for i, c := range cmds {
			if c.Conditional || c.Base == "" || c.HasFlag("--help", "--version") {
				continue
			}
			why := ""
			switch c.Base {
			case "service":
				why = df7ServiceStart(c, cmds[i+1:])
			case "vim", "vi", "nvim", "nano":
				why = df7InteractiveEditor(c)
			case "ssh":
				if !hasMount(inst, nil, "ssh") && !c.HasFlag("-V") {
					why = "opens a remote session that nothing uses in a build"
				}
			case "mount":
				switch sec, _ := inst.Flag("security"); {
				case sec == "insecure" || c.InPipeline || c.Subshell && c.Nested == 0:
				case len(c.Args) == 0:
					why = "only shows the build container's mounts"
				default:
					why = "cannot mount in an unprivileged build, and a mount would not outlive the RUN"
				}
			case "ps":
				// Output consumed by a pipeline or a substitution is data
				// for the script (a "sh -c" string is a subshell too).
				if !c.InPipeline && (!c.Subshell || c.Nested > 0) {
					why = "only shows the processes of the build container"
				}
			default:
				why = df7AlwaysPointless[c.Base]
			}
			if why == "" {
				continue
			}
			p.Report(AtCommand(inst, c), "%s in a RUN %s", df7Quote(c.Base), why)
		}
	})
}

// df7ServiceStart reports "service X start" with nothing after it in the
// RUN: the service stops with the build container.
func df7ServiceStart(c *ShellCommand, later []*ShellCommand) string {
	if len(c.Args) < 2 || c.HasDynamicArgs() {
		return ""
	}
	switch c.Args[1].Value {
	case "start", "restart", "reload", "force-reload":
	default:
		return ""
	}
	if len(later) > 0 {
		return "" // the service may be used by the commands after it
	}
	return "starts " + c.Args[0].Value + " in the build container only; it is not running when the image starts"
}

// df7InteractiveEditor reports an editor started without a batch option.
func df7InteractiveEditor(c *ShellCommand) string {
	if c.HasDynamicArgs() {
		return ""
	}
	for _, a := range c.Args {
		v := a.Value
		if strings.HasPrefix(v, "+") || v == "-" {
			return "" // +cmd, or reading stdin
		}
		if c.Base == "nano" {
			continue
		}
		if strings.HasPrefix(v, "--") {
			switch v {
			case "--headless", "--cmd", "--clean", "--embed", "--not-a-term":
				return ""
			}
			continue
		}
		if len(v) > 1 && v[0] == '-' && strings.ContainsAny(v[1:], "cesESu") {
			return "" // -c CMD, -e/-es (ex mode), -s scriptin, -S file, -u vimrc
		}
	}
	return "waits for a terminal that a build does not have"
}

func checkShellViaLn(p *Pass) {
	eachKnownRun(p.File, func(inst *Instruction) {
		for _, c := range inst.Run.Commands() {
			if c.Base != "ln" || c.HasDynamicArgs() {
				continue
			}
			link, target := df7LnShell(c)
			if link == "" {
				continue
			}
			p.ReportFix(AtCommand(inst, c), `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`,
				"ln replaces %s with a link to %s; use the SHELL instruction to change the shell of RUN instead", link, target)
		}
	})
}

// df7LnShell returns the /bin/sh link an ln command creates and the file it
// points to; "" when it creates none.
func df7LnShell(c *ShellCommand) (link, target string) {
	isSh := func(p string) bool {
		p = path.Clean(p)
		return p == "/bin/sh" || p == "/usr/bin/sh"
	}
	isBinDir := func(p string) bool {
		p = path.Clean(p)
		return p == "/bin" || p == "/usr/bin"
	}
	var ops []ShellArg
	for _, i := range df7Parse(c.Args, df7Opts{short: "St", long: []string{"--suffix", "--target-directory"}}).Positionals {
		ops = append(ops, c.Args[i])
	}
	if dir, ok := df7ShortValue(c.Args, 't', "St", "--target-directory"); ok {
		if !isBinDir(dir) {
			return "", ""
		}
		for _, o := range ops {
			if path.Base(o.Value) == "sh" {
				return path.Clean(dir) + "/sh", o.Value
			}
		}
		return "", ""
	}
	if len(ops) < 2 {
		return "", ""
	}
	dest := ops[len(ops)-1].Value
	if isSh(dest) {
		return path.Clean(dest), ops[0].Value
	}
	if isBinDir(dest) && !c.HasFlag("-T", "--no-target-directory") {
		for _, o := range ops[:len(ops)-1] {
			if path.Base(o.Value) == "sh" {
				return path.Clean(dest) + "/sh", o.Value
			}
		}
	}
	return "", ""
}
