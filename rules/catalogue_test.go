package rules

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite rules/README.md and the rule table in README.md from the registered rules")

// TestCatalogue keeps the generated rule documentation in step with the
// registered rules: rules/README.md (every rule's full doc, the target of
// Rule.DocURL) and the rule table between the markers in the top-level
// README.md. Run "make docs" (go test ./rules -run TestCatalogue -update)
// after adding or changing a rule.
func TestCatalogue(t *testing.T) {
	checkGenerated(t, "README.md", catalogue())
	top := filepath.Join("..", "README.md")
	readme, err := os.ReadFile(top)
	if err != nil {
		t.Skipf("no top-level README: %v", err)
	}
	const begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"
	i, j := bytes.Index(readme, []byte(begin)), bytes.Index(readme, []byte(end))
	if i < 0 || j < i {
		t.Fatalf("%s: rule table markers not found", top)
	}
	want := append(append(append([]byte{}, readme[:i+len(begin)]...), ruleTable("rules/README.md")...), readme[j:]...)
	checkGenerated(t, top, want)
}

func checkGenerated(t *testing.T, path string, want []byte) {
	t.Helper()
	got, _ := os.ReadFile(path)
	if bytes.Equal(got, want) {
		return
	}
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s is stale; run: make docs", path)
}

// catalogue renders every rule's documentation.
func catalogue() []byte {
	var b bytes.Buffer
	b.WriteString("# dflint rules\n\n")
	b.WriteString("<!-- Generated from the rule definitions by `make docs`; do not edit. -->\n\n")
	b.WriteString("Every rule dflint knows, with why it matters, a bad and a good example, how to fix it and the\n")
	b.WriteString("equivalent checks of hadolint, BuildKit (`docker build --check`) and Trivy. `dflint explain ID`\n")
	b.WriteString("prints the same text in a terminal.\n\n")
	b.Write(ruleTable(""))
	for _, r := range All() {
		b.WriteString("\n")
		md := r.Markdown()
		// Anchor headings by id so DocURL's fragment resolves.
		md = strings.Replace(md, "## "+r.ID+" "+r.Name, fmt.Sprintf("<a id=\"%s\"></a>\n## %s %s", strings.ToLower(r.ID), r.ID, r.Name), 1)
		b.WriteString(md)
	}
	return b.Bytes()
}

// ruleTable renders the one-line-per-rule table; links point into the
// catalogue file doc.
func ruleTable(doc string) []byte {
	var b bytes.Buffer
	b.WriteString("| ID | Name | Severity | Summary | hadolint | BuildKit | Trivy |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, r := range All() {
		sev := r.Severity.String()
		if r.DefaultOff {
			sev += " (off by default)"
		}
		fmt.Fprintf(&b, "| [%s](%s) | %s | %s | %s | %s | %s | %s |\n",
			r.ID, doc+"#"+strings.ToLower(r.ID), r.Name, sev, strings.ReplaceAll(r.Summary, "|", "\\|"),
			dashIfEmpty(r.Aliases.Hadolint), dashIfEmpty(r.Aliases.BuildKit), dashIfEmpty(r.Aliases.Trivy))
	}
	return b.Bytes()
}

func dashIfEmpty(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, ", ")
}
