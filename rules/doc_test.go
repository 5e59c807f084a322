package rules

import (
	"strings"
	"testing"
)

// TestRuleDocs holds every registered rule to the documentation bar: each
// part of the doc is present, the Bad example makes the rule fire and the
// Good example keeps it quiet.
func TestRuleDocs(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			for field, v := range map[string]string{
				"Summary": r.Summary, "Why": r.Doc.Why, "Bad": r.Doc.Bad, "Good": r.Doc.Good, "Fix": r.Doc.Fix, "Since": r.Since,
			} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s: empty %s", r.ID, field)
				}
			}
			if strings.HasSuffix(r.Summary, ".") {
				t.Errorf("%s: summary should not end with a period", r.ID)
			}
			if r.Doc.Bad == "" || r.Doc.Good == "" || r.Meta {
				return // meta rules are exercised by the engine's tests
			}
			bad := ruleCase{src: r.Doc.Bad, files: r.Doc.BadContext, options: r.Doc.Options}
			if bad.files == nil {
				bad.files = map[string]string{}
			}
			if fs := lintWith(t, r, bad); len(fs) == 0 {
				t.Errorf("%s: the Bad example does not fire:\n%s", r.ID, r.Doc.Bad)
			}
			good := ruleCase{src: r.Doc.Good, files: r.Doc.GoodContext, options: r.Doc.Options}
			if good.files == nil {
				good.files = map[string]string{}
			}
			if fs := lintWith(t, r, good); len(fs) != 0 {
				t.Errorf("%s: the Good example fires:%s\n%s", r.ID, dump(fs), r.Doc.Good)
			}
		})
	}
}
