package rules

// Adversarial cases for the instruction, syntax, label and secret rules
// (DF801-DF819): the peers' documented examples (BuildKit's build checks,
// hadolint's rule specs, Trivy's checks) turned into cases, plus tricky
// forms (escape directive, CRLF, casing, continuations with comments,
// heredocs, exec vs shell form, multi-stage). A peer's bad example that
// dflint deliberately lets through is marked "divergence" and explained in
// the rule's Doc.Notes.

import (
	"strings"
	"testing"
)

const (
	advAlpine = "FROM alpine:3.20\n"
	advBusy   = "FROM busybox:1.36\n"
	advWinSC  = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
)

func TestAdversarialJSONArgs(t *testing.T) {
	runRuleCases(t, "DF801", []ruleCase{
		// BuildKit JSONArgsRecommended.
		{name: "BK bad", src: "FROM alpine\nENTRYPOINT my-program start\n", want: []int{2}},
		{name: "BK good", src: "FROM alpine\nENTRYPOINT [\"my-program\", \"start\"]\n"},
		{name: "BK good explicit SHELL", src: "FROM alpine\nRUN apk add bash\nSHELL [\"/bin/bash\", \"-c\"]\nENTRYPOINT echo \"hello world\"\n"},
		// hadolint DL3025.
		{name: "DL3025 bad", src: "FROM busybox\nENTRYPOINT s3cmd\nCMD my-service server\n", want: []int{2, 3}},
		{name: "DL3025 good", src: "FROM busybox\nENTRYPOINT [\"s3cmd\"]\nCMD [\"my-service\", \"server\"]\n"},
		// BuildKit MultipleInstructionsDisallowed's good example: the
		// HEALTHCHECK CMD is not the container's command.
		{name: "HEALTHCHECK CMD shell form is fine", src: "FROM python:alpine\nRUN apk add curl\nHEALTHCHECK --interval=1s --timeout=3s \\\n  CMD curl -f http://localhost:8080 || exit 1\nCMD python -m http.server 8080\n", want: []int{5}},

		{name: "CRLF", src: "FROM alpine:3.20\r\nCMD my-app --serve\r\n", want: []int{2}},
		{name: "mixed-case keyword", src: advAlpine + "Cmd my-app\n", want: []int{2}},
		{name: "continuation with a comment", src: advAlpine + "CMD my-app \\\n# the port\n  --port 8080\n", want: []int{2}},
		{name: "single-quoted pseudo-JSON", src: advAlpine + "CMD ['my-app', '--serve']\n", want: []int{2}, messages: []string{"not valid JSON"}},
		{name: "unquoted pseudo-JSON ENTRYPOINT", src: advAlpine + "ENTRYPOINT [my-app, --serve]\n", want: []int{2}, messages: []string{"not valid JSON"}},
		{name: "JSON with a trailing comment", src: advAlpine + "CMD [\"my-app\"] # start it\n", want: []int{2}, messages: []string{"end-of-line comments"}},
		{name: "JSON with a trailing comma", src: advAlpine + "CMD [\"my-app\", \"--serve\",]\n", want: []int{2}, messages: []string{"trailing comma"}},
		{name: "JSON without commas", src: advAlpine + "CMD [\"my-app\" \"--serve\"]\n", want: []int{2}, messages: []string{"separated by commas"}},
		{name: "test command is not pseudo-JSON", src: advAlpine + "SHELL [\"/bin/ash\", \"-c\"]\nCMD [ -f /etc/app.conf ] && exec my-app\n"},
		{name: "test command alone", src: advAlpine + "SHELL [\"/bin/ash\", \"-c\"]\nCMD [ -n \"$A\" ] || [ -n \"$B\" ]\n"},
		{name: "pseudo-JSON even with SHELL", src: advAlpine + "SHELL [\"/bin/ash\", \"-c\"]\nCMD ['my-app']\n", want: []int{3}},
		{name: "pseudo-JSON in Windows", src: advWinSC + "CMD ['powershell', '-File', 'run.ps1']\n", want: []int{3}},
		{name: "JSON ENTRYPOINT + shell CMD", src: advAlpine + "ENTRYPOINT [\"/entrypoint.sh\"]\nCMD nginx -g 'daemon off;'\n", want: []int{3}},
		{name: "shell ENTRYPOINT + JSON CMD", src: advAlpine + "ENTRYPOINT /entrypoint.sh\nCMD [\"serve\"]\n", want: []int{2}},
		{name: "build stage and final stage", src: "FROM golang:1.22 AS build\nCMD go test ./...\nFROM alpine:3.20\nCMD [\"/app\"]\n", want: []int{2}},
		{name: "SHELL in grandparent stage", src: "FROM alpine:3.20 AS a\nSHELL [\"/bin/ash\", \"-c\"]\nFROM a AS b\nFROM b\nCMD my-app\n"},
		{name: "sh -c in exec form", src: advAlpine + "CMD [\"sh\", \"-c\", \"my-app --port $PORT\"]\n"},
		{name: "exec with env setup", src: advAlpine + "CMD export A=1 && exec my-app\n"},
		{name: "exec after set -e", src: advAlpine + "ENTRYPOINT set -e; exec java $JAVA_OPTS -jar /app.jar\n"},
		{name: "exec in an if", src: advAlpine + "CMD if [ -n \"$DEBUG\" ]; then exec my-app -v; else exec my-app; fi\n"},
		{name: "exec inside a subshell does not count", src: advAlpine + "CMD (exec my-app)\n", want: []int{2}},
		{name: "empty JSON CMD", src: advAlpine + "CMD []\n"},
		{name: "windows shell form", src: advWinSC + "CMD powershell -File run.ps1\n"},
		{name: "windows stage built on a windows stage", src: advWinSC + "FROM 0\nENTRYPOINT cmd /c run.bat\n"},
		{name: "ONBUILD ENTRYPOINT", src: advAlpine + "ONBUILD ENTRYPOINT my-app\n"},
		{name: "escape directive", src: "# escape=`\nFROM alpine:3.20\nENTRYPOINT my-app `\n  --serve\n", want: []int{3}},
	})
}

func TestAdversarialJSONArgsFix(t *testing.T) {
	r, _ := Lookup("DF801")
	for src, want := range map[string]string{
		"FROM a\r\nCMD my-app --serve\r\n":          `CMD ["my-app", "--serve"]`,
		"FROM a\nCMD ['my-app', '--serve']\n":       `CMD ["my-app", "--serve"]`,
		"FROM a\nENTRYPOINT [my-app, --serve]\n":    `ENTRYPOINT ["my-app", "--serve"]`,
		"FROM a\nCMD my-app \\\n# c\n  --port 1\n":  `CMD ["my-app", "--port", "1"]`,
		"FROM a\nCMD python -m http.server 8080\n":  `CMD ["python", "-m", "http.server", "8080"]`,
		"FROM a\nCMD [\"a\", \"b\",]\n":             `CMD ["a", "b"]`,
		"FROM a\nCMD [\"a\", \"b c\"] # x\n":        `CMD ["a", "b c"]`,
		"FROM a\nCMD [\"sh\", \"-c\", 'echo hi']\n": `CMD ["sh", "-c", "echo hi"]`,
	} {
		fs := lintWith(t, r, ruleCase{src: src})
		if len(fs) != 1 {
			t.Errorf("%q: %d findings", src, len(fs))
			continue
		}
		if fs[0].Fix != want {
			t.Errorf("%q: fix %q, want %q", src, fs[0].Fix, want)
		}
	}
}

func TestAdversarialMultipleInstructions(t *testing.T) {
	runRuleCases(t, "DF802", []ruleCase{
		// BuildKit MultipleInstructionsDisallowed.
		{name: "BK bad", src: "FROM alpine\nCMD echo \"Hello, Norway!\"\nCMD echo \"Hello, Sweden!\"\n", want: []int{2}},
		{name: "BK good", src: "FROM alpine\nCMD echo \"Hello, Norway!\"; echo \"Hello, Sweden!\"\n"},
		{name: "BK HEALTHCHECK CMD and CMD", src: "FROM python:alpine\nRUN apk add curl\nHEALTHCHECK --interval=1s --timeout=3s \\\n  CMD [\"curl\", \"-f\", \"http://localhost:8080\"]\nCMD [\"python\", \"-m\", \"http.server\", \"8080\"]\n"},
		// hadolint DL4003 / Trivy DS016.
		{name: "DL4003 bad", src: "FROM busybox\nCMD /bin/true\nCMD /bin/false\n", want: []int{2}},
		{name: "DL4003 good", src: "FROM busybox\nCMD /bin/false\n"},
		{name: "DS007-style stages", src: "FROM golang:1.7.3\nENTRYPOINT [\"/opt/app/run.sh\", \"--port\", \"8080\"]\nCMD [\"a\"]\nCMD [\"b\"]\nFROM alpine:latest\nCMD [\"c\"]\n", want: []int{3}},
		{name: "DS016 per stage", src: "FROM golang:1.22 AS build\nCMD [\"go\", \"test\"]\nFROM alpine:3.20\nCMD [\"/app\"]\n"},

		{name: "mixed casing", src: advAlpine + "cmd [\"a\"]\nCMD [\"b\"]\n", want: []int{2}},
		{name: "CRLF", src: "FROM alpine:3.20\r\nCMD [\"a\"]\r\nCMD [\"b\"]\r\n", want: []int{2}},
		{name: "shell and exec forms", src: advAlpine + "CMD a\nENTRYPOINT [\"x\"]\nCMD [\"b\"]\n", want: []int{2}},
		{name: "heredoc between", src: advAlpine + "CMD [\"a\"]\nRUN <<EOF\nCMD [\"not an instruction\"]\nEOF\nCMD [\"b\"]\n", want: []int{2}},
		{name: "ONBUILD CMD twice", src: advAlpine + "ONBUILD CMD [\"a\"]\nONBUILD CMD [\"b\"]\n"},
		{name: "stage built FROM a stage overrides", src: "FROM alpine:3.20 AS base\nCMD [\"a\"]\nFROM base\nCMD [\"b\"]\n"},
	})
	runRuleCases(t, "DF803", []ruleCase{
		// BuildKit MultipleInstructionsDisallowed (ENTRYPOINT variant).
		{name: "BK bad", src: "FROM alpine\nENTRYPOINT [\"echo\", \"Hello, Norway!\"]\nENTRYPOINT [\"echo\", \"Hello, Sweden!\"]\n", want: []int{2}},
		{name: "BK good", src: "FROM alpine\nENTRYPOINT [\"echo\", \"Hello, Norway!\\nHello, Sweden!\"]\n"},
		// hadolint DL4004 / Trivy DS007.
		{name: "DL4004 bad", src: "FROM busybox\nENTRYPOINT /bin/true\nENTRYPOINT /bin/false\n", want: []int{2}},
		{name: "DL4004 good", src: "FROM busybox\nENTRYPOINT /bin/false\n"},
		{name: "DS007 bad", src: "FROM golang:1.7.3\nENTRYPOINT [\"/opt/app/run.sh\", \"--port\", \"8080\"]\nENTRYPOINT [\"/opt/app/run.sh\", \"--port\", \"8000\"]\nFROM alpine:latest\nENTRYPOINT [\"/opt/app/run.sh\", \"--port\", \"8080\"]\n", want: []int{2}},
		{name: "DS007 good", src: "FROM golang:1.7.3\nENTRYPOINT [\"/opt/app/run.sh\", \"--port\", \"8080\"]\nFROM alpine:latest\nENTRYPOINT [\"/opt/app/run.sh\", \"--port\", \"8080\"]\n"},

		{name: "three", src: advAlpine + "ENTRYPOINT a\nENTRYPOINT b\nentrypoint c\n", want: []int{2, 3}},
		{name: "per stage", src: "FROM alpine:3.20 AS a\nENTRYPOINT [\"a\"]\nFROM alpine:3.20\nENTRYPOINT [\"b\"]\n"},
		{name: "reset to empty then set", src: advAlpine + "ENTRYPOINT []\nENTRYPOINT [\"/app\"]\n", want: []int{2}},
		{name: "CRLF", src: "FROM alpine:3.20\r\nENTRYPOINT a\r\nENTRYPOINT [\"b\"]\r\n", want: []int{2}},
		{name: "escape directive continuation", src: "# escape=`\nFROM alpine:3.20\nENTRYPOINT [\"a\", `\n  \"b\"]\nENTRYPOINT [\"c\"]\n", want: []int{3}},
		{name: "ONBUILD ENTRYPOINT", src: advAlpine + "ONBUILD ENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n"},
		{name: "heredoc text", src: advAlpine + "ENTRYPOINT [\"a\"]\nCOPY <<EOF /x\nENTRYPOINT [\"b\"]\nEOF\n"},
		{name: "windows", src: advWinSC + "ENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n", want: []int{3}},
	})
	runRuleCases(t, "DF804", []ruleCase{
		// hadolint DL3012 / Trivy DS023.
		{name: "DL3012 bad", src: "FROM busybox\nHEALTHCHECK CMD /bin/healthcheck\nHEALTHCHECK CMD /bin/healthcheck2\n", want: []int{2}},
		{name: "DL3012 good", src: "FROM busybox\nHEALTHCHECK CMD /bin/healthcheck\n"},
		{name: "options and continuation", src: advAlpine + "HEALTHCHECK --interval=30s \\\n  CMD wget -q http://localhost/\nHEALTHCHECK NONE\n", want: []int{2}},
		{name: "per stage", src: "FROM alpine:3.20 AS a\nHEALTHCHECK NONE\nFROM a\nHEALTHCHECK CMD true\n"},
		{name: "ONBUILD HEALTHCHECK", src: advAlpine + "ONBUILD HEALTHCHECK NONE\nHEALTHCHECK CMD true\n"},
		{name: "lower-case", src: advAlpine + "healthcheck none\nHEALTHCHECK CMD true\n", want: []int{2}},
		{name: "CRLF", src: "FROM alpine:3.20\r\nHEALTHCHECK CMD a\r\nHEALTHCHECK CMD b\r\n", want: []int{2}},
		{name: "exec form probes", src: advAlpine + "HEALTHCHECK CMD [\"a\"]\nHEALTHCHECK CMD [\"b\"]\n", want: []int{2}},
		{name: "separated by CMD", src: advAlpine + "HEALTHCHECK CMD a\nCMD [\"x\"]\nHEALTHCHECK CMD b\n", want: []int{2}},
		{name: "escape directive", src: "# escape=`\nFROM alpine:3.20\nHEALTHCHECK `\n  CMD a\nHEALTHCHECK CMD b\n", want: []int{3}},
		{name: "windows", src: advWinSC + "HEALTHCHECK CMD a\nHEALTHCHECK CMD b\n", want: []int{3}},
	})
}

func TestAdversarialNoHealthcheck(t *testing.T) {
	runRuleCases(t, "DF819", []ruleCase{
		// hadolint DL3057 / Trivy DS026.
		{name: "DS026 bad", src: "FROM busybox\nRUN echo hello\nCMD [\"httpd\", \"-f\"]\n", want: []int{1}},
		{name: "DS026 good", src: "FROM busybox\nHEALTHCHECK CMD /bin/healthcheck\nCMD [\"httpd\", \"-f\"]\n"},
		{name: "lower-case", src: "from busybox\nhealthcheck --interval=5s cmd wget -q http://localhost/\n"},
		{name: "only the final stage counts", src: "FROM busybox AS a\nHEALTHCHECK NONE\nFROM busybox\nCMD [\"x\"]\n", want: []int{3}},
		{name: "ONBUILD HEALTHCHECK does not count", src: "FROM busybox\nONBUILD HEALTHCHECK NONE\nCMD [\"x\"]\n", want: []int{1}},
		{name: "scratch service", src: "FROM scratch\nCOPY app /\nENTRYPOINT [\"/app\"]\n", want: []int{1}},
		{name: "scratch artifacts", src: "FROM scratch\nCOPY app /\n"},
		{name: "windows", src: advWinSC + "CMD [\"cmd\"]\n", want: []int{2}},
		{name: "HEALTHCHECK NONE in parent", src: "FROM busybox AS base\nHEALTHCHECK NONE\nFROM base\nCMD [\"x\"]\n"},
		{name: "target stage has one", src: "FROM busybox AS app\nHEALTHCHECK CMD true\nFROM busybox\nCMD [\"x\"]\n", target: "app"},
		{name: "target stage has none", src: "FROM busybox AS app\nCMD [\"x\"]\nFROM busybox\nHEALTHCHECK NONE\n", target: "app", want: []int{1}},
		{name: "scratch with CMD in parent", src: "FROM scratch AS a\nCMD [\"/app\"]\nFROM a\nCOPY x /\n", want: []int{3}},
		{name: "CRLF", src: "FROM busybox\r\nHEALTHCHECK NONE\r\n"},
	})
}

func TestAdversarialMaintainer(t *testing.T) {
	runRuleCases(t, "DF805", []ruleCase{
		// BuildKit MaintainerDeprecated / hadolint DL4000 / Trivy DS022.
		{name: "BK bad", src: "FROM alpine\nMAINTAINER moby@example.com\n", want: []int{2}},
		{name: "BK good", src: "FROM alpine\nLABEL org.opencontainers.image.authors=\"moby@example.com\"\n"},
		{name: "DL4000 bad", src: "FROM busybox\nMAINTAINER Lukas Martinelli <me@lukasmartinelli.ch>\n", want: []int{2}},
		{name: "DL4000 good", src: "FROM busybox\nLABEL maintainer=\"Lukas Martinelli <me@lukasmartinelli.ch>\"\n"},

		{name: "mixed case", src: advAlpine + "Maintainer jane\n", want: []int{2}},
		{name: "CRLF", src: "FROM alpine:3.20\r\nMAINTAINER jane\r\n", want: []int{2}},
		{name: "each stage", src: "FROM alpine:3.20 AS a\nMAINTAINER a\nFROM alpine:3.20\nMAINTAINER b\n", want: []int{2, 4}},
		{name: "word in RUN", src: advAlpine + "RUN echo MAINTAINER jane\n"},
		{name: "heredoc body", src: advAlpine + "COPY <<EOF /x\nMAINTAINER jane\nEOF\n"},
	})
	r, _ := Lookup("DF805")
	for src, want := range map[string]string{
		"FROM a\r\nMAINTAINER Jane Doe <jane@example.com>\r\n": `LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"`,
		"FROM a\nMAINTAINER \"Jane Doe <jane@example.com>\"\n": `LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"`,
		"FROM a\nMAINTAINER 'Jane'\n":                          `LABEL org.opencontainers.image.authors="Jane"`,
		"# escape=`\nFROM a\nMAINTAINER C:\\x \"q\"\n":         "LABEL org.opencontainers.image.authors=\"C:\\x `\"q`\"\"",
	} {
		fs := lintWith(t, r, ruleCase{src: src})
		if len(fs) != 1 || fs[0].Fix != want {
			t.Errorf("%q: findings %s, want fix %q", src, dump(fs), want)
		}
	}
}

func TestAdversarialExpose(t *testing.T) {
	runRuleCases(t, "DF806", []ruleCase{
		// BuildKit ExposeInvalidFormat.
		{name: "BK bad ip and mapping", src: "FROM alpine\nEXPOSE 127.0.0.1:80:80\n", want: []int{2}},
		{name: "BK bad mapping", src: "FROM alpine\nEXPOSE 80:80\n", want: []int{2}},
		{name: "BK good", src: "FROM alpine\nEXPOSE 80\n"},
		// hadolint DL3011 / Trivy DS008.
		{name: "DL3011 bad", src: "FROM busybox\nEXPOSE 80000\n", want: []int{2}},
		{name: "DL3011 good", src: "FROM busybox\nEXPOSE 65535\n"},
		{name: "DS008 bad among others", src: "FROM busybox\nEXPOSE 22 8080 65536\n", want: []int{2}},

		{name: "protocols", src: advAlpine + "EXPOSE 80/tcp 443/udp 9000/sctp\n"},
		{name: "range", src: advAlpine + "EXPOSE 8000-8010 9000-9001/udp\n"},
		{name: "unknown variable", src: advAlpine + "EXPOSE ${PORT}\n"},
		{name: "variable with default, undeclared", src: advAlpine + "EXPOSE ${PORT:-8080}\n"},
		{name: "ENV port", src: advAlpine + "ENV PORT=8080\nEXPOSE $PORT\n"},
		{name: "ENV bad port", src: advAlpine + "ENV PORT=80:8080\nEXPOSE $PORT\n", want: []int{3}},
		{name: "quoted port", src: advAlpine + "EXPOSE \"8080\"\n"},
		{name: "lower-case keyword", src: advAlpine + "expose 8080:80\n", want: []int{2}},
		{name: "mapping with protocol", src: advAlpine + "EXPOSE 5000:5000/tcp\n", want: []int{2}},
		{name: "trailing comment is a word", src: advAlpine + "EXPOSE 8080 # http\n", want: []int{2, 2}},
		{name: "continuation with comment", src: advAlpine + "EXPOSE 80 \\\n# admin\n  8443:443\n", want: []int{4}},
		{name: "CRLF", src: "FROM alpine:3.20\r\nEXPOSE 80 443\r\n"},
		{name: "tabs", src: advAlpine + "EXPOSE\t80\t443\n"},
		{name: "windows", src: advWinSC + "EXPOSE 80 443\n"},
	})
	runRuleCases(t, "DF807", []ruleCase{
		// BuildKit ExposeProtoCasing.
		{name: "BK bad", src: "FROM alpine\nEXPOSE 80/TcP\n", want: []int{2}},
		{name: "BK good", src: "FROM alpine\nEXPOSE 80/tcp\n"},
		{name: "UDP in a range", src: advAlpine + "EXPOSE 80/tcp 5000-5010/UDP\n", want: []int{2}},
		{name: "lower-case keyword", src: advAlpine + "expose 53/Udp\n", want: []int{2}},
		{name: "no protocol", src: advAlpine + "EXPOSE 80 443\n"},
		{name: "unknown", src: advAlpine + "ARG P\nEXPOSE 80/$P\n"},
		{name: "ARG protocol", src: advAlpine + "ARG P=SCTP\nEXPOSE 80/$P\n", want: []int{3}},
		{name: "CRLF", src: "FROM alpine:3.20\r\nEXPOSE 80/TCP\r\n", want: []int{2}},
		{name: "invalid protocol is DF806's", src: advAlpine + "EXPOSE 80/HTTP\n"},
		{name: "mapping with upper-case protocol", src: advAlpine + "EXPOSE 8080:80/TCP\n", want: []int{2}},
		{name: "two upper-case", src: advAlpine + "EXPOSE 80/TCP 53/UDP\n", want: []int{2, 2}},
	})
	runRuleCases(t, "DF808", []ruleCase{
		// Trivy DS004.
		{name: "DS004 bad", src: "FROM ubuntu:24.04\nEXPOSE 22\n", want: []int{2}},
		{name: "DS004 good", src: "FROM ubuntu:24.04\nEXPOSE 8080\n"},
		{name: "22/tcp with others", src: "FROM ubuntu:24.04\nEXPOSE 80 22/tcp 443\n", want: []int{2}},
		{name: "ENV port", src: "FROM ubuntu:24.04\nENV SSH_PORT=22\nEXPOSE ${SSH_PORT}\n", want: []int{3}},
		{name: "2222", src: "FROM ubuntu:24.04\nEXPOSE 2222\n"},
		{name: "22/sctp is not ssh", src: "FROM ubuntu:24.04\nEXPOSE 22/sctp\n"},
		{name: "leading zero", src: "FROM ubuntu:24.04\nEXPOSE 022\n", want: []int{2}},
		{name: "upper-case protocol", src: "FROM ubuntu:24.04\nEXPOSE 22/TCP\n", want: []int{2}},
		{name: "lower-case keyword", src: "FROM ubuntu:24.04\nexpose 22\n", want: []int{2}},
		{name: "unknown ARG", src: "FROM ubuntu:24.04\nARG SSH_PORT\nEXPOSE $SSH_PORT\n"},
		{name: "mapping to 22", src: "FROM ubuntu:24.04\nEXPOSE 2222:22\n", want: []int{2}},
	})
}

func TestAdversarialExposeFix(t *testing.T) {
	for id, cases := range map[string]map[string]string{
		"DF806": {"FROM a\nEXPOSE 8080:80/tcp\n": "80/tcp", "FROM a\nEXPOSE 80/http\n": "80/tcp"},
		"DF807": {"FROM a\nEXPOSE 80/TCP\n": "80/tcp", "FROM a\nEXPOSE 80-81/UDP\n": "80-81/udp"},
	} {
		r, _ := Lookup(id)
		for src, want := range cases {
			fs := lintWith(t, r, ruleCase{src: src})
			if len(fs) != 1 || fs[0].Fix != want {
				t.Errorf("%s %q: findings %s, want fix %q", id, src, dump(fs), want)
			}
		}
	}
}

func TestAdversarialCopyDestSlash(t *testing.T) {
	runRuleCases(t, "DF809", []ruleCase{
		// hadolint DL3021.
		{name: "DL3021 bad", src: "FROM node:carbon\nCOPY package.json yarn.lock my_app\n", want: []int{2}},
		{name: "DL3021 good", src: "FROM node:carbon\nCOPY package.json yarn.lock my_app/\n"},
		// Trivy DS011.
		{name: "DS011 bad exec form", src: "FROM node:carbon\nCOPY [\"package.json\", \"yarn.lock\", \"myapp\"]\n", want: []int{2}},
		{name: "DS011 good exec form", src: "FROM node:carbon\nCOPY [\"package.json\", \"yarn.lock\", \"myapp/\"]\n"},

		{name: "DS011 image history form", src: "FROM node:carbon\nCOPY file:8b8864b3e02a33a579dc216fd51b28a6047bc8eeaa03045b258980fe0cf7fcb3 in myfile\n"},
		{name: "DS011 image history multi form", src: "FROM node:carbon\nADD multi:8b8864b3e02a33a579dc216fd51b28a6047bc8eeaa03045b258980fe0cf7fcb3 in /usr/bin\n"},
		{name: "DS011 two arguments", src: "FROM node:carbon\nCOPY package.json yarn.lock\n"},
		{name: "lower-case", src: advAlpine + "copy a b /x\n", want: []int{2}},
		{name: "flags", src: advAlpine + "COPY --chown=1000:1000 --chmod=755 a b /usr/local/bin\n", want: []int{2}},
		{name: "flags with slash", src: advAlpine + "COPY --chown=1000:1000 --chmod=755 a b /usr/local/bin/\n"},
		{name: "ADD two URLs", src: advAlpine + "ADD https://x/a.tgz https://x/b.tgz /opt\n", want: []int{2}},
		{name: "quoted dest with slash", src: advAlpine + "COPY a b \"/dest dir/\"\n"},
		{name: "dest from ENV with slash", src: advAlpine + "ENV DIR=/app/\nCOPY a b $DIR\n"},
		{name: "dest variable then slash", src: advAlpine + "ARG DIR\nCOPY a b ${DIR}/\n"},
		{name: "two heredocs", src: advAlpine + "COPY <<a.txt <<b.txt /etc/\nA\na.txt\nB\nb.txt\n"},
		{name: "two heredocs without slash", src: advAlpine + "COPY <<a.txt <<b.txt /etc\nA\na.txt\nB\nb.txt\n", want: []int{2}},
		{name: "COPY . .", src: advAlpine + "COPY . .\n"},
		{name: "one source into a file", src: advAlpine + "COPY nginx.conf /etc/nginx/nginx.conf\n"},
		{name: "continuation with comments", src: advAlpine + "COPY a \\\n# second\n  b \\\n  /x\n", want: []int{5}},
		{name: "CRLF", src: "FROM alpine:3.20\r\nCOPY a b /x\r\n", want: []int{2}},
		{name: "windows forward slash", src: advWinSC + "COPY a b C:/app/\n"},
		{name: "windows missing slash", src: advWinSC + "COPY a b C:\\app\n", want: []int{3}},
	})
}

func TestAdversarialEnvSelfReference(t *testing.T) {
	runRuleCases(t, "DF810", []ruleCase{
		// hadolint DL3044.
		{name: "DL3044 bad", src: "FROM busybox\nENV BLA=\"blubb\" BLUBB=\"${BLA}/blubb\"\n", want: []int{2}},
		{name: "DL3044 good", src: "FROM busybox\nENV BLA=\"blubb\"\nENV BLUBB=\"${BLA}/blubb\"\n"},

		{name: "GOPATH and PATH", src: advAlpine + "ENV GOPATH=/go PATH=$GOPATH/bin:$PATH\n", want: []int{2}, messages: []string{"$GOPATH"}},
		{name: "continuation with a comment", src: advAlpine + "ENV A=1 \\\n# then\n    B=$A\n", want: []int{4}},
		{name: "CRLF", src: "FROM alpine:3.20\r\nENV A=1 B=$A\r\n", want: []int{2}},
		{name: "lower-case keyword", src: advAlpine + "env A=1 B=${A}\n", want: []int{2}},
		{name: "escape directive escapes the dollar", src: "# escape=`\nFROM alpine:3.20\nENV A=1 B=`$A\n"},
		{name: "escape directive", src: "# escape=`\nFROM alpine:3.20\nENV A=1 `\n    B=$A\n", want: []int{4}},
		{name: "self-default repeated", src: advAlpine + "ENV ROOT=\"${ROOT:-/srv}\" HOME_DIR=\"${ROOT:-/srv}/home\"\n"},
		{name: "self-default with a different default", src: advAlpine + "ENV ROOT=\"${ROOT:-/srv}\" HOME_DIR=\"${ROOT:-/opt}/home\"\n", want: []int{2}},
		{name: "self-default used plain", src: advAlpine + "ENV ROOT=\"${ROOT:-/srv}\" HOME_DIR=\"$ROOT/home\"\n", want: []int{2}},
		{name: "legacy form", src: advAlpine + "ENV A $A:1\n"},
		{name: "LABEL is not ENV", src: advAlpine + "LABEL a=1 b=$a\n"},
		{name: "separate stages", src: "FROM alpine:3.20 AS a\nENV A=1\nFROM a\nENV A=1 B=$A\n"},
	})
	r, _ := Lookup("DF810")
	fs := lintWith(t, r, ruleCase{src: advAlpine + "ENV ORACLE_HOME=/u01/oracle PATH=$PATH:$ORACLE_HOME/bin\n"})
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "$ORACLE_HOME") || strings.Contains(fs[0].Message, "PATH gets") {
		t.Errorf("DF810 message: %s", dump(fs))
	}
}

func TestAdversarialOnbuild(t *testing.T) {
	runRuleCases(t, "DF811", []ruleCase{
		{name: "WORKDIR without path", src: advAlpine + "ONBUILD WORKDIR\n", want: []int{2}},
		{name: "bad HEALTHCHECK duration", src: advAlpine + "ONBUILD HEALTHCHECK --interval=often CMD true\n", want: []int{2}},
		{name: "misspelled keyword", src: advAlpine + "ONBUILD COPPY . /app\n", want: []int{2}},
		{name: "ADD with one argument", src: advAlpine + "ONBUILD ADD . \n", want: []int{2}},
		{name: "unknown flag", src: advAlpine + "ONBUILD RUN --mnt=type=cache,target=/x true\n", want: []int{2}},
		{name: "CRLF", src: "FROM alpine:3.20\r\nONBUILD COPY a\r\n", want: []int{2}},

		{name: "valid lower-case", src: advAlpine + "onbuild run echo hi\n"},
		{name: "valid COPY --from", src: advAlpine + "ONBUILD COPY --from=build /a /b\n"},
		{name: "valid HEALTHCHECK", src: advAlpine + "ONBUILD HEALTHCHECK CMD curl -f http://localhost/\n"},
		{name: "valid EXPOSE", src: advAlpine + "ONBUILD EXPOSE 80\n"},
		{name: "valid exec form", src: advAlpine + "ONBUILD RUN [\"make\", \"install\"]\n"},
		{name: "valid with escape", src: "# escape=`\nFROM alpine:3.20\nONBUILD RUN make `\n  install\n"},
	})
}

func TestAdversarialInstructionCasing(t *testing.T) {
	runRuleCases(t, "DF812", []ruleCase{
		// BuildKit ConsistentInstructionCasing.
		{name: "BK bad", src: "FROM alpine:latest AS builder\nrun apk --no-cache add build-base\n\nFROM builder AS build1\ncopy source1.cpp source.cpp\n", want: []int{2, 5}},
		{name: "BK good upper", src: "FROM alpine:latest AS builder\nRUN apk --no-cache add build-base\n\nFROM builder AS build1\nCOPY source1.cpp source.cpp\n"},
		{name: "BK good lower", src: "from alpine:latest as builder\nrun apk --no-cache add build-base\n\nfrom builder as build1\ncopy source1.cpp source.cpp\n"},

		{name: "CRLF", src: "FROM alpine:3.20\r\nrun true\r\nCOPY . /\r\n", want: []int{2}},
		{name: "heredoc body", src: advAlpine + "RUN <<EOF\nrun this\ncopy that\nEOF\n"},
		{name: "continuation lines", src: advAlpine + "RUN echo \\\n  run \\\n  copy\n"},
		{name: "comment lines", src: advAlpine + "# run this\nRUN true\n"},
		{name: "escape directive", src: "# escape=`\nFROM alpine:3.20\nrun echo `\n  hi\nCOPY . /\n", want: []int{3}},
		{name: "lower majority, upper one", src: "from alpine:3.20\nrun true\ncopy . /\nCMD [\"x\"]\n", want: []int{4}},
		{name: "mixed in lower file", src: "from alpine:3.20\nrun true\nCopy . /\n", want: []int{3}},
	})
}

func TestAdversarialLegacyKeyValue(t *testing.T) {
	runRuleCases(t, "DF813", []ruleCase{
		// BuildKit LegacyKeyValueFormat. `ARG foo bar` declares two ARGs,
		// foo and bar (divergence: BuildKit's check does not report ARG
		// either, and ARG TARGETOS TARGETARCH is legitimate).
		{name: "BK ARG foo bar (divergence)", src: "FROM alpine\nARG foo bar\n"},
		{name: "BK good ARG", src: "FROM alpine\nARG foo=bar\n"},
		{name: "BK bad multi-line ENV", src: "FROM alpine\nENV DEPS \\\n    curl \\\n    git \\\n    make\n", want: []int{2}},
		{name: "BK good multi-line ENV", src: "FROM alpine\nENV DEPS=\"\\\n    curl \\\n    git \\\n    make\"\n"},

		{name: "ARG name and version", src: advAlpine + "ARG NODE_VERSION 18.20.4\n", want: []int{2}, messages: []string{"NODE_VERSION"}},
		{name: "ARG name and path", src: advAlpine + "ARG APP_HOME /srv/app\n", want: []int{2}},
		{name: "ARG several names", src: advAlpine + "ARG TARGETOS TARGETARCH\n"},
		{name: "ARG names with values", src: advAlpine + "ARG A=1 B=2\n"},
		{name: "LABEL legacy", src: advAlpine + "LABEL maintainer jane@example.com\n", want: []int{2}},
		{name: "LABEL pairs", src: advAlpine + "LABEL a=b c=d\n"},
		{name: "ENV pairs", src: advAlpine + "ENV A=1 B=2\n"},
		{name: "ENV legacy one", src: advAlpine + "ENV A 1\n", want: []int{2}},
		{name: "CRLF", src: "FROM alpine:3.20\r\nENV A 1\r\n", want: []int{2}},
		{name: "mixed-case keyword", src: advAlpine + "Env A 1\n", want: []int{2}},
		{name: "empty legacy value", src: advAlpine + "ENV A \"\"\n", want: []int{2}},
		{name: "ONBUILD ENV (not checked)", src: advAlpine + "ONBUILD ENV A 1\n"},
	})
	r, _ := Lookup("DF813")
	for src, want := range map[string]string{
		"FROM a\r\nENV A 1\r\n":               "ENV A=1",
		"FROM a\nENV A \"\"\n":                `ENV A=""`,
		"FROM a\nARG NODE_VERSION 18.20.4\n":  "ARG NODE_VERSION=18.20.4",
		"# escape=`\nFROM a\nENV D C:\\app\n": "ENV D=C:\\app",
	} {
		fs := lintWith(t, r, ruleCase{src: src})
		if len(fs) != 1 || fs[0].Fix != want {
			t.Errorf("%q: findings %s, want fix %q", src, dump(fs), want)
		}
	}
}

func TestAdversarialEmptyContinuation(t *testing.T) {
	runRuleCases(t, "DF814", []ruleCase{
		// BuildKit NoEmptyContinuation.
		{name: "BK bad", src: "FROM alpine\nEXPOSE \\\n\n80\n", want: []int{3}},
		{name: "BK good comment", src: "FROM alpine\nEXPOSE \\\n# Port\n80\n"},
		{name: "BK description", src: "FROM alpine\nRUN apk add \\\n\n    gnupg \\\n\n    curl\n", want: []int{3}, messages: []string{"lines 3, 5"}},

		{name: "CRLF", src: "FROM alpine:3.20\r\nRUN a \\\r\n\r\n  b\r\n", want: []int{3}},
		{name: "tab-only line", src: advAlpine + "RUN a \\\n\t\n  b\n", want: []int{3}},
		{name: "swallowed instruction", src: advAlpine + "RUN echo a \\\n\nRUN echo b\n", want: []int{3}},
		{name: "comment then empty line", src: advAlpine + "RUN a \\\n# c\n\n  b\n", want: []int{4}},
		{name: "heredoc with empty lines", src: advAlpine + "RUN <<EOF\necho a\n\necho b\nEOF\n"},
		{name: "COPY heredoc with empty lines", src: advAlpine + "COPY <<EOF /x\na\n\nb\nEOF\n"},
		{name: "escape directive backslash not a continuation", src: "# escape=`\nFROM alpine:3.20\nRUN echo C:\\\n\nRUN b\n"},
	})
}

func TestAdversarialSecrets(t *testing.T) {
	runRuleCases(t, "DF815", []ruleCase{
		// BuildKit SecretsUsedInArgOrEnv.
		{name: "BK bad", src: "FROM scratch\nARG AWS_SECRET_ACCESS_KEY\n", want: []int{2}},
		// Trivy DS031.
		{name: "DS031 ENV GITHUB_TOKEN", src: advBusy + "ENV GITHUB_TOKEN=placeholder\n", want: []int{2}},
		{name: "DS031 legacy ENV", src: advBusy + "ENV GITHUB_TOKEN placeholder\n", want: []int{2}},
		{name: "DS031 ARG with default", src: advBusy + "ARG GITHUB_TOKEN=placeholder\n", want: []int{2}},
		{name: "DS031 ARG", src: advBusy + "ARG GITHUB_TOKEN\n", want: []int{2}},
		{name: "DS031 VITE prefix", src: advBusy + "ARG VITE_AWS_ACCESS_KEY_ID=REPLACE_WITH_YOUR_OWN\n", want: []int{2}},
		{name: "DS031 OPENAI_API_KEY", src: advBusy + "ENV OPENAI_API_KEY=sk-proj-abc123\n", want: []int{2}},
		{name: "DS031 HF_TOKEN", src: advBusy + "ARG HF_TOKEN\n", want: []int{2}},
		{name: "DS031 AZURE_CLIENT_SECRET", src: advBusy + "ENV AZURE_CLIENT_SECRET=abc\n", want: []int{2}},
		{name: "DS031 AZURE_CLIENT_ID (divergence: an id is not a secret)", src: advBusy + "ENV AZURE_CLIENT_ID=00000000-0000-0000-0000-000000000000\n"},
		{name: "DS031 credentials file not copied", src: advBusy + "ENV GOOGLE_APPLICATION_CREDENTIALS=/credentials/google-storage-service.json\n"},
		{name: "DS031 relative credentials file not copied", src: advBusy + "COPY /src /src\nENV GOOGLE_APPLICATION_CREDENTIALS=./app/google-storage-service.json\n"},
		{name: "DS031 credentials file copied", src: advBusy + "COPY /src /app/\nENV GOOGLE_APPLICATION_CREDENTIALS ./app/google-storage-service.json\n", want: []int{3},
			messages: []string{"COPY on line 2"}},
		{name: "DS031 credentials file copied, quoted", src: advBusy + "COPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS \"./news-extraction.json\"\n", want: []int{3}},
		{name: "DS031 credentials file in ARG", src: advBusy + "COPY /src /app/\nARG GOOGLE_APPLICATION_CREDENTIALS=./app/google-storage-service.json\n", want: []int{3}},
		{name: "credentials file copied to an absolute path", src: advBusy + "COPY key.json /etc/gcp/key.json\nENV GOOGLE_APPLICATION_CREDENTIALS=/etc/gcp/key.json\n", want: []int{3}},
		{name: "credentials file under WORKDIR", src: advBusy + "WORKDIR /app\nCOPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/sa.json\n", want: []int{4}},
		{name: "context into the root, absolute path", src: advBusy + "COPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json\n"},
		{name: "context into the root, file in the context", src: advBusy + "COPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json\n",
			files: map[string]string{"var/secrets/google/key.json": "{}"}, want: []int{3}},
		{name: "credentials file elsewhere", src: advBusy + "WORKDIR /app\nCOPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=/var/run/secrets/sa.json\n"},
		{name: "credentials file from another stage", src: "FROM busybox AS b\nFROM busybox\nCOPY --from=b /x /app/\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/sa.json\n"},

		{name: "credentials file in the context", src: advBusy + "COPY . /app/\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/sa.json\n",
			files: map[string]string{"sa.json": "{}"}, want: []int{3}},
		{name: "credentials file not in the context", src: advBusy + "COPY . /app/\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/sa.json\n",
			files: map[string]string{"main.py": ""}},
		{name: "credentials file ignored", src: advBusy + "COPY . /app/\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/sa.json\n",
			files: map[string]string{"sa.json": "{}", ".dockerignore": "sa.json\n"}},
		{name: "credentials file copied by name", src: advBusy + "COPY sa.json /etc/gcp/\nENV GOOGLE_APPLICATION_CREDENTIALS=/etc/gcp/sa.json\n",
			files: map[string]string{"sa.json": "{}"}, want: []int{3}},
		{name: "credentials directory", src: advBusy + "COPY config /app/config\nENV KUBECONFIG=/app/config/kube.yaml\n",
			files: map[string]string{"config/kube.yaml": "x"}, want: []int{3}},
		{name: "credentials via wildcard", src: advBusy + "COPY *.json /app/\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/sa.json\n",
			files: map[string]string{"sa.json": "{}", "package.json": "{}"}, want: []int{3}},
		{name: "credentials path from ARG without default", src: advBusy + "COPY . /app/\nARG CREDS\nENV GOOGLE_APPLICATION_CREDENTIALS=$CREDS\n"},
		{name: "PASSWORD_FILE", src: advBusy + "ARG PASSWORD_FILE=/run/secrets/x\n"},
		{name: "PUBLIC_KEY", src: advBusy + "ENV PUBLIC_KEY=\"ssh-ed25519 AAAAC3Nza\"\n"},
		{name: "SSH_AUTH_SOCK", src: advBusy + "ENV SSH_AUTH_SOCK=/ssh-agent\n"},
		{name: "POSTGRES_HOST_AUTH_METHOD", src: "FROM postgres:16\nENV POSTGRES_HOST_AUTH_METHOD=trust\n"},
		{name: "MYSQL_ALLOW_EMPTY_PASSWORD", src: "FROM mysql:8\nENV MYSQL_ALLOW_EMPTY_PASSWORD=yes\n"},
		{name: "TOKEN_EXPIRY", src: advBusy + "ENV TOKEN_EXPIRY=3600\n"},
		{name: "API_KEY placeholder", src: advBusy + "ENV API_KEY=changeme\n", want: []int{2}},
		{name: "ENCRYPTION_KEY", src: advBusy + "ENV ENCRYPTION_KEY=supersecret\n", want: []int{2}},
		{name: "data keys", src: advBusy + "ENV SORT_KEY=name PARTITION_KEY=id CACHE_KEY=v1 ROUTING_KEY=orders\n"},
		{name: "data key then secret", src: advBusy + "ENV CACHE_KEY_SECRET=abc\n", want: []int{2}},
		{name: "header name", src: advBusy + "ENV API_KEY_HEADER=X-Api-Key\n"},
		{name: "ARG empty default", src: advBusy + "ARG NPM_TOKEN=\"\"\n", want: []int{2}},
		{name: "ARG then ENV", src: advBusy + "ARG API_KEY\nENV API_KEY=$API_KEY\n", want: []int{2, 3}},
		{name: "SSH private key", src: advBusy + "ARG SSH_PRIVATE_KEY\n", want: []int{2}},
		{name: "CRLF", src: "FROM busybox\r\nARG DB_PASSWORD\r\n", want: []int{2}},
		{name: "lower-case keyword", src: advBusy + "arg db_password\n", want: []int{2}},
		{name: "several in one ENV", src: advBusy + "ENV DB_USER=app \\\n    DB_PASSWORD=s3cr3t \\\n    DB_HOST=db\n", want: []int{3}},
		{name: "ONBUILD ARG (not checked)", src: advBusy + "ONBUILD ARG NPM_TOKEN\n"},
		{name: "RUN secret mount", src: advBusy + "RUN --mount=type=secret,id=token,env=GITHUB_TOKEN make\n"},
		{name: "windows", src: advWinSC + "ENV ADMIN_PASSWORD=P@ssw0rd\n", want: []int{3}},
	})
}

func TestAdversarialUndefinedVar(t *testing.T) {
	runRuleCases(t, "DF816", []ruleCase{
		// BuildKit UndefinedVar.
		{name: "BK bad COPY", src: "FROM alpine AS base\nCOPY $foo .\n", want: []int{2}},
		{name: "BK good COPY", src: "FROM alpine AS base\nARG foo\nCOPY $foo .\n"},
		{name: "BK bad ARG default", src: "FROM alpine AS base\nARG VERSION=$foo\n", want: []int{2}},
		{name: "BK good base image env", src: "FROM python AS base\nARG VERSION=$PYTHON_VERSION\n"},
		{name: "BK typo", src: "FROM alpine\nENV PATH=$PAHT:/app/bin\n", want: []int{2}, messages: []string{"did you mean $PATH?"}},
		{name: "BK typo on another base", src: "FROM node:22\nENV PATH=$PAHT:/app/bin\n", want: []int{2}, messages: []string{"did you mean $PATH?"}},

		{name: "debian HOME", src: "FROM debian:bookworm-slim\nCOPY . $HOME/app\n", want: []int{2}},
		{name: "ubuntu undeclared in LABEL", src: "FROM ubuntu:24.04\nLABEL version=$VERSION\n", want: []int{2}},
		{name: "busybox WORKDIR", src: "FROM busybox:1.36\nWORKDIR $APP_DIR\n", want: []int{2}},
		{name: "alpine EXPOSE", src: advAlpine + "EXPOSE $PORT\n", want: []int{2}},
		{name: "alpine USER", src: advAlpine + "USER $UID\n", want: []int{2}},
		{name: "alpine RUN mount", src: advAlpine + "RUN --mount=type=cache,target=/cache/$CACHE_DIR true\n", want: []int{2}},
		{name: "alpine stage chain", src: "FROM alpine:3.20 AS a\nENV A=1\nFROM a\nWORKDIR /x/$A/$B\n", want: []int{4}},
		{name: "alpine self-append", src: advAlpine + "ENV LD_LIBRARY_PATH=$LD_LIBRARY_PATH:/opt/lib JAVA_OPTS=\"$JAVA_OPTS -Xmx1g\"\n"},
		{name: "alpine PATH", src: advAlpine + "ENV PATH=/opt/bin:$PATH\n"},
		{name: "alpine proxy", src: advAlpine + "ENV http_proxy=$http_proxy\n"},
		{name: "alpine default", src: advAlpine + "LABEL v=${VERSION:-dev}\n"},
		{name: "alpine RUN not checked", src: advAlpine + "RUN echo $UNDEFINED\n"},
		{name: "alpine CMD exec not expanded", src: advAlpine + "CMD [\"echo\", \"$UNDEFINED\"]\n"},
		{name: "alpine HEALTHCHECK not expanded", src: advAlpine + "HEALTHCHECK CMD wget -q http://localhost:$PORT/\n"},
		{name: "alpine ONBUILD not expanded", src: advAlpine + "ONBUILD COPY $SRC /app/\n"},
		{name: "alpine FROM a variable base", src: "ARG BASE=alpine:3.20\nFROM $BASE\nWORKDIR $APP\n"},
		{name: "alpine from another registry", src: "FROM ghcr.io/acme/alpine:3.20\nWORKDIR $APP\n"},
		{name: "declared platform ARG", src: advAlpine + "ARG TARGETPLATFORM\nLABEL p=$TARGETPLATFORM\n"},
		{name: "platform ARG in COPY --from path", src: "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /out/app-$TARGETARCH /app\n", want: []int{3}},
		{name: "CRLF", src: "FROM alpine:3.20\r\nWORKDIR $APP_DIR\r\n", want: []int{2}},
		{name: "escape directive", src: "# escape=`\nFROM alpine:3.20\nWORKDIR /a/`$NOTVAR/$APP\n", want: []int{3}},
		{name: "lower-case keyword", src: "from alpine:3.20\nworkdir $APP_DIR\n", want: []int{2}},
		{name: "windows", src: advWinSC + "WORKDIR $APP\n"},
		{name: "node base unknown name", src: "FROM node:22\nWORKDIR $APP_DIR\n"},
		{name: "alpine-based variant is not alpine", src: "FROM node:22-alpine\nWORKDIR $APP_DIR\n"},
	})
}

func TestAdversarialLabelKeys(t *testing.T) {
	runRuleCases(t, "DF817", []ruleCase{
		// hadolint DL3048.
		{name: "DL3048 bad space", src: advAlpine + "LABEL \"bad key\"=value\n", want: []int{2}},
		{name: "DL3048 bad upper", src: advAlpine + "LABEL Bad.Key=value\n", want: []int{2}},
		{name: "DL3048 bad slash", src: advAlpine + "LABEL bad/key=value\n", want: []int{2}},
		{name: "DL3048 reserved", src: advAlpine + "LABEL com.docker.compose.project=demo\n", want: []int{2}},
		{name: "DL3048 good", src: advAlpine + "LABEL org.opencontainers.image.title=\"demo\" \\\n      org.opencontainers.image.source=\"https://github.com/example/demo\" \\\n      com.example.team.owner=\"platform\"\n"},

		{name: "unknown key", src: advAlpine + "LABEL \"$LABEL_PREFIX.name\"=demo\n"},
		{name: "common keys", src: advAlpine + "LABEL maintainer=x version=1.0 description=\"d\" name=n vendor=v release=1 summary=s url=u io.k8s.display-name=x io.openshift.tags=a,b org.label-schema.build-date=2024\n"},
		{name: "legacy form key", src: advAlpine + "LABEL description This is an app\n"},
		{name: "quoted valid key", src: advAlpine + "LABEL \"com.example.vendor\"=\"ACME\"\n"},
		{name: "CRLF", src: "FROM alpine:3.20\r\nLABEL Version=1\r\n", want: []int{2}},
		{name: "ONBUILD LABEL (not checked)", src: advAlpine + "ONBUILD LABEL Bad=1\n"},
		{name: "upper-case last segment", src: advAlpine + "LABEL org.opencontainers.image.Version=1\n", want: []int{2}},
		{name: "starts with a dash", src: advAlpine + "LABEL -x=1\n", want: []int{2}},
		{name: "io.docker namespace", src: advAlpine + "LABEL io.docker.thing=1\n", want: []int{2}},
		{name: "docker extension", src: advAlpine + "LABEL com.docker.extension.publisher-url=https://x\n"},
		{name: "whalebrew keys", src: advAlpine + "LABEL io.whalebrew.config.working_dir '$PWD'\nLABEL io.whalebrew.config.keep_container_user=true\n"},
		{name: "ARG-built valid key", src: advAlpine + "ARG NS=com.example\nLABEL ${NS}.team=x\n"},
	})
}

func TestAdversarialLabelSchema(t *testing.T) {
	opts := func(kv ...string) *LabelSchemaOptions {
		o := &LabelSchemaOptions{RequiredLabels: map[string]string{}}
		for i := 0; i+1 < len(kv); i += 2 {
			o.RequiredLabels[kv[i]] = kv[i+1]
		}
		return o
	}
	runRuleCases(t, "DF818", []ruleCase{
		// hadolint DL3056.
		{name: "DL3056 bad", src: advAlpine + "LABEL version=\"something-other-than-a-version-number\"\n", options: opts("version", "semver"), want: []int{2}},
		{name: "DL3056 good", src: advAlpine + "LABEL version=\"1.0.0-rc1\"\n", options: opts("version", "semver")},
		// hadolint DL3049 (missing), DL3051 (empty).
		{name: "DL3049 missing", src: advAlpine + "LABEL other=1\n", options: opts("org.opencontainers.image.source", "text"), want: []int{1}},
		{name: "DL3051 empty", src: advAlpine + "LABEL org.opencontainers.image.source=\"\"\n", options: opts("org.opencontainers.image.source", "text"), want: []int{2}},
		{name: "DL3051 blank", src: advAlpine + "LABEL foo=\" \"\n", options: opts("foo", "text"), want: []int{2}, messages: []string{"empty"}},
		{name: "overridden value", src: advAlpine + "LABEL foo=\"\"\nLABEL foo=\"bar\"\n", options: opts("foo", "text")},
		{name: "overridden in the same LABEL", src: advAlpine + "LABEL foo=\"\" foo=\"bar\"\n", options: opts("foo", "text")},
		{name: "later stage does not override", src: "FROM alpine:3.20 AS a\nLABEL foo=\"\"\nFROM alpine:3.20\nLABEL foo=\"bar\"\n", options: opts("foo", "text"), want: []int{2}},
		// hadolint DL3052 (URL), DL3053 (RFC 3339), DL3054 (SPDX),
		// DL3055 (git hash), DL3058 (email).
		{name: "DL3052", src: advAlpine + "LABEL u=\"not a url\"\n", options: opts("u", "url"), want: []int{2}},
		{name: "DL3053", src: advAlpine + "LABEL d=\"yesterday\"\n", options: opts("d", "rfc3339"), want: []int{2}},
		{name: "DL3054", src: advAlpine + "LABEL l=\"Apache\"\n", options: opts("l", "spdx"), want: []int{2}},
		{name: "DL3055", src: advAlpine + "LABEL h=\"not-a-hash\"\n", options: opts("h", "hash"), want: []int{2}},
		{name: "DL3058", src: advAlpine + "LABEL e=\"not an email\"\n", options: opts("e", "email"), want: []int{2}},
		{name: "all good", src: advAlpine + "LABEL u=https://x.io d=2024-01-01T00:00:00Z l=MIT h=0123abc e=a@b.io\n", options: opts("u", "url", "d", "rfc3339", "l", "spdx", "h", "hash", "e", "email")},
	})
}
