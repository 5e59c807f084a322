package rules

import "testing"

func TestMaintainerDeprecated(t *testing.T) {
	runRuleCases(t, "DF805", []ruleCase{
		{name: "maintainer", src: "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n", want: []int{2}},
		{name: "lower case in a later stage", src: "FROM alpine:3.20 AS a\nFROM a\nmaintainer jane\n", want: []int{3}},

		{name: "label", src: "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n"},
		{name: "label named maintainer", src: "FROM alpine:3.20\nLABEL maintainer=\"jane@example.com\"\n"},
	})
	r, _ := Lookup("DF805")
	fs := lintWith(t, r, ruleCase{src: "FROM alpine:3.20\nMAINTAINER Jane \"JD\" Doe $HOME\n"})
	if len(fs) != 1 || fs[0].Fix != `LABEL org.opencontainers.image.authors="Jane \"JD\" Doe \$HOME"` {
		t.Errorf("fix = %q", fs[0].Fix)
	}
}
