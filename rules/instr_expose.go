package rules

// EXPOSE: port specifications BuildKit rejects or only half-understands
// (DF806), upper-case protocols (DF807) and the SSH port (DF808).

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF806",
		Name:     "expose-invalid",
		Severity: SeverityError,
		Summary:  "EXPOSE has an invalid port, range or protocol, or a host mapping",
		Since:    "1.0",
		Aliases: Aliases{Hadolint: []string{"DL3011"}, BuildKit: []string{"ExposeInvalidFormat"},
			Trivy: []string{"DS008"}},
		Doc: Doc{
			Why: "A port outside 0-65535, a reversed range (`9000-8000`), a protocol other than tcp, udp " +
				"or sctp, or an empty port fails the build. `EXPOSE 8080:80` or `EXPOSE 127.0.0.1:80:80` " +
				"looks like a port mapping but EXPOSE cannot publish ports: BuildKit drops the host part " +
				"with a warning (it will become an error), and the image only documents port 80.",
			Bad:  "FROM nginx:1.27\nEXPOSE 8080:80",
			Good: "FROM nginx:1.27\nEXPOSE 80",
			Fix: "Expose the container port only (`EXPOSE 80`, `EXPOSE 53/udp`, `EXPOSE 8000-8010`) and " +
				"publish it when running: `docker run -p 8080:80`.",
			Notes: "Ports built from variables are checked after expansion with the ARG/ENV defaults; an " +
				"unknown value is not checked. hadolint only checks the 65535 limit; BuildKit's own " +
				"parser is followed here for everything else.",
		},
		Check: checkExpose(exposeInvalid),
	})
	MustRegister(&Rule{
		ID:       "DF807",
		Name:     "expose-proto-casing",
		Severity: SeverityStyle,
		Summary:  "EXPOSE protocol is not lower-case",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"ExposeProtoCasing"}},
		Doc: Doc{
			Why: "Protocols are matched case-insensitively and stored lower-case, so `80/TCP` works, but it " +
				"differs from every other Dockerfile and from what `docker inspect` shows.",
			Bad:  "FROM nginx:1.27\nEXPOSE 80/TCP",
			Good: "FROM nginx:1.27\nEXPOSE 80/tcp",
			Fix:  "Write the protocol in lower case: `tcp`, `udp` or `sctp`.",
		},
		Check: checkExpose(exposeCasing),
	})
	MustRegister(&Rule{
		ID:         "DF808",
		Name:       "expose-ssh",
		Severity:   SeverityInfo,
		Summary:    "EXPOSE declares the SSH port 22",
		Since:      "1.0",
		DefaultOff: true,
		Aliases:    Aliases{Trivy: []string{"DS004"}},
		Doc: Doc{
			Why: "Running an SSH server in an application container widens the attack surface and bypasses " +
				"the runtime's own access control (`docker exec`, `kubectl exec`); exposing port 22 is " +
				"the usual sign of one.",
			Bad:  "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server\nEXPOSE 22",
			Good: "FROM ubuntu:24.04\nEXPOSE 8080",
			Fix:  "Remove the SSH server and `EXPOSE 22`; use `docker exec` / `kubectl exec` to get a shell.",
			Notes: "Off by default: it is a policy, and images whose purpose is SSH (git servers, SFTP, bastion " +
				"hosts) rightly expose port 22. Enable it where SSH in containers is not allowed.",
		},
		Check: checkExpose(exposeSSH),
	})
}

// exposePort is one port specification of an EXPOSE after expansion.
type exposePort struct {
	raw  string // the specification ("8080:80/tcp")
	span Span   // where the argument it came from is
}

// checkExpose runs fn on every known port specification of every EXPOSE.
func checkExpose(fn func(*Pass, exposePort)) func(*Pass) {
	return func(p *Pass) {
		for _, s := range p.File.Stages {
			for _, inst := range s.Instructions {
				if inst.Keyword != "EXPOSE" {
					continue
				}
				for n, arg := range inst.Args {
					v, known := inst.Expand(arg)
					if !known {
						continue
					}
					span := inst.LocateArg(n)
					// BuildKit splits the expanded words (ProcessWords).
					for _, w := range strings.Fields(v) {
						fn(p, exposePort{raw: w, span: span})
					}
				}
			}
		}
	}
}

// splitExposeParts splits [ip:][hostPort:]containerPort as BuildKit does.
func splitExposeParts(raw string) (ip, hostPort, container string) {
	parts := strings.Split(raw, ":")
	switch n := len(parts); n {
	case 1:
		return "", "", parts[0]
	case 2:
		return "", parts[0], parts[1]
	default:
		return strings.Join(parts[:n-2], ":"), parts[n-2], parts[n-1]
	}
}

// parsePortNumber parses one port as BuildKit does.
func parsePortNumber(s string) (int, string) {
	if s == "" {
		return 0, "no port number"
	}
	n, err := strconv.ParseInt(s, 10, 0)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, fmt.Sprintf("port %s is out of range (0-65535)", s)
		}
		return 0, fmt.Sprintf("%q is not a port number", s)
	}
	if n < 0 || n > 65535 {
		return 0, fmt.Sprintf("port %s is out of range (0-65535)", s)
	}
	return int(n), ""
}

// parsePortRange parses "80" or "8000-8010" as BuildKit does.
func parsePortRange(s string) string {
	if s == "" {
		return "no port number"
	}
	start, end, isRange := strings.Cut(s, "-")
	lo, problem := parsePortNumber(start)
	if problem != "" {
		return problem
	}
	if !isRange || start == end {
		return ""
	}
	hi, problem := parsePortNumber(end)
	if problem != "" {
		return problem
	}
	if hi < lo {
		return fmt.Sprintf("port range %s ends before it starts", s)
	}
	return ""
}

func exposeInvalid(p *Pass, ep exposePort) {
	ip, host, container := splitExposeParts(ep.raw)
	port, proto, _ := strings.Cut(container, "/")
	switch strings.ToLower(proto) {
	case "", "tcp", "udp", "sctp":
	default:
		p.ReportFix(ep.span, port+"/tcp", "EXPOSE %s: protocol %q is not tcp, udp or sctp; the build fails", ep.raw, proto)
		return
	}
	if problem := parsePortRange(port); problem != "" {
		p.Report(ep.span, "EXPOSE %s: %s; the build fails", ep.raw, problem)
		return
	}
	if ip != "" || host != "" {
		p.ReportFix(ep.span, container,
			"EXPOSE %s maps a host address or port, which EXPOSE cannot do: the host part is ignored (BuildKit warns that this will become an error); expose %s and publish it with docker run -p",
			ep.raw, container)
	}
}

func exposeCasing(p *Pass, ep exposePort) {
	_, _, container := splitExposeParts(ep.raw)
	port, proto, _ := strings.Cut(container, "/")
	lower := strings.ToLower(proto)
	if proto == lower {
		return
	}
	switch lower {
	case "tcp", "udp", "sctp":
		p.ReportFix(ep.span, port+"/"+lower, "EXPOSE %s: write the protocol in lower case (%s)", ep.raw, lower)
	}
}

func exposeSSH(p *Pass, ep exposePort) {
	_, _, container := splitExposeParts(ep.raw)
	port, proto, _ := strings.Cut(container, "/")
	if n, problem := parsePortNumber(port); problem != "" || n != 22 {
		return
	}
	switch strings.ToLower(proto) {
	case "", "tcp", "udp":
		p.ReportFix(ep.span, "remove port 22 and the SSH server; get a shell with docker exec or kubectl exec",
			"EXPOSE %s declares the SSH port: SSH servers in containers bypass the runtime's access control", ep.raw)
	}
}
