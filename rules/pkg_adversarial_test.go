package rules

// Adversarial cases for the package-manager, shell, download and stage
// rules: the peers' documented examples (hadolint's rule specs, BuildKit's
// build checks, Trivy's checks) turned into cases, plus tricky shell forms.
// A peer's bad example that dflint deliberately lets through is marked
// "divergence" and explained in the rule's Doc.Notes.

import "testing"

const (
	advUbuntu = "FROM ubuntu:24.04\n"
	advPy     = "FROM python:3.12-slim\n"
	advNode   = "FROM node:22-bookworm\n"
	advUBI    = "FROM registry.access.redhat.com/ubi9/ubi\n"
	advSUSE   = "FROM opensuse/leap:15.6\n"
	advWin    = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
	advPwsh   = "SHELL [\"powershell\", \"-Command\"]\n"
)

func TestAdversarialAptMissingYes(t *testing.T) {
	runRuleCases(t, "DF601", []ruleCase{
		// hadolint DL3014.
		{name: "DL3014 bad", src: advUbuntu + "RUN apt-get install python\n", want: []int{2}},
		{name: "DL3014 -yq", src: advUbuntu + "RUN apt-get install -yq python\n"},
		{name: "DL3014 -qq", src: advUbuntu + "RUN apt-get install -qq python\n"},
		{name: "DL3014 -y", src: advUbuntu + "RUN apt-get install -y python\n"},
		{name: "DL3014 -y first", src: advUbuntu + "RUN apt-get -y install python\n"},
		{name: "DL3014 --yes", src: advUbuntu + "RUN apt-get --yes install python\n"},
		{name: "DL3014 --assume-yes", src: advUbuntu + "RUN apt-get --assume-yes install python\n"},
		// Trivy DS021.
		{name: "DS021 bad", src: advUbuntu + "RUN apt-get update && apt-get install -q curl\n", want: []int{2}},

		{name: "-qqy", src: advUbuntu + "RUN apt-get -qqy install curl\n"},
		{name: "Dpkg option then no -y", src: advUbuntu + "RUN apt-get -o Dpkg::Options::=--force-confnew install curl\n", want: []int{2}},
		{name: "Dpkg option then -y", src: advUbuntu + "RUN apt-get -o Dpkg::Options::=--force-confnew install -y curl\n"},
		{name: "Dpkg option separate value", src: advUbuntu + "RUN apt-get -o Dpkg::Options::=\"--force-confdef\" -o Dpkg::Options::=\"--force-confold\" -y dist-upgrade\n"},
		{name: "list from a file", src: advUbuntu + "RUN apt-get install -y --no-install-recommends $(cat list.txt)\n"},
		{name: "env wrapper", src: advUbuntu + "RUN env DEBIAN_FRONTEND=noninteractive apt-get install curl\n", want: []int{2}},
		{name: "env wrapper with -y", src: advUbuntu + "RUN env DEBIAN_FRONTEND=noninteractive apt-get install -y curl\n"},
		{name: "subshell", src: advUbuntu + "RUN (apt-get update && apt-get install curl)\n", want: []int{2}},
		{name: "if block", src: advUbuntu + "RUN if [ \"$(uname -m)\" = x86_64 ]; then apt-get install libc6-i386; fi\n", want: []int{2}},
		{name: "|| fallback still prompts", src: advUbuntu + "RUN apt-get install curl || true\n", want: []int{2}},
		{name: "bash -o pipefail -c", src: advUbuntu + "RUN bash -o pipefail -c 'apt-get update && apt-get install curl'\n", want: []int{2}},
		{name: "heredoc with bash shebang", src: advUbuntu + "RUN <<EOF\n#!/bin/bash\nset -euo pipefail\napt-get update\napt-get install curl\nEOF\n", want: []int{6}},
		{name: "heredoc with python shebang", src: advUbuntu + "RUN <<EOF\n#!/usr/bin/env python3\nimport os\nos.system('apt-get install curl')\nEOF\n"},
		{name: "comments in continuation", src: advUbuntu + "RUN apt-get update \\\n# fetch\n    && apt-get install \\\n# tools\n      curl\n", want: []int{4}},
		{name: "-- separator", src: advUbuntu + "RUN apt-get install -- curl\n", want: []int{2}},
		{name: "-y after --", src: advUbuntu + "RUN apt-get install -- -y\n", want: []int{2}},
		{name: "--quiet=2", src: advUbuntu + "RUN apt-get --quiet=2 install curl\n"},
		{name: "force-yes is not yes", src: advUbuntu + "RUN apt-get install --force-yes curl\n", want: []int{2}},
		{name: "autoremove", src: advUbuntu + "RUN apt-get autoremove --purge\n", want: []int{2}},
		{name: "install in builder stage too", src: advUbuntu + "RUN apt-get install gcc\nFROM scratch\nCOPY --from=0 /x /x\n", want: []int{2}},
		{name: "variable options", src: advUbuntu + "ARG APT_FLAGS=\"-y --no-install-recommends\"\nRUN apt-get install ${APT_FLAGS} curl\n"},
		{name: "powershell", src: advWin + advPwsh + "RUN apt-get install curl\n"},
		{name: "windows exec", src: advWin + "RUN [\"apt-get\", \"install\", \"curl\"]\n"},
		{name: "exec form sh -c", src: advUbuntu + "RUN [\"/bin/sh\", \"-c\", \"apt-get update && apt-get install curl\"]\n", want: []int{2}},
		{name: "cache mount variants", src: advUbuntu + "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && apt-get -y install curl\n"},
	})
}

func TestAdversarialAptRecommends(t *testing.T) {
	runRuleCases(t, "DF602", []ruleCase{
		// hadolint DL3015.
		{name: "DL3015 good", src: advUbuntu + "RUN apt-get install --no-install-recommends python\n"},
		{name: "DL3015 bad", src: advUbuntu + "RUN apt-get install python\n", want: []int{2}},
		{name: "DL3015 bad -y", src: advUbuntu + "RUN apt-get -y install python\n", want: []int{2}},
		{name: "DL3015 -o", src: advUbuntu + "RUN apt-get -o APT::Install-Recommends=false install python\n"},
		// Trivy DS029.
		{name: "DS029 bad", src: advUbuntu + "RUN apt-get update && apt-get -y install apt-utils && apt-get clean\n", want: []int{2}},
		{name: "DS029 good", src: advUbuntu + "RUN apt-get update && apt-get -y install --no-install-recommends apt-utils && apt-get clean\n"},

		{name: "no-install-suggests is not recommends", src: advUbuntu + "RUN apt-get install -y --no-install-suggests curl\n", want: []int{2}},
		{name: "-qqy with flag", src: advUbuntu + "RUN apt-get -qqy --no-install-recommends install curl\n"},
		{name: "sudo", src: advUbuntu + "RUN sudo apt-get install -y curl\n", want: []int{2}},
		{name: "env wrapper", src: advUbuntu + "RUN env DEBIAN_FRONTEND=noninteractive apt-get install -y curl\n", want: []int{2}},
		{name: "list from a file", src: advUbuntu + "RUN apt-get install -y $(cat list.txt)\n"},
		{name: "--install-recommends=no", src: advUbuntu + "RUN apt-get install -y --install-recommends=no curl\n"},
		{name: "sh -c", src: advUbuntu + "RUN sh -c 'apt-get install -y curl'\n", want: []int{2}},
		{name: "heredoc", src: advUbuntu + "RUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n", want: []int{4}},
		{name: "builder stage only copied from", src: advUbuntu + "RUN apt-get install -y build-essential\nFROM ubuntu:24.04\nCOPY --from=0 /usr/bin/make /usr/bin/make\n"},
		{name: "builder used through --mount from", src: advUbuntu + "RUN apt-get install -y build-essential\nFROM ubuntu:24.04\nRUN --mount=from=0,target=/b true\n"},
		{name: "powershell", src: advWin + advPwsh + "RUN apt-get install -y curl\n"},
	})
}

func TestAdversarialAptLists(t *testing.T) {
	runRuleCases(t, "DF603", []ruleCase{
		// hadolint DL3009.
		{name: "DL3009 no cleanup", src: "FROM scratch\nRUN apt-get update && apt-get install python\n", want: []int{2}},
		{name: "DL3009 stage not used later", src: "FROM ubuntu as foo\nRUN apt-get update && apt-get install python\nFROM scratch\nRUN echo hey!\n"},
		{name: "DL3009 last stage", src: "FROM ubuntu as foo\nRUN hey!\nFROM scratch\nRUN apt-get update && apt-get install python\n", want: []int{4}},
		{name: "DL3009 intermediate stage", src: "FROM ubuntu as foo\nRUN apt-get update && apt-get install python\nFROM foo\nRUN hey!\n", want: []int{2}},
		{name: "DL3009 intermediate cleans", src: "FROM ubuntu as foo\nRUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*\nFROM foo\nRUN hey!\n"},
		{name: "DL3009 cleanup", src: "FROM scratch\nRUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*\n"},
		{name: "DL3009 cache mount lists", src: "FROM ubuntu\nRUN --mount=type=cache,target=/var/lib/apt/lists \\\n    apt-get update && apt-get install python\n"},
		{name: "DL3009 cache mounts apt dirs", src: "FROM ubuntu\nRUN --mount=type=cache,target=/var/lib/apt \\\n    --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get update && apt-get install python\n"},
		{name: "DL3009 cache mounts separate RUN", src: "FROM ubuntu\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/cache/apt \\\n    --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install foo\n"},
		{name: "DL3009 cache dir only", src: "FROM ubuntu\nRUN --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get update && apt-get install python\n", want: []int{4}},

		{name: "subshell cleanup", src: advUbuntu + "RUN apt-get update && apt-get install -y curl && (rm -rf /var/lib/apt/lists/*)\n"},
		{name: "sh -c cleanup", src: advUbuntu + "RUN apt-get update && apt-get install -y curl && sh -c 'rm -rf /var/lib/apt/lists/*'\n"},
		{name: "quoted path with glob", src: advUbuntu + "RUN apt-get update && apt-get install -y curl && rm -rf \"/var/lib/apt/lists/\"*\n"},
		{name: "sudo cleanup", src: advUbuntu + "RUN sudo apt-get update && sudo apt-get install -y curl && sudo rm -rf /var/lib/apt/lists/*\n"},
		{name: "heredoc cleanup", src: advUbuntu + "RUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n"},
		{name: "heredoc without cleanup", src: advUbuntu + "RUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n", want: []int{4}},
		{name: "exec form", src: advUbuntu + "RUN [\"/bin/bash\", \"-c\", \"apt-get update && apt-get install -y curl\"]\n", want: []int{2}},
		{name: "update in if", src: advUbuntu + "RUN if true; then apt-get update && apt-get install -y curl; fi && rm -rf /var/lib/apt/lists/*\n"},
		{name: "target build stage", target: "build", src: advUbuntu + "FROM ubuntu:24.04 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /x /x\n", want: []int{3}},
		{name: "windows", src: advWin + "RUN apt-get update && apt-get install -y curl\n"},
	})
}

func TestAdversarialAptUnpinned(t *testing.T) {
	runRuleCases(t, "DF604", []ruleCase{
		// hadolint DL3008.
		{name: "DL3008 bad", src: advUbuntu + "RUN apt-get update && apt-get install python\n", want: []int{2}},
		{name: "DL3008 pinned chained", src: advUbuntu + "RUN apt-get update \\\n && apt-get -yqq --no-install-recommends install nodejs=0.10 \\\n && rm -rf /var/lib/apt/lists/*\n"},
		{name: "DL3008 pinned regression", src: advUbuntu + "RUN apt-get update && apt-get install --no-install-recommends -y \\\npython-demjson=2.2.2* \\\nwget=1.16.1* \\\ngit=1:2.5.0* \\\nruby=1:2.1.*\n"},
		{name: "DL3008 version", src: advUbuntu + "RUN apt-get install -y python=1.2.2\n"},
		{name: "DL3008 deb", src: advUbuntu + "RUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb\n"},
		{name: "DL3008 pinned", src: advUbuntu + "RUN apt-get -y --no-install-recommends install nodejs=0.10\n"},
		{name: "DL3008 target release", src: advUbuntu + "RUN set -e &&\\\n echo \"deb http://http.debian.net/debian jessie-backports main\" > /etc/apt/sources.list.d/jessie-backports.list &&\\\n apt-get update &&\\\n apt-get install -y --no-install-recommends -t jessie-backports openjdk-8-jdk=8u131-b11-1~bpo8+1 &&\\\n rm -rf /var/lib/apt/lists/*\n"},

		{name: "-o value with equals is not a package", src: advUbuntu + "RUN apt-get -o Dpkg::Options::=--force-confnew install -y curl=8.5.0-2ubuntu10\n"},
		{name: "-o separate value", src: advUbuntu + "RUN apt-get -o Acquire::Retries=3 install -y curl=8.5.0-2ubuntu10\n"},
		{name: "list from a file", src: advUbuntu + "RUN apt-get install -y --no-install-recommends $(cat list.txt)\n"},
		{name: "windows", src: advWin + "RUN apt-get install -y curl\n"},
	})
}

func TestAdversarialUseAptGet(t *testing.T) {
	runRuleCases(t, "DF605", []ruleCase{
		// hadolint DL3027.
		{name: "DL3027 bad", src: "FROM ubuntu\nRUN apt install python\n", want: []int{2}},
		{name: "heredoc", src: advUbuntu + "RUN <<EOF\napt update\nEOF\n", want: []int{3}},
		{name: "env wrapper", src: advUbuntu + "RUN env DEBIAN_FRONTEND=noninteractive apt install -y curl\n", want: []int{2}},
		{name: "apt-get and apt-cache", src: advUbuntu + "RUN apt-get update && apt-cache show curl\n"},
		{name: "apt as a package name", src: advUbuntu + "RUN apt-get install -y apt apt-utils\n"},
		{name: "apt version", src: advUbuntu + "RUN apt --version\n"},
		{name: "powershell", src: advWin + advPwsh + "RUN apt install -y curl\n"},
	})
}

func TestAdversarialApk(t *testing.T) {
	runRuleCases(t, "DF611", []ruleCase{
		// hadolint DL3019.
		{name: "DL3019 bad", src: df6Alpine + "RUN apk add flex=2.6.4-r1\n", want: []int{2}},
		{name: "DL3019 good", src: df6Alpine + "RUN apk add --no-cache flex=2.6.4-r1\n"},
		{name: "DL3019 cache mount", src: df6Alpine + "RUN --mount=type=cache,target=/var/cache/apk apk add -U curl=7.77.0\n"},
		{name: "DL3019 mount elsewhere and --no-cache", src: df6Alpine + "RUN --mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl=7.77.0\n"},
		{name: "DL3019 mount elsewhere", src: df6Alpine + "RUN --mount=type=cache,target=/var/cache/foo apk add -U curl=7.77.0\n", want: []int{2}},
		// Trivy DS025.
		{name: "DS025 bad", src: df6Alpine + "RUN apk add --update curl\n", want: []int{2}},

		{name: "--update --no-cache", src: df6Alpine + "RUN apk --update --no-cache add curl\n"},
		{name: "virtual then del", src: df6Alpine + "RUN apk add --virtual .build-deps gcc musl-dev \\\n && pip install --no-cache-dir x==1 \\\n && apk del .build-deps\n", want: []int{2}},
		{name: "sh -c", src: df6Alpine + "RUN sh -c 'apk add curl'\n", want: []int{2}},
		{name: "env wrapper", src: df6Alpine + "RUN env A=1 apk add curl\n", want: []int{2}},
		{name: "heredoc cleanup", src: df6Alpine + "RUN <<EOF\napk update\napk add curl\nrm -rf /var/cache/apk/*\nEOF\n"},
		{name: "apk upgrade is not add", src: df6Alpine + "RUN apk upgrade --available\n"},
		{name: "node alpine", src: "FROM node:22-alpine\nRUN apk add --no-cache git\n"},
	})
	runRuleCases(t, "DF612", []ruleCase{
		// hadolint DL3018.
		{name: "DL3018 bad", src: df6Alpine + "RUN apk add flex\n", want: []int{2}},
		{name: "DL3018 pinned", src: df6Alpine + "RUN apk add flex=2.6.4-r1\n"},
		{name: "DL3018 tilde", src: df6Alpine + "RUN apk add --no-cache git~2.52.0\n"},
		{name: "DL3018 chained", src: df6Alpine + "RUN apk add --no-cache flex=2.6.4-r1 \\\n && pip install -r requirements.txt\n"},
		{name: "DL3018 regression", src: df6Alpine + "RUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi=3.2.1-r3 \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5\n"},
		{name: "DL3018 one missed", src: df6Alpine + "RUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5\n", want: []int{2}},
		{name: "DL3018 virtual", src: df6Alpine + "RUN apk add \\\n--virtual build-dependencies \\\npython-dev=1.1.1 build-base=2.2.2 wget=3.3.3 \\\n&& pip install -r requirements.txt \\\n&& python setup.py install \\\n&& apk del build-dependencies\n"},
		{name: "DL3018 repository", src: df6Alpine + "RUN apk add --no-cache \\\n--repository https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0\n"},
		{name: "DL3018 repository=", src: df6Alpine + "RUN apk add --no-cache \\\n--repository=https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0\n"},
		{name: "DL3018 -X", src: df6Alpine + "RUN apk add --no-cache \\\n-X https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0\n"},
		{name: "DL3018 apk file", src: df6Alpine + "RUN apk add mypackage-1.1.1.apk\n"},
		{name: "-X attached", src: df6Alpine + "RUN apk add --no-cache -Xhttps://dl-cdn.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0\n"},
		{name: "quoted range", src: df6Alpine + "RUN apk add --no-cache 'curl>=8' \"git<3\"\n"},
	})
}

func TestAdversarialRpm(t *testing.T) {
	const yum = "FROM centos:7\n"
	runRuleCases(t, "DF621", []ruleCase{
		// hadolint DL3030.
		{name: "DL3030 bad", src: yum + "RUN yum install httpd-2.4.24 && yum clean all\n", want: []int{2}},
		{name: "DL3030 good", src: yum + "RUN yum install -y httpd-2.4.24 && yum clean all\n"},
		{name: "DL3030 not yum", src: yum + "RUN bash -c `# not even a yum command`\n"},
		{name: "-yq", src: yum + "RUN yum -yq install httpd && yum clean all\n"},
		{name: "--assumeyes", src: yum + "RUN yum --assumeyes install httpd && yum clean all\n"},
		{name: "setopt before -y", src: yum + "RUN yum --setopt=tsflags=nodocs -y install httpd && yum clean all\n"},
		{name: "groupinstall quoted", src: yum + "RUN yum groupinstall \"Development Tools\"\n", want: []int{2}},
		{name: "localinstall", src: yum + "RUN yum localinstall -y /tmp/x.rpm\n"},
		{name: "yum makecache", src: yum + "RUN yum makecache && yum repolist\n"},
	})
	runRuleCases(t, "DF622", []ruleCase{
		// hadolint DL3032, Trivy DS015.
		{name: "DL3032 bad", src: yum + "RUN yum install -y mariadb-10.4\n", want: []int{2}},
		{name: "DL3032 good", src: yum + "RUN yum install -y mariadb-10.4 && yum clean all\n"},
		{name: "DL3032 not yum", src: yum + "RUN bash -c `# not even a yum command`\n"},
		{name: "rm cache", src: yum + "RUN yum install -y x-1 && rm -rf /var/cache/yum\n"},
		{name: "clean packages only", src: yum + "RUN yum install -y x-1 && yum clean packages\n", want: []int{2}},
		{name: "clean before install", src: yum + "RUN yum clean all && yum install -y x-1\n", want: []int{2}},
		{name: "cache mount", src: yum + "RUN --mount=type=cache,target=/var/cache/yum yum install -y x-1\n"},
		{name: "builder stage", src: yum + "RUN yum install -y gcc-4\nFROM scratch\nCOPY --from=0 /x /x\n"},
	})
	runRuleCases(t, "DF623", []ruleCase{
		// hadolint DL3033.
		{name: "DL3033 bad", src: yum + "RUN yum install -y tomcat && yum clean all\n", want: []int{2}},
		{name: "DL3033 good", src: yum + "RUN yum install -y tomcat-9.2 && yum clean all\n"},
		{name: "DL3033 epoch", src: yum + "RUN yum install -y openssl-1:1.1.1k\n"},
		{name: "DL3033 dash name", src: yum + "RUN yum install -y rpm-sign-4.16.1.3\n"},
		{name: "DL3033 plus", src: yum + "RUN yum install -y gcc-c++-1.1.1\n"},
		{name: "DL3033 module bad", src: yum + "RUN yum module install -y tomcat && yum clean all\n", want: []int{2}},
		{name: "DL3033 module good", src: yum + "RUN yum module install -y tomcat:9 && yum clean all\n"},
		{name: "DL3033 variables", src: yum + "RUN yum install -y \"git-core-${GIT_VER}\" && yum clean all\nRUN yum install -y \"which-${WHICH_VERSION}\" && yum clean all\nRUN yum install -y tomcat-$VERSION && yum clean all\n"},
		{name: "setopt value is not a package", src: yum + "RUN yum install -y --setopt tsflags=nodocs tomcat-9.2 && yum clean all\n"},
		{name: "enablerepo value", src: yum + "RUN yum --enablerepo epel install -y tomcat-9.2 && yum clean all\n"},
	})
	runRuleCases(t, "DF624", []ruleCase{
		// hadolint DL3038.
		{name: "DL3038 bad", src: advUBI + "RUN dnf install httpd-2.4.24 && dnf clean all\n", want: []int{2}},
		{name: "DL3038 good", src: advUBI + "RUN dnf install -y httpd-2.4.24 && dnf clean all\n"},
		{name: "DL3038 notdnf", src: advUBI + "RUN notdnf install httpd\n"},
		{name: "microdnf never asks", src: advUBI + "RUN microdnf install httpd && microdnf clean all\n"},
		{name: "dnf5", src: "FROM fedora:41\nRUN dnf5 install nginx && dnf5 clean all\n", want: []int{2}},
		{name: "dnf upgrade", src: advUBI + "RUN dnf upgrade --refresh && dnf clean all\n", want: []int{2}},
		{name: "install_weak_deps setopt", src: advUBI + "RUN dnf install -y --setopt=install_weak_deps=False nginx && dnf clean all\n"},
	})
	runRuleCases(t, "DF625", []ruleCase{
		// hadolint DL3040, Trivy DS019/DS027.
		{name: "DL3040 dnf bad", src: advUBI + "RUN dnf install -y mariadb-10.4\n", want: []int{2}},
		{name: "DL3040 microdnf bad", src: advUBI + "RUN microdnf install -y mariadb-10.4\n", want: []int{2}},
		{name: "DL3040 dnf good", src: advUBI + "RUN dnf install -y mariadb-10.4 && dnf clean all\n"},
		{name: "DL3040 microdnf good", src: advUBI + "RUN microdnf install -y mariadb-10.4 && microdnf clean all\n"},
		{name: "DL3040 notdnf", src: advUBI + "RUN notdnf install mariadb\n"},
		{name: "DL3040 rm yum cache", src: advUBI + "RUN dnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*\n"},
		{name: "DL3040 microdnf rm yum cache", src: advUBI + "RUN microdnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*\n"},
		{name: "DL3040 clean before install", src: advUBI + "RUN microdnf clean all && dnf install -y mariadb-10.4\n", want: []int{2}},
		{name: "mixed dnf and microdnf clean", src: advUBI + "RUN dnf install -y mariadb-10.4 && microdnf clean all\n"},
		{name: "rm dnf cache glob", src: advUBI + "RUN dnf -y install x-1 && rm -rf /var/cache/dnf/*\n"},
		{name: "heredoc", src: advUBI + "RUN <<EOF\ndnf install -y x-1\ndnf clean all\nEOF\n"},
	})
	runRuleCases(t, "DF626", []ruleCase{
		// hadolint DL3041.
		{name: "DL3041 bad", src: advUBI + "RUN dnf install -y tomcat && dnf clean all\n", want: []int{2}},
		{name: "DL3041 microdnf bad", src: advUBI + "RUN microdnf install -y tomcat && microdnf clean all\n", want: []int{2}},
		{name: "DL3041 dash name bad", src: advUBI + "RUN dnf install -y rpm-sign && dnf clean all\n", want: []int{2}},
		{name: "DL3041 good", src: advUBI + "RUN dnf install -y tomcat-9.0.1 && dnf clean all\n"},
		{name: "DL3041 notdnf", src: advUBI + "RUN notdnf install tomcat\n"},
		{name: "DL3041 dash name good", src: advUBI + "RUN dnf install -y rpm-sign-4.16.1.3 && dnf clean all\n"},
		{name: "DL3041 plus", src: advUBI + "RUN dnf install -y gcc-c++-1.1.1\n"},
		{name: "DL3041 epoch", src: advUBI + "RUN microdnf install -y openssl-1:1.1.1k\n"},
		{name: "DL3041 module bad", src: advUBI + "RUN dnf module install -y tomcat && dnf clean all\n", want: []int{2}},
		{name: "DL3041 module good", src: advUBI + "RUN dnf module install -y tomcat:9 && dnf clean all\n"},
		{name: "DL3041 variables", src: advUBI + "RUN dnf install -y \"git-core-${GIT_VER}\" && dnf clean all\n"},
		{name: "module stream enabled", src: advUBI + "RUN dnf module enable -y nodejs:20 && dnf install -y nodejs npm-10 && dnf clean all\n"},
	})
	runRuleCases(t, "DF627", []ruleCase{
		// hadolint DL3034.
		{name: "DL3034 bad", src: advSUSE + "RUN zypper install httpd=2.4.24 && zypper clean\n", want: []int{2}},
		{name: "DL3034 -n", src: advSUSE + "RUN zypper install -n httpd=2.4.24 && zypper clean\n"},
		{name: "DL3034 --non-interactive", src: advSUSE + "RUN zypper install --non-interactive httpd=2.4.24 && zypper clean\n"},
		{name: "DL3034 -y", src: advSUSE + "RUN zypper install -y httpd=2.4.24 && zypper clean\n"},
		{name: "DL3034 --no-confirm", src: advSUSE + "RUN zypper install --no-confirm httpd=2.4.24 && zypper clean\n"},
		{name: "global -n", src: advSUSE + "RUN zypper -n in httpd && zypper cc -a\n"},
		{name: "refresh", src: advSUSE + "RUN zypper refresh && zypper --gpg-auto-import-keys ref\n"},
	})
	runRuleCases(t, "DF629", []ruleCase{
		// hadolint DL3036, Trivy DS020.
		{name: "DL3036 bad", src: advSUSE + "RUN zypper install -y mariadb=10.4\n", want: []int{2}},
		{name: "DL3036 clean", src: advSUSE + "RUN zypper install -y mariadb=10.4 && zypper clean\n"},
		{name: "DL3036 cc", src: advSUSE + "RUN zypper install -y mariadb=10.4 && zypper cc\n"},
		{name: "global options before clean", src: advSUSE + "RUN zypper -n install mariadb && zypper -n clean --all\n"},
	})
	runRuleCases(t, "DF630", []ruleCase{
		// hadolint DL3037.
		{name: "DL3037 bad", src: advSUSE + "RUN zypper install -y tomcat && zypper clean\n", want: []int{2}},
		{name: "DL3037 =", src: advSUSE + "RUN zypper install -y tomcat=9.0.39 && zypper clean\n"},
		{name: "DL3037 >=", src: advSUSE + "RUN zypper install -y tomcat\\>=9.0 && zypper clean\n"},
		{name: "DL3037 >", src: advSUSE + "RUN zypper install -y tomcat\\>9.0 && zypper clean\n"},
		{name: "DL3037 <=", src: advSUSE + "RUN zypper install -y tomcat\\<=9.0 && zypper clean\n"},
		{name: "DL3037 <", src: advSUSE + "RUN zypper install -y tomcat\\<9.0 && zypper clean\n"},
		{name: "DL3037 rpm", src: advSUSE + "RUN zypper install -y tomcat-9.0.39-1.rpm && zypper clean\n"},
		{name: "quoted constraint", src: advSUSE + "RUN zypper -n install 'tomcat>=9.0' && zypper clean\n"},
	})
}

func TestAdversarialPipNoCacheDir(t *testing.T) {
	runRuleCases(t, "DF701", []ruleCase{
		// hadolint DL3042.
		{name: "DL3042 pip2", src: advPy + "RUN pip2 install MySQL_python\n", want: []int{2}},
		{name: "DL3042 pip3", src: advPy + "RUN pip3 install MySQL_python\n", want: []int{2}},
		{name: "DL3042 pip", src: advPy + "RUN pip install MySQL_python\n", want: []int{2}},
		{name: "DL3042 pip2 flag", src: advPy + "RUN pip2 install MySQL_python --no-cache-dir\n"},
		{name: "DL3042 pip3 flag", src: advPy + "RUN pip3 install --no-cache-dir MySQL_python\n"},
		{name: "DL3042 pipx", src: advPy + "RUN pipx install software\n"},
		{name: "DL3042 pipenv", src: advPy + "RUN pipenv install library\n"},
		{name: "DL3042 ENV 1", src: advPy + "ENV PIP_NO_CACHE_DIR=1\nRUN pip install MySQL_python\n"},
		{name: "DL3042 ENV on", src: advPy + "ENV PIP_NO_CACHE_DIR=on\nRUN pip install MySQL_python\n"},
		{name: "DL3042 ENV yes", src: advPy + "ENV PIP_NO_CACHE_DIR=yes\nRUN pip install MySQL_python\n"},
		{name: "DL3042 ENV true", src: advPy + "ENV PIP_NO_CACHE_DIR=true\nRUN pip install MySQL_python\n"},
		{name: "DL3042 prefix", src: advPy + "RUN PIP_NO_CACHE_DIR=1 pip install MySQL_python\n"},
		{name: "DL3042 export", src: advPy + "RUN export PIP_NO_CACHE_DIR=true && pip install MySQL_python\n"},
		// divergence: pip disables its cache for any valid value, 0 and
		// false included, so hadolint's "falsy" findings are false positives.
		{name: "DL3042 ENV 0 (divergence)", src: advPy + "ENV PIP_NO_CACHE_DIR=0\nRUN pip install MySQL_python\n"},
		{name: "DL3042 prefix false (divergence)", src: advPy + "RUN PIP_NO_CACHE_DIR=false pip install MySQL_python\n"},
		{name: "DL3042 inherited", src: "FROM debian:buster as base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install six\n"},
		{name: "DL3042 not inherited", src: "FROM debian:buster as base\nENV PIP_NO_CACHE_DIR=1\nFROM debian:buster\nRUN pip install six\n", want: []int{4}},

		{name: "--user", src: advPy + "RUN pip install --user flask==3.0.3\n", want: []int{2}},
		{name: "python3 -m pip -U pip", src: advPy + "RUN python3 -m pip install -U pip\n", want: []int{2}},
		{name: "quoted requirement", src: advPy + "RUN pip install \"flask==3.0\"\n", want: []int{2}},
		{name: "PIP_FLAGS variable", src: advPy + "RUN pip install ${PIP_FLAGS} flask==3.0\n"},
		{name: "cache mount id", src: advPy + "RUN --mount=type=cache,id=pip,target=/root/.cache/pip,sharing=locked pip install flask==3.0\n"},
		{name: "cache mount by uid", src: advPy + "USER 1000\nRUN --mount=type=cache,target=/home/app/.cache,uid=1000 pip install --user flask==3.0\n"},
		{name: "sudo -H", src: advPy + "RUN sudo -H pip3 install flask==3.0\n", want: []int{2}},
		{name: "venv pip", src: advPy + "RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\n", want: []int{2}},
		{name: "venv python -m pip", src: advPy + "RUN /opt/venv/bin/python3 -m pip install --no-cache-dir -r requirements.txt\n"},
		{name: "flag after --", src: advPy + "RUN pip install -- --no-cache-dir\n", want: []int{2}},
		{name: "pip wheel and download", src: advPy + "RUN pip wheel --wheel-dir /w -r requirements.txt && pip download -d /d x==1\n"},
		{name: "powershell", src: advWin + advPwsh + "RUN pip install flask\n"},
	})
}

func TestAdversarialPipUnpinned(t *testing.T) {
	runRuleCases(t, "DF702", []ruleCase{
		// hadolint DL3013.
		{name: "DL3013 pip2", src: advPy + "RUN pip2 install MySQL_python\n", want: []int{2}},
		{name: "DL3013 pip3", src: advPy + "RUN pip3 install MySQL_python\n", want: []int{2}},
		{name: "DL3013 pinned", src: advPy + "RUN pip3 install MySQL_python==1.2.2\n"},
		{name: "DL3013 whl", src: advPy + "RUN pip3 install mypkg.whl\n"},
		{name: "DL3013 tar.gz", src: advPy + "RUN pip3 install mypkg.tar.gz\n"},
		{name: "DL3013 -r", src: advPy + "RUN pip install -r requirements.txt\n"},
		{name: "DL3013 --requirement", src: advPy + "RUN pip install --requirement requirements.txt\n"},
		{name: "DL3013 .", src: advPy + "RUN pip install .\n"},
		{name: "DL3013 pip bad", src: advPy + "RUN pip install MySQL_python\n", want: []int{2}},
		{name: "DL3013 ~=", src: advPy + "RUN pip install MySQL_python~=1.2.2\n"},
		{name: "DL3013 ===", src: advPy + "RUN pip install MySQL_python===1.2.2\n"},
		{name: "DL3013 --ignore-installed", src: advPy + "RUN pip install --ignore-installed MySQL_python==1.2.2\n"},
		{name: "DL3013 --build", src: advPy + "RUN pip3 install --build /opt/yamllint yamllint==1.20.0\n"},
		{name: "DL3013 --prefix", src: advPy + "RUN pip3 install --prefix /opt/yamllint yamllint==1.20.0\n"},
		{name: "DL3013 --root", src: advPy + "RUN pip3 install --root /opt/yamllint yamllint==1.20.0\n"},
		{name: "DL3013 --target", src: advPy + "RUN pip3 install --target /opt/yamllint yamllint==1.20.0\n"},
		{name: "DL3013 --trusted-host", src: advPy + "RUN pip3 install --trusted-host host example==1.2.2\n"},
		{name: "DL3013 python -m pinned", src: advPy + "RUN python -m pip install example==1.2.2\n"},
		{name: "DL3013 python -m bad", src: advPy + "RUN python -m pip install example\n", want: []int{2}},
		{name: "DL3013 python -m index-url bad", src: advPy + "RUN python -m pip install --index-url url example\n", want: []int{2}},
		{name: "DL3013 git pinned", src: advPy + "RUN pip install git+https://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext\n"},
		{name: "DL3013 git unpinned", src: advPy + "RUN pip install git+https://github.com/rtfd/read-ext.git#egg=read-ext\n", want: []int{2}},
		{name: "DL3013 >=", src: advPy + "RUN pip install 'alabaster>=0.7'\n"},
		{name: "DL3013 <", src: advPy + "RUN pip install 'alabaster<0.7'\n"},
		{name: "DL3013 !=", src: advPy + "RUN pip install 'alabaster!=0.7'\n"},
		{name: "DL3013 --user", src: advPy + "RUN pip install MySQL_python==1.2.2 --user\n"},
		{name: "DL3013 --disable-pip-version-check", src: advPy + "RUN pip install MySQL_python==1.2.2 --disable-pip-version-check\n"},
		{name: "DL3013 --index-url", src: advPy + "RUN pip install --index-url https://eg.com/foo foobar==1.0.0\n"},
		{name: "DL3013 extra index", src: advPy + "RUN pip install --index-url https://eg.com/foo --extra-index-url https://ex-eg.io/foo foobar==1.0.0\n"},
		{name: "DL3013 --no-cache-dir", src: advPy + "RUN pip install MySQL_python==1.2.2 --no-cache-dir\n"},
		{name: "DL3013 --constraint", src: advPy + "RUN pip install pykafka --constraint http://foo.bar.baz\n"},
		{name: "DL3013 -c", src: advPy + "RUN pip install pykafka -c http://foo.bar.baz\n"},
		{name: "DL3013 basic auth", src: advPy + "RUN pip install --index-url https://user:pass@eg.com/foo --extra-index-url https://user:pass@ex-eg.io/foo foobar==1.0.0\n"},

		{name: "--user unpinned", src: advPy + "RUN pip install --user flask\n", want: []int{2}},
		{name: "quoted pins", src: advPy + "RUN pip install \"flask==3.0\" 'requests>=2'\n"},
		{name: "-rfile attached", src: advPy + "RUN pip install -rrequirements.txt flask\n"},
		{name: "--requirement=", src: advPy + "RUN pip install --requirement=requirements.txt flask\n"},
		{name: "only-binary value", src: advPy + "RUN pip install --only-binary :all: numpy\n", want: []int{2}, messages: []string{"'numpy'"}},
		{name: "find-links value", src: advPy + "RUN pip install -f https://download.pytorch.org/whl/torch_stable.html torch==2.3.0\n"},
		{name: "log value before subcommand", src: advPy + "RUN pip --log /tmp/pip.log install flask==3.0\n"},
		{name: "extras unquoted pinned", src: advPy + "RUN pip install flask[async]==3.0\n"},
		{name: "editable extras", src: advPy + "RUN pip install -e .[dev]\n"},
		{name: "direct reference split", src: advPy + "RUN pip install pkg@https://x/p.whl\n"},
		{name: "git ssh pinned", src: advPy + "RUN pip install git+ssh://git@github.com/a/b.git@v1.0\n"},
		{name: "git ssh unpinned", src: advPy + "RUN pip install git+ssh://git@github.com/a/b.git\n", want: []int{2}},
		{name: "git with user@ host unpinned", src: advPy + "RUN pip install git+https://user@github.com/a/b.git#egg=b\n", want: []int{2}},
		{name: "git with user@ host pinned", src: advPy + "RUN pip install git+https://user@github.com/a/b.git@abc123#egg=b\n"},
		{name: "plain https archive", src: advPy + "RUN pip install https://x/y-1.0.tar.gz\n"},
		{name: "sh -c", src: advPy + "RUN sh -c 'pip install requests'\n", want: []int{2}},
		{name: "in a venv", src: advPy + "RUN /opt/venv/bin/pip install requests\n", want: []int{2}},
		{name: "pip install -U pip", src: advPy + "RUN pip install -U pip\n"},
		{name: "variable package", src: advPy + "ARG PKG=flask\nRUN pip install \"$PKG\"\n"},
		{name: "powershell", src: advWin + advPwsh + "RUN pip install flask\n"},
	})
}

func TestAdversarialNpmUnpinned(t *testing.T) {
	runRuleCases(t, "DF703", []ruleCase{
		// hadolint DL3016.
		{name: "DL3016 npm install", src: advNode + "RUN npm install\n"},
		{name: "DL3016 progress", src: advNode + "RUN npm install --progress=false\n"},
		{name: "DL3016 pinned", src: advNode + "RUN npm install express@4.1.1\n"},
		{name: "DL3016 scoped range", src: advNode + "RUN npm install @myorg/privatepackage@\">=0.1.0\"\n"},
		{name: "DL3016 multiple pinned", src: advNode + "RUN npm install express@\"4.1.1\" sax@0.1.1\n"},
		{name: "DL3016 --global pinned", src: advNode + "RUN npm install --global express@\"4.1.1\"\n"},
		{name: "DL3016 -g pinned", src: advNode + "RUN npm install -g express@\"4.1.1\"\n"},
		{name: "DL3016 .tar", src: advNode + "RUN npm install package-v1.2.3.tar\n"},
		{name: "DL3016 .tar.gz", src: advNode + "RUN npm install package-v1.2.3.tar.gz\n"},
		{name: "DL3016 .tgz", src: advNode + "RUN npm install package-v1.2.3.tgz\n"},
		{name: "DL3016 /folder", src: advNode + "RUN npm install /folder\n"},
		{name: "DL3016 ./folder", src: advNode + "RUN npm install ./folder\n"},
		{name: "DL3016 ../folder", src: advNode + "RUN npm install ../folder\n"},
		{name: "DL3016 ~/folder", src: advNode + "RUN npm install ~/folder\n"},
		{name: "DL3016 git+ssh commit", src: advNode + "RUN npm install git+ssh://git@github.com:npm/npm.git#v1.0.27\n"},
		{name: "DL3016 git+http semver", src: advNode + "RUN npm install git+http://isaacs@github.com/npm/npm#semver:^5.0\n"},
		{name: "DL3016 git+https commit", src: advNode + "RUN npm install git+https://isaacs@github.com/npm/npm.git#v1.0.27\n"},
		{name: "DL3016 git commit", src: advNode + "RUN npm install git://github.com/npm/npm.git#v1.0.27\n"},
		{name: "DL3016 npm run", src: advNode + "RUN npm run --crazy install\n"},
		{name: "DL3016 scoped range with space", src: advNode + "RUN npm install @myorg/privatepackage@\">=0.1.0 <0.2.0\"\n"},
		{name: "DL3016 bad", src: advNode + "RUN npm install express\n", want: []int{2}},
		{name: "DL3016 scoped bad", src: advNode + "RUN npm install @myorg/privatepackage\n", want: []int{2}},
		{name: "DL3016 multiple bad", src: advNode + "RUN npm install express sax@0.1.1\n", want: []int{2}},
		{name: "DL3016 --global bad", src: advNode + "RUN npm install --global express\n", want: []int{2}},
		{name: "DL3016 git+ssh bad", src: advNode + "RUN npm install git+ssh://git@github.com:npm/npm.git\n", want: []int{2}},
		{name: "DL3016 git+http bad", src: advNode + "RUN npm install git+http://isaacs@github.com/npm/npm\n", want: []int{2}},
		{name: "DL3016 git+https bad", src: advNode + "RUN npm install git+https://isaacs@github.com/npm/npm.git\n", want: []int{2}},
		{name: "DL3016 git bad", src: advNode + "RUN npm install git://github.com/npm/npm.git\n", want: []int{2}},
		{name: "DL3016 loglevel", src: advNode + "RUN npm install --loglevel verbose sax@0.1.1\n"},
		{name: "DL3016 registry pinned", src: advNode + "RUN npm install --registry https://example.com sax@0.1.1\n"},
		{name: "DL3016 registry bad", src: advNode + "RUN npm install --registry https://example.com express\n", want: []int{2}},
		{name: "DL3016 registry= bad", src: advNode + "RUN npm install --registry=https://example.com express\n", want: []int{2}},

		{name: "--production", src: advNode + "RUN npm install --production\n"},
		{name: "npm i -g npm@10", src: advNode + "RUN npm i -g npm@10\n"},
		{name: "npm i -g pnpm", src: advNode + "RUN npm i -g pnpm\n", want: []int{2}},
		{name: "yarn global pinned", src: advNode + "RUN yarn global add serve@14.2.3\n"},
		{name: "ci", src: advNode + "RUN npm ci --omit=dev\n"},
		{name: "GitHub shorthand with ref", src: advNode + "RUN npm install expressjs/express#4.18.2\n"},
		{name: "sh -c and sudo", src: advNode + "RUN sh -c 'sudo npm install -g typescript'\n", want: []int{2}},
		{name: "windows", src: advWin + advPwsh + "RUN npm install -g typescript\n"},
	})
}

func TestAdversarialYarnCacheClean(t *testing.T) {
	runRuleCases(t, "DF706", []ruleCase{
		// hadolint DL3060.
		{name: "DL3060 not yarn", src: advNode + "RUN foo\n"},
		{name: "DL3060 bad", src: advNode + "RUN yarn install foo\n", want: []int{2}},
		{name: "DL3060 good", src: advNode + "RUN yarn install bar && yarn cache clean\n"},
		{name: "DL3060 last stage", src: "FROM node:lts-alpine as foo\nRUN hey!\nFROM scratch\nRUN yarn install\n", want: []int{4}},
		{name: "DL3060 inherited", src: "FROM node:lts-alpine as foo\nRUN yarn install\nFROM foo\nRUN hey!\n", want: []int{2}},
		{name: "DL3060 inherited clean", src: "FROM node:lts-alpine as foo\nRUN yarn install && yarn cache clean\nFROM foo\nRUN hey!\n"},

		{name: "cache folder removed", src: advNode + "RUN yarn install --cache-folder /tmp/yc && rm -rf /tmp/yc\n"},
		{name: "YARN_CACHE_FOLDER removed", src: advNode + "ENV YARN_CACHE_FOLDER=/tmp/yc\nRUN yarn install && rm -rf /tmp/yc\n"},
		{name: "cache folder not removed", src: advNode + "RUN yarn install --cache-folder /tmp/yc\n", want: []int{2}},
		{name: "clean --force", src: advNode + "RUN yarn install --frozen-lockfile --production && yarn cache clean --force\n"},
		{name: "heredoc", src: advNode + "RUN <<EOF\nyarn install --frozen-lockfile\nyarn cache clean\nEOF\n"},
		{name: "windows", src: advWin + advPwsh + "RUN yarn install\n"},
	})
}

func TestAdversarialGemUnpinned(t *testing.T) {
	const ruby = "FROM ruby:3.3\n"
	runRuleCases(t, "DF704", []ruleCase{
		// hadolint DL3028.
		{name: "DL3028 i bad", src: ruby + "RUN gem i bundler\n", want: []int{2}},
		{name: "DL3028 i pinned", src: ruby + "RUN gem i bundler:1\n"},
		{name: "DL3028 multi bad", src: ruby + "RUN gem i bunlder:1 nokogiri\n", want: []int{2}},
		{name: "DL3028 multi good", src: ruby + "RUN gem i bunlder:1 nokogirii:1\n"},
		{name: "DL3028 install bad", src: ruby + "RUN gem install bundler\n", want: []int{2}},
		{name: "DL3028 install pinned", src: ruby + "RUN gem install bundler:1\n"},
		{name: "DL3028 -v", src: ruby + "RUN gem install bundler -v '2.0.1'\n"},
		{name: "DL3028 --version", src: ruby + "RUN gem install bundler --version '2.0.1'\n"},
		{name: "DL3028 --version=", src: ruby + "RUN gem install bundler --version='2.0.1'\n"},
		{name: "DL3028 -- flags=", src: ruby + "RUN gem install bundler:2.0.1 -- --use-system-libraries=true\n"},
		{name: "DL3028 -- flags", src: ruby + "RUN gem install bundler:2.0.1 -- --use-system-libraries true\n"},
		{name: "DL3028 flags", src: ruby + "RUN gem install bundler:2.0.1 --use-system-libraries true\n"},
		{name: "DL3028 flags=", src: ruby + "RUN gem install bundler:2.0.1 --use-system-libraries=true\n"},

		{name: "build args after --", src: ruby + "RUN gem install pg:1.5.6 -- --with-pg-config pg_config\n"},
		{name: "--no-document", src: ruby + "RUN gem install rails --no-document\n", want: []int{2}},
		{name: "-N", src: ruby + "RUN gem install -N rails\n", want: []int{2}},
		{name: "version requirement", src: ruby + "RUN gem install bundler --version '~> 2.5'\n"},
		{name: "gem update --system", src: ruby + "RUN gem update --system\n"},
		{name: "windows", src: advWin + advPwsh + "RUN gem install rails\n"},
	})
}

func TestAdversarialGoInstallUnpinned(t *testing.T) {
	const golang = "FROM golang:1.23\n"
	runRuleCases(t, "DF705", []ruleCase{
		// hadolint DL3062.
		{name: "DL3062 install no version (divergence)", src: golang + "RUN go install example.com/pkg\n"},
		{name: "DL3062 install latest", src: golang + "RUN go install example.com/pkg@latest\n", want: []int{2}},
		{name: "DL3062 install pinned", src: golang + "RUN go install example.com/pkg@v1.2.3\n"},
		{name: "DL3062 install abs path", src: golang + "RUN go install /go/app/foobar\n"},
		{name: "DL3062 install rel path", src: golang + "RUN go install ./app/foobar\n"},
		{name: "DL3062 install .", src: golang + "RUN go install .\n"},
		{name: "DL3062 tool pinned", src: golang + "RUN go install tool foobar@v1.2.3\n"},
		{name: "DL3062 get no version", src: golang + "RUN go get example.com/pkg\n", want: []int{2}},
		{name: "DL3062 get latest", src: golang + "RUN go get example.com/pkg@latest\n", want: []int{2}},
		{name: "DL3062 get pinned", src: golang + "RUN go get example.com/pkg@v1.2.3\n"},
		{name: "DL3062 get -tool pinned", src: golang + "RUN go get -tool foobar@v1.2.3\n"},
		{name: "DL3062 run no version (divergence)", src: golang + "RUN go run example.com/pkg\n"},
		{name: "DL3062 run latest", src: golang + "RUN go run example.com/pkg@latest\n", want: []int{2}},
		{name: "DL3062 run pinned", src: golang + "RUN go run example.com/pkg@v1.2.3\n"},
		{name: "DL3062 run pinned -f", src: golang + "RUN go run example.com/pkg@v1.2.3 -f\n"},
		{name: "DL3062 run pinned args", src: golang + "RUN go run example.com/pkg@v1.2.3 --foo bar\n"},
		{name: "DL3062 run abs", src: golang + "RUN go run /go/app/foobar\n"},
		{name: "DL3062 run rel", src: golang + "RUN go run ./app/foobar\n"},
		{name: "DL3062 run .", src: golang + "RUN go run .\n"},

		{name: "ldflags value", src: golang + "RUN go install -ldflags \"-s -w\" example.com/x@latest\n", want: []int{2}},
		{name: "get -tool latest", src: golang + "RUN go get -tool example.com/x@latest\n", want: []int{2}},
		{name: "GOBIN env", src: golang + "RUN GOBIN=/usr/local/bin go install github.com/a/b/cmd/c@v1.0.0\n"},
		{name: "get -d ./...", src: golang + "RUN go get -d -v ./...\n"},
		{name: "run main.go", src: golang + "RUN go run main.go\n"},
		{name: "variable version", src: golang + "ARG V=v1.0.0\nRUN go install github.com/a/b@${V}\n"},
		{name: "windows", src: advWin + advPwsh + "RUN go install example.com/x@latest\n"},
	})
}

func TestAdversarialPipefail(t *testing.T) {
	const scratch = "FROM scratch\n"
	const build = "FROM scratch as build\n"
	runRuleCases(t, "DF711", []ruleCase{
		// hadolint DL4006, Trivy DS-0032.
		{name: "DL4006 bad", src: scratch + "RUN wget -O - https://some.site | wc -l > /number\n", want: []int{2}},
		{name: "DL4006 no pipe", src: build + "RUN wget -O - https://some.site && wc -l file > /number\n"},
		{name: "DL4006 -eo", src: build + "SHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"},
		{name: "DL4006 -e -o", src: build + "SHELL [\"/bin/bash\", \"-e\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"},
		{name: "DL4006 errexit", src: build + "SHELL [\"/bin/bash\", \"-o\", \"errexit\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"},
		{name: "DL4006 zsh", src: build + "SHELL [\"/bin/zsh\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"},
		{name: "DL4006 /usr/bin/bash", src: build + "SHELL [\"/usr/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"},
		{name: "DL4006 /usr/local/bin/zsh", src: build + "SHELL [\"/usr/local/bin/zsh\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"},
		{name: "DL4006 pwsh", src: build + "SHELL [\"pwsh\", \"-c\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n"},
		// divergence: an sh that cannot set pipefail fails every RUN
		// loudly; one that can (busybox ash, dash >= 0.5.13) sets it.
		{name: "DL4006 plain sh -o pipefail (divergence)", src: build + "SHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"},
		{name: "DL4006 next image", src: build + "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\nFROM scratch as build2\nRUN wget -O - https://some.site | wc -l file > /number\n", want: []int{5}},
		{name: "DL4006 next SHELL", src: build + "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\nSHELL [\"/bin/sh\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n", want: []int{5}},
		{name: "DL4006 pwsh image", src: "FROM mcr.microsoft.com/powershell:ubuntu-16.04\nSHELL [ \"pwsh\", \"-c\" ]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n"},
		{name: "DL4006 powershell.exe", src: "FROM mcr.microsoft.com/powershell:ubuntu-16.04\nSHELL [ \"powershell.exe\" ]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n"},
		{name: "DL4006 cmd.exe", src: "FROM mcr.microsoft.com/powershell:ubuntu-16.04\nSHELL [ \"cmd.exe\", \"/c\" ]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n"},
		{name: "DS-0032 multiple runs", src: "FROM alpine:3.5\nRUN wget -O - https://some.site | wc -l > /number\nRUN cat /etc/passwd | grep root\n", want: []int{2, 3}},
		{name: "DS-0032 set -o pipefail", src: "FROM alpine:3.5\nRUN set -o pipefail && wget -O - https://some.site | wc -l > /number\n"},
		{name: "DS-0032 pipe in string", src: "FROM alpine:3.5\nRUN echo \"foo|bar\"\n"},

		{name: "zsh without pipefail", src: build + "SHELL [\"/bin/zsh\", \"-c\"]\nRUN wget -O - https://some.site | wc -l > /number\n", want: []int{3},
			messages: []string{"'/bin/zsh -c'"}},
		{name: "ksh without pipefail", src: build + "SHELL [\"/bin/ksh\", \"-c\"]\nRUN wget -O - https://some.site | wc -l > /number\n", want: []int{3}},
		{name: "bash -o pipefail in exec form is not analysed", src: "FROM debian:12\nRUN [\"bash\", \"-c\", \"curl x | tar -x\"]\n"},
		{name: "heredoc python shebang", src: "FROM debian:12\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1 | 2)\nEOF\n"},
		{name: "heredoc bash shebang set -o pipefail", src: "FROM debian:12\nRUN <<EOF\n#!/bin/bash\nset -euo pipefail\ncurl -fsSL x | tar -xz\nEOF\n"},
		{name: "pipeline inside $(...)", src: "FROM debian:12\nRUN VERSION=\"$(curl -fsSL https://x/latest | jq -r .tag)\" && echo \"$VERSION\"\n"},
		{name: "subshell pipeline", src: "FROM debian:12\nRUN (curl -fsSL https://x | tar -xz -C /opt)\n", want: []int{2}},
		{name: "env and sudo in pipeline", src: "FROM debian:12\nRUN sudo curl -fsSL x | env A=1 tar -xz\n", want: []int{2}},
	})
}

func TestAdversarialWget(t *testing.T) {
	runRuleCases(t, "DF712", []ruleCase{
		// hadolint DL4001, Trivy DS014.
		{name: "DL4001 two RUNs", src: "FROM node as foo\nRUN wget my.xyz\nRUN curl localhost\n", want: []int{3}},
		{name: "DL4001 same RUN", src: "FROM node as foo\nRUN wget my.xyz && curl localhost\n", want: []int{2}},
		{name: "DL4001 only wget", src: "FROM node as foo\nRUN wget my.xyz\n"},
		{name: "DL4001 different stages", src: "FROM node as foo\nRUN wget my.xyz\nFROM scratch\nRUN curl localhost\n"},
		{name: "fallback", src: "FROM node:22\nRUN curl -fsSL x -o y || wget -O y x\n"},
		{name: "install both", src: "FROM debian:12\nRUN apt-get install -y curl wget && curl --version\n"},
	})
	runRuleCases(t, "DF713", []ruleCase{
		// hadolint DL3047.
		{name: "DL3047 bad", src: "FROM node as foo\nRUN wget my.xyz\n", want: []int{2}},
		{name: "DL3047 --progress", src: "FROM node as foo\nRUN wget --progress=dot:giga my.xyz\n"},
		{name: "DL3047 -q", src: "FROM node as foo\nRUN wget -q my.xyz\n"},
		{name: "DL3047 --quiet", src: "FROM node as foo\nRUN wget --quiet my.xyz\n"},
		{name: "DL3047 -nv", src: "FROM node as foo\nRUN wget -nv my.xyz\n"},
		{name: "DL3047 --no-verbose", src: "FROM node as foo\nRUN wget --no-verbose my.xyz\n"},
		{name: "DL3047 --output-file", src: "FROM node as foo\nRUN wget --output-file=/tmp/wget.log my.xyz\n"},
		{name: "DL3047 -o", src: "FROM node as foo\nRUN wget -o /tmp/wget.log my.xyz\n"},
		{name: "DL3047 --append-output", src: "FROM node as foo\nRUN wget --append-output=/tmp/wget.log my.xyz\n"},
		{name: "DL3047 -a", src: "FROM node as foo\nRUN wget -a /tmp/wget.log my.xyz\n"},

		{name: "-qO-", src: "FROM debian:12\nRUN wget -qO- https://x | tar -xz\n"},
		{name: "-O then -q", src: "FROM debian:12\nRUN wget -O /tmp/x -q https://x\n"},
		{name: "-O only", src: "FROM debian:12\nRUN wget -O /tmp/x https://x\n", want: []int{2}},
		{name: "-q after --", src: "FROM debian:12\nRUN wget -- -q\n", want: []int{2}},
		{name: "alpine image", src: "FROM alpine:3.20\nRUN wget https://x\n"},
		{name: "node alpine image", src: "FROM node:22-alpine\nRUN wget https://x\n"},
		{name: "busybox image", src: "FROM busybox:1.36\nRUN wget https://x\n"},
		{name: "alpine with GNU wget", src: "FROM alpine:3.20\nRUN apk add --no-cache wget && wget https://x\n", want: []int{2}},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\nwget https://x\nEOF\n", want: []int{3}},
		{name: "powershell", src: advWin + advPwsh + "RUN wget https://x -OutFile x\n"},
	})
}

func TestAdversarialAdd(t *testing.T) {
	runRuleCases(t, "DF721", []ruleCase{
		// hadolint DL3020.
		{name: "DL3020 tar", src: "FROM debian:12\nADD file.tar /usr/src/app/\n"},
		{name: "DL3020 gzip", src: "FROM debian:12\nADD file.gz /usr/src/app/\n"},
		{name: "DL3020 bz2", src: "FROM debian:12\nADD file.bz2 /usr/src/app/\n"},
		{name: "DL3020 xz", src: "FROM debian:12\nADD file.xz /usr/src/app/\n"},
		{name: "DL3020 tgz", src: "FROM debian:12\nADD file.tgz /usr/src/app/\n"},
		{name: "DL3020 url", src: "FROM debian:12\nADD http://file.com /usr/src/app/\n"},
		{name: "DL3020 file", src: "FROM debian:12\nADD file /usr/src/app/\n", want: []int{2}},
		{name: "DL3020 zip", src: "FROM debian:12\nADD file.zip /usr/src/app/\n", want: []int{2}},
		{name: "DL3020 quoted tgz", src: "FROM debian:12\nADD \"file.tgz\" /usr/src/app/\n"},
		{name: "DL3020 quoted url", src: "FROM debian:12\nADD \"http://file.com\" /usr/src/app/\n"},
		{name: "DL3020 quoted zip", src: "FROM debian:12\nADD \"file.zip\" /usr/src/app/\n", want: []int{2}},

		{name: "json form", src: "FROM debian:12\nADD [\"app.py\", \"/app/\"]\n", want: []int{2}},
		{name: "json form archive", src: "FROM debian:12\nADD [\"app.tar.gz\", \"/app/\"]\n"},
		{name: "link and exclude", src: "FROM debian:12\nADD --link --exclude=*.md . /app\n", want: []int{2}},
		{name: "windows", src: "# escape=`\n" + advWin + "ADD app C:\\app\n", want: []int{3}},
	})
	runRuleCases(t, "DF722", []ruleCase{
		{name: "quoted url", src: "FROM debian:12\nADD \"https://example.com/tool\" /usr/local/bin/tool\n", want: []int{2}},
		{name: "json url", src: "FROM debian:12\nADD [\"https://example.com/tool\", \"/tool\"]\n", want: []int{2}},
		{name: "checksum", src: "FROM debian:12\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://e.com/x /x\n"},
	})
}

func TestAdversarialCurlPipeShell(t *testing.T) {
	runRuleCases(t, "DF723", []ruleCase{
		{name: "sudo bash", src: "FROM debian:12\nRUN curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash -\n", want: []int{2}},
		{name: "bash -s --", src: "FROM debian:12\nRUN curl -sSf https://sh.rustup.rs | sh -s -- -y\n", want: []int{2}},
		{name: "wget -O -", src: "FROM debian:12\nRUN wget -O - https://x/install.sh | bash\n", want: []int{2}},
		{name: "wget -qO-", src: "FROM debian:12\nRUN wget -qO- https://x/install.sh | sh\n", want: []int{2}},
		{name: "curl -o- (nvm)", src: "FROM debian:12\nRUN curl -o- https://raw.githubusercontent.com/nvm-sh/nvm/v0.39.7/install.sh | bash\n", want: []int{2}},
		{name: "tee in between", src: "FROM debian:12\nRUN curl -fsSL https://x | tee /tmp/i.sh | sh\n", want: []int{2}},
		{name: "python -", src: "FROM debian:12\nRUN curl -sSL https://install.python-poetry.org | python3 -\n", want: []int{2}},
		{name: "sh -c $(curl)", src: "FROM debian:12\nRUN sh -c \"$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)\"\n", want: []int{2}},
		{name: "bash <(curl)", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN bash <(curl -s https://x/install.sh)\n", want: []int{3}},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL https://get.docker.com | sh\nEOF\n", want: []int{4}},

		{name: "saved then run", src: "FROM debian:12\nRUN curl -fsSL -o /tmp/i.sh https://x && sh /tmp/i.sh\n"},
		{name: "tar", src: "FROM debian:12\nRUN curl -fsSL https://x/a.tgz | tar -xz\n"},
		{name: "gpg", src: "FROM debian:12\nRUN curl -fsSL https://x/key | gpg --dearmor -o /usr/share/keyrings/x.gpg\n"},
		{name: "python -c reads json", src: "FROM debian:12\nRUN curl -fsSL https://x/api | python3 -c 'import sys,json; print(json.load(sys.stdin)[\"v\"])'\n"},
		{name: "curl -O", src: "FROM debian:12\nRUN curl -fsSLO https://x/i.sh | sh\n"},
		{name: "echo to sh", src: "FROM debian:12\nRUN echo 'echo hi' | sh\n"},
		{name: "windows", src: advWin + advPwsh + "RUN curl.exe -fsSL https://x | iex\n"},
	})
}

func TestAdversarialShellCommands(t *testing.T) {
	runRuleCases(t, "DF731", []ruleCase{
		// hadolint DL3001.
		{name: "DL3001 top", src: "FROM debian:12\nRUN top\n", want: []int{2}},
		{name: "DL3001 install ssh", src: "FROM debian:12\nRUN apt-get install ssh\n"},

		{name: "service status-all", src: "FROM debian:12\nRUN service --status-all\n"},
		{name: "ssh-keygen", src: "FROM debian:12\nRUN ssh-keygen -A\n"},
		{name: "editor configured", src: "FROM debian:12\nRUN git config --global core.editor vim && update-alternatives --set editor /usr/bin/vim.basic\n"},
		{name: "vi in echo", src: "FROM debian:12\nRUN echo vim\n"},
		{name: "kill (divergence)", src: "FROM debian:12\nRUN kill -9 1 || true\n"},
		{name: "powershell", src: advWin + advPwsh + "RUN ps\n"},
	})
	runRuleCases(t, "DF732", []ruleCase{
		// hadolint DL4005.
		{name: "DL4005 ln -sfv", src: "FROM debian:12\nRUN ln -sfv /bin/bash /bin/sh\n", want: []int{2}},
		{name: "DL4005 unrelated", src: "FROM debian:12\nRUN ln -sf /bin/true /sbin/initctl\n"},
		{name: "DL4005 multiple", src: "FROM debian:12\nRUN ln -s foo bar && unrelated && something_with /bin/sh\n"},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\nln -sf /bin/bash /bin/sh\nEOF\n", want: []int{3}},
	})
}

func TestAdversarialStages(t *testing.T) {
	runRuleCases(t, "DF106", []ruleCase{
		// hadolint DL3024, BuildKit DuplicateStageName, Trivy DS012.
		{name: "DL3024 bad", src: "FROM node as foo\nRUN something\nFROM scratch as foo\nRUN something\n", want: []int{3}},
		{name: "DL3024 good", src: "FROM scratch as build\nRUN foo\nFROM node as run\nRUN baz\n"},
		{name: "BuildKit example", src: "FROM debian:latest AS builder\nRUN apt-get update; apt-get install -y curl\n\nFROM golang:latest AS builder\n", want: []int{4}},
		{name: "case-insensitive", src: "FROM debian:12 AS Build\nFROM debian:12 AS build\n", want: []int{2}},
	})
	runRuleCases(t, "DF114", []ruleCase{
		// hadolint DL3022, DL3023, Trivy DS006.
		{name: "DL3022 missing alias (divergence)", src: "FROM debian:12\nCOPY --from=foo bar .\n"},
		{name: "DL3022 defined after", src: "FROM scratch\nCOPY --from=build foo .\nFROM node as build\nRUN baz\n", want: []int{2}},
		{name: "DL3022 good", src: "FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=build foo .\nRUN baz\n"},
		{name: "DL3023 own alias", src: "FROM node as foo\nCOPY --from=foo bar .\n", want: []int{2}},
		{name: "DL3023 good", src: "FROM scratch as build\nRUN foo\nFROM node as run\nCOPY --from=build foo .\nRUN baz\n"},
		{name: "typo", src: "FROM golang:1.22 AS builder\nRUN true\nFROM scratch\nCOPY --from=bulider /x /x\n", want: []int{4}},
		{name: "image", src: "FROM scratch\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nCOPY --from=composer /usr/bin/composer /usr/bin/composer\n"},
		{name: "mount from own stage", src: "FROM debian:12 AS a\nRUN --mount=from=a,target=/x true\n", want: []int{2}},
		{name: "index", src: "FROM debian:12\nCOPY --from=0 /x /x\nFROM debian:12\nCOPY --from=1 /x /x\n", want: []int{2, 4}},
	})
	runRuleCases(t, "DF107", []ruleCase{
		{name: "StageNameCasing bad", src: "FROM alpine AS BuilderBase\n", want: []int{1}},
		{name: "StageNameCasing good", src: "FROM alpine AS builder-base\n"},
	})
	runRuleCases(t, "DF108", []ruleCase{
		{name: "FromAsCasing bad", src: "FROM debian:latest as builder\n", want: []int{1}},
		{name: "FromAsCasing bad lower", src: "from debian:latest AS builder\n", want: []int{1}},
		{name: "FromAsCasing good", src: "FROM debian:latest AS deb-builder\n"},
		{name: "FromAsCasing good lower", src: "from debian:latest as deb-builder\n"},
	})
	runRuleCases(t, "DF109", []ruleCase{
		{name: "ReservedStageName bad", src: "FROM alpine AS scratch\nFROM alpine AS context\n", want: []int{1, 2}},
		{name: "ReservedStageName good", src: "FROM alpine AS builder\n"},
	})
	runRuleCases(t, "DF110", []ruleCase{
		{name: "UndefinedArgInFrom bad", src: "FROM node:22${VARIANT} AS jsbuilder\n", want: []int{1}},
		{name: "UndefinedArgInFrom good", src: "ARG VARIANT=\"-alpine3.20\"\nFROM node:22${VARIANT} AS jsbuilder\n"},
		{name: "platform arg", src: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"},
	})
	runRuleCases(t, "DF111", []ruleCase{
		{name: "InvalidDefaultArgInFrom bad", src: "ARG TAG\nFROM busybox:${TAG}\n", want: []int{2}},
		{name: "InvalidDefaultArgInFrom good default", src: "ARG TAG=latest\nFROM busybox:${TAG}\n"},
		{name: "InvalidDefaultArgInFrom good fallback", src: "ARG TAG\nFROM busybox:${TAG:-latest}\n"},
		{name: "InvalidDefaultArgInFrom good empty variant", src: "ARG VARIANT\nFROM busybox:stable${VARIANT}\n"},
	})
	runRuleCases(t, "DF112", []ruleCase{
		{name: "RedundantTargetPlatform bad", src: "FROM --platform=$TARGETPLATFORM alpine AS builder\nRUN apk add --no-cache git\n", want: []int{1}},
		{name: "RedundantTargetPlatform good", src: "FROM alpine AS builder\nRUN apk add --no-cache git\n"},
		{name: "braces", src: "FROM --platform=${TARGETPLATFORM} alpine AS builder\n", want: []int{1}},
	})
	runRuleCases(t, "DF113", []ruleCase{
		// hadolint DL3029, BuildKit FromPlatformFlagConstDisallowed.
		{name: "DL3029 bad", src: "FROM --platform=linux debian:jessie\n", want: []int{1}},
		{name: "DL3029 no flag", src: "FROM debian:jessie\n"},
		{name: "BuildKit bad", src: "FROM --platform=linux/amd64 alpine AS base\nRUN apk add --no-cache git\n", want: []int{1}},
		{name: "BuildKit good", src: "FROM --platform=linux/amd64 alpine AS build_amd64\nRUN apk add --no-cache git\n"},
		{name: "BUILDPLATFORM (divergence)", src: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"},
	})
}

func TestAdversarialRegistryPolicy(t *testing.T) {
	trusted := func(r ...string) *UntrustedRegistryOptions {
		return &UntrustedRegistryOptions{TrustedRegistries: r}
	}
	runRuleCases(t, "DF104", []ruleCase{
		// hadolint DL3026.
		{name: "DL3026 no config", src: "FROM random.com/debian\n"},
		{name: "DL3026 not allowed", src: "FROM random.com/debian\n", options: trusted("docker.io"), want: []int{1}},
		{name: "DL3026 allowed", src: "FROM random.com/debian\n", options: trusted("x.com", "random.com")},
		{name: "DL3026 scratch", src: "FROM scratch\n", options: trusted("x.com", "random.com")},
		{name: "DL3026 docker.io forms", src: "FROM ubuntu:18.04 AS builder1\nFROM zemanlx/ubuntu:18.04 AS builder2\nFROM docker.io/zemanlx/ubuntu:18.04 AS builder3\n", options: trusted("docker.io")},
		{name: "DL3026 previous stage", src: "FROM random.com/foo AS builder1\nFROM builder1 AS builder2\n", options: trusted("random.com")},
		{name: "DL3026 wildcard bad", src: "FROM x.com/debian\n", options: trusted("*.random.com"), want: []int{1}},
		{name: "DL3026 wildcard good", src: "FROM foo.random.com/debian\n", options: trusted("x.com", "*.random.com")},
		{name: "DL3026 *", src: "FROM ubuntu:18.04 AS builder1\nFROM zemanlx/ubuntu:18.04 AS builder2\nFROM docker.io/zemanlx/ubuntu:18.04 AS builder3\n", options: trusted("*")},
		{name: "ARG image", src: "ARG BASE=quay.io/x/y:1\nFROM ${BASE}\n", options: trusted("docker.io"), want: []int{2}},
		{name: "COPY --from image", src: "FROM debian:12\nCOPY --from=quay.io/x/y:1 /a /a\n", options: trusted("docker.io"), want: []int{2}},
	})
	runRuleCases(t, "DF105", []ruleCase{
		{name: "denied", src: "FROM python:2.7-slim\n", options: &BaseImagePolicyOptions{Denied: []string{"python:2*"}}, want: []int{1}},
		{name: "allowed", src: "FROM python:3.12-slim\n", options: &BaseImagePolicyOptions{Allowed: []string{"python:3.*"}}},
		{name: "not allowed", src: "FROM node:22\n", options: &BaseImagePolicyOptions{Allowed: []string{"python:3.*"}}, want: []int{1}},
		{name: "stage reference", src: "FROM python:3.12 AS b\nFROM b\n", options: &BaseImagePolicyOptions{Allowed: []string{"python:3.*"}}},
		{name: "latest by default", src: "FROM node\n", options: &BaseImagePolicyOptions{Denied: []string{"**:latest"}}, want: []int{1}},
	})
}

// TestAdversarialRound2 holds the cases that probe for false positives in
// realistic scripts, after the first round's fixes.
func TestAdversarialRound2(t *testing.T) {
	runRuleCases(t, "DF603", []ruleCase{
		{name: "trap cleanup set first", src: advUbuntu + "RUN trap 'rm -rf /var/lib/apt/lists/*' EXIT; apt-get update && apt-get install -y curl\n"},
		{name: "block cleanup", src: advUbuntu + "RUN apt-get update && apt-get install -y curl && { apt-get clean; rm -rf /var/lib/apt/lists/*; }\n"},
		{name: "update piped to tee", src: advUbuntu + "RUN apt-get update | tee /tmp/log && apt-get install -y curl\n", want: []int{2}},
		{name: "stage used only by RUN --mount from", src: advUbuntu + "RUN apt-get update && apt-get install -y gcc\nFROM ubuntu:24.04\nRUN --mount=from=0,source=/usr/bin/gcc,target=/gcc true\n"},
		{name: "rm -r without -f", src: advUbuntu + "RUN apt-get update && apt-get install -y curl && rm -r /var/lib/apt/lists/*\n"},
	})
	runRuleCases(t, "DF601", []ruleCase{
		{name: "function body", src: advUbuntu + "RUN inst() { apt-get install -y \"$@\"; }; inst curl\n"},
		{name: "xargs with -y", src: advUbuntu + "RUN cat /tmp/pkgs | xargs apt-get install -y\n"},
		{name: "yes piped through sudo", src: advUbuntu + "RUN yes | sudo apt-get install curl\n"},
		{name: "apt-get -y -q install in eval", src: advUbuntu + "RUN eval 'apt-get -y -q install curl'\n"},
		{name: "install in eval without -y", src: advUbuntu + "RUN eval 'apt-get install curl'\n", want: []int{2}},
	})
	runRuleCases(t, "DF611", []ruleCase{
		{name: "cache dir removed in block", src: df6Alpine + "RUN apk add curl && { rm -rf /var/cache/apk/*; }\n"},
		{name: "builder used only by --mount from", src: df6Alpine + "RUN apk add gcc\nFROM alpine:3.20\nRUN --mount=from=0,target=/b true\n"},
	})
	runRuleCases(t, "DF701", []ruleCase{
		{name: "uv pip", src: advPy + "RUN uv pip install --system flask==3.0\n"},
		{name: "conda run is not followed", src: advPy + "RUN conda run -n app pip install flask==3.0\n"},
		{name: "pip cache remove", src: advPy + "RUN pip install flask==3.0 && pip cache remove '*'\n"},
		{name: "cleanup of ~/.cache/pip contents", src: advPy + "RUN pip install flask==3.0 && rm -rf ~/.cache/pip/*\n"},
		{name: "PIP_NO_CACHE_DIR from ARG without default", src: advPy + "ARG PIP_NO_CACHE_DIR\nRUN pip install flask==3.0\n"},
	})
	runRuleCases(t, "DF702", []ruleCase{
		{name: "unquoted >= is a redirection", src: advPy + "RUN pip install django>=4\n", want: []int{2}},
		{name: "hg VCS unpinned", src: advPy + "RUN pip install hg+https://hg.example.com/repo#egg=repo\n", want: []int{2},
			messages: []string{"VCS requirement 'hg+https://hg.example.com/repo#egg=repo' without a revision"}},
		{name: "git+file is local", src: advPy + "RUN pip install git+file:///src/repo\n"},
		{name: "editable VCS", src: advPy + "RUN pip install -e git+https://github.com/a/b.git#egg=b\n"},
		{name: "PEP 508 direct reference", src: advPy + "RUN pip install 'b @ git+https://github.com/a/b.git'\n"},
	})
	runRuleCases(t, "DF703", []ruleCase{
		{name: "yarn add git unpinned", src: advNode + "RUN yarn add git+https://github.com/a/b.git\n", want: []int{2}},
		{name: "pnpm add git pinned", src: advNode + "RUN pnpm add git+https://github.com/a/b.git#v1.0.0\n"},
		{name: "git+file", src: advNode + "RUN npm install git+file:///src/repo\n"},
		{name: "github: shorthand", src: advNode + "RUN npm install github:a/b\n"},
		{name: "https tarball", src: advNode + "RUN npm install https://github.com/a/b/tarball/v1.0.0\n"},
	})
	runRuleCases(t, "DF704", []ruleCase{
		{name: "unknown long option value", src: "FROM ruby:3.3\nRUN gem install --some-option value rails:7.1.0\n"},
		{name: "known flag then gem", src: "FROM ruby:3.3\nRUN gem install --no-document rails\n", want: []int{2}},
		{name: "-- then version flag does not pin", src: "FROM ruby:3.3\nRUN gem install nokogiri -- -v 1\n", want: []int{2}},
	})
	runRuleCases(t, "DF706", []ruleCase{
		{name: "cache folder via variable", src: advNode + "ARG YC=/tmp/yc\nRUN yarn install --cache-folder $YC && rm -rf $YC\n"},
		{name: "cache folder parent removed", src: advNode + "RUN yarn install --cache-folder /tmp/yarn/c && rm -rf /tmp/yarn\n"},
		{name: "other dir removed", src: advNode + "RUN yarn install --cache-folder /tmp/yc && rm -rf /tmp/other\n", want: []int{2}},
	})
	runRuleCases(t, "DF711", []ruleCase{
		{name: "mksh", src: "FROM debian:12\nSHELL [\"/bin/mksh\", \"-c\"]\nRUN curl -s x | tar -x\n", want: []int{3}},
		{name: "zsh with set -o pipefail", src: "FROM debian:12\nSHELL [\"/bin/zsh\", \"-c\"]\nRUN set -o pipefail; curl -s x | tar -x\n"},
	})
}

// TestAdversarialFixes checks that fixes are concrete for the shell that
// runs the RUN.
func TestAdversarialFixes(t *testing.T) {
	cases := []struct{ id, src, fix string }{
		{"DF711", "FROM debian:12\nSHELL [\"/bin/zsh\", \"-c\"]\nRUN curl -s x | tar -x\n", `SHELL ["/bin/zsh", "-o", "pipefail", "-c"]`},
		{"DF711", "FROM alpine:3.20\nSHELL [\"/bin/ash\", \"-c\"]\nRUN wget -qO- x | tar -x\n", `SHELL ["/bin/ash", "-o", "pipefail", "-c"]`},
		{"DF711", "FROM debian:12\nRUN curl -s x | tar -x\n", `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`},
		{"DF711", "FROM debian:12\nSHELL [\"bash\", \"-euc\"]\nRUN curl -s x | tar -x\n", `SHELL ["bash", "-o", "pipefail", "-c"]`},
		{"DF702", "FROM python:3.12\nRUN pip install git+https://github.com/a/b.git#egg=b\n", "git+https://github.com/a/b.git@<commit or tag>#egg=b"},
		{"DF703", "FROM node:22\nRUN npm install git+ssh://git@github.com:npm/npm.git\n", "git+ssh://git@github.com:npm/npm.git#<commit or tag>"},
		{"DF601", "FROM debian:12\nRUN apt-get install curl\n", "apt-get install -y"},
		{"DF603", "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n", "&& rm -rf /var/lib/apt/lists/*"},
		{"DF611", "FROM alpine:3.20\nRUN apk add curl\n", "apk add --no-cache"},
		{"DF625", "FROM fedora:41\nRUN microdnf install -y tar\n", "&& microdnf clean all"},
	}
	for _, c := range cases {
		r, _ := Lookup(c.id)
		fs := lintWith(t, r, ruleCase{src: c.src})
		if len(fs) != 1 {
			t.Errorf("%s: %d findings%s\n%s", c.id, len(fs), dump(fs), c.src)
			continue
		}
		if fs[0].Fix != c.fix {
			t.Errorf("%s: fix %q, want %q\n%s", c.id, fs[0].Fix, c.fix, c.src)
		}
	}
}

// TestAdversarialTrivy holds Trivy's documented examples for the package
// manager checks (DS015, DS019, DS020, DS021, DS025, DS027, DS029).
func TestAdversarialTrivy(t *testing.T) {
	runRuleCases(t, "DF601", []ruleCase{
		{name: "DS021 denied", src: "FROM node:12\nRUN apt-get install python=2.7\n", want: []int{2}},
		{name: "DS021 json denied", src: "FROM node:12\nRUN [\"apt-get\", \"install\", \"apt-utils\"]\n", want: []int{2}},
		{name: "DS021 -fmy", src: "FROM node:12\nRUN apt-get -fmy install apt-utils\n"},
		{name: "DS021 -fmy behind", src: "FROM node:12\nRUN apt-get install -fmy apt-utils\n"},
		{name: "DS021 json -fmy", src: "FROM node:12\nRUN [\"apt-get\", \"-fmy\", \"install\", \"apt-utils\"]\n"},
		{name: "DS021 json --yes", src: "FROM node:12\nRUN [\"apt-get\", \"--yes\", \"-q\", \"install\", \"apt-utils\"]\n"},
		{name: "DS021 flags after packages", src: "FROM debian:11-slim\nRUN apt-get update && apt-get install tzdata postgresql-10 -y && rm -rf /var/lib/apt/lists/*\n"},
	})
	runRuleCases(t, "DF602", []ruleCase{
		{name: "DS029 denied", src: "FROM node:12\nRUN apt-get install -y python=2.7\n", want: []int{2}},
		{name: "DS029 json denied", src: "FROM node:12\nRUN [\"apt-get\", \"install\", \"-y\", \"apt-utils\"]\n", want: []int{2}},
		{name: "DS029 allowed", src: "FROM node:12\nRUN apt-get -fmy install --no-install-recommends apt-utils\n"},
		{name: "DS029 flag before", src: "FROM node:12\nRUN apt-get --no-install-recommends install -fmy apt-utils\n"},
		{name: "DS029 json", src: "FROM node:12\nRUN [\"apt-get\", \"--yes\", \"-q\", \"--no-install-recommends\", \"install\", \"apt-utils\"]\n"},
		{name: "DS029 flags after packages", src: "FROM debian:11-slim\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata postgresql-10 --no-install-recommends && rm -rf /var/lib/apt/lists/*\n"},
	})
	runRuleCases(t, "DF611", []ruleCase{
		{name: "DS025 denied", src: "FROM alpine:3.17\nRUN apk add python3\nRUN pip install --no-cache-dir -r /usr/src/app/requirements.txt\nCMD [\"python\", \"/usr/src/app/app.py\"]\n", want: []int{2}},
		{name: "DS025 json", src: "FROM alpine:3.17\nRUN [\"apk\", \"add\", \"python3\"]\n", want: []int{2}},
		{name: "DS025 wrong flag", src: "FROM alpine:3.5\nRUN apk add --no-cacher bash\n", want: []int{2}},
		{name: "DS025 last", src: "FROM alpine:3.14\nRUN apk add bash --no-cache\n"},
		{name: "DS025 other command's flag", src: "FROM alpine:3.17\nRUN apk upgrade --no-cache && apk add python3\n", want: []int{2}},
	})
	runRuleCases(t, "DF622", []ruleCase{
		{name: "DS015 denied", src: "FROM centos:7\nRUN yum install vim\n", want: []int{2}},
		{name: "DS015 wrong order", src: "FROM centos:7\nRUN yum clean all && yum -y install\n", want: []int{2}},
		{name: "DS015 multiple denied", src: "FROM centos:7\nRUN yum -y install bash && yum clean all && yum -y install zsh\n", want: []int{2}},
		{name: "DS015 multiple allowed", src: "FROM centos:7\nRUN yum -y install bash && yum clean all && yum -y install zsh && yum clean all\n"},
		{name: "DS015 clean with flags", src: "FROM centos:7\nRUN if [ \"$TBB\" == \"default\" ]; then  yum -y install tbb tbb-devel && yum clean -y all; fi\n"},
		{name: "DS015 only clean", src: "FROM centos:7\nRUN yum clean all\n"},
	})
	runRuleCases(t, "DF625", []ruleCase{
		{name: "DS019 denied", src: "FROM fedora:27\nRUN set -uex &&     dnf config-manager --add-repo https://download.docker.com/linux/fedora/docker-ce.repo &&     sed -i 's/\\\\$releasever/26/g' /etc/yum.repos.d/docker-ce.repo &&     dnf install -vy docker-ce\n", want: []int{2}},
		{name: "DS019 allowed", src: "FROM fedora:27\nRUN set -uex &&     dnf install -vy docker-ce &&     dnf clean all\n"},
		{name: "DS019 wrong order", src: "FROM fedora:27\nRUN dnf clean all && dnf install -vy docker-ce\n", want: []int{2}},
		{name: "DS019 multiple denied", src: "FROM fedora:27\nRUN dnf install bash && dnf clean all && dnf install zsh\n", want: []int{2}},
		{name: "DS027 denied", src: "FROM ubi8:8.7\nRUN set -uex &&     microdnf install -vy docker-ce\n", want: []int{2}},
		{name: "DS027 allowed", src: "FROM ubi8:8.7\nRUN set -uex &&      microdnf install -vy docker-ce &&     microdnf clean all\n"},
		{name: "DS027 multiple allowed", src: "FROM ubi8:8.7\nRUN microdnf install bash && microdnf clean all && microdnf install zsh && microdnf clean all\n"},
	})
	runRuleCases(t, "DF629", []ruleCase{
		{name: "DS020 denied", src: "FROM opensuse/leap:15.6\nRUN zypper install\n", want: []int{2}},
		{name: "DS020 patch", src: "FROM opensuse/leap:15.6\nRUN zypper patch bash\n", want: []int{2}},
		{name: "DS020 allowed", src: "FROM opensuse/leap:15.6\nRUN zypper install bash && zypper clean\n"},
		// divergence: a removal downloads no packages.
		{name: "DS020 remove after clean (divergence)", src: "FROM opensuse/leap:15.6\nRUN zypper install bash && zypper clean && zypper remove bash\n"},
	})
}

// TestAdversarialKnownImages: base images whose configuration answers
// what the Dockerfile does not say.
func TestAdversarialKnownImages(t *testing.T) {
	runRuleCases(t, "DF601", []ruleCase{
		{name: "cimg sets Assume-Yes", src: "FROM cimg/python:3.12\nRUN sudo apt-get update && sudo apt-get install libpq-dev\n"},
		{name: "legacy circleci image", src: "FROM circleci/node:14\nRUN sudo apt-get install libpq-dev\n"},
		{name: "through a parent stage", src: "FROM cimg/base:2024.01 AS base\nFROM base\nRUN sudo apt-get install jq\n"},
		{name: "other image", src: "FROM acme/cimg:1\nRUN apt-get install jq\n", want: []int{2}},
	})
	runRuleCases(t, "DF711", []ruleCase{
		{name: "cimg shell has pipefail", src: "FROM cimg/base:2024.01\nRUN curl -fsSL https://x | tar -xz\n"},
		{name: "cimg through a parent stage", src: "FROM cimg/go:1.22 AS base\nFROM base\nRUN curl -fsSL https://x | tar -xz\n"},
		{name: "cimg with SHELL replaced", src: "FROM cimg/base:2024.01\nSHELL [\"/bin/sh\", \"-c\"]\nRUN curl -fsSL https://x | tar -xz\n", want: []int{3}},
		{name: "jupyter stacks shell has pipefail", src: "FROM quay.io/jupyter/scipy-notebook:2024-05-27\nUSER root\nRUN curl -fsSL https://x | tar -xz\n"},
		{name: "jupyter on Docker Hub", src: "FROM jupyter/base-notebook:latest\nRUN wget -qO- https://x | tar -xz\n"},
		{name: "legacy circleci image keeps sh", src: "FROM circleci/python:3.9\nRUN curl -fsSL https://x | tar -xz\n", want: []int{2}},
	})
}

func TestAdversarialRpmRound2(t *testing.T) {
	runRuleCases(t, "DF626", []ruleCase{
		{name: "rpm URL", src: advUBI + "RUN dnf install -y https://dl.fedoraproject.org/pub/epel/epel-release-latest-9.noarch.rpm && dnf clean all\n"},
		{name: "capability", src: advUBI + "RUN dnf install -y 'dnf-command(config-manager)' && dnf clean all\n"},
		{name: "group", src: advUBI + "RUN dnf install -y @development-tools && dnf clean all\n"},
		{name: "ARG version", src: advUBI + "ARG V\nRUN dnf install -y nginx-${V} && dnf clean all\n"},
		{name: "tdnf", src: "FROM mcr.microsoft.com/azurelinux/base/core:3.0\nRUN tdnf install -y ca-certificates && tdnf clean all\n", want: []int{2}},
		{name: "setopt value", src: advUBI + "RUN dnf install -y --setopt install_weak_deps=False nginx-1.24.0 && dnf clean all\n"},
	})
	runRuleCases(t, "DF625", []ruleCase{
		{name: "tdnf clean", src: "FROM mcr.microsoft.com/azurelinux/base/core:3.0\nRUN tdnf install -y ca-certificates && tdnf clean all\n"},
		{name: "installroot clean", src: "FROM mcr.microsoft.com/azurelinux/base/core:3.0\nRUN tdnf install -y --installroot /staging glibc && tdnf clean all --installroot /staging\n"},
		{name: "remove only", src: advUBI + "RUN dnf remove -y vim-minimal\n"},
		{name: "makecache only", src: advUBI + "RUN dnf makecache\n"},
	})
	runRuleCases(t, "DF630", []ruleCase{
		{name: "pattern type", src: advSUSE + "RUN zypper -n in -t pattern devel_basis && zypper clean\n"},
		{name: "removal prefix", src: advSUSE + "RUN zypper -n in -- -vim && zypper clean\n"},
		{name: "unpinned", src: advSUSE + "RUN zypper -n in git-core && zypper clean\n", want: []int{2}},
	})
}
