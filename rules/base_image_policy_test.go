package rules

import "testing"

func TestUntrustedRegistry(t *testing.T) {
	hub := &UntrustedRegistryOptions{TrustedRegistries: []string{"docker.io"}}
	own := &UntrustedRegistryOptions{TrustedRegistries: []string{"registry.acme.example:5000", "*.acme.example", "ghcr.io"}}
	runRuleCases(t, "DF104", []ruleCase{
		{name: "other registry", src: "FROM quay.io/prometheus/busybox:latest\n", options: hub, want: []int{1},
			messages: []string{"base image 'quay.io/prometheus/busybox:latest' comes from registry 'quay.io', which is not trusted (trusted-registries: docker.io)"}},
		{name: "docker hub not trusted", src: "FROM alpine:3.20\n", options: own, want: []int{1}, messages: []string{"registry 'docker.io'"}},
		{name: "index.docker.io is docker hub", src: "FROM index.docker.io/library/alpine:3.20\n", options: own, want: []int{1}},
		{name: "wildcard needs a subdomain", src: "FROM acme.example/app:1\n", options: own, want: []int{1}},
		{name: "port must match", src: "FROM registry.acme.example:5001/app:1\n", options: own, want: []int{1}},
		{name: "ARG default", src: "ARG REG=quay.io\nFROM ${REG}/org/app:1\n", options: hub, want: []int{2}, messages: []string{"(= 'quay.io/org/app:1')"}},
		{name: "each stage", src: "FROM gcr.io/distroless/static:nonroot AS a\nFROM alpine:3.20\nFROM mcr.microsoft.com/dotnet/sdk:8.0\n", options: hub, want: []int{1, 3}},
		{name: "COPY --from image", src: "FROM alpine:3.20\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/\n", options: hub, want: []int{2},
			messages: []string{"COPY --from image 'ghcr.io/astral-sh/uv:0.5' comes from registry 'ghcr.io'"}},
		{name: "RUN --mount image", src: "FROM alpine:3.20\nRUN --mount=from=quay.io/org/tools:1,target=/t ls /t\n", options: hub, want: []int{2}},
		{name: "lower-case keyword", src: "from quay.io/org/app:1 as base\n", options: hub, want: []int{1}},

		{name: "no options", src: "FROM quay.io/prometheus/busybox:latest\n"},
		{name: "empty list", src: "FROM quay.io/prometheus/busybox:latest\n", options: &UntrustedRegistryOptions{}},
		{name: "docker hub short names", src: "FROM alpine:3.20\nFROM bitnami/nginx:1.27\nFROM docker.io/library/debian:12\nFROM index.docker.io/library/debian:12\n", options: hub},
		{name: "hub.docker.com means docker hub", src: "FROM alpine:3.20\n", options: &UntrustedRegistryOptions{TrustedRegistries: []string{"hub.docker.com"}}},
		{name: "subdomain wildcard", src: "FROM eu.acme.example/base/python:3.12\nFROM a.b.acme.example/x:1\n", options: own},
		{name: "exact registry with port", src: "FROM registry.acme.example:5000/app:1\n", options: own},
		{name: "prefix wildcard", src: "FROM registry.acme.example/app:1\n", options: &UntrustedRegistryOptions{TrustedRegistries: []string{"registry.*"}}},
		{name: "star trusts all", src: "FROM quay.io/a/b:1\n", options: &UntrustedRegistryOptions{TrustedRegistries: []string{"*"}}},
		{name: "case and scheme are ignored", src: "FROM ghcr.io/acme/app:1\n", options: &UntrustedRegistryOptions{TrustedRegistries: []string{"https://GHCR.io/"}}},
		{name: "scratch", src: "FROM scratch\nCOPY app /app\n", options: own},
		{name: "stage reference", src: "FROM ghcr.io/acme/go:1 AS build\nFROM build\n", options: own},
		{name: "unknown ARG", src: "ARG IMAGE\nFROM $IMAGE\n", options: hub},
		{name: "COPY --from stage", src: "FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build /x /x\n", options: hub},
		{name: "COPY --from bare name may be a named context", src: "FROM ghcr.io/acme/app:1\nCOPY --from=composer /usr/bin/composer /usr/bin/\n", options: own},
		{name: "COPY --from index", src: "FROM ghcr.io/acme/app:1\nFROM ghcr.io/acme/app:1\nCOPY --from=0 /x /x\n", options: own},
		{name: "COPY --from unknown ARG", src: "FROM alpine:3.20\nARG IMG\nCOPY --from=$IMG /x /x\n", options: hub},
		{name: "windows", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n", options: &UntrustedRegistryOptions{TrustedRegistries: []string{"mcr.microsoft.com"}}},
	})
}

func TestBaseImagePolicy(t *testing.T) {
	deny := &BaseImagePolicyOptions{Denied: []string{"python:2*", "**:latest", "ghcr.io/legacy/**"}}
	allow := &BaseImagePolicyOptions{Allowed: []string{"node", "python:3.1[12]*", "gcr.io/distroless/*", "ghcr.io/acme/**"}, Denied: []string{"node:16*"}}
	runRuleCases(t, "DF105", []ruleCase{
		{name: "denied tag pattern", src: "FROM python:2.7-slim\n", options: deny, want: []int{1},
			messages: []string{"base image 'python:2.7-slim' is denied by the base-image policy (pattern 'python:2*')"}},
		{name: "denied latest, explicit and implicit", src: "FROM alpine:latest\nFROM bitnami/nginx\n", options: deny, want: []int{1, 2}},
		{name: "denied registry subtree", src: "FROM ghcr.io/legacy/team/app:1\n", options: deny, want: []int{1}},
		{name: "not allowed", src: "FROM debian:12\n", options: allow, want: []int{1},
			messages: []string{"base image 'debian:12' is not allowed by the base-image policy (allowed: node, python:3.1[12]*, gcr.io/distroless/*, ghcr.io/acme/**)"}},
		{name: "allowed name, wrong tag", src: "FROM python:3.9\n", options: allow, want: []int{1}},
		{name: "denied wins over allowed", src: "FROM node:16-alpine\n", options: allow, want: []int{1}, messages: []string{"denied"}},
		{name: "single star does not cross slashes", src: "FROM gcr.io/distroless/java/x:1\n", options: allow, want: []int{1}},
		{name: "user image is not the official one", src: "FROM bitnami/node:22\n", options: allow, want: []int{1}},
		{name: "ARG default", src: "ARG PY=2.7\nFROM python:${PY}\n", options: deny, want: []int{2}},
		{name: "lower case and continuation", src: "from \\\n  python:2.7 as legacy\n", options: deny, want: []int{2}},

		{name: "no options", src: "FROM python:2.7\n"},
		{name: "allowed official image", src: "FROM node:22-alpine\nFROM python:3.12-slim\n", options: allow},
		{name: "allowed by full name", src: "FROM docker.io/library/node:22\n", options: &BaseImagePolicyOptions{Allowed: []string{"docker.io/library/*"}}},
		{name: "allowed subtree", src: "FROM ghcr.io/acme/team/app:1.2\nFROM gcr.io/distroless/static:nonroot\n", options: allow},
		{name: "digest only: tag unknown", src: "FROM python@sha256:" + sha + "\n", options: allow},
		{name: "digest only is not denied by a tag pattern", src: "FROM python@sha256:" + sha + "\n", options: deny},
		{name: "digest pattern", src: "FROM python@sha256:" + sha + "\n", options: &BaseImagePolicyOptions{Allowed: []string{"python@sha256:" + sha}}},
		{name: "tag and digest", src: "FROM python:3.12@sha256:" + sha + "\n", options: allow},
		{name: "other tags are fine", src: "FROM python:3.12\nFROM alpine:3.20\n", options: deny},
		{name: "scratch and stages", src: "FROM node:22 AS build\nFROM build\nFROM scratch\n", options: allow},
		{name: "unknown ARG", src: "ARG BASE\nFROM ${BASE}\n", options: allow},
		{name: "user namespace pattern", src: "FROM bitnami/node:22\n", options: &BaseImagePolicyOptions{Allowed: []string{"*/node"}}},
		{name: "malformed pattern matches nothing", src: "FROM python:2.7\n", options: &BaseImagePolicyOptions{Denied: []string{"python:[2"}}},
	})
}
