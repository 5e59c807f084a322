package rules

import "testing"

func TestWorkdirRelative(t *testing.T) {
	runRuleCases(t, "DF301", []ruleCase{
		{name: "relative", src: "FROM nginx:1.27\nWORKDIR usr/share/nginx/html\n", want: []int{2}, messages: []string{"relative WORKDIR 'usr/share/nginx/html' in stage 0 (FROM nginx:1.27)"}},
		{name: "dot slash", src: "FROM alpine:3.20\nWORKDIR ./app\n", want: []int{2}},
		{name: "tilde is not expanded", src: "FROM alpine:3.20\nWORKDIR ~/app\n", want: []int{2}, messages: []string{"does not expand '~'"}},
		{name: "ARG-built relative", src: "FROM alpine:3.20\nARG DIR=app\nWORKDIR $DIR\n", want: []int{3}, messages: []string{"'$DIR' (= 'app')"}},
		{name: "quoted relative", src: "FROM alpine:3.20\nWORKDIR \"my app\"\n", want: []int{2}},
		{name: "continuation", src: "FROM alpine:3.20\nWORKDIR \\\n    src\n", want: []int{3}},
		{name: "each independent stage", src: "FROM golang:1.23 AS build\nWORKDIR /src\nFROM alpine:3.20\nWORKDIR app\n", want: []int{4}},
		{name: "only the first of a stage", src: "FROM alpine:3.20\nWORKDIR app\nWORKDIR src\n", want: []int{2}},
		{name: "Windows relative", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR app\n", want: []int{3}},

		{name: "absolute", src: "FROM alpine:3.20\nWORKDIR /app\n"},
		{name: "quoted absolute", src: "FROM alpine:3.20\nWORKDIR \"/srv/my app\"\n"},
		{name: "ENV-built absolute", src: "FROM alpine:3.20\nENV APP_HOME=/srv/app\nWORKDIR $APP_HOME/src\n"},
		{name: "unknown variable", src: "FROM alpine:3.20\nWORKDIR $HOME/app\n"},
		{name: "ARG without default", src: "FROM alpine:3.20\nARG DIR\nWORKDIR ${DIR}\n"},
		{name: "relative after absolute", src: "FROM alpine:3.20\nWORKDIR /src\nWORKDIR build\n"},
		{name: "relative after a WORKDIR of the parent stage", src: "FROM golang:1.23 AS base\nWORKDIR /src\nFROM base AS build\nWORKDIR cmd/app\n"},
		{name: "dot", src: "FROM alpine:3.20\nWORKDIR .\n"},
		{name: "scratch", src: "FROM scratch\nWORKDIR app\n"},
		{name: "Windows drive", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n"},
		{name: "Windows drive forward slash", src: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:/app\n"},
		{name: "Windows backslash", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR \\app\n"},
	})
}

func TestRunCd(t *testing.T) {
	runRuleCases(t, "DF302", []ruleCase{
		// A RUN that only cds is a no-op (hadolint's DL3003 example,
		// `RUN cd /opt`); it was quiet before.
		{name: "cd alone", src: "FROM alpine:3.20\nRUN cd /src\n", want: []int{2}},
		// mkdir of the target, then cd: WORKDIR creates the directory too
		// (it was taken for mid-RUN work before).
		{name: "mkdir then cd", src: "FROM php:8.3\nRUN set -eux; mkdir -p /usr/src; cd /usr/src; curl -fsSLo php.tar.xz https://x/php.tar.xz\n", want: []int{2}},
		{name: "cd then command", src: "FROM node:22-slim\nCOPY . /usr/src/app\nRUN cd /usr/src/app && npm ci\n",
			want: []int{3}, messages: []string{"'cd /usr/src/app' changes directory"}},
		{name: "after set", src: "FROM alpine:3.20\nRUN set -eux; cd /opt/app; make\n", want: []int{2}},
		{name: "after sourcing a venv", src: "FROM python:3.12\nRUN . /venv/bin/activate && cd /src && pip install .\n", want: []int{2}},
		{name: "continuation, on the cd line", src: "FROM alpine:3.20\nRUN set -eux \\\n    # build\n    && cd /src \\\n    && make\n", want: []int{4}},
		{name: "sh -c string", src: "FROM alpine:3.20\nRUN sh -c 'cd /src && make'\n", want: []int{2}},
		{name: "exec form sh -c", src: "FROM alpine:3.20\nRUN [\"sh\", \"-c\", \"cd /src && make\"]\n", want: []int{2}},
		{name: "heredoc", src: "FROM alpine:3.20\nRUN <<EOF\nset -e\ncd /src\nmake\nEOF\n", want: []int{4}},
		{name: "escape directive", src: "# escape=`\nFROM alpine:3.20\nRUN cd /src && `\n    make\n", want: []int{3}},
		{name: "pushd without popd", src: "FROM alpine:3.20\nRUN pushd /src && make\n", want: []int{2}},
		{name: "once per RUN", src: "FROM alpine:3.20\nRUN cd /src && make && cd sub && make\n", want: []int{2}},
		{name: "mid-RUN cd into a COPY destination", src: "FROM alpine:3.20\nCOPY server server\nRUN apk add make && cd server && make gen\n", want: []int{3}},
		{name: "mid-RUN cd repeated across RUNs", src: "FROM alpine:3.20\nRUN git clone https://x/qemu && cd qemu && git checkout v9\nRUN set -e; cd qemu; ./configure\n", want: []int{2, 3}},
		{name: "su -c string", src: "FROM node:22-slim\nRUN su node -c 'cd /home/node/app && npm install'\n", want: []int{2}},
		{name: "relative target", src: "FROM alpine:3.20\nWORKDIR /src\nRUN cd build && make\n", want: []int{3}},

		{name: "subshell", src: "FROM alpine:3.20\nRUN (cd /src && make) && make -C /other\n"},
		{name: "command substitution", src: "FROM alpine:3.20\nRUN DIR=$(cd /src && pwd) && echo $DIR\n"},
		{name: "cd last", src: "FROM alpine:3.20\nRUN make -C /src && cd /src\n"},
		{name: "cd || exit", src: "FROM alpine:3.20\nRUN cd /src || exit 1\n"},
		{name: "cd and back", src: "FROM alpine:3.20\nRUN cd /src && make && cd / && rm -rf /tmp/*\n"},
		{name: "cd -", src: "FROM alpine:3.20\nRUN cd /src && make; cd - && ls\n"},
		{name: "cd ..", src: "FROM alpine:3.20\nWORKDIR /src\nRUN mkdir build && cd build && cmake .. && make && cd .. && rm -rf build\n"},
		{name: "pushd popd", src: "FROM alpine:3.20\nRUN pushd /src && make && popd && ls\n"},
		{name: "temp dir", src: "FROM alpine:3.20\nRUN cd \"$(mktemp -d)\" && wget https://x/y.tgz && tar xzf y.tgz\n"},
		{name: "variable target", src: "FROM alpine:3.20\nRUN dir=/src; cd $dir && make\n"},
		{name: "under /tmp", src: "FROM alpine:3.20\nRUN cd /tmp/build && make\n"},
		{name: "scratch directory removed at the end", src: "FROM debian:bookworm-slim\nRUN set -eux; \\\n\tmkdir -p /usr/src/python; \\\n\tcd /usr/src/python; \\\n\t./configure; \\\n\tmake install; \\\n\tcd /; \\\n\trm -rf /usr/src/python\n"},
		{name: "parent removed", src: "FROM alpine:3.20\nRUN cd /build/src && make && rm -rf /build\n"},
		{name: "mid-RUN cd after a download", src: "FROM php:8.3\nRUN set -eux; curl -fsSLo /usr/src/php.tar.xz https://x/php.tar.xz; cd /usr/src; tar -xf php.tar.xz\n"},
		{name: "mid-RUN cd after git clone", src: "FROM golang:1.23\nRUN git clone https://x/y /go/src/y && cd /go/src/y && go install ./...\n"},
		{name: "sh -c string does not reach the outer shell", src: "FROM alpine:3.20\nRUN sh -c 'cd /src' && make\n"},
		{name: "echo cd", src: "FROM alpine:3.20\nRUN echo \"cd /src && make\" > /notes\n"},
		{name: "PowerShell", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN cd C:\\src; make\n"},
		{name: "cmd", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN cd C:\\src && nmake\n"},
	})
}

func TestCopyRelativeDestNoWorkdir(t *testing.T) {
	runRuleCases(t, "DF303", []ruleCase{
		{name: "COPY to dot", src: "FROM python:3.12-slim\nCOPY requirements.txt .\n", want: []int{2},
			messages: []string{"COPY to relative destination '.' in stage 0 (FROM python:3.12-slim)"}},
		{name: "ADD to a relative dir", src: "FROM alpine:3.20\nADD app.tar.gz app/\n", want: []int{2}},
		{name: "once per stage", src: "FROM node:22-slim\nCOPY package.json .\nCOPY . .\n", want: []int{2}},
		{name: "ENV-built relative", src: "FROM alpine:3.20\nENV DEST=app\nCOPY x $DEST/\n", want: []int{3}, messages: []string{"(= 'app/')"}},
		{name: "exec form", src: "FROM alpine:3.20\nCOPY [\"a b.txt\", \"dir/\"]\n", want: []int{2}},
		{name: "from another stage", src: "FROM golang:1.23 AS build\nWORKDIR /src\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app .\n", want: []int{5}},
		{name: "heredoc", src: "FROM alpine:3.20\nCOPY <<EOF app.conf\nkey=value\nEOF\n", want: []int{2}},
		{name: "Windows relative", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe app\\\n", want: []int{3}},

		{name: "absolute", src: "FROM alpine:3.20\nCOPY app /usr/local/bin/app\n"},
		{name: "after WORKDIR", src: "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"},
		{name: "WORKDIR of the parent stage", src: "FROM node:22-slim AS base\nWORKDIR /app\nFROM base\nCOPY . .\n"},
		{name: "ENV-built absolute", src: "FROM alpine:3.20\nENV APP=/srv/app\nCOPY . $APP\n"},
		{name: "unknown destination", src: "FROM alpine:3.20\nCOPY . $HOME\n"},
		{name: "scratch", src: "FROM golang:1.23 AS build\nWORKDIR /src\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app .\n"},
		{name: "Windows drive", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe C:\\app\\\n"},
		{name: "Windows drive forward slash", src: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY app.exe C:/app/\n"},
		{name: "Windows backslash", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe \\app\\\n"},
	})
}

func TestRunWithoutWorkdir(t *testing.T) {
	runRuleCases(t, "DF304", []ruleCase{
		{name: "relative script", src: "FROM debian:bookworm-slim\nCOPY build.sh /build.sh\nRUN ./build.sh\n", want: []int{3},
			messages: []string{"RUN starts with the relative path './build.sh' but stage 0 (FROM debian:bookworm-slim) never sets WORKDIR"}},
		{name: "after set", src: "FROM debian:bookworm-slim\nRUN set -eux; bin/setup --prod\n", want: []int{2}},
		{name: "interpreter with a relative script", src: "FROM python:3.12-slim\nRUN python3 ./manage.py collectstatic\n", want: []int{2}},
		{name: "sh -c", src: "FROM alpine:3.20\nRUN sh -c './install.sh'\n", want: []int{2}},
		{name: "exec form", src: "FROM alpine:3.20\nRUN [\"./install.sh\", \"--prefix=/usr\"]\n", want: []int{2}},
		{name: "continuation", src: "FROM alpine:3.20\nRUN set -e \\\n && ./configure \\\n && make\n", want: []int{3}},
		{name: "once per stage", src: "FROM alpine:3.20\nRUN ./a.sh\nRUN ./b.sh\n", want: []int{2}},

		{name: "after WORKDIR", src: "FROM alpine:3.20\nWORKDIR /src\nCOPY . .\nRUN ./configure && make\n"},
		{name: "WORKDIR in the parent stage", src: "FROM alpine:3.20 AS base\nWORKDIR /src\nFROM base\nRUN ./configure\n"},
		{name: "package installs", src: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"},
		{name: "absolute script", src: "FROM alpine:3.20\nCOPY build.sh /build.sh\nRUN /build.sh\n"},
		{name: "relative path after a download", src: "FROM alpine:3.20\nRUN wget https://x/installer.sh && chmod +x ./installer.sh && ./installer.sh\n"},
		{name: "tar members", src: "FROM alpine:3.20\nRUN wget https://x/a.tgz && tar -xzf a.tgz -C /opt ./bin/tool\n"},
		{name: "after cd", src: "FROM alpine:3.20\nRUN cd /src && ./configure\n"},
		{name: "left to DF303", src: "FROM alpine:3.20\nCOPY . .\nRUN ./configure\n"},
		{name: "scratch chain", src: "FROM scratch AS s\nCOPY busybox /bin/sh\nFROM s\nRUN ./x\n"},
		{name: "cmd shell", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN .\\build.cmd\n"},
	})
}
