package rules

import "testing"

func TestDuplicateStageName(t *testing.T) {
	runRuleCases(t, "DF106", []ruleCase{
		{name: "same name twice", src: "FROM golang:1.22 AS build\nRUN go version\nFROM node:22 AS build\n", want: []int{3},
			messages: []string{"stage name 'build' is already used by the stage on line 1"}},
		{name: "case-insensitive", src: "FROM golang:1.22 AS Build\nFROM node:22 AS build\n", want: []int{2}},
		{name: "three times", src: "FROM a:1 AS x\nFROM b:1 AS x\nFROM c:1 AS x\n", want: []int{2, 3}},
		{name: "lower-case keywords", src: "from alpine:3.20 as base\nfrom alpine:3.20 as base\n", want: []int{2}},
		{name: "continuation points at the name", src: "FROM alpine:3.20 AS base\nFROM debian:12 \\\n  AS base\n", want: []int{3}},
		{name: "escape directive", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS win\n", want: []int{3}},

		{name: "unique names", src: "FROM golang:1.22 AS build-go\nFROM node:22 AS build-web\nFROM alpine:3.20\n"},
		{name: "unnamed stages", src: "FROM golang:1.22\nFROM alpine:3.20\nFROM alpine:3.20\n"},
		{name: "prefix is not a duplicate", src: "FROM a:1 AS build\nFROM b:1 AS builder\n"},
		{name: "stage built from the named stage", src: "FROM a:1 AS base\nFROM base AS final\n"},
	})
}

func TestStageNameCasing(t *testing.T) {
	runRuleCases(t, "DF107", []ruleCase{
		{name: "camel case", src: "FROM alpine:3.20 AS BuilderBase\n", want: []int{1}, messages: []string{"'BuilderBase' should be lower case ('builderbase')"}},
		{name: "upper case", src: "from alpine:3.20 as FINAL_BUILD\n", want: []int{1}},
		{name: "with platform flag", src: "FROM --platform=$BUILDPLATFORM golang:1.22 AS Build\n", want: []int{1}},
		{name: "continuation", src: "FROM alpine:3.20 \\\n    AS Builder\nRUN true\n", want: []int{2}},
		{name: "later stage", src: "FROM alpine:3.20 AS base\nFROM base AS Final\n", want: []int{2}},

		{name: "lower case", src: "FROM alpine:3.20 AS builder-base\n"},
		{name: "digits and symbols", src: "FROM alpine:3.20 AS build_amd64.v2\n"},
		{name: "unnamed", src: "FROM alpine:3.20\n"},
		{name: "reference in another case is not the definition", src: "FROM alpine:3.20 AS base\nFROM BASE\n"},
	})
}

func TestFromAsCasing(t *testing.T) {
	runRuleCases(t, "DF108", []ruleCase{
		{name: "upper FROM lower as", src: "FROM debian:12 as builder\n", want: []int{1}, messages: []string{"'as' and 'FROM' keywords' casing do not match: write 'AS'"}},
		{name: "lower from upper AS", src: "from debian:12 AS builder\n", want: []int{1}, messages: []string{"write 'as'"}},
		{name: "mixed As", src: "FROM debian:12 As builder\n", want: []int{1}},
		{name: "continuation", src: "FROM debian:12 \\\n  as builder\n", want: []int{2}},
		{name: "each stage", src: "FROM a:1 as x\nFROM b:1 AS y\nFROM c:1 as z\n", want: []int{1, 3}},

		{name: "both upper", src: "FROM debian:12 AS builder\n"},
		{name: "both lower", src: "from debian:12 as builder\n"},
		{name: "mixed-case FROM is another rule's", src: "From debian:12 as builder\n"},
		{name: "no stage name", src: "FROM debian:12\n"},
		{name: "escape directive", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\n"},
	})
}

func TestReservedStageName(t *testing.T) {
	runRuleCases(t, "DF109", []ruleCase{
		{name: "scratch", src: "FROM alpine:3.20 AS scratch\n", want: []int{1}, messages: []string{"'scratch' is reserved"}},
		{name: "context", src: "FROM alpine:3.20 AS context\n", want: []int{1}, messages: []string{"'context' is reserved"}},
		{name: "upper case", src: "FROM alpine:3.20 AS Scratch\nFROM scratch\n", want: []int{1}},
		{name: "lower-case keywords", src: "from alpine:3.20 as context\n", want: []int{1}},

		{name: "FROM scratch", src: "FROM scratch\nCOPY app /app\n"},
		{name: "other name", src: "FROM alpine:3.20 AS builder\n"},
		{name: "contains a reserved word", src: "FROM alpine:3.20 AS scratchpad\nFROM alpine:3.20 AS build-context\n"},
		{name: "unnamed", src: "FROM alpine:3.20\n"},
	})
}
