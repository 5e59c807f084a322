package rules

import "testing"

func TestUndefinedArgInFrom(t *testing.T) {
	runRuleCases(t, "DF110", []ruleCase{
		{name: "undeclared", src: "FROM node:22${VARIANT} AS jsbuilder\n", want: []int{1},
			messages: []string{"FROM argument 'VARIANT' is not declared"}},
		{name: "misspelt", src: "ARG VERSION=3.20\nFROM alpine:$VERSON\n", want: []int{2},
			messages: []string{"FROM argument 'VERSON' is not declared (did you mean VERSION?)"}},
		{name: "misspelt platform arg", src: "FROM --platform=$BUILDPLATFROM golang:1.22 AS build\n", want: []int{1},
			messages: []string{"did you mean BUILDPLATFORM?"}},
		{name: "ARG inside a stage", src: "FROM alpine:3.20 AS base\nARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}\n", want: []int{3},
			messages: []string{"the ARG on line 2 belongs to its stage"}},
		{name: "default form still undeclared", src: "FROM alpine:${ALPINE_TAG:-3.20}\n", want: []int{1}},
		{name: "two undeclared, sorted", src: "FROM ${REGISTRY}/app:${TAG}\n", want: []int{1, 1},
			messages: []string{"'REGISTRY'", "'TAG'"}},
		{name: "continuation line", src: "ARG A=1\nFROM \\\n  alpine:$UNDECLARED\n", want: []int{3}},
		{name: "escape directive", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:$WINVER\n", want: []int{2}},
		{name: "lower-case keyword", src: "from alpine:$TAG as base\n", want: []int{1}},

		{name: "declared with default", src: "ARG ALPINE_VERSION=3.20\nFROM alpine:${ALPINE_VERSION}\n"},
		{name: "declared without default", src: "ARG TAG\nFROM alpine:${TAG}\n"},
		{name: "predefined platform args", src: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM build_${TARGETARCH}${TARGETVARIANT}\n"},
		{name: "TARGETSTAGE and OS versions", src: "FROM mcr.microsoft.com/windows/servercore:${TARGETOSVERSION}-${TARGETSTAGE}\n"},
		{name: "escaped dollar", src: "FROM alpine:\\$TAG\n"},
		{name: "no variables", src: "FROM alpine:3.20\n"},
		{name: "ARG-built full name", src: "ARG REG=ghcr.io/acme\nARG V=1.2\nFROM ${REG}/app:${V}\n"},
		{name: "windows with escape directive", src: "# escape=`\nARG WINVER=ltsc2022\nFROM mcr.microsoft.com/windows/servercore:$WINVER\nRUN dir C:\\\n"},
	})
}

func TestInvalidDefaultArgInFrom(t *testing.T) {
	runRuleCases(t, "DF111", []ruleCase{
		{name: "tag without default", src: "ARG TAG\nFROM busybox:${TAG}\n", want: []int{2},
			messages: []string{"base image 'busybox:${TAG}' expands to 'busybox:', which is not a valid image reference (ARG TAG has no default)"}},
		{name: "whole name without default", src: "ARG IMAGE\nFROM $IMAGE\n", want: []int{2}, messages: []string{"expands to an empty name"}},
		{name: "empty digest default", src: "ARG IMG=ghcr.io/acme/app:1\nARG SHA=\"\"\nFROM ${IMG}@${SHA} AS app\n", want: []int{3},
			messages: []string{"ARG SHA has an empty default"}},
		{name: "self-referencing default", src: "ARG V=${V}\nFROM oracle/fmw-infrastructure:${V}\n", want: []int{2}},
		{name: "upper-case result", src: "ARG NAME=Alpine\nFROM ${NAME}:3.20\n", want: []int{2}},
		{name: "later stage", src: "ARG TAG\nFROM alpine:3.20 AS base\nFROM busybox:${TAG}\n", want: []int{3}},
		{name: "continuation line", src: "ARG TAG\nFROM \\\n  busybox:${TAG}\n", want: []int{3}},

		{name: "default given", src: "ARG TAG=latest\nFROM busybox:${TAG}\n"},
		{name: "may be empty", src: "ARG VARIANT\nFROM busybox:stable${VARIANT}\n"},
		{name: "fallback in FROM", src: "ARG TAG\nFROM alpine:${TAG:-3.14}\n"},
		{name: "undeclared is DF110's", src: "FROM busybox:${TAG}\n"},
		{name: "stage per platform", src: "FROM alpine:3.20 AS build_amd64\nFROM alpine:3.20 AS build_arm\nFROM build_${TARGETARCH}\n"},
		{name: "platform-dependent validity", src: "FROM arm32v7/alpine:${TARGETVARIANT}\n"},
		{name: "default built from another ARG", src: "ARG BASE=silverblue\nARG IMAGE=ghcr.io/ublue-os/${BASE}-main\nFROM ${IMAGE}:42\n"},
		{name: "stage through ARG", src: "ARG B=base\nFROM alpine:3.20 AS base\nFROM ${B}\n"},
		{name: "no variable", src: "FROM alpine:3.20\n"},
		{name: "windows escape directive", src: "# escape=`\nARG TAG=ltsc2022\nFROM mcr.microsoft.com/windows/servercore:${TAG}\n"},
	})
}

func TestRedundantTargetPlatform(t *testing.T) {
	runRuleCases(t, "DF112", []ruleCase{
		{name: "dollar form", src: "FROM --platform=$TARGETPLATFORM alpine:3.20 AS builder\n", want: []int{1},
			messages: []string{"--platform=$TARGETPLATFORM is redundant"}},
		{name: "braces", src: "FROM --platform=${TARGETPLATFORM} alpine:3.20\n", want: []int{1}},
		{name: "quoted", src: "FROM --platform=\"$TARGETPLATFORM\" alpine:3.20\n", want: []int{1}},
		{name: "lower-case keyword", src: "from --platform=$TARGETPLATFORM alpine:3.20 as x\n", want: []int{1}},
		{name: "declared without default", src: "ARG TARGETPLATFORM\nFROM --platform=$TARGETPLATFORM alpine:3.20\n", want: []int{2}},
		{name: "continuation", src: "FROM \\\n  --platform=$TARGETPLATFORM \\\n  alpine:3.20\n", want: []int{2}},

		{name: "build platform", src: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"},
		{name: "os and arch", src: "FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20\n"},
		{name: "constant", src: "FROM --platform=linux/amd64 alpine:3.20\n"},
		{name: "overridden by a global default", src: "ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine:3.20\n"},
		{name: "no flag", src: "FROM alpine:3.20\n"},
	})
}

func TestFromPlatformConstant(t *testing.T) {
	runRuleCases(t, "DF113", []ruleCase{
		{name: "constant", src: "FROM --platform=linux/amd64 alpine:3.20 AS base\n", want: []int{1},
			messages: []string{"FROM --platform uses the constant 'linux/amd64'"}},
		{name: "unnamed stage", src: "FROM --platform=linux/arm64/v8 alpine:3.20\n", want: []int{1}},
		{name: "quoted", src: "FROM --platform=\"linux/amd64\" alpine:3.20\n", want: []int{1}},
		{name: "windows", src: "# escape=`\nFROM --platform=windows/amd64 mcr.microsoft.com/windows/servercore:ltsc2022\n", want: []int{2}},
		{name: "name about another platform", src: "FROM --platform=linux/arm64 alpine:3.20 AS build-armhf\n", want: []int{1}},
		{name: "arch alias", src: "FROM --platform=linux/x86_64 alpine:3.20 AS base\n", want: []int{1}},
		{name: "lone os", src: "FROM --platform=linux alpine:3.20 AS base\n", want: []int{1}},
		{name: "lower case and continuation", src: "from \\\n  --platform=linux/amd64 \\\n  alpine:3.20 as base\n", want: []int{2}},

		{name: "build platform", src: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"},
		{name: "variable with default", src: "FROM --platform=${BUILDPLATFORM:-linux/amd64} golang:1.22 AS build\n"},
		{name: "stage named after the arch", src: "FROM --platform=linux/amd64 alpine:3.20 AS build_amd64\nFROM --platform=linux/arm64 alpine:3.20 AS build_arm64\nFROM build_${TARGETARCH} AS build\n"},
		{name: "stage named after the os", src: "FROM --platform=linux/amd64 alpine:3.20 AS linux-base\n"},
		{name: "stage named after the written arch", src: "FROM --platform=linux/x86_64 alpine:3.20 AS tools-x86_64\n"},
		{name: "not a platform", src: "FROM --platform=a/b/c/d alpine:3.20\n"},
		{name: "no flag", src: "FROM alpine:3.20\n"},
	})
}
