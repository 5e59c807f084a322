package rules

import "testing"

func TestRootUser(t *testing.T) {
	runRuleCases(t, "DF201", []ruleCase{
		// No USER, base image documented to run as root.
		{name: "official image, no USER", src: "FROM python:3.12-slim\nCOPY app.py /app/app.py\nCMD [\"python\", \"/app/app.py\"]\n",
			want: []int{1}, messages: []string{"the image (FROM python:3.12-slim) runs as root: no USER instruction, and its base image 'python:3.12-slim' runs as root"}},
		{name: "FROM on a continuation line", src: "FROM \\\n  node:22-slim\nENTRYPOINT [\"node\", \"server.js\"]\n", want: []int{2}},
		{name: "ARG-built base", src: "ARG DEBIAN=bookworm-slim\nFROM debian:${DEBIAN}\nENTRYPOINT [\"/usr/local/bin/app\"]\n",
			want: []int{2}, messages: []string{"(= 'debian:bookworm-slim')"}},
		{name: "ECR mirror of an official image", src: "FROM public.ecr.aws/docker/library/golang:1.23\nENTRYPOINT [\"/go/bin/app\"]\n", want: []int{1}},
		{name: "UBI minimal", src: "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nENTRYPOINT [\"/app\"]\n", want: []int{1}},
		{name: "UBI on Docker Hub", src: "FROM redhat/ubi9-minimal\nENTRYPOINT [\"/app\"]\n", want: []int{1}},
		{name: ".NET aspnet (root by default)", src: "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out /app\nENTRYPOINT [\"dotnet\", \"/app/app.dll\"]\n", want: []int{1}},
		{name: "distroless default tag runs as root", src: "FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT [\"/app\"]\n", want: []int{1}},
		{name: "wolfi-base runs as root", src: "FROM cgr.dev/chainguard/wolfi-base\nENTRYPOINT [\"/app\"]\n", want: []int{1}},
		{name: "scratch", src: "FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n",
			want: []int{3}, messages: []string{"FROM scratch and sets no USER"}},
		{name: "root inherited through a stage chain", src: "FROM alpine:3.20 AS base\nRUN apk add --no-cache ca-certificates\nFROM base\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
			want: []int{3}, messages: []string{"(through stage 'base')"}},
		{name: "entrypoint script with an application CMD", src: "FROM node:22-slim\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"node\", \"server.js\"]\n", want: []int{1}},

		{name: "interpreter entrypoint with a script CMD", src: "FROM node:22-slim\nCOPY . /app\nENTRYPOINT [\"node\"]\nCMD [\"/app/server.js\"]\n", want: []int{1}},
		{name: "tini and an application", src: "FROM python:3.12-slim\nENTRYPOINT [\"tini\", \"--\"]\nCMD [\"python\", \"/app/main.py\"]\n", want: []int{1}},

		// Explicit root.
		{name: "last USER root", src: "FROM alpine:3.20\nRUN adduser -D app\nUSER app\nRUN id\nUSER root\nCMD [\"/app\"]\n",
			want: []int{5}, messages: []string{"its last USER is 'root'"}},
		{name: "USER 0", src: "FROM myorg/base:1.0\nUSER 0\n", want: []int{2}},
		{name: "USER 0:0", src: "FROM myorg/base:1.0\nUSER 0:0\n", want: []int{2}},
		{name: "USER root:root", src: "FROM myorg/base:1.0\nUSER root:root\n", want: []int{2}},
		{name: "USER root:staff", src: "FROM myorg/base:1.0\nUSER root:staff\n", want: []int{2}},
		{name: "USER from an ARG default", src: "FROM myorg/base:1.0\nARG RUNAS=root\nUSER ${RUNAS}\n",
			want: []int{3}, messages: []string{"'${RUNAS}' (= 'root')"}},
		{name: "USER from an ENV", src: "FROM myorg/base:1.0\nENV RUNAS=0\nUSER $RUNAS\n", want: []int{3}},
		{name: "USER root inherited from the parent stage", src: "FROM ubuntu:24.04 AS base\nUSER root\nFROM base\nCMD [\"/app\"]\n",
			want: []int{2}, messages: []string{"inherited from stage 'base'"}},
		{name: "lower-case keyword", src: "from alpine:3.20\nuser root\n", want: []int{2}},
		{name: "target stage", target: "debug", src: "FROM alpine:3.20 AS debug\nENTRYPOINT [\"/app\"]\nFROM gcr.io/distroless/static:nonroot\nCOPY app /app\n",
			want: []int{1}, messages: []string{"target stage 'debug'"}},
		{name: "Windows ContainerAdministrator", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerAdministrator\nCMD [\"app.exe\"]\n",
			want: []int{3}, messages: []string{"administrator"}},

		// Non-root.
		{name: "USER app last", src: "FROM python:3.12-slim\nRUN useradd --system app\nUSER app\nCMD [\"python\", \"app.py\"]\n"},
		{name: "USER root then USER app", src: "FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl\nUSER 10001:10001\nCMD [\"/app\"]\n"},
		{name: "numeric uid", src: "FROM alpine:3.20\nUSER 1000\nCMD [\"/app\"]\n"},
		{name: "a name starting with root", src: "FROM alpine:3.20\nUSER rootless\nCMD [\"/app\"]\n"},
		{name: "non-root inherited from the parent stage", src: "FROM node:22-slim AS base\nUSER node\nFROM base\nCMD [\"node\", \"server.js\"]\n"},
		{name: "unknown USER variable (.NET APP_UID)", src: "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nUSER $APP_UID\nENTRYPOINT [\"dotnet\", \"app.dll\"]\n"},
		{name: "ARG without default", src: "FROM alpine:3.20\nARG RUNAS\nUSER ${RUNAS}\nCMD [\"/app\"]\n"},
		{name: "intermediate stage as root", src: "FROM golang:1.23 AS build\nUSER root\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n"},
		{name: "target stage is non-root", target: "prod", src: "FROM alpine:3.20 AS prod\nUSER 65532\nENTRYPOINT [\"/app\"]\nFROM alpine:3.20 AS debug\nENTRYPOINT [\"/app\"]\n"},

		// Base images that run as non-root stay quiet; unknown ones get a hedged finding.
		{name: "distroless nonroot", src: "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT [\"/app\"]\n"},
		{name: "distroless debug-nonroot", src: "FROM gcr.io/distroless/base-debian12:debug-nonroot\nENTRYPOINT [\"/app\"]\n"},
		{name: "distroless nonroot-arch", src: "FROM gcr.io/distroless/java17-debian12:nonroot-amd64\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n"},
		{name: "distroless by digest only", src: "FROM gcr.io/distroless/static@sha256:" + sha + "\nENTRYPOINT [\"/app\"]\n", want: []int{1}},
		{name: "chainguard", src: "FROM cgr.dev/chainguard/python:latest-dev\nENTRYPOINT [\"python\", \"/app/main.py\"]\n"},
		{name: ".NET chiseled", src: "FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled\nENTRYPOINT [\"/app/app\"]\n"},
		{name: ".NET Azure Linux distroless", src: "FROM mcr.microsoft.com/dotnet/aspnet:9.0-azurelinux3.0-distroless\nENTRYPOINT [\"dotnet\", \"app.dll\"]\n"},
		{name: "UBI language image (uid 1001)", src: "FROM registry.access.redhat.com/ubi9/python-311\nCMD [\"python\", \"app.py\"]\n"},
		{name: "unknown third-party base", src: "FROM grafana/grafana:11.2.0\nCOPY plugins /var/lib/grafana/plugins\n", want: []int{1}},
		{name: "own base image", src: "FROM ghcr.io/acme/base-java:21\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n", want: []int{1}},
		{name: "base from an ARG without default", src: "ARG BASE\nFROM $BASE\nENTRYPOINT [\"/app\"]\n"},

		// Base and toolbox images run as root too; privilege-dropping entrypoints do not.
		{name: "base image without CMD", src: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\n", want: []int{1}},
		{name: "language image with a REPL CMD", src: "FROM debian:bookworm-slim\nENV PYTHON_VERSION=3.12.4\nCMD [\"python3\"]\n", want: []int{1}},
		{name: "pass-through entrypoint and REPL", src: "FROM alpine:3.20\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [ \"node\" ]\n", want: []int{1}},
		{name: "php -a", src: "FROM alpine:3.20\nENTRYPOINT [\"docker-php-entrypoint\"]\nCMD [\"php\", \"-a\"]\n", want: []int{1}},
		{name: "shell entrypoint (toolbox)", src: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends adb\nENTRYPOINT [ \"bash\" ]\n", want: []int{1}},
		{name: "clojure-style pass-through REPL", src: "FROM debian:bookworm\nENTRYPOINT [\"entrypoint\"]\nCMD [\"-M\", \"--repl\"]\n", want: []int{1}},
		{name: "entrypoint script without CMD", src: "FROM ubuntu:24.04\nENTRYPOINT [\"/__cacert_entrypoint.sh\"]\n", want: []int{1}},
		{name: "gosu in the image", src: "FROM debian:bookworm-slim\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y --no-install-recommends gosu; \\\n\tgosu nobody true\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"postgres\"]\n"},
		{name: "su-exec in ENTRYPOINT", src: "FROM alpine:3.20\nENTRYPOINT [\"su-exec\", \"app\", \"/app\"]\n"},
		{name: "gosu copied in", src: "FROM alpine:3.20\nCOPY --from=tianon/gosu /gosu /usr/local/bin/\nENTRYPOINT [\"entrypoint.sh\"]\nCMD [\"redis-server\"]\n"},
		{name: "Windows nanoserver without USER", src: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD [\"app.exe\"]\n"},
		{name: "Windows servercore without USER", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD [\"app.exe\"]\n"},
		{name: "Windows ContainerUser", src: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator\nRUN mkdir C:\\app\nUSER ContainerUser\nCMD [\"app.exe\"]\n"},
	})
}

func TestSudo(t *testing.T) {
	runRuleCases(t, "DF202", []ruleCase{
		{name: "sudo apt-get", src: "FROM ubuntu:24.04\nRUN sudo apt-get update\n", want: []int{2}, messages: []string{"'sudo apt-get' in RUN"}},
		{name: "once per RUN", src: "FROM ubuntu:24.04\nRUN sudo apt-get update && sudo apt-get install -y curl\n",
			want: []int{2}, messages: []string{"and 1 more sudo calls"}},
		{name: "on its continuation line", src: "FROM ubuntu:24.04\nRUN set -eux; \\\n    apt-get update; \\\n    # needs root\n    sudo make install\n", want: []int{5}},
		{name: "sudo with options", src: "FROM ubuntu:24.04\nUSER dev\nRUN sudo -E -u root make install\n", want: []int{3}},
		{name: "piped into sudo bash", src: "FROM ubuntu:24.04\nRUN curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash -\n", want: []int{2}},
		{name: "inside sh -c", src: "FROM ubuntu:24.04\nRUN sh -c 'sudo make install'\n", want: []int{2}},
		{name: "exec form", src: "FROM ubuntu:24.04\nRUN [\"sudo\", \"make\", \"install\"]\n", want: []int{2}},
		{name: "heredoc", src: "FROM ubuntu:24.04\nRUN <<EOF\nset -e\nsudo chown -R app /srv\nEOF\n", want: []int{4}},
		{name: "each RUN", src: "FROM ubuntu:24.04\nRUN sudo true\nRUN echo ok\nRUN sudo ls\n", want: []int{2, 4}},
		{name: "escape directive", src: "# escape=`\nFROM ubuntu:24.04\nRUN apt-get update && `\n    sudo apt-get install -y curl\n", want: []int{4}},

		{name: "installing sudo", src: "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends sudo\n"},
		{name: "comment in a continuation", src: "FROM ubuntu:24.04\nRUN apt-get install -y \\\n# sudo for the dev user\n    sudo\n"},
		{name: "echo sudo", src: "FROM ubuntu:24.04\nRUN echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app && echo sudo\n"},
		{name: "command -v sudo", src: "FROM ubuntu:24.04\nRUN command -v sudo && which sudo\n"},
		{name: "sudo --version and -l", src: "FROM ubuntu:24.04\nRUN sudo --version && sudo -l\n"},
		{name: "sudo in a quoted string", src: "FROM ubuntu:24.04\nRUN printf '%s\\n' \"sudo make install\" > /notes\n"},
		{name: "heredoc text", src: "FROM ubuntu:24.04\nRUN cat > /usr/local/bin/x <<'EOF'\nsudo make install\nEOF\n"},
		{name: "PowerShell", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN sudo foo\n"},
	})
}

func TestUseraddNoLogInit(t *testing.T) {
	runRuleCases(t, "DF203", []ruleCase{
		{name: "high uid", src: "FROM debian:bookworm-slim\nRUN useradd -u 100000 app\n", want: []int{2}, messages: []string{"UID 100000", "28 MB"}},
		{name: "--uid=", src: "FROM debian:bookworm-slim\nRUN useradd --uid=70000 -m app\n", want: []int{2}},
		{name: "attached -u", src: "FROM debian:bookworm-slim\nRUN useradd -u1000650000 app\n", want: []int{2}, messages: []string{"GB"}},
		{name: "threshold", src: "FROM debian:bookworm-slim\nRUN useradd -u 65536 app\n", want: []int{2}},
		{name: "in a chain, on its line", src: "FROM debian:bookworm-slim\nRUN groupadd -g 100000 app \\\n && useradd -r -g app -u 100000 app\n", want: []int{3}},
		{name: "sh -c", src: "FROM debian:bookworm-slim\nRUN sh -c 'useradd --uid 200000 app'\n", want: []int{2}},
		{name: "exec form", src: "FROM debian:bookworm-slim\nRUN [\"useradd\", \"-u\", \"200000\", \"app\"]\n", want: []int{2}},
		{name: "sudo", src: "FROM debian:bookworm-slim\nRUN sudo useradd -u 200000 app\n", want: []int{2}},

		{name: "low uid", src: "FROM debian:bookworm-slim\nRUN useradd -u 1000 app\n"},
		{name: "65535", src: "FROM debian:bookworm-slim\nRUN useradd -u 65535 app\n"},
		{name: "-l", src: "FROM debian:bookworm-slim\nRUN useradd -l -u 100000 app\n"},
		{name: "--no-log-init", src: "FROM debian:bookworm-slim\nRUN useradd --no-log-init --uid 100000 app\n"},
		{name: "combined -lm", src: "FROM debian:bookworm-slim\nRUN useradd -lm -u 100000 app\n"},
		{name: "no uid", src: "FROM debian:bookworm-slim\nRUN useradd --system app\n"},
		{name: "uid from a variable", src: "FROM debian:bookworm-slim\nARG UID=100000\nRUN useradd -u ${UID} app\n"},
		{name: "adduser", src: "FROM debian:bookworm-slim\nRUN adduser --uid 100000 --disabled-password app\n"},
		{name: "echoed", src: "FROM debian:bookworm-slim\nRUN echo useradd -u 100000 app\n"},
	})
}
