package rules

import "testing"

func TestEnvSelfReference(t *testing.T) {
	runRuleCases(t, "DF810", []ruleCase{
		{name: "later pair", src: "FROM alpine:3.20\nENV APP_HOME=/srv/app APP_BIN=$APP_HOME/bin\n", want: []int{2},
			messages: []string{"APP_BIN uses $APP_HOME"}},
		{name: "braces", src: "FROM alpine:3.20\nENV A=1 B=${A}-x\n", want: []int{2}},
		{name: "continuation points at the pair", src: "FROM alpine:3.20\nENV GOPATH=/go \\\n    PATH=$GOPATH/bin:$PATH\n", want: []int{3}},
		{name: "changed value", src: "FROM alpine:3.20\nENV V=1\nENV V=2 W=$V\n", want: []int{3}, messages: []string{`$V in W is "1"`}},
		{name: "ARG then changed", src: "FROM alpine:3.20\nARG PREFIX\nENV PREFIX=/opt/$PREFIX BIN=$PREFIX/bin\n", want: []int{3},
			messages: []string{"ARG on line 2"}},
		{name: "default modifier", src: "FROM alpine:3.20\nENV A=1 B=${A:-2}\n", want: []int{2}},
		{name: "two uses, one finding per pair", src: "FROM alpine:3.20\nENV A=1 B=$A:$A C=$A\n", want: []int{2, 2}},

		{name: "separate ENVs", src: "FROM alpine:3.20\nENV APP_HOME=/srv/app\nENV APP_BIN=$APP_HOME/bin\n"},
		{name: "earlier pair", src: "FROM alpine:3.20\nENV OLD=$A A=1\n"},
		{name: "own value", src: "FROM alpine:3.20\nENV PATH=/opt/bin:$PATH GOPATH=/go\n"},
		{name: "same value as before", src: "FROM alpine:3.20\nENV A=1\nENV A=1 B=$A\n"},
		{name: "self assignment", src: "FROM alpine:3.20\nARG VERSION\nENV VERSION=$VERSION URL=https://x/$VERSION\n"},
		{name: "quoted self assignment", src: "FROM alpine:3.20\nARG VERSION\nENV VERSION=\"${VERSION}\" URL=https://x/$VERSION\n"},
		{name: "single quotes do not expand", src: "FROM alpine:3.20\nENV A=1 B='$A'\n"},
		{name: "escaped dollar", src: "FROM alpine:3.20\nENV A=1 B=\\$A\n"},
		{name: "prefix of another name", src: "FROM alpine:3.20\nENV A=1 B=$AB\n"},
		{name: "legacy form has one pair", src: "FROM alpine:3.20\nENV A $A:1\n"},
		{name: "ARG pairs see earlier pairs", src: "FROM alpine:3.20\nARG A=1 B=$A\n"},
	})
}
