package rules

import "testing"

func TestLegacyKeyValueFormat(t *testing.T) {
	runRuleCases(t, "DF813", []ruleCase{
		{name: "ENV", src: "FROM alpine:3.20\nENV APP_HOME /srv/app\n", want: []int{2}},
		{name: "LABEL", src: "FROM alpine:3.20\nLABEL maintainer jane@example.com\n", want: []int{2}},
		{name: "multi-line value", src: "FROM php:8.3\nENV PHPIZE_DEPS \\\n    autoconf \\\n    make\n", want: []int{2}},
		{name: "lower-case keyword", src: "FROM alpine:3.20\nenv A 1\n", want: []int{2}},
		{name: "escape directive", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV DIR C:\\app\n", want: []int{3}},

		{name: "key=value", src: "FROM alpine:3.20\nENV APP_HOME=/srv/app A=1\nLABEL a=b \"c d\"=e\n"},
		{name: "quoted key=value", src: "FROM alpine:3.20\nENV GREETING=\"hello world\"\n"},
		{name: "ARG is not ENV", src: "FROM alpine:3.20\nARG A\n"},
	})
	r, _ := Lookup("DF813")
	for src, want := range map[string]string{
		"FROM a\nENV A /x\n":                           "ENV A=/x",
		"FROM a\nENV A hello   world\n":                `ENV A="hello   world"`,
		"FROM a\nENV A \"hello world\"\n":              `ENV A="hello world"`,
		"FROM a\nENV PATH /a/bin:$PATH\n":              "ENV PATH=/a/bin:$PATH",
		"FROM a\nENV A it's \"complicated\"\n":         "ENV A=<value>",
		"FROM a\nLABEL description A tool\n":           `LABEL description="A tool"`,
		"FROM a\nENV DEPS \\\n  autoconf \\\n  make\n": `ENV DEPS="autoconf   make"`,
	} {
		fs := lintWith(t, r, ruleCase{src: src})
		if len(fs) != 1 || fs[0].Fix != want {
			t.Errorf("%q: findings %v, want fix %q", src, fs, want)
		}
	}
}
