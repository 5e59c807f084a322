package rules

import "testing"

func TestInvalidLabelKey(t *testing.T) {
	runRuleCases(t, "DF817", []ruleCase{
		{name: "upper case", src: "FROM alpine:3.20\nLABEL Maintainer=\"jane\"\n", want: []int{2}, messages: []string{"upper-case"}},
		{name: "underscore", src: "FROM alpine:3.20\nLABEL build_version=\"1\"\n", want: []int{2}},
		{name: "reserved namespace", src: "FROM alpine:3.20\nLABEL com.docker.thing=1\n", want: []int{2}, messages: []string{"reserved"}},
		{name: "consecutive separators", src: "FROM alpine:3.20\nLABEL com..example=1 a--b=2\n", want: []int{2, 2}},
		{name: "starts with a digit", src: "FROM alpine:3.20\nLABEL 1password=x\n", want: []int{2}},
		{name: "ends with a dot", src: "FROM alpine:3.20\nLABEL com.example.=x\n", want: []int{2}},
		{name: "quoted key", src: "FROM alpine:3.20\nLABEL \"registry_image\"=\"r.j3ss.co/x\"\n", want: []int{2}},
		{name: "ARG-built key", src: "FROM alpine:3.20\nARG NS=Com.Example\nLABEL ${NS}.x=1\n", want: []int{3}},
		{name: "second pair on a continuation line", src: "FROM alpine:3.20\nLABEL a=1 \\\n  Description=x\n", want: []int{3}},
		{name: "legacy form", src: "FROM alpine:3.20\nLABEL Vendor ACME\n", want: []int{2}},

		{name: "valid keys", src: "FROM alpine:3.20\nLABEL maintainer=x org.opencontainers.image.source=https://x io.k8s.display-name=y version=1.0\n"},
		{name: "docker extension labels", src: "FROM alpine:3.20\nLABEL com.docker.desktop.extension.api.version=\">= 0.2.3\" com.docker.extension.screenshots=\"[]\"\n"},
		{name: "unknown key", src: "FROM alpine:3.20\nARG KEY\nLABEL $KEY=1\n"},
	})
}

func TestLabelSchema(t *testing.T) {
	schema := func(strict bool, kv ...string) *LabelSchemaOptions {
		o := &LabelSchemaOptions{RequiredLabels: map[string]string{}, StrictLabels: strict}
		for i := 0; i+1 < len(kv); i += 2 {
			o.RequiredLabels[kv[i]] = kv[i+1]
		}
		return o
	}
	src := schema(false, "org.opencontainers.image.source", "url")
	runRuleCases(t, "DF818", []ruleCase{
		{name: "missing", src: "FROM alpine:3.20\nRUN true\n", options: src, want: []int{1}, messages: []string{"org.opencontainers.image.source"}},
		{name: "missing in the final stage", src: "FROM alpine:3.20 AS build\nLABEL org.opencontainers.image.source=https://x\nFROM alpine:3.20\n", options: src, want: []int{3}},
		{name: "bad url", src: "FROM alpine:3.20\nLABEL org.opencontainers.image.source=\"github.com acme\"\n", options: src, want: []int{2}},
		{name: "scp-like git address is not a URL", src: "FROM alpine:3.20\nLABEL org.opencontainers.image.source=git@github.com:acme/app.git\n", options: src, want: []int{2}},
		{name: "empty", src: "FROM alpine:3.20\nLABEL org.opencontainers.image.source=\"\"\n", options: src, want: []int{2}, messages: []string{"empty"}},
		{name: "semver", src: "FROM alpine:3.20\nLABEL v=v1.2.3 w=1.2 x=1.2.3-rc.1+build.5\n", options: schema(false, "v", "semver", "w", "semver", "x", "semver"), want: []int{2, 2},
			messages: []string{"leading v", "MAJOR"}},
		{name: "rfc3339", src: "FROM alpine:3.20\nLABEL created=2024-06-01 ok=2024-06-01T12:00:00.5+02:00\n", options: schema(false, "created", "rfc3339", "ok", "rfc3339"), want: []int{2}},
		{name: "hash", src: "FROM alpine:3.20\nLABEL a=abc123 b=0123456789abcdef0123456789abcdef01234567 c=xyz1234\n", options: schema(false, "a", "hash", "b", "hash", "c", "hash"), want: []int{2, 2}},
		{name: "email", src: "FROM alpine:3.20\nLABEL a=jane@example.com b=\"Jane <jane@example.com>\" c=jane\n", options: schema(false, "a", "email", "b", "email", "c", "email"), want: []int{2, 2}},
		{name: "spdx", src: "FROM alpine:3.20\nLABEL a=MIT b=\"Apache-2.0 OR (MIT AND BSD-3-Clause)\" c=\"GPL-2.0-or-later WITH Classpath-exception-2.0\" d=LicenseRef-acme e=\"MIT OR\" f=Proprietary g=apache-2.0\n",
			options: schema(false, "a", "spdx", "b", "spdx", "c", "spdx", "d", "spdx", "e", "spdx", "f", "spdx", "g", "spdx"), want: []int{2, 2}},
		{name: "strict", src: "FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://x extra=1\n", options: schema(true, "org.opencontainers.image.source", "url"), want: []int{2},
			messages: []string{`"extra"`}},
		{name: "ARG value", src: "ARG V=v2\nFROM alpine:3.20\nARG V\nLABEL version=$V\n", options: schema(false, "version", "semver"), want: []int{4}},

		{name: "no options", src: "FROM alpine:3.20\nLABEL Anything=goes\n"},
		{name: "present and valid", src: "FROM alpine:3.20\nLABEL org.opencontainers.image.source=\"https://github.com/acme/app\"\n", options: src},
		{name: "in the parent stage", src: "FROM alpine:3.20 AS base\nLABEL org.opencontainers.image.source=https://x\nFROM base\n", options: src},
		{name: "unknown value", src: "FROM alpine:3.20\nARG SRC\nLABEL org.opencontainers.image.source=$SRC\n", options: src},
		{name: "unknown key may be any label", src: "FROM alpine:3.20\nARG K\nLABEL $K=1\n", options: src},
		{name: "text", src: "FROM alpine:3.20\nLABEL title=\"My app\"\n", options: schema(false, "title", "text")},
		{name: "not strict", src: "FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://x extra=1\n", options: src},
	})
}
