package rules

import "testing"

func TestBaseImageUntagged(t *testing.T) {
	runRuleCases(t, "DF101", []ruleCase{
		{name: "no tag", src: "FROM ubuntu\n", want: []int{1}},
		{name: "registry port is not a tag", src: "FROM localhost:5000/app\n", want: []int{1}},
		{name: "each stage", src: "FROM golang AS build\nRUN true\nFROM debian\n", want: []int{1, 3}},
		{name: "ARG default resolves to untagged", src: "ARG BASE=ubuntu\nFROM $BASE\n", want: []int{2}, messages: []string{"= 'ubuntu'"}},
		{name: "platform flag", src: "FROM --platform=$BUILDPLATFORM golang AS build\n", want: []int{1}},
		{name: "lower-case keyword", src: "from alpine as x\n", want: []int{1}},
		{name: "continuation points at the image", src: "FROM \\\n  alpine\n", want: []int{2}},

		{name: "tagged", src: "FROM ubuntu:24.04\n"},
		{name: "digest", src: "FROM ubuntu@sha256:" + sha + "\n"},
		{name: "latest is another rule", src: "FROM ubuntu:latest\n"},
		{name: "scratch", src: "FROM scratch\n"},
		{name: "stage reference", src: "FROM golang:1.22 AS build\nFROM build\n"},
		{name: "stage reference is case-insensitive", src: "FROM golang:1.22 AS Build\nFROM BUILD\n"},
		{name: "ARG without default is unknown", src: "ARG BASE\nFROM $BASE\n"},
		{name: "ARG default with tag", src: "ARG TAG=3.20\nFROM alpine:${TAG}\n"},
		{name: "ARG-built full name", src: "ARG REG=ghcr.io/acme\nARG V=1.2\nFROM ${REG}/app:${V}\n"},
		{name: "registry port with tag", src: "FROM localhost:5000/app:1.0\n"},
		{name: "windows image", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n"},
		{name: "undeclared variable", src: "FROM ${UNDECLARED}\n"},
	})
}

func TestBaseImageLatest(t *testing.T) {
	runRuleCases(t, "DF102", []ruleCase{
		{name: "latest", src: "FROM node:latest\n", want: []int{1}},
		{name: "latest via ARG", src: "ARG TAG=latest\nFROM node:$TAG AS app\n", want: []int{2}},
		{name: "latest in a later stage", src: "FROM node:22 AS build\nFROM nginx:latest\n", want: []int{2}},

		{name: "version", src: "FROM node:22\n"},
		{name: "latest with digest", src: "FROM node:latest@sha256:" + sha + "\n"},
		{name: "untagged is another rule", src: "FROM node\n"},
		{name: "unknown ARG", src: "ARG TAG\nFROM node:$TAG\n"},
		{name: "scratch", src: "FROM scratch\n"},
	})
}

func TestBaseImageNoDigest(t *testing.T) {
	runRuleCases(t, "DF103", []ruleCase{
		{name: "tag only", src: "FROM alpine:3.20\n", want: []int{1}},
		{name: "untagged", src: "FROM alpine\n", want: []int{1}},

		{name: "digest", src: "FROM alpine:3.20@sha256:" + sha + "\n"},
		{name: "scratch", src: "FROM scratch\n"},
		{name: "stage", src: "FROM alpine@sha256:" + sha + " AS a\nFROM a\n"},
		{name: "unknown", src: "ARG IMG\nFROM $IMG\n"},
	})
}

const sha = "beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d"
