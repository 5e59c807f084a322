package rules

// User and privileges (DF2xx): the image the build produces runs as root,
// sudo in RUN, and useradd calls that bloat the image with a sparse
// lastlog.

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF201",
		Name:     "root-user",
		Severity: SeverityWarning,
		Summary:  "The image the build produces runs as root",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3002"}, Trivy: []string{"DS002"}},
		Doc: Doc{
			Why: "A container whose process runs as root (uid 0) turns every bug in the application into " +
				"root inside the container, one kernel or runtime flaw away from root on the host, and " +
				"it is rejected outright by clusters that enforce `runAsNonRoot` (Kubernetes restricted " +
				"Pod Security Standard, OpenShift). Build steps may need root; the image's final user " +
				"should not be root.",
			Bad: "FROM python:3.12-slim\nCOPY app.py /app/app.py\nCMD [\"python\", \"/app/app.py\"]",
			Good: "FROM python:3.12-slim\nRUN useradd --system --uid 10001 --no-create-home app\n" +
				"COPY app.py /app/app.py\nUSER 10001\nCMD [\"python\", \"/app/app.py\"]",
			Fix: "Create an unprivileged user in the final stage and end the stage with `USER <uid>` " +
				"(a numeric uid lets Kubernetes verify `runAsNonRoot`). Do root-only work in earlier " +
				"stages or before the `USER` instruction. In a `FROM scratch` image, which has no " +
				"/etc/passwd, use a numeric uid:gid such as `USER 65534:65534`.",
			Notes: "Only the stage the build produces is checked: the last stage, or the `--target` stage. " +
				"Intermediate build stages may run as root. A USER set in an earlier stage that the final " +
				"stage is built `FROM` is inherited. `USER root`, `USER 0`, `USER root:<group>` and " +
				"`USER 0:<group>` are root; a USER whose value depends on a variable the linter cannot " +
				"know (an ARG without default, an ENV of the base image such as .NET's `$APP_UID`) is " +
				"taken as non-root.\n\n" +
				"When the final stage has no USER at all, the user comes from the base image, which the " +
				"linter does not pull. Such a stage is reported (as Trivy's DS002 does), with a firmer " +
				"message for base images documented to run as root (`scratch`, Docker official images, " +
				"Red Hat UBI, the root variants of .NET, distroless and Chainguard's wolfi-base) and a " +
				"hedged one for other images. Base images documented to run as non-root are never " +
				"reported: tags with a `nonroot`, `rootless` or `unprivileged` part (gcr.io/distroless " +
				"`:nonroot`, `:debug-nonroot`, ...), .NET chiseled and distroless images (user `app`), " +
				"cgr.dev/chainguard images (uid 65532), bitnami/* and nginxinc/nginx-unprivileged. A " +
				"base built from an ARG without default is unknown and not reported. hadolint (DL3002) " +
				"only looks at an explicit `USER root`.\n\n" +
				"An image that installs or runs `gosu` or `su-exec`, or whose ENTRYPOINT/CMD starts with " +
				"gosu, su-exec, setpriv, runuser or s6-setuidgid (the docker-library pattern: the " +
				"entrypoint starts as root and drops to a service user), is not reported.\n\n" +
				"Windows: only an explicit final `USER ContainerAdministrator` is reported. Without USER " +
				"the default depends on the base (nanoserver runs as ContainerUser, servercore as " +
				"ContainerAdministrator) and images derived from them may change it, so dflint stays quiet.",
		},
		Check: checkRootUser,
	})
	MustRegister(&Rule{
		ID:       "DF202",
		Name:     "sudo",
		Severity: SeverityWarning,
		Summary:  "RUN uses sudo",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3004"}, Trivy: []string{"DS010"}},
		Doc: Doc{
			Why: "RUN already executes as the stage's current USER. `sudo` adds a setuid binary and a " +
				"sudoers policy to the image and makes the build depend on them (a `requiretty` default, " +
				"a password prompt, an environment reset that drops your ENV), and it hides which user " +
				"a step really runs as.",
			Bad:  "FROM ghcr.io/acme/devbox:1.4\nUSER dev\nRUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl",
			Good: "FROM ghcr.io/acme/devbox:1.4\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER dev",
			Fix: "Drop `sudo` and switch users with USER: `USER root` before the RUN that needs root and " +
				"`USER <app>` after it. To run one command as another user inside a RUN, use `gosu`, " +
				"`su-exec`, `runuser` or `setpriv`.",
			Notes: "Found through the shell parser, including `sh -c` strings, exec form and heredocs. Only " +
				"sudo running a command is reported, once per RUN: `apt-get install sudo`, `echo sudo`, " +
				"`command -v sudo`, `sudo --version` and `sudo -l` are fine.",
		},
		Check: checkSudo,
	})
	MustRegister(&Rule{
		ID:       "DF203",
		Name:     "useradd-without-no-log-init",
		Severity: SeverityWarning,
		Summary:  "useradd with a high UID and without -l/--no-log-init bloats the image",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3046"}},
		Doc: Doc{
			Why: "Unless told `-l`/`--no-log-init`, useradd writes the new user's entry into " +
				"/var/log/lastlog and /var/log/faillog at an offset proportional to the UID. The files " +
				"are sparse on disk, but image layers store them in full: a UID of 100000 adds about " +
				"28 MB to the layer, an OpenShift-style UID of 1000000000 hundreds of gigabytes.",
			Bad:  "FROM debian:bookworm-slim\nRUN useradd --uid 100000 --create-home app",
			Good: "FROM debian:bookworm-slim\nRUN useradd --no-log-init --uid 100000 --create-home app",
			Fix:  "Add `--no-log-init` (`-l`) to the useradd command.",
			Notes: "Reported when the UID (`-u N`, `-uN`, `--uid N`, `--uid=N`) is a literal number of " +
				"65536 or more (beyond the 16-bit range, where lastlog alone passes 19 MB); hadolint " +
				"reports UIDs of six digits or more. A UID from a variable is not judged. Images whose " +
				"shadow package no longer creates /var/log/lastlog are unaffected, but `--no-log-init` " +
				"is harmless there.",
		},
		Check: checkUseradd,
	})
}

// ---------------------------------------------------------------- DF201

func checkRootUser(p *Pass) {
	final := p.File.FinalStage()
	if final == nil {
		return
	}
	// The stage's label for messages, formatted only when reporting.
	label := func() string {
		if len(p.File.Stages) == 1 && final.Name == "" {
			return "the image (FROM " + final.Base.Raw + ")"
		}
		if final == p.File.Stages[len(p.File.Stages)-1] && p.File.Target == "" {
			return "final " + uwStageLabel(final)
		}
		return "target " + uwStageLabel(final)
	}
	// The last USER of the stage chain decides.
	for _, s := range stageChain(final) {
		for k := len(s.Instructions) - 1; k >= 0; k-- {
			inst := s.Instructions[k]
			uc, ok := inst.Command.(*instructions.UserCommand)
			if !ok {
				continue
			}
			value, known := inst.Expand(uc.User)
			if !known {
				return
			}
			if !userIsRoot(value, s.Windows) || userDropsPrivileges(final) {
				return
			}
			shown := "'" + uc.User + "'"
			if value != uc.User {
				shown += " (= '" + value + "')"
			}
			where := ""
			if s != final {
				where = fmt.Sprintf(", inherited from %s", uwStageLabel(s))
			}
			fix := "add `USER <non-root uid>` (e.g. `USER 10001`) after the steps that need root"
			if user, _, _ := strings.Cut(value, ":"); strings.EqualFold(user, "ContainerAdministrator") {
				p.ReportFix(inst.LocateArg(0), "USER ContainerUser",
					"%s runs as the administrator: its last USER is %s%s", label(), shown, where)
				return
			}
			p.ReportFix(inst.LocateArg(0), fix, "%s runs as root: its last USER is %s%s", label(), shown, where)
			return
		}
	}
	// No USER anywhere in the chain: the base image decides.
	root := rootStage(final)
	if root.Windows || final.Windows {
		return
	}
	base := root.Base
	if !base.Scratch && !base.IsImage() {
		return // built from an ARG the linter cannot resolve, or an invalid name
	}
	if base.IsImage() && userBaseRunsAsNonRoot(base) {
		return
	}
	if userDropsPrivileges(final) {
		return
	}
	via := ""
	if root != final {
		via = fmt.Sprintf(" (through %s)", uwStageLabel(root))
	}
	fix := "create a user and end the stage with `USER <uid>`, e.g. `RUN useradd --system --uid 10001 app` and `USER 10001`"
	switch {
	case base.Scratch:
		p.ReportFix(final.From.LocateArg(0), "USER 65534:65534",
			"%s runs as root: it is built FROM scratch and sets no USER, so its process runs as uid 0; "+
				"add a numeric USER (an empty image has no /etc/passwd)", label())
	case userBaseRunsAsRoot(base):
		p.ReportFix(final.From.LocateArg(0), fix,
			"%s runs as root: no USER instruction, and its base image %s%s runs as root by default",
			label(), describeBase(root), via)
	default:
		p.ReportFix(final.From.LocateArg(0), fix,
			"%s has no USER instruction, so it runs as root unless its base image %s%s sets a non-root user; "+
				"set USER explicitly", label(), describeBase(root), via)
	}
}

// userBaseRunsAsNonRoot reports whether a base image is documented to run
// as a non-root user, so a stage without USER inherits a safe default.
func userBaseRunsAsNonRoot(ref ImageRef) bool {
	domain, p := ref.Domain(), ref.Path()
	tag := strings.ToLower(ref.Tag())
	for _, part := range strings.FieldsFunc(tag, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		if part == "nonroot" || part == "rootless" || part == "unprivileged" {
			return true // distroless :nonroot, :debug-nonroot, ... and similar tag conventions
		}
	}
	switch domain {
	case "cgr.dev":
		// Chainguard images run as uid 65532, -dev variants included;
		// wolfi-base and chainguard-base are the exceptions.
		return strings.HasPrefix(p, "chainguard/") && !userBaseRunsAsRoot(ref)
	case "mcr.microsoft.com":
		// .NET chiseled and distroless images run as user app.
		return strings.HasPrefix(p, "dotnet/") && (strings.Contains(tag, "chiseled") || strings.Contains(tag, "distroless"))
	case "registry.access.redhat.com", "registry.redhat.io":
		// Red Hat's UBI language and runtime images (ubi9/python-311,
		// ubi9/nodejs-20, ...) run as uid 1001; the UBI base images do not.
		if base, name, ok := strings.Cut(p, "/"); ok {
			return userUBIVersion(base) && !userUBIBase(name)
		}
	case "docker.io":
		// Bitnami images and nginx-unprivileged are non-root containers.
		return strings.HasPrefix(p, "bitnami/") || p == "nginxinc/nginx-unprivileged"
	}
	return false
}

// userIsRoot reports whether a USER value (user[:group]) names root: "root"
// or uid 0, or on any stage ContainerAdministrator, Windows' admin user.
func userIsRoot(value string, windows bool) bool {
	user, _, _ := strings.Cut(value, ":")
	if strings.EqualFold(user, "ContainerAdministrator") {
		return true
	}
	if windows {
		return false
	}
	if user == "root" {
		return true
	}
	if user == "" {
		return false
	}
	n, err := strconv.ParseUint(user, 10, 64)
	return err == nil && n == 0
}

// userDropTools are programs that start as root and run a command as
// another user; an image that installs or calls them is designed to drop
// privileges in its entrypoint.
var userDropTools = map[string]bool{"gosu": true, "su-exec": true}

// userEntrypointDropTools may also appear in ENTRYPOINT/CMD to the same
// effect.
var userEntrypointDropTools = map[string]bool{"gosu": true, "su-exec": true, "setpriv": true, "runuser": true, "s6-setuidgid": true}

// userDropsPrivileges reports whether the stage chain installs or uses a
// privilege-dropping tool (gosu, su-exec), so that its process is not
// meant to run as root even without USER.
func userDropsPrivileges(final *Stage) bool {
	for _, s := range stageChain(final) {
		for _, inst := range s.Instructions {
			switch inst.Keyword {
			case "RUN":
				for _, c := range inst.Run.Commands() {
					if userDropTools[c.Base] {
						return true
					}
					for _, w := range c.Wrappers {
						if userDropTools[w] {
							return true
						}
					}
					for _, a := range c.Args {
						if a.Literal && userDropTools[path.Base(a.Value)] {
							return true
						}
					}
				}
			case "COPY", "ADD":
				for _, a := range inst.Args {
					if userDropTools[path.Base(a)] {
						return true
					}
				}
			case "ENTRYPOINT", "CMD":
				for _, a := range inst.Args {
					if userEntrypointDropTools[path.Base(a)] {
						return true
					}
				}
			}
		}
	}
	return false
}

// userRootOfficial are Docker official images (docker.io/library/...) that
// run as root by default: distributions, language runtimes, build tools and
// web servers. Official images that set a USER (haproxy, jetty, sonarqube,
// elasticsearch, ...) or whose entrypoint drops privileges (postgres,
// redis, mysql, ...) are deliberately absent.
var userRootOfficial = map[string]bool{
	// distributions
	"alpine": true, "debian": true, "ubuntu": true, "centos": true, "fedora": true, "rockylinux": true,
	"almalinux": true, "amazonlinux": true, "oraclelinux": true, "archlinux": true, "photon": true,
	"busybox": true, "clearlinux": true, "mageia": true, "alt": true, "sl": true, "opensuse": true,
	"buildpack-deps": true,
	// language runtimes and build tools
	"python": true, "pypy": true, "node": true, "golang": true, "rust": true, "ruby": true, "jruby": true,
	"php": true, "perl": true, "openjdk": true, "eclipse-temurin": true, "amazoncorretto": true,
	"ibm-semeru-runtimes": true, "ibmjava": true, "sapmachine": true, "maven": true, "gradle": true,
	"elixir": true, "erlang": true, "haskell": true, "swift": true, "gcc": true, "clojure": true,
	"julia": true, "r-base": true, "haxe": true, "hylang": true, "mono": true, "rakudo-star": true,
	"bash": true, "docker": true,
	// web servers
	"nginx": true, "httpd": true, "tomcat": true, "caddy": true, "traefik": true,
}

// userBaseRunsAsRoot reports whether a base image is documented to run as
// root when the Dockerfile sets no USER. Unknown images are not: they may
// set their own USER.
func userBaseRunsAsRoot(ref ImageRef) bool {
	domain, p := ref.Domain(), ref.Path()
	tag := strings.ToLower(ref.Tag())
	switch domain {
	case "docker.io":
		if name, ok := strings.CutPrefix(p, "library/"); ok {
			return userRootOfficial[name]
		}
		switch p {
		case "opensuse/leap", "opensuse/tumbleweed", "nvidia/cuda", "pytorch/pytorch", "tensorflow/tensorflow":
			return true
		}
		if name, ok := strings.CutPrefix(p, "redhat/"); ok {
			return userUBIBase(name)
		}
	case "public.ecr.aws":
		if name, ok := strings.CutPrefix(p, "docker/library/"); ok {
			return userRootOfficial[name]
		}
	case "mirror.gcr.io":
		if name, ok := strings.CutPrefix(p, "library/"); ok {
			return userRootOfficial[name]
		}
	case "registry.access.redhat.com", "registry.redhat.io":
		if base, name, ok := strings.Cut(p, "/"); ok {
			return userUBIVersion(base) && userUBIBase(name)
		}
		return userUBIVersion(p) // registry.access.redhat.com/ubi9
	case "quay.io":
		return p == "centos/centos"
	case "mcr.microsoft.com":
		rest, ok := strings.CutPrefix(p, "dotnet/")
		if !ok {
			return false
		}
		rest = strings.TrimPrefix(rest, "nightly/")
		switch rest {
		case "runtime", "aspnet", "sdk", "runtime-deps":
		default:
			return false
		}
		if ref.Digest() != "" && tag == "" {
			return false // which variant is unknown
		}
		return !strings.Contains(tag, "chiseled") && !strings.Contains(tag, "distroless")
	case "gcr.io":
		if !strings.HasPrefix(p, "distroless/") {
			return false
		}
		if tag == "" && ref.Digest() != "" {
			return false // which variant is unknown
		}
		for _, part := range strings.Split(tag, "-") {
			if part == "nonroot" {
				return false
			}
		}
		return true
	case "cgr.dev":
		return p == "chainguard/wolfi-base" || p == "chainguard/chainguard-base"
	}
	return false
}

// userUBIVersion matches "ubi8", "ubi9", "ubi10", ...
func userUBIVersion(s string) bool {
	v, ok := strings.CutPrefix(s, "ubi")
	if !ok || v == "" {
		return false
	}
	_, err := strconv.Atoi(v)
	return err == nil
}

// userUBIBase matches the UBI base images (which run as root), not the
// language images (python-311, nodejs-20, ...) that run as uid 1001.
func userUBIBase(name string) bool {
	if userUBIVersion(name) {
		return true // redhat/ubi9
	}
	for _, suffix := range []string{"", "-minimal", "-micro", "-init"} {
		if name == "ubi"+suffix {
			return true
		}
		// redhat/ubi9-minimal on Docker Hub
		if v, ok := strings.CutSuffix(name, suffix); ok && suffix != "" && userUBIVersion(v) {
			return true
		}
	}
	return false
}

// uwStageLabel names a stage in messages: "stage 'build'", or for an
// unnamed stage its index and base ("stage 0 (FROM alpine:3.20)").
func uwStageLabel(s *Stage) string {
	if s.Name != "" {
		return "stage '" + s.Name + "'"
	}
	return fmt.Sprintf("stage %d (FROM %s)", s.Index, s.Base.Raw)
}

// ---------------------------------------------------------------- DF202

func checkSudo(p *Pass) {
	for _, s := range p.File.Stages {
		for _, inst := range s.Instructions {
			if !knownRun(inst) {
				continue
			}
			var first *ShellCommand
			n := 0
			for _, c := range inst.Run.Commands() {
				for _, w := range c.Wrappers {
					if w == "sudo" {
						if first == nil {
							first = c
						}
						n++
						break
					}
				}
			}
			if first == nil {
				continue
			}
			what := "sudo " + first.Name
			if first.Name == "" {
				what = "sudo"
			}
			more := ""
			if n > 1 {
				more = fmt.Sprintf(" (and %d more sudo calls in this RUN)", n-1)
			}
			p.ReportFix(userWrapperSpan(inst, first),
				"remove sudo; put `USER root` before this RUN and `USER <app user>` after it, or use gosu/su-exec to run one command as another user",
				"'%s' in RUN: RUN already executes as the stage's current USER; sudo makes the build depend on a setuid binary and its policy%s",
				what, more)
		}
	}
}

// userWrapperSpan is the span of a command including the wrappers before
// its program ("sudo -E make install" from "sudo"), when it can be mapped.
func userWrapperSpan(inst *Instruction, c *ShellCommand) Span {
	span := AtCommand(inst, c)
	if c.Nested > 0 || c.Call == nil || len(c.Call.Args) == 0 || span.Column == 0 {
		return span
	}
	line, col := inst.Run.Position(c, int(c.Call.Args[0].Pos().Offset()))
	if line == 0 || col == 0 {
		return span
	}
	span.Line, span.Column = line, col
	return span
}

// ---------------------------------------------------------------- DF203

// userLastlogUID is the smallest UID DF203 reports: beyond 16 bits the
// lastlog entry alone sits past 19 MB into the file.
const userLastlogUID = 65536

func checkUseradd(p *Pass) {
	for _, s := range p.File.Stages {
		for _, inst := range s.Instructions {
			if !knownRun(inst) {
				continue
			}
			for _, c := range inst.Run.Commands() {
				if !c.Is("useradd") {
					continue
				}
				uid, ok := c.FlagValue("-u", "--uid")
				if !ok || strings.Contains(uid, "\x00") {
					continue
				}
				n, err := strconv.ParseUint(uid, 10, 64)
				if err != nil || n < userLastlogUID {
					continue
				}
				if c.HasFlag("-l", "--no-log-init") {
					continue
				}
				p.ReportFix(AtCommand(inst, c), "useradd --no-log-init ...",
					"useradd with UID %d and without --no-log-init writes a sparse /var/log/lastlog entry that the layer stores in full (about %s)",
					n, userLastlogSize(n))
			}
		}
	}
}

// userLastlogSize is the size lastlog reaches for uid (292-byte entries on
// 64-bit Linux), for messages.
func userLastlogSize(uid uint64) string {
	size := float64(uid+1) * 292
	switch {
	case size >= 1<<30:
		return fmt.Sprintf("%.0f GB", size/(1<<30))
	default:
		return fmt.Sprintf("%.0f MB", size/(1<<20))
	}
}
