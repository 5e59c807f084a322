package rules

import (
	"strings"
	"testing"
)

func TestJSONArgsRecommended(t *testing.T) {
	runRuleCases(t, "DF801", []ruleCase{
		{name: "shell-form CMD", src: "FROM alpine:3.20\nCMD my-app --serve\n", want: []int{2}},
		{name: "shell-form ENTRYPOINT", src: "FROM alpine:3.20\nENTRYPOINT my-app start\n", want: []int{2},
			messages: []string{"ignores CMD"}},
		{name: "both", src: "FROM alpine:3.20\nENTRYPOINT my-app\nCMD serve\n", want: []int{2, 3}},
		{name: "lower-case keyword", src: "from alpine:3.20\ncmd my-app\n", want: []int{2}},
		{name: "continuation", src: "FROM alpine:3.20\nCMD java \\\n  -jar /app.jar\n", want: []int{2}},
		{name: "compound command", src: "FROM alpine:3.20\nCMD cd /app && ./run.sh\n", want: []int{2}},
		{name: "variables", src: "FROM alpine:3.20\nENTRYPOINT /usr/bin/$INITSH\n", want: []int{2}},
		{name: "only the effective CMD", src: "FROM alpine:3.20\nCMD first\nCMD second\n", want: []int{3}},
		{name: "each stage", src: "FROM alpine:3.20 AS a\nCMD a\nFROM alpine:3.20\nCMD b\n", want: []int{2, 4}},
		{name: "SHELL in an unrelated stage", src: "FROM alpine:3.20 AS a\nSHELL [\"/bin/bash\", \"-c\"]\nFROM alpine:3.20\nCMD b\n", want: []int{4}},
		{name: "SHELL after the CMD", src: "FROM alpine:3.20\nCMD b\nSHELL [\"/bin/bash\", \"-c\"]\n", want: []int{2}},
		{name: "escape directive", src: "# escape=`\nFROM alpine:3.20\nCMD my-app `\n  --serve\n", want: []int{3}},
		{name: "exec inside sh -c string does not count", src: "FROM alpine:3.20\nCMD sh -c 'exec my-app'\n", want: []int{2}},

		{name: "JSON form", src: "FROM alpine:3.20\nCMD [\"my-app\", \"--serve\"]\n"},
		{name: "JSON ENTRYPOINT, shell-ish JSON CMD", src: "FROM alpine:3.20\nENTRYPOINT [\"/entrypoint.sh\"]\nCMD [\"sh\", \"-c\", \"echo $HOME\"]\n"},
		{name: "explicit SHELL", src: "FROM alpine:3.20\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\nCMD my-app\n"},
		{name: "SHELL in the parent stage", src: "FROM alpine:3.20 AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nCMD my-app\n"},
		{name: "exec replaces the shell", src: "FROM alpine:3.20\nCMD exec my-app --serve\n"},
		{name: "exec after setup", src: "FROM alpine:3.20\nCMD cd /app && exec \"${APP_HOME}/bin/run\"\n"},
		{name: "earlier shell-form CMD is DF802's", src: "FROM alpine:3.20\nCMD my-app\nCMD [\"my-app\"]\n"},
		{name: "windows", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD powershell -Command Start-Service w3svc\n"},
		{name: "no CMD", src: "FROM alpine:3.20\nRUN echo hi\n"},
		{name: "ONBUILD CMD is not the stage's", src: "FROM alpine:3.20\nONBUILD CMD my-app\n"},
	})
}

func TestJSONArgsFix(t *testing.T) {
	r, _ := Lookup("DF801")
	for src, want := range map[string]string{
		"FROM a\nCMD my-app --serve\n":                   `CMD ["my-app", "--serve"]`,
		"FROM a\ncmd nginx -g 'daemon off;'\n":           `cmd ["nginx", "-g", "daemon off;"]`,
		"FROM a\nCMD java \\\n  -jar \"/app dir.jar\"\n": `CMD ["java", "-jar", "/app dir.jar"]`,
		"FROM a\nENTRYPOINT echo \"a\\\"b\"\n":           `ENTRYPOINT ["echo", "a\"b"]`,
		"FROM a\nCMD my-app > /log\n":                    "exec",
		"FROM a\nCMD my-app *.conf\n":                    "exec",
		"FROM a\nCMD FOO=1 my-app\n":                     "exec",
	} {
		fs := lintWith(t, r, ruleCase{src: src})
		if len(fs) != 1 {
			t.Fatalf("%q: %d findings", src, len(fs))
		}
		if !strings.Contains(fs[0].Fix, want) {
			t.Errorf("%q: fix %q, want it to contain %q", src, fs[0].Fix, want)
		}
	}
}

func TestMultipleInstructions(t *testing.T) {
	runRuleCases(t, "DF802", []ruleCase{
		{name: "two CMDs", src: "FROM alpine:3.20\nCMD [\"a\"]\nCMD [\"b\"]\n", want: []int{2}, messages: []string{"line 3"}},
		{name: "three CMDs", src: "FROM alpine:3.20\nCMD a\nRUN true\nCMD b\nCMD c\n", want: []int{2, 4}},
		{name: "per stage", src: "FROM alpine:3.20 AS a\nCMD a\nCMD b\nFROM alpine:3.20\nCMD c\nCMD d\n", want: []int{2, 5}},
		{name: "continuation", src: "FROM alpine:3.20\nCMD [\"a\", \\\n  \"b\"]\nCMD [\"c\"]\n", want: []int{2}},

		{name: "one CMD", src: "FROM alpine:3.20\nCMD [\"a\"]\n"},
		{name: "one per stage", src: "FROM alpine:3.20 AS a\nCMD a\nFROM a\nCMD b\n"},
		{name: "ONBUILD CMD does not count", src: "FROM alpine:3.20\nONBUILD CMD [\"x\"]\nCMD [\"a\"]\n"},
		{name: "CMD and ENTRYPOINT", src: "FROM alpine:3.20\nENTRYPOINT [\"a\"]\nCMD [\"b\"]\n"},
	})
	runRuleCases(t, "DF803", []ruleCase{
		{name: "two ENTRYPOINTs", src: "FROM alpine:3.20\nENTRYPOINT [\"/bin/sh\"]\nENTRYPOINT [\"/entrypoint.sh\"]\n", want: []int{2}},
		{name: "lower case", src: "from alpine:3.20\nentrypoint a\nentrypoint b\n", want: []int{2}},

		{name: "one", src: "FROM alpine:3.20\nENTRYPOINT [\"a\"]\n"},
		{name: "parent stage has its own", src: "FROM alpine:3.20 AS base\nENTRYPOINT [\"a\"]\nFROM base\nENTRYPOINT [\"b\"]\n"},
	})
	runRuleCases(t, "DF804", []ruleCase{
		{name: "two HEALTHCHECKs", src: "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/\nHEALTHCHECK --interval=5s CMD wget -q http://localhost/\n", want: []int{2}},
		{name: "NONE then CMD", src: "FROM nginx:1.27\nHEALTHCHECK NONE\nHEALTHCHECK CMD true\n", want: []int{2}},

		{name: "one", src: "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/\n"},
		{name: "one per stage", src: "FROM nginx:1.27 AS a\nHEALTHCHECK NONE\nFROM a\nHEALTHCHECK CMD true\n"},
	})
}

func TestNoHealthcheck(t *testing.T) {
	runRuleCases(t, "DF819", []ruleCase{
		{name: "none", src: "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n", want: []int{1}},
		{name: "only in a build stage", src: "FROM golang:1.22 AS build\nHEALTHCHECK NONE\nFROM alpine:3.20\nCMD [\"/app\"]\n", want: []int{3},
			messages: []string{"final stage"}},
		{name: "scratch service", src: "FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n", want: []int{2}},
		{name: "target", src: "FROM alpine:3.20 AS app\nCMD [\"a\"]\nFROM alpine:3.20 AS other\nHEALTHCHECK NONE\n", target: "app", want: []int{1}},

		{name: "healthcheck", src: "FROM nginx:1.27\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\n"},
		{name: "explicit NONE", src: "FROM nginx:1.27\nHEALTHCHECK NONE\n"},
		{name: "in the parent stage", src: "FROM nginx:1.27 AS base\nHEALTHCHECK CMD true\nFROM base\nCOPY . /x\n"},
		{name: "artifact image", src: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/ /\n"},
	})
}
