package rules

// Adversarial cases for the core rule families (DF1xx base images, DF2xx
// user, DF3xx WORKDIR, DF4xx layer order, DF5xx build context): the
// textbook examples of the peers' documentation (hadolint DL3000, DL3002,
// DL3003, DL3006, DL3007, DL3045; BuildKit's build checks; Trivy DS001,
// DS002, DS009, DS013, DS017) and the syntax edge cases a real Dockerfile
// throws at a linter (escape directive, CRLF, BOM, lower-case keywords,
// continuations with comments, heredocs, exec form, sh -c, ARG/ENV-built
// values, multi-stage with --target, Windows images, PowerShell).

import (
	"encoding/binary"
	"sort"
	"testing"
)

const coreWin = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n"

func TestCoreAdversarialDF101(t *testing.T) {
	runRuleCases(t, "DF101", []ruleCase{
		{name: "textbook untagged", src: "FROM ubuntu\nRUN echo hi\n", want: []int{1},
			messages: []string{"base image 'ubuntu' has no tag"}},
		{name: "Docker Hub namespace", src: "FROM library/debian\n", want: []int{1}},
		{name: "fully qualified", src: "FROM docker.io/library/python AS py\n", want: []int{1}},
		{name: "registry with port and path", src: "FROM registry.example.com:5000/team/app\n", want: []int{1}},
		{name: "CRLF", src: "FROM ubuntu\r\nRUN echo hi\r\n", want: []int{1}},
		{name: "BOM", src: "\ufeffFROM ubuntu\n", want: []int{1}},
		{name: "escape directive", src: "# escape=`\nFROM alpine\n", want: []int{2}},
		{name: "platform flag with variable", src: "FROM --platform=${BUILDPLATFORM} node AS build\nFROM scratch\n", want: []int{1}},
		{name: "ARG with braces", src: "ARG IMAGE=golang\nFROM ${IMAGE} AS build\n", want: []int{2}},
		{name: "ARG overridden by a later meta ARG", src: "ARG IMG=node:22\nARG IMG=node\nFROM $IMG\n", want: []int{3}},
		{name: "ARG without default but a default in the expansion", src: "ARG IMAGE\nFROM ${IMAGE:-ubuntu}\n", want: []int{2},
			messages: []string{"'${IMAGE:-ubuntu}' (= 'ubuntu')"}},
		{name: "stage name declared later is an image", src: "FROM builder\nFROM alpine:3.20 AS builder\n", want: []int{1}},
		{name: "windows untagged", src: "FROM mcr.microsoft.com/windows/servercore\n", want: []int{1}},
		{name: "each untagged stage", src: "FROM golang AS b\nRUN go version\nFROM alpine:3.20 AS c\nFROM gcr.io/distroless/static\n", want: []int{1, 4}},
		{name: "comment inside FROM continuation", src: "FROM \\\n# the base\n  ubuntu\n", want: []int{3}},

		{name: "tag", src: "FROM ubuntu:22.04\n"},
		{name: "tag with platform", src: "FROM --platform=linux/amd64 ubuntu:22.04\n"},
		{name: "digest only", src: "FROM ubuntu@sha256:" + sha + "\n"},
		{name: "scratch upper case", src: "FROM SCRATCH\n"},
		{name: "stage ref with --platform", src: "FROM golang:1.22 AS build\nFROM --platform=linux/arm64 build\n"},
		{name: "stage ref later in file", src: "FROM node:22 AS deps\nFROM node:22 AS build\nFROM deps\n"},
		{name: "ARG without default", src: "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n"},
		{name: "ARG without default with :+", src: "ARG TAG\nFROM ubuntu${TAG:+:$TAG}\n"},
		{name: "default in expansion with a tag", src: "ARG TAG\nFROM ubuntu:${TAG:-24.04}\n"},
		{name: "stage ARG does not reach FROM", src: "FROM alpine:3.20 AS a\nARG IMG=ubuntu\nFROM alpine:3.20\n"},
		{name: "tag named latest is DF102", src: "FROM ubuntu:latest\n"},
		{name: "ARG-built tag", src: "ARG PY=3.12\nARG DIST=slim-bookworm\nFROM python:${PY}-${DIST}\n"},
		{name: "windows tagged", src: coreWin + "RUN dir\n"},
	})
}

func TestCoreAdversarialDF102(t *testing.T) {
	runRuleCases(t, "DF102", []ruleCase{
		{name: "textbook latest", src: "FROM ubuntu:latest\n", want: []int{1},
			messages: []string{"base image 'ubuntu:latest' uses the 'latest' tag"}},
		{name: "lower-case keyword", src: "from node:latest as build\n", want: []int{1}},
		{name: "intermediate stage", src: "FROM golang:latest AS build\nRUN go build\nFROM alpine:3.20\n", want: []int{1}},
		{name: "registry image", src: "FROM ghcr.io/acme/tool:latest\n", want: []int{1}},
		{name: "with platform", src: "FROM --platform=$TARGETPLATFORM alpine:latest\n", want: []int{1}},
		{name: "ARG default latest", src: "ARG VERSION=latest\nFROM node:${VERSION}\n", want: []int{2},
			messages: []string{"(= 'node:latest')"}},
		{name: "whole image from ARG", src: "ARG IMG=python:latest\nFROM $IMG AS app\n", want: []int{2}},
		{name: "default latest in the expansion", src: "ARG TAG\nFROM ubuntu:${TAG:-latest}\n", want: []int{2}},
		{name: "default latest, dash form", src: "ARG TAG\nFROM ubuntu:${TAG-latest}\n", want: []int{2}},
		{name: "CRLF and BOM", src: "\ufeffFROM nginx:latest\r\n", want: []int{1}},
		{name: "escape directive windows latest", src: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:latest\n", want: []int{2}},
		{name: "two stages", src: "FROM node:latest AS a\nFROM nginx:latest\n", want: []int{1, 2}},
		{name: "stage reference reported once", src: "FROM node:latest AS base\nFROM base\nFROM base AS test\n", want: []int{1}},
		{name: "continuation", src: "FROM \\\n    redis:latest\n", want: []int{2}},
		{name: "meta ARG re-declared with default", src: "ARG TAG\nARG TAG=latest\nFROM node:$TAG\n", want: []int{3}},

		{name: "untagged is DF101", src: "FROM ubuntu\n"},
		{name: "latest with digest is pinned", src: "FROM ubuntu:latest@sha256:" + sha + "\n"},
		{name: "LATEST is another tag", src: "FROM ubuntu:LATEST\n"},
		{name: "latest-like tag", src: "FROM ubuntu:latest-lts\n"},
		{name: "stage named latest", src: "FROM alpine:3.20 AS latest\nFROM latest\n"},
		{name: "unknown ARG", src: "ARG TAG\nFROM node:$TAG\n"},
		{name: "unknown ARG in whole name", src: "ARG IMAGE\nFROM $IMAGE\n"},
		{name: "undeclared variable with default", src: "ARG OTHER\nFROM ubuntu:${TAG:-latest}\n"},
		{name: "ARG set from an unknown one", src: "ARG A\nARG TAG=${A}\nFROM ubuntu:${TAG:-latest}\n"},
		{name: "bare reference next to a default", src: "ARG TAG\nFROM ubuntu:${TAG:-latest}$TAG\n"},
	})
}

func TestCoreAdversarialDF103(t *testing.T) {
	runRuleCases(t, "DF103", []ruleCase{
		{name: "tag only", src: "FROM python:3.12-slim\n", want: []int{1}},
		{name: "each stage", src: "FROM golang:1.22 AS b\nFROM alpine:3.20\n", want: []int{1, 2}},
		{name: "ARG-built", src: "ARG V=3.20\nFROM alpine:$V\n", want: []int{2}},
		{name: "default in expansion", src: "ARG TAG\nFROM alpine:${TAG:-3.20}\n", want: []int{2}},

		{name: "digest", src: "FROM python:3.12-slim@sha256:" + sha + "\n"},
		{name: "digest through ARG", src: "ARG D=sha256:" + sha + "\nFROM alpine@${D}\n"},
		{name: "scratch", src: "FROM scratch\n"},
		{name: "stage chain", src: "FROM alpine@sha256:" + sha + " AS a\nFROM a AS b\nFROM b\n"},
		{name: "unknown", src: "ARG IMG\nFROM ${IMG}\n"},
	})
}

func TestCoreAdversarialDF201(t *testing.T) {
	runRuleCases(t, "DF201", []ruleCase{
		{name: "textbook no USER", src: "FROM node:20\nCMD [\"node\",\"app.js\"]\n", want: []int{1},
			messages: []string{"runs as root: no USER instruction, and its base image 'node:20' runs as root by default"}},
		{name: "textbook USER root at the end", src: "FROM node:20\nUSER node\nRUN npm ci\nUSER root\n", want: []int{4},
			messages: []string{"its last USER is 'root'"}},
		{name: "USER 0", src: "FROM alpine:3.20\nUSER 0\n", want: []int{2}},
		{name: "USER root:root", src: "FROM alpine:3.20\nUSER root:root\n", want: []int{2}},
		{name: "USER 0:0", src: "FROM alpine:3.20\nUSER 0:0\n", want: []int{2}},
		{name: "USER 0:1000 is still uid 0", src: "FROM alpine:3.20\nUSER 0:1000\n", want: []int{2}},
		{name: "lower-case user", src: "FROM alpine:3.20\nuser root\n", want: []int{2}},
		{name: "quoted root", src: "FROM alpine:3.20\nUSER \"root\"\n", want: []int{2}},
		{name: "root through ARG", src: "FROM alpine:3.20\nARG RUN_AS=root\nUSER ${RUN_AS}\n", want: []int{3},
			messages: []string{"'${RUN_AS}' (= 'root')"}},
		{name: "root through ENV user:group", src: "FROM alpine:3.20\nENV UID=0\nUSER $UID:$UID\n", want: []int{3}},
		{name: "intermediate app, final root", src: "FROM node:20 AS build\nUSER node\nRUN npm ci\nFROM node:20\nCOPY --from=build /app /app\n", want: []int{4}},
		{name: "USER root inherited from the parent stage", src: "FROM alpine:3.20 AS base\nUSER root\nFROM base\nRUN id\n", want: []int{2},
			messages: []string{"inherited from stage 'base'"}},
		{name: "target stage runs as root", src: "FROM alpine:3.20 AS dev\nRUN apk add --no-cache bash\nFROM alpine:3.20 AS prod\nUSER 10001\n",
			target: "dev", want: []int{1}, messages: []string{"target stage 'dev'"}},
		{name: "scratch without USER", src: "FROM golang:1.22 AS b\nRUN go build -o /app\nFROM scratch\nCOPY --from=b /app /app\nENTRYPOINT [\"/app\"]\n", want: []int{3}},
		{name: "distroless root variant", src: "FROM gcr.io/distroless/static-debian12\nCOPY app /app\n", want: []int{1}},
		{name: "distroless debug is root", src: "FROM gcr.io/distroless/base-debian12:debug\n", want: []int{1}},
		{name: "CRLF", src: "FROM python:3.12\r\nUSER root\r\n", want: []int{2}},
		{name: "unknown image without USER (hedged)", src: "FROM acme/app-base:1.4\nCOPY . /app\n", want: []int{1},
			messages: []string{"runs as root unless its base image"}},
		{name: "windows ContainerAdministrator", src: coreWin + "USER ContainerAdministrator\n", want: []int{3}},

		{name: "non-root user by name", src: "FROM node:20\nUSER node\nCMD [\"node\",\"app.js\"]\n"},
		{name: "USER nobody", src: "FROM alpine:3.20\nUSER nobody\n"},
		{name: "USER 1000:0 (root group only)", src: "FROM alpine:3.20\nUSER 1000:0\n"},
		{name: "USER app:root", src: "FROM alpine:3.20\nUSER app:root\n"},
		{name: "root then app", src: "FROM alpine:3.20\nUSER root\nRUN apk add curl\nUSER app\n"},
		{name: "root in an intermediate stage", src: "FROM golang:1.22 AS build\nUSER root\nRUN go build -o /app\n" +
			"FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n"},
		{name: "root in the parent, app in the final stage", src: "FROM alpine:3.20 AS base\nUSER root\nFROM base\nUSER app\n"},
		{name: "app in the parent, inherited", src: "FROM alpine:3.20 AS base\nRUN adduser -D app\nUSER app\nFROM base\nCMD [\"sh\"]\n"},
		{name: "distroless nonroot", src: "FROM gcr.io/distroless/static-debian12:nonroot\n"},
		{name: "distroless debug-nonroot", src: "FROM gcr.io/distroless/base-debian12:debug-nonroot\n"},
		{name: "distroless nonroot with digest", src: "FROM gcr.io/distroless/static:nonroot@sha256:" + sha + "\n"},
		{name: "chainguard", src: "FROM cgr.dev/chainguard/python:latest\n"},
		{name: ".NET chiseled", src: "FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\n"},
		{name: "target stage is non-root", src: "FROM alpine:3.20 AS prod\nUSER 10001\nFROM alpine:3.20 AS dev\nRUN id\n", target: "prod"},
		{name: "USER from an unknown ARG", src: "FROM alpine:3.20\nARG APP_USER\nUSER ${APP_USER}\n"},
		{name: "USER from ENV", src: "FROM alpine:3.20\nENV APP_USER=app\nUSER $APP_USER\n"},
		{name: "ROOT is another user", src: "FROM alpine:3.20\nUSER ROOT\n"},
		{name: "base from an unknown ARG", src: "ARG BASE\nFROM $BASE\nRUN id\n"},
		{name: "gosu entrypoint", src: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gosu\n" +
			"ENTRYPOINT [\"gosu\", \"app\", \"/usr/local/bin/app\"]\n"},
		{name: "windows without USER", src: coreWin + "RUN dir\n"},
	})
}

func TestCoreAdversarialDF202(t *testing.T) {
	runRuleCases(t, "DF202", []ruleCase{
		{name: "sudo apt-get", src: "FROM ubuntu:22.04\nRUN sudo apt-get update && sudo apt-get install -y curl\n", want: []int{2},
			messages: []string{"'sudo apt-get' in RUN", "and 1 more sudo call"}},
		{name: "sudo -E", src: "FROM ubuntu:22.04\nRUN sudo -E make install\n", want: []int{2}},
		{name: "sudo in sh -c", src: "FROM ubuntu:22.04\nRUN sh -c 'sudo make install'\n", want: []int{2}},
		{name: "sudo in exec form", src: "FROM ubuntu:22.04\nRUN [\"sudo\", \"make\", \"install\"]\n", want: []int{2}},
		{name: "sudo in heredoc", src: "FROM ubuntu:22.04\nRUN <<EOF\nset -e\nsudo make install\nEOF\n", want: []int{4}},

		{name: "installing sudo", src: "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y sudo\n"},
		{name: "echo sudo", src: "FROM ubuntu:22.04\nRUN echo \"sudo make\" > /notes\n"},
		{name: "sudoers config", src: "FROM ubuntu:22.04\nRUN echo 'app ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers\n"},
		{name: "powershell", src: coreWin + "SHELL [\"powershell\", \"-Command\"]\nRUN sudo foo\n"},
	})
}

func TestCoreAdversarialDF203(t *testing.T) {
	runRuleCases(t, "DF203", []ruleCase{
		{name: "high uid", src: "FROM debian:12\nRUN useradd -u 100000 app\n", want: []int{2}},
		{name: "--uid=", src: "FROM debian:12\nRUN useradd --uid=1000000000 -m app\n", want: []int{2}},
		{name: "sh -c", src: "FROM debian:12\nRUN sh -c 'useradd -u 70000 app'\n", want: []int{2}},

		{name: "-l", src: "FROM debian:12\nRUN useradd -l -u 100000 app\n"},
		{name: "--no-log-init", src: "FROM debian:12\nRUN useradd --no-log-init --uid 100000 app\n"},
		{name: "small uid", src: "FROM debian:12\nRUN useradd -u 10001 app\n"},
		{name: "uid from variable", src: "FROM debian:12\nARG UID=100000\nRUN useradd -u $UID app\n"},
		{name: "adduser", src: "FROM alpine:3.20\nRUN adduser -D -u 100000 app\n"},
	})
}

func TestCoreAdversarialDF301(t *testing.T) {
	runRuleCases(t, "DF301", []ruleCase{
		{name: "textbook relative", src: "FROM ubuntu:22.04\nWORKDIR app\n", want: []int{2},
			messages: []string{"relative WORKDIR 'app'"}},
		{name: "dot slash", src: "FROM ubuntu:22.04\nWORKDIR ./app\n", want: []int{2}},
		{name: "nested relative", src: "FROM ubuntu:22.04\nWORKDIR usr/src/app\n", want: []int{2}},
		{name: "lower-case keyword", src: "FROM ubuntu:22.04\nworkdir app\n", want: []int{2}},
		{name: "quoted relative", src: "FROM ubuntu:22.04\nWORKDIR \"app\"\n", want: []int{2}},
		{name: "tilde is not expanded", src: "FROM ubuntu:22.04\nWORKDIR ~/app\n", want: []int{2},
			messages: []string{"WORKDIR does not expand '~'"}},
		{name: "ARG resolves to relative", src: "FROM ubuntu:22.04\nARG DIR=app\nWORKDIR ${DIR}\n", want: []int{3}},
		{name: "ENV resolves to relative", src: "FROM ubuntu:22.04\nENV APP_DIR=srv/app\nWORKDIR $APP_DIR\n", want: []int{3}},
		{name: "CRLF", src: "FROM ubuntu:22.04\r\nWORKDIR app\r\n", want: []int{2}},
		{name: "second stage has its own chain", src: "FROM ubuntu:22.04 AS a\nWORKDIR /src\nFROM ubuntu:22.04\nWORKDIR app\n", want: []int{4}},
		{name: "windows relative", src: coreWin + "WORKDIR app\n", want: []int{3}},
		{name: "before a later absolute one", src: "FROM ubuntu:22.04\nWORKDIR app\nWORKDIR /srv\n", want: []int{2}},

		{name: "absolute", src: "FROM ubuntu:22.04\nWORKDIR /app\n"},
		{name: "quoted absolute", src: "FROM ubuntu:22.04\nWORKDIR \"/app\"\n"},
		{name: "variable from the base image", src: "FROM ubuntu:22.04\nWORKDIR $HOME/app\n"},
		{name: "unknown ARG", src: "FROM ubuntu:22.04\nARG DIR\nWORKDIR $DIR\n"},
		{name: "ARG resolves to absolute", src: "FROM ubuntu:22.04\nARG DIR=/opt/app\nWORKDIR ${DIR}\n"},
		{name: "windows drive letter", src: coreWin + "WORKDIR C:\\app\n"},
		{name: "windows forward slashes", src: coreWin + "WORKDIR C:/app\n"},
		{name: "windows backslash root", src: coreWin + "WORKDIR \\app\n"},
		{name: "after an absolute WORKDIR (BuildKit's rule)", src: "FROM ubuntu:22.04\nWORKDIR /srv\nWORKDIR app\n"},
		{name: "in a stage built FROM one with WORKDIR", src: "FROM ubuntu:22.04 AS base\nWORKDIR /srv\nFROM base\nWORKDIR app\n"},
		{name: "dot", src: "FROM ubuntu:22.04\nWORKDIR .\n"},
		{name: "scratch starts at /", src: "FROM scratch\nWORKDIR app\n"},
	})
}

func TestCoreAdversarialDF302(t *testing.T) {
	runRuleCases(t, "DF302", []ruleCase{
		{name: "textbook cd &&", src: "FROM ubuntu:22.04\nRUN cd /app && make\n", want: []int{2},
			messages: []string{"'cd /app' changes directory for the rest of the RUN"}},
		{name: "hadolint's lone cd", src: "FROM ubuntu:22.04\nRUN cd /opt\n", want: []int{2},
			messages: []string{"'cd /opt' is all this RUN does"}},
		{name: "Trivy DS013 example", src: "FROM nginx:1.27\nENV AUTHOR=Docker\nRUN cd /usr/share/nginx/html\n" +
			"COPY Hello_docker.html /usr/share/nginx/html\nCMD cd /usr/share/nginx/html && nginx -g 'daemon off;'\n", want: []int{3}},
		{name: "lone cd after set", src: "FROM ubuntu:22.04\nRUN set -eux; cd /usr/src/app\nRUN make\n", want: []int{2}},
		{name: "semicolon", src: "FROM ubuntu:22.04\nRUN cd /app; make install\n", want: []int{2}},
		{name: "hadolint docs example", src: "FROM busybox:1.36\nRUN cd /usr/src/app && git clone git@github.com:lukasmartinelli/hadolint.git\n", want: []int{2}},
		{name: "after set -eux", src: "FROM ubuntu:22.04\nRUN set -eux; cd /usr/src/app; ./configure; make\n", want: []int{2}},
		{name: "sh -c string", src: "FROM ubuntu:22.04\nRUN sh -c 'cd /app && make'\n", want: []int{2}},
		{name: "bash -lc", src: "FROM ubuntu:22.04\nRUN bash -lc \"cd /app && make\"\n", want: []int{2}},
		{name: "exec form sh -c", src: "FROM ubuntu:22.04\nRUN [\"/bin/sh\", \"-c\", \"cd /app && make\"]\n", want: []int{2}},
		{name: "heredoc", src: "FROM ubuntu:22.04\nRUN <<EOF\ncd /app\nmake\nEOF\n", want: []int{3}},
		{name: "continuation with a comment line", src: "FROM ubuntu:22.04\nRUN cd /app \\\n# build it\n    && make \\\n    && make install\n", want: []int{2}},
		{name: "lower-case run", src: "FROM ubuntu:22.04\nrun cd /app && make\n", want: []int{2}},
		{name: "mount flag", src: "FROM ubuntu:22.04\nRUN --mount=type=cache,target=/root/.cache cd /app && make\n", want: []int{2}},
		{name: "relative target", src: "FROM ubuntu:22.04\nWORKDIR /src\nRUN cd app && make\n", want: []int{3}},
		{name: "pushd", src: "FROM ubuntu:22.04\nRUN pushd /app && make\n", want: []int{2}},
		{name: "mid-RUN cd into a copied directory", src: "FROM node:20\nCOPY . /srv/app\nRUN npm -g i pnpm && cd /srv/app && pnpm i\n", want: []int{3}},
		{name: "CRLF", src: "FROM ubuntu:22.04\r\nRUN cd /app && make\r\n", want: []int{2}},
		{name: "escape directive", src: "# escape=`\nFROM ubuntu:22.04\nRUN cd /app && `\n    make\n", want: []int{3}},
		{name: "mkdir then cd", src: "FROM ubuntu:22.04\nRUN mkdir -p /app && cd /app && make\n", want: []int{2}},
		{name: "cmake out-of-source build", src: "FROM ubuntu:22.04\nWORKDIR /src\nRUN mkdir -p build && cd build && cmake .. && make\n", want: []int{3}},
		{name: "one finding per RUN", src: "FROM ubuntu:22.04\nRUN cd /a && make && cd b && make\n", want: []int{2}},

		{name: "echo mentions cd", src: "FROM ubuntu:22.04\nRUN echo \"cd /app\" && make\n"},
		{name: "grep argument", src: "FROM ubuntu:22.04\nRUN grep -r cd /etc && make\n"},
		{name: "subshell", src: "FROM ubuntu:22.04\nRUN (cd /app && make) && make -C /other\n"},
		{name: "command substitution", src: "FROM ubuntu:22.04\nRUN echo $(cd /app && pwd) > /where\n"},
		{name: "cd to a variable", src: "FROM ubuntu:22.04\nRUN cd \"$(mktemp -d)\" && wget -q https://example.com/x.tgz\n"},
		{name: "cd into /tmp", src: "FROM ubuntu:22.04\nRUN cd /tmp && wget -q https://example.com/x.tgz\n"},
		{name: "build in a scratch dir then remove it", src: "FROM ubuntu:22.04\nRUN cd /usr/src/x && make && make install && cd / && rm -rf /usr/src/x\n"},
		{name: "cd back", src: "FROM ubuntu:22.04\nRUN cd /app && make && cd -\n"},
		{name: "cd home", src: "FROM ubuntu:22.04\nRUN cd && ls\n"},
		{name: "lone cd with || exit", src: "FROM ubuntu:22.04\nRUN cd /app || exit 1\n"},
		{name: "mkdir of another directory", src: "FROM ubuntu:22.04\nRUN mkdir -p /app/src && cd /app && make\n"},
		{name: "lone cd /", src: "FROM ubuntu:22.04\nRUN cd /\n"},
		{name: "after git clone", src: "FROM ubuntu:22.04\nRUN git clone https://example.com/r.git /src && cd /src && make\n"},
		{name: "inside if", src: "FROM ubuntu:22.04\nRUN if [ -d /app ]; then cd /app && make; fi\n"},
		{name: "powershell", src: coreWin + "SHELL [\"powershell\", \"-Command\"]\nRUN cd C:\\app; dir\n"},
		{name: "windows cmd", src: coreWin + "RUN cd C:\\app && dir\n"},
		{name: "WORKDIR instead", src: "FROM ubuntu:22.04\nWORKDIR /app\nRUN make\n"},
	})
}

func TestCoreAdversarialDF303(t *testing.T) {
	runRuleCases(t, "DF303", []ruleCase{
		{name: "hadolint textbook", src: "FROM scratch AS s\nFROM debian:12\nCOPY bla.sh blubb.sh\n", want: []int{3}},
		{name: "dot", src: "FROM python:3.12\nCOPY app.py .\n", want: []int{2}},
		{name: "ADD", src: "FROM python:3.12\nADD app.tar.gz app/\n", want: []int{2}},
		{name: "chown flag", src: "FROM python:3.12\nCOPY --chown=1000:1000 app.py app.py\n", want: []int{2}},
		{name: "copy from a stage", src: "FROM golang:1.22 AS b\nWORKDIR /src\nRUN go build -o /out/app\nFROM debian:12\nCOPY --from=b /out/app app\n", want: []int{5}},
		{name: "ARG resolves to relative", src: "FROM python:3.12\nARG DEST=app/\nCOPY . ${DEST}\n", want: []int{3}},
		{name: "once per stage", src: "FROM python:3.12\nCOPY a .\nCOPY b .\n", want: []int{2}},
		{name: "lower case", src: "FROM python:3.12\ncopy a .\n", want: []int{2}},
		{name: "heredoc", src: "FROM python:3.12\nCOPY <<EOF run.sh\necho hi\nEOF\n", want: []int{2}},
		{name: "windows relative", src: coreWin + "COPY app.exe app/\n", want: []int{3}},

		{name: "absolute", src: "FROM python:3.12\nCOPY app.py /app/app.py\n"},
		{name: "after WORKDIR", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\n"},
		{name: "WORKDIR in the parent stage", src: "FROM python:3.12 AS base\nWORKDIR /app\nFROM base\nCOPY . .\n"},
		{name: "unknown variable", src: "FROM python:3.12\nARG DEST\nCOPY . $DEST\n"},
		{name: "ENV absolute", src: "FROM python:3.12\nENV APP_HOME=/app\nCOPY . $APP_HOME\n"},
		{name: "scratch", src: "FROM scratch\nCOPY app .\n"},
		{name: "windows drive", src: coreWin + "COPY app.exe C:\\app\\\n"},
		{name: "windows forward slashes", src: coreWin + "COPY app.exe C:/app/\n"},
		{name: "quoted absolute (json)", src: "FROM python:3.12\nCOPY [\"app.py\", \"/app/\"]\n"},
	})
}

func TestCoreAdversarialDF304(t *testing.T) {
	runRuleCases(t, "DF304", []ruleCase{
		{name: "./script", src: "FROM debian:12\nCOPY build.sh /build.sh\nRUN ./build.sh\n", want: []int{3}},
		{name: "sh ./script", src: "FROM debian:12\nRUN sh ./install.sh\n", want: []int{2}},
		{name: "after set -e", src: "FROM debian:12\nRUN set -e; ./configure && make\n", want: []int{2}},

		{name: "after WORKDIR", src: "FROM debian:12\nWORKDIR /src\nRUN ./build.sh\n"},
		{name: "absolute", src: "FROM debian:12\nRUN /build.sh\n"},
		{name: "after a download", src: "FROM debian:12\nRUN curl -fsSLO https://example.com/x.sh && sh ./x.sh\n"},
		{name: "relative COPY already reported by DF303", src: "FROM debian:12\nCOPY build.sh .\nRUN ./build.sh\n"},
		{name: "scratch", src: "FROM scratch\nRUN ./x\n"},
		{name: "powershell", src: coreWin + "SHELL [\"powershell\"]\nRUN ./build.ps1\n"},
	})
}

// corePy is a small Python build context.
var corePy = map[string]string{"requirements.txt": "flask\n", "app.py": "", ".dockerignore": ".git\n"}

func TestCoreAdversarialDF401(t *testing.T) {
	runRuleCases(t, "DF401", []ruleCase{
		{name: "textbook absolute requirements path", src: "FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n",
			want: []int{3}, messages: []string{"brings in requirements.txt with the rest of the build context"}},
		{name: "textbook absolute path with the context", src: "FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n",
			files: corePy, want: []int{3}, messages: []string{"copy requirements.txt first"}},
		{name: "WORKDIR and relative path", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n",
			files: corePy, want: []int{4}},
		{name: "--requirement=", src: "FROM python:3.12\nCOPY . /app\nRUN pip install --requirement=/app/requirements.txt\n", want: []int{3}},
		{name: "venv pip", src: "FROM python:3.12\nCOPY . /app\nRUN python -m venv /venv && /venv/bin/pip install -r /app/requirements.txt\n", want: []int{3}},
		{name: "python -m pip", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN python3 -m pip install -r requirements.txt\n", want: []int{4}},
		{name: "pip install .", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir .\n", want: []int{4}},
		{name: "poetry", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN poetry install --no-interaction\n", want: []int{4}},
		{name: "pipenv", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pipenv install --system --deploy\n", want: []int{4}},
		{name: "uv sync", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen\n", want: []int{4}},
		{name: "npm ci in a context without the manifest", src: "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
			files: map[string]string{"README.md": ""}, want: []int{4}},
		{name: "npm install --production", src: "FROM node:20\nWORKDIR /usr/src/app\nCOPY . .\nRUN npm install --production\n", want: []int{4}},
		{name: "yarn", src: "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn install --frozen-lockfile\n", want: []int{4}},
		{name: "pnpm", src: "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN pnpm install --frozen-lockfile\n", want: []int{4}},
		{name: "go mod download", src: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download\n", want: []int{4}},
		{name: "bundle install", src: "FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nRUN bundle install\n", want: []int{4}},
		{name: "composer install", src: "FROM php:8.3\nWORKDIR /app\nCOPY . .\nRUN composer install --no-dev\n", want: []int{4}},
		{name: "cargo build", src: "FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n", want: []int{4}},
		{name: "cargo fetch", src: "FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo fetch\n", want: []int{4}},
		{name: "mvn -f package", src: "FROM maven:3.9\nCOPY . /usr/src/app\nRUN mvn -f /usr/src/app/pom.xml clean package\n", want: []int{3}},
		{name: "mvn dependency:go-offline", src: "FROM maven:3.9\nWORKDIR /app\nCOPY . .\nRUN mvn -B dependency:go-offline\n", want: []int{4}},
		{name: "gradle build", src: "FROM gradle:8\nCOPY --chown=gradle:gradle . /home/gradle/src\nWORKDIR /home/gradle/src\nRUN gradle build --no-daemon\n", want: []int{4}},
		{name: "dotnet restore", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /source\nCOPY . .\nRUN dotnet restore\n", want: []int{4}},
		{name: "ADD .", src: "FROM node:20\nWORKDIR /app\nADD . .\nRUN npm ci\n", want: []int{4}},
		{name: "exec form", src: "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN [\"npm\", \"ci\"]\n", want: []int{4}},
		{name: "heredoc", src: "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN <<EOF\nnpm ci\nnpm run build\nEOF\n", want: []int{5}},
		{name: "directory copy holding the manifest", src: "FROM python:3.12\nCOPY app/ /app/\nRUN pip install -r /app/requirements.txt\n",
			files: map[string]string{"app/requirements.txt": "flask\n", "app/main.py": ""}, want: []int{3},
			messages: []string{"copy app/requirements.txt first"}},
		{name: "manifest copied first but installed after the broad copy", src: "FROM node:20\nWORKDIR /app\nCOPY package.json ./\nCOPY . .\nRUN npm ci\n", want: []int{5}},
		{name: "in a child stage", src: "FROM node:20 AS base\nWORKDIR /app\nCOPY . .\nFROM base AS deps\nRUN npm ci\n", want: []int{5}},
		{name: "lower-case", src: "from node:20\nworkdir /app\ncopy . .\nrun npm ci\n", want: []int{4}},

		{name: "manifests first", src: "FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n"},
		{name: "requirements first", src: "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n", files: corePy},
		{name: "bind mount of the manifests", src: "FROM node:20\nWORKDIR /app\nRUN --mount=type=bind,source=package.json,target=package.json " +
			"--mount=type=bind,source=package-lock.json,target=package-lock.json --mount=type=cache,target=/root/.npm npm ci\nCOPY . .\n"},
		{name: "bind mount of an absolute manifest", src: "FROM python:3.12\nCOPY . /app\n" +
			"RUN --mount=type=bind,source=requirements.txt,target=/app/requirements.txt pip install -r /app/requirements.txt\n"},
		{name: "package arguments", src: "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install express\n"},
		{name: "global install", src: "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install -g pm2\n"},
		{name: "pip packages", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install gunicorn flask\n"},
		{name: "requirements elsewhere", src: "FROM python:3.12\nCOPY . /app\nRUN pip install -r /tmp/requirements.txt\n"},
		{name: "copy of another directory", src: "FROM python:3.12\nWORKDIR /app\nCOPY src/ ./src/\nRUN pip install -r requirements.txt\n"},
		{name: "install in another directory", src: "FROM node:20\nCOPY . /src\nWORKDIR /app\nRUN npm ci\n"},
		{name: "copy from another stage", src: "FROM node:20 AS src\nWORKDIR /app\nCOPY . .\nFROM node:20\nWORKDIR /app\nCOPY --from=src /app .\nRUN npm ci\n"},
		{name: "dependencies first, then the project", src: "FROM python:3.12\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\n" +
			"RUN poetry install --no-root\nCOPY . .\nRUN poetry install\n"},
		{name: "go build after go mod download", src: "FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app\n"},
		{name: "dotnet docs pattern", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /source\nCOPY *.csproj .\nRUN dotnet restore\n" +
			"COPY . .\nRUN dotnet publish -c Release -o /app --no-restore\n"},
		{name: "manifest only in the copied directory", src: "FROM python:3.12\nCOPY deps/ /deps/\nRUN pip install -r /deps/requirements.txt\n",
			files: map[string]string{"deps/requirements.txt": "flask\n"}},
		{name: "manifest excluded by .dockerignore", src: "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
			files: map[string]string{"package.json": "{}", "index.js": "", ".dockerignore": "package.json\n"}},
		{name: "windows", src: coreWin + "WORKDIR C:\\app\nCOPY . .\nRUN npm ci\n"},
	})
}

func TestCoreAdversarialDF402(t *testing.T) {
	runRuleCases(t, "DF402", []ruleCase{
		{name: "textbook", src: "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n", want: []int{2}},
		{name: "apt", src: "FROM ubuntu:22.04\nRUN apt update\nRUN apt install -y curl\n", want: []int{2}},
		{name: "-y before update", src: "FROM debian:12\nRUN apt-get -y update\nRUN apt-get -y install curl\n", want: []int{2}},
		{name: "sudo", src: "FROM debian:12\nRUN sudo apt-get update\nRUN sudo apt-get install -y curl\n", want: []int{2}},
		{name: "continuation with a comment", src: "FROM debian:12\nRUN apt-get update \\\n    # refresh\n    && true\nRUN apt-get install -y curl\n", want: []int{2}},
		{name: "install in a child stage", src: "FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN apt-get install -y curl\n", want: []int{2}},
		{name: "apk", src: "FROM alpine:3.20\nRUN apk update\nRUN apk add curl\n", want: []int{2}},
		{name: "lower case", src: "FROM debian:12\nrun apt-get update\nrun apt-get install -y curl\n", want: []int{2}},
		{name: "heredoc update", src: "FROM debian:12\nRUN <<EOF\napt-get update\nEOF\nRUN apt-get install -y curl\n", want: []int{3}},

		{name: "same RUN", src: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n"},
		{name: "update alone, no install", src: "FROM debian:12\nRUN apt-get update\n"},
		{name: "later RUN refreshes", src: "FROM debian:12\nRUN apt-get update\nRUN apt-get update && apt-get install -y curl\n"},
		{name: "unrelated stage", src: "FROM debian:12 AS a\nRUN apt-get update\nFROM debian:12\nRUN apt-get install -y curl\n"},
		{name: "apk --no-cache", src: "FROM alpine:3.20\nRUN apk update\nRUN apk add --no-cache curl\n"},
		{name: "cache mount", src: "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\n" +
			"RUN --mount=type=cache,target=/var/lib/apt apt-get install -y curl\n"},
		{name: "lists removed in between", src: "FROM debian:12\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y curl\n"},
		{name: "echo", src: "FROM debian:12\nRUN echo apt-get update\nRUN apt-get install -y curl\n"},
		{name: "yum update upgrades", src: "FROM centos:7\nRUN yum -y update\nRUN yum -y install httpd\n"},
	})
}

func TestCoreAdversarialDF501(t *testing.T) {
	app := map[string]string{"package.json": "{}", "server.js": ""}
	with := func(kv ...string) map[string]string {
		m := map[string]string{"package.json": "{}", "server.js": ""}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	runRuleCases(t, "DF501", []ruleCase{
		{name: "COPY . .", src: "FROM node:20\nWORKDIR /app\nCOPY . .\n", files: app, want: []int{3}},
		{name: "ADD .", src: "FROM node:20\nADD . /app\n", files: app, want: []int{2}},
		{name: "./", src: "FROM node:20\nCOPY ./ /app/\n", files: app, want: []int{2}},
		{name: "star", src: "FROM node:20\nCOPY * /app/\n", files: app, want: []int{2}},
		{name: "json form", src: "FROM node:20\nCOPY [\".\", \"/app\"]\n", files: app, want: []int{2}},
		{name: "ARG-built source", src: "FROM node:20\nARG SRC=.\nCOPY $SRC /app\n", files: app, want: []int{3}},
		{name: "chown and link", src: "FROM node:20\nCOPY --link --chown=node:node . /app\n", files: app, want: []int{2}},
		{name: "lower case", src: "from node:20\ncopy . /app\n", files: app, want: []int{2}},
		{name: "CRLF", src: "FROM node:20\r\nCOPY . /app\r\n", files: app, want: []int{2}},
		{name: "escape directive", src: "# escape=`\nFROM node:20\nCOPY . /app\n", files: app, want: []int{3}},
		{name: "names .git", src: "FROM node:20\nCOPY . /app\n", files: with(".git/HEAD", "ref\n"), want: []int{2},
			messages: []string{"(this context has .git)"}},
		{name: "in a build stage", src: "FROM node:20 AS build\nCOPY . /app\nRUN npm ci\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
			files: app, want: []int{2}},
		{name: "reported once", src: "FROM node:20\nCOPY . /app\nCOPY . /other\n", files: app, want: []int{2}},
		{name: "ignore file of another Dockerfile does not count", src: "FROM node:20\nCOPY . /app\n", files: with("Dockerfile.dev.dockerignore", ".git\n"), want: []int{2}},

		{name: "with .dockerignore", src: "FROM node:20\nCOPY . /app\n", files: with(".dockerignore", ".git\n")},
		{name: "empty .dockerignore", src: "FROM node:20\nCOPY . /app\n", files: with(".dockerignore", "")},
		{name: "Dockerfile-specific ignore file", src: "FROM node:20\nCOPY . /app\n", dockerfile: "Dockerfile.dev",
			files: with("Dockerfile.dev.dockerignore", ".git\n")},
		{name: "named sources only", src: "FROM node:20\nCOPY package.json server.js /app/\n", files: app},
		{name: "copy from a stage", src: "FROM node:20 AS b\nRUN true\nFROM node:20\nCOPY --from=b . /app\n", files: app},
		{name: "exclude flag", src: "# syntax=docker/dockerfile:1.7-labs\nFROM node:20\nCOPY --exclude=.git . /app\n", files: app},
		{name: "ONBUILD", src: "FROM node:20\nONBUILD COPY . /app\n", files: app},
		{name: "no context", src: "FROM node:20\nCOPY . /app\n"},
		{name: "URL", src: "FROM node:20\nADD https://example.com/app.tgz /app/\n", files: app},
		{name: "heredoc", src: "FROM node:20\nCOPY <<EOF /app/.env\nA=1\nEOF\n", files: app},
	})
}

// coreGitIndex builds a version 2 git index listing paths.
func coreGitIndex(paths ...string) string {
	sort.Strings(paths)
	var b []byte
	b = append(b, "DIRC"...)
	b = binary.BigEndian.AppendUint32(b, 2)
	b = binary.BigEndian.AppendUint32(b, uint32(len(paths)))
	for _, p := range paths {
		start := len(b)
		b = append(b, make([]byte, 40+20)...) // stat data and object name
		b = binary.BigEndian.AppendUint16(b, uint16(len(p)))
		b = append(b, p...)
		n := 8 - (len(b)-start)%8 // 1 to 8 NULs
		b = append(b, make([]byte, n)...)
	}
	b = append(b, make([]byte, 20)...) // checksum, not checked
	return string(b)
}

func TestCoreAdversarialDF502(t *testing.T) {
	with := func(kv ...string) map[string]string {
		m := map[string]string{"package.json": "{}", "server.js": "", ".dockerignore": "node_modules\n"}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	copyDot := "FROM node:20\nWORKDIR /app\nCOPY . .\n"
	key := "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n"
	runRuleCases(t, "DF502", []ruleCase{
		{name: ".git not excluded", src: copyDot, files: with(".git/HEAD", "ref\n"), want: []int{3},
			messages: []string{".git directory is not excluded"}},
		{name: ".env", src: copyDot, files: with(".env", "DB_PASSWORD=hunter2\n"), want: []int{3},
			messages: []string{"secret-looking file '.env'"}},
		{name: "nested .env", src: copyDot, files: with("config/.env", "A=1\n"), want: []int{3}},
		{name: ".env.production", src: copyDot, files: with(".env.production", "A=1\n"), want: []int{3}},
		{name: "pem private key", src: copyDot, files: with("server.pem", "-----BEGIN RSA PRIVATE KEY-----\nMII\n"), want: []int{3}},
		{name: "id_rsa", src: copyDot, files: with("id_rsa", key), want: []int{3}},
		{name: "*.key", src: copyDot, files: with("tls.key", "abc\n"), want: []int{3}},
		{name: "ADD .", src: "FROM node:20\nADD . /app\n", files: with(".env", "A=1\n"), want: []int{2}},
		{name: "pattern for another file", src: copyDot, files: with(".env", "A=1\n", ".dockerignore", ".env.local\n"), want: []int{3}},
		{name: "untracked in a repository", src: copyDot, files: with(".env", "A=1\n", ".gitignore", "node_modules\n",
			".git/HEAD", "ref\n", ".git/index", coreGitIndex("package.json", "server.js"), ".dockerignore", ".git\n"), want: []int{3}},
		{name: "committed to the repository still leaks", src: copyDot, files: with(".env", "A=1\n", ".git/HEAD", "ref\n",
			".git/index", coreGitIndex(".env", "package.json", "server.js"), ".dockerignore", ".git\n"), want: []int{3}},
		{name: "gitignore does not list it, no repository", src: copyDot, files: with(".env", "A=1\n", ".gitignore", "node_modules\n"), want: []int{3}},
		{name: "directory copy with a key", src: "FROM node:20\nCOPY config /app/config\n", files: with("config/.env", "A=1\n", "config/app.yml", ""), want: []int{2}},
		{name: "re-included", src: copyDot, files: with(".env", "A=1\n", ".dockerignore", "*.env\n!.env\n"), want: []int{3}},

		{name: ".git excluded", src: copyDot, files: with(".git/HEAD", "ref\n", ".dockerignore", ".git\n")},
		{name: ".git/ excluded", src: copyDot, files: with(".git/HEAD", "ref\n", ".dockerignore", ".git/\n")},
		{name: "**/.git excluded", src: copyDot, files: with(".git/HEAD", "ref\n", ".dockerignore", "**/.git\n")},
		{name: "dot files excluded", src: copyDot, files: with(".git/HEAD", "ref\n", ".env", "A=1\n", ".dockerignore", ".*\n")},
		{name: "allow-list", src: copyDot, files: with(".git/HEAD", "ref\n", ".env", "A=1\n", ".dockerignore", "*\n!package.json\n!server.js\n")},
		{name: "no .git at all", src: copyDot, files: with()},
		{name: "worktree .git file", src: copyDot, files: with(".git", "gitdir: /elsewhere\n")},
		{name: ".env excluded", src: copyDot, files: with(".env", "A=1\n", ".dockerignore", ".env\n")},
		{name: ".env.example", src: copyDot, files: with(".env.example", "A=changeme\n")},
		{name: "empty .env", src: copyDot, files: with(".env", "")},
		{name: "certificate pem", src: copyDot, files: with("ca.pem", "-----BEGIN CERTIFICATE-----\nMII\n")},

		{name: "named sources", src: "FROM node:20\nCOPY package.json server.js /app/\n", files: with(".env", "A=1\n", ".git/HEAD", "ref\n")},
		{name: "no ignore file is DF501", src: copyDot, files: map[string]string{".env": "A=1\n", ".git/HEAD": "ref\n"}},
		{name: "git used in a RUN", src: copyDot + "RUN git rev-parse HEAD > /app/REVISION\n", files: with(".git/HEAD", "ref\n")},
		{name: "exclude flags", src: "# syntax=docker/dockerfile:1.7-labs\nFROM node:20\nCOPY --exclude=.git --exclude=.env . /app\n",
			files: with(".git/HEAD", "ref\n", ".env", "A=1\n")},
	})
}

func TestCoreAdversarialDF503(t *testing.T) {
	runRuleCases(t, "DF503", []ruleCase{
		{name: "excluded directory", src: "FROM nginx:1.27\nCOPY docs /usr/share/nginx/html\n",
			files: map[string]string{"docs/index.html": "", ".dockerignore": "docs\n"}, want: []int{2}},
		{name: "excluded by extension", src: "FROM node:20\nCOPY config.json /app/\n",
			files: map[string]string{"config.json": "{}", ".dockerignore": "*.json\n"}, want: []int{2}},
		{name: "wildcard all excluded", src: "FROM node:20\nCOPY *.md /docs/\n",
			files: map[string]string{"README.md": "", ".dockerignore": "*.md\n"}, want: []int{2}},
		{name: "leading slash source", src: "FROM node:20\nCOPY /config.yml /app/\n",
			files: map[string]string{"config.yml": "", ".dockerignore": "config.yml\n"}, want: []int{2}},
		{name: "trailing slash source", src: "FROM node:20\nCOPY build/ /app/\n",
			files: map[string]string{"build/a.js": "", ".dockerignore": "build/\n"}, want: []int{2}},
		{name: "** pattern", src: "FROM node:20\nCOPY src/test /t/\n",
			files: map[string]string{"src/test/a": "", ".dockerignore": "**/test\n"}, want: []int{2}},
		{name: "allow-list without the source", src: "FROM node:20\nCOPY lib /app/lib\n",
			files: map[string]string{"lib/b.js": "", "src/a.js": "", ".dockerignore": "*\n!src\n"}, want: []int{2}},
		{name: "Dockerfile-specific ignore file", src: "FROM node:20\nCOPY docs /app/docs\n",
			files: map[string]string{"docs/a.md": "", "Dockerfile.dockerignore": "docs\n", ".dockerignore": ""}, want: []int{2}},
		{name: "ADD", src: "FROM node:20\nADD vendor.tar.gz /app/\n",
			files: map[string]string{"vendor.tar.gz": "x", ".dockerignore": "*.tar.gz\n"}, want: []int{2}},
		{name: "ARG-built source", src: "FROM node:20\nARG CFG=config.json\nCOPY $CFG /app/\n",
			files: map[string]string{"config.json": "{}", ".dockerignore": "*.json\n"}, want: []int{3}},
		{name: "COPY . under *", src: "FROM node:20\nCOPY . /app\n",
			files: map[string]string{"a.js": "", ".dockerignore": "*\n"}, want: []int{2}},

		{name: "exception", src: "FROM node:20\nCOPY config.json /app/\n",
			files: map[string]string{"config.json": "{}", ".dockerignore": "*.json\n!config.json\n"}},
		{name: "allow-listed", src: "FROM node:20\nCOPY src /app/src\n",
			files: map[string]string{"src/a.js": "", ".dockerignore": "*\n!src\n"}},
		{name: "re-included file in an excluded dir", src: "FROM node:20\nCOPY docs/keep.md /app/\n",
			files: map[string]string{"docs/keep.md": "", "docs/x.md": "", ".dockerignore": "docs\n!docs/keep.md\n"}},
		{name: "wildcard partly excluded", src: "FROM node:20\nCOPY *.md /docs/\n",
			files: map[string]string{"README.md": "", "CHANGES.md": "", ".dockerignore": "CHANGES.md\n"}},
		{name: "copy from a stage", src: "FROM node:20 AS b\nRUN true\nFROM node:20\nCOPY --from=b docs /app/\n",
			files: map[string]string{"docs/a": "", ".dockerignore": "docs\n"}},
		{name: "URL", src: "FROM node:20\nADD https://example.com/x.tar.gz /x/\n",
			files: map[string]string{".dockerignore": "*\n"}},
		{name: "heredoc", src: "FROM node:20\nCOPY <<EOF /x\nhi\nEOF\n", files: map[string]string{".dockerignore": "*\n"}},
		{name: "unknown variable", src: "FROM node:20\nARG CFG\nCOPY $CFG /app/\n",
			files: map[string]string{"config.json": "{}", ".dockerignore": "*.json\n"}},
		{name: "missing source is DF504", src: "FROM node:20\nCOPY nothere.json /app/\n",
			files: map[string]string{".dockerignore": "*.json\n", "a": ""}},
		{name: "no ignore file", src: "FROM node:20\nCOPY docs /app/\n", files: map[string]string{"docs/a": ""}},
	})
}

func TestCoreAdversarialDF504(t *testing.T) {
	runRuleCases(t, "DF504", []ruleCase{
		{name: "typo", src: "FROM python:3.12\nCOPY requirements.txt /app/\n",
			files: map[string]string{"requirement.txt": "flask\n"}, want: []int{2}},
		{name: "letter case", src: "FROM python:3.12\nCOPY App.py /app/\n",
			files: map[string]string{"app.py": ""}, want: []int{2}, messages: []string{"the context has 'app.py'"}},
		{name: "outside the context", src: "FROM python:3.12\nCOPY ../shared/lib.py /app/\n",
			files: map[string]string{"app.py": ""}, want: []int{2}},
		{name: "missing file in an existing directory", src: "FROM python:3.12\nCOPY src/main.py /app/\n",
			files: map[string]string{"src/app.py": ""}, want: []int{2}},

		{name: "well-known extensionless file", src: "FROM ruby:3.3\nCOPY Gemfile Gemfile.lock /app/\n",
			files: map[string]string{"Gemfile.lock": "", "app.rb": ""}, want: []int{2}},
		{name: "directory in another letter case", src: "FROM python:3.12\nCOPY Src /app/src\n",
			files: map[string]string{"src/app.py": ""}, want: []int{2}, messages: []string{"the context has 'src'"}},
		{name: "missing dot file", src: "FROM node:20\nCOPY .npmrc /app/\n", files: map[string]string{"package.json": "{}"}, want: []int{2}},

		{name: "present", src: "FROM python:3.12\nCOPY app.py /app/\n", files: map[string]string{"app.py": ""}},
		{name: "extensionless directory (partial checkout)", src: "FROM maven:3.9\nCOPY pom.xml /app/\nCOPY src /app/src\n",
			files: map[string]string{"pom.xml": ""}},
		{name: "binary built before docker build", src: "FROM scratch\nCOPY minio /usr/bin/minio\n", files: map[string]string{"README.md": ""}},
		{name: "empty wildcard", src: "FROM python:3.12\nCOPY *.txt /app/\n", files: map[string]string{"app.py": ""}},
		{name: "build output", src: "FROM nginx:1.27\nCOPY dist/ /usr/share/nginx/html/\n", files: map[string]string{"package.json": "{}"}},
		{name: "artifact", src: "FROM eclipse-temurin:21\nCOPY app.jar /app.jar\n", files: map[string]string{"pom.xml": ""}},
		{name: "variable", src: "FROM python:3.12\nARG F=x.py\nCOPY $F /app/\n", files: map[string]string{"app.py": ""}},
		{name: "copy from a stage", src: "FROM python:3.12 AS b\nRUN true\nFROM python:3.12\nCOPY --from=b /x.py /app/\n",
			files: map[string]string{"app.py": ""}},
		{name: "gitignored", src: "FROM python:3.12\nCOPY settings.local.py /app/\n",
			files: map[string]string{"app.py": "", ".gitignore": "settings.local.py\n"}},
		{name: "no context", src: "FROM python:3.12\nCOPY nothere.py /app/\n"},
	})
}
