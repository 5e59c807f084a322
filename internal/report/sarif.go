package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/dflint/dflint/rules"
)

// The sarif format is a SARIF 2.1.0 log with one run, for GitHub code
// scanning and other SARIF consumers.
//
//   - tool.driver describes dflint and lists every enabled rule (plus any
//     rule a finding names that the report does not list) with its
//     summary, documentation, help link, default level and tags.
//   - Each finding is a result with ruleId, ruleIndex, level, message,
//     one physical location and a primaryLocationLineHash partial
//     fingerprint; a suggested fix is in result.properties.fix (dflint's
//     fixes are prose, not the byte replacements SARIF fixes need).
//   - Files that could not be linted are error notifications in
//     invocations[0].toolExecutionNotifications, and executionSuccessful is
//     false when there is any.
//
// The log is built with go-sarif and then compacted: members that only
// restate a schema default (empty arrays, empty objects, -1 indexes,
// offsets and ranks) are dropped, except run.results, which must be
// present in a scan's log.

const (
	sarifSchemaURI      = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifInformationURI = "https://github.com/dflint/dflint"
	sarifSrcRoot        = "%SRCROOT%"
	sarifStdinURI       = "stdin"
	sarifFingerprintKey = "primaryLocationLineHash"
)

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return sarif.LevelError
	case rules.SeverityWarning:
		return sarif.LevelWarning
	default:
		return sarif.LevelNote
	}
}

func writeSARIF(w io.Writer, r *Report, _ Options) error {
	files := prepare(r)
	run := sarif.NewRunWithInformationURI("dflint", sarifInformationURI)
	run.WithColumnKind("unicodeCodePoints")
	if r != nil && r.ToolVersion != "" {
		run.Tool.Driver.WithVersion(r.ToolVersion)
	}

	ruleIndex := addSARIFRules(run, r, files)

	failed := 0
	inv := sarif.NewInvocation()
	for _, f := range files {
		loc := sarifArtifactLocation(r, f.Path)
		if f.Err != nil {
			failed++
			phys := sarif.NewPhysicalLocation().WithArtifactLocation(loc)
			if f.Err.Line > 0 {
				phys.WithRegion(sarif.NewRegion().WithStartLine(f.Err.Line))
			}
			inv.AddToolExecutionNotification(sarif.NewNotification().
				WithLevel(sarif.LevelError).
				WithMessage(sarif.NewTextMessage(f.Err.Message)).
				AddLocation(sarif.NewLocationWithPhysicalLocation(phys)))
		}
		seen := occurrences{}
		for _, fd := range f.Findings {
			phys := sarif.NewPhysicalLocation().WithArtifactLocation(loc)
			if fd.Line > 0 {
				region := sarif.NewRegion().WithStartLine(fd.Line).WithEndLine(fd.EndLine)
				if fd.Column > 0 {
					region.WithStartColumn(fd.Column)
				}
				if fd.EndColumn > 0 {
					region.WithEndColumn(fd.EndColumn)
				}
				phys.WithRegion(region)
			}
			hash := hashHex(fd.RuleID, lineKey(f, fd))[:16]
			res := sarif.NewRuleResult(fd.RuleID).
				WithRuleIndex(ruleIndex[fd.RuleID]).
				WithLevel(sarifLevel(fd.Severity)).
				WithMessage(sarif.NewTextMessage(fd.Message)).
				AddLocation(sarif.NewLocationWithPhysicalLocation(phys)).
				WithPartialFingerprints(map[string]string{
					sarifFingerprintKey: fmt.Sprintf("%s:%d", hash, seen.next(hash)),
				})
			if fd.Fix != "" {
				res.WithProperties(sarif.NewPropertyBag().Add("fix", fd.Fix))
			}
			run.AddResult(res)
		}
	}
	inv.WithExecutionSuccessful(failed == 0)
	run.AddInvocation(inv)

	log := sarif.NewReport()
	log.Schema = sarifSchemaURI
	log.AddRun(run)
	raw, err := json.Marshal(log)
	if err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	out, err := compactSARIF(raw)
	if err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	_, err = w.Write(out)
	return err
}

// addSARIFRules lists the report's rules, sorted by id, in driver.rules,
// followed by a minimal descriptor for each rule a finding names that the
// report does not list, and returns each rule's index.
func addSARIFRules(run *sarif.Run, r *Report, files []*file) map[string]int {
	byID := rulesByID(r)
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	index := map[string]int{}
	for _, id := range ids {
		index[id] = len(index)
		run.Tool.Driver.AddRule(sarifRule(byID[id]))
	}
	var extra []rules.Finding // first finding of each unlisted rule
	for _, f := range files {
		for _, fd := range f.Findings {
			if _, ok := index[fd.RuleID]; !ok {
				index[fd.RuleID] = -1
				extra = append(extra, fd)
			}
		}
	}
	slices.SortFunc(extra, func(a, b rules.Finding) int { return strings.Compare(a.RuleID, b.RuleID) })
	for _, fd := range extra {
		index[fd.RuleID] = len(run.Tool.Driver.Rules)
		d := sarif.NewRule(fd.RuleID).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(fd.Severity))).
			WithProperties(sarif.NewPropertyBag().WithTags([]string{"dockerfile"}))
		if fd.RuleName != "" {
			d.WithName(fd.RuleName)
		}
		run.Tool.Driver.AddRule(d)
	}
	return index
}

// sarifRule describes one rule as a SARIF reportingDescriptor.
func sarifRule(rl *rules.Rule) *sarif.ReportingDescriptor {
	d := sarif.NewRule(rl.ID).
		WithHelpURI(rl.DocURL()).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(rl.Severity)))
	if rl.Name != "" {
		d.WithName(rl.Name)
	}
	if rl.Summary != "" {
		d.WithShortDescription(sarif.NewMultiformatMessageString().WithText(rl.Summary))
	}
	if why := strings.TrimSpace(rl.Doc.Why); why != "" {
		d.WithFullDescription(sarif.NewMultiformatMessageString().WithText(why))
	}
	if text, md := ruleHelp(rl); text != "" {
		d.WithHelp(sarif.NewMultiformatMessageString().WithText(text).WithMarkdown(md))
	}
	tags := []string{"dockerfile"}
	for _, a := range rl.Aliases.Hadolint {
		tags = append(tags, "hadolint:"+a)
	}
	for _, a := range rl.Aliases.BuildKit {
		tags = append(tags, "buildkit:"+a)
	}
	for _, a := range rl.Aliases.Trivy {
		tags = append(tags, "trivy:"+a)
	}
	return d.WithProperties(sarif.NewPropertyBag().WithTags(tags))
}

// ruleHelp assembles a rule's help from its doc, as plain text and as
// Markdown: why it matters, a bad and a good example, how to fix it and
// any notes. With no doc it falls back to the summary.
func ruleHelp(rl *rules.Rule) (text, markdown string) {
	var t, m []string
	add := func(plain, md string) {
		t = append(t, plain)
		m = append(m, md)
	}
	doc := rl.Doc
	if s := strings.TrimSpace(doc.Why); s != "" {
		add(s, s)
	}
	if s := strings.Trim(doc.Bad, "\n"); strings.TrimSpace(s) != "" {
		add("Bad:\n"+indent(s, "    "), "**Bad:**\n\n"+fenced(s, "dockerfile"))
	}
	if s := strings.Trim(doc.Good, "\n"); strings.TrimSpace(s) != "" {
		add("Good:\n"+indent(s, "    "), "**Good:**\n\n"+fenced(s, "dockerfile"))
	}
	if s := strings.TrimSpace(doc.Fix); s != "" {
		add("Fix: "+s, "**Fix:** "+s)
	}
	if s := strings.TrimSpace(doc.Notes); s != "" {
		add(s, s)
	}
	if len(t) == 0 {
		s := strings.TrimSpace(rl.Summary)
		return s, s
	}
	return strings.Join(t, "\n\n"), strings.Join(m, "\n\n")
}

// indent prefixes every non-empty line of s.
func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = prefix + l
		} else {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

// fenced wraps s in a Markdown code fence longer than any run of
// backticks in s.
func fenced(s, lang string) string {
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	return fence + lang + "\n" + s + "\n" + fence
}

// sarifArtifactLocation locates a file for SARIF: a relative URI with
// uriBaseId %SRCROOT% for a file under the base directory, an absolute
// file URI otherwise, and "stdin" for standard input.
func sarifArtifactLocation(r *Report, path string) *sarif.ArtifactLocation {
	if path == "-" {
		return sarif.NewSimpleArtifactLocation(sarifStdinURI)
	}
	p, rel := relPath(r, path)
	if rel {
		return sarif.NewSimpleArtifactLocation((&url.URL{Path: p}).String()).WithURIBaseID(sarifSrcRoot)
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive path: file:///C:/...
	}
	return sarif.NewSimpleArtifactLocation((&url.URL{Scheme: "file", Path: p}).String())
}

// sarifDefaultNumbers are members that go-sarif writes as -1, their
// schema default; compactSARIF leaves them out.
var sarifDefaultNumbers = map[string]bool{
	"byteOffset": true, "charOffset": true, "index": true, "id": true, "rank": true,
}

// compactSARIF re-encodes a marshalled SARIF log, keeping member order,
// without the members that restate schema defaults, indented by two spaces
// with a trailing newline.
func compactSARIF(raw []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	root, err := parseJSONNode(dec)
	if err != nil {
		return nil, err
	}
	pruneSARIF(root)
	var buf bytes.Buffer
	if err := root.encode(&buf); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, buf.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// jsonNode is a parsed JSON value that keeps the order of object members.
type jsonNode struct {
	object bool
	array  bool
	keys   []string    // object member names
	items  []*jsonNode // object member values or array elements
	scalar any         // string, json.Number, bool or nil
}

func parseJSONNode(dec *json.Decoder) (*jsonNode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	delim, ok := tok.(json.Delim)
	if !ok {
		return &jsonNode{scalar: tok}, nil
	}
	n := &jsonNode{object: delim == '{', array: delim == '['}
	for dec.More() {
		if n.object {
			key, err := dec.Token()
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, key.(string))
		}
		child, err := parseJSONNode(dec)
		if err != nil {
			return nil, err
		}
		n.items = append(n.items, child)
	}
	if _, err := dec.Token(); err != nil { // the closing delimiter
		return nil, err
	}
	return n, nil
}

func (n *jsonNode) empty() bool { return (n.object || n.array) && len(n.items) == 0 }

// pruneSARIF drops default members from n and its descendants. Property
// bags ("properties") are user data: their contents are kept as they are.
func pruneSARIF(n *jsonNode) {
	if n.array {
		for _, c := range n.items {
			pruneSARIF(c)
		}
		return
	}
	if !n.object {
		return
	}
	keys, items := n.keys[:0], n.items[:0]
	for i, k := range n.keys {
		c := n.items[i]
		if k != "properties" {
			pruneSARIF(c)
		}
		drop := c.empty() && k != "results"
		if num, ok := c.scalar.(json.Number); ok && num == "-1" && sarifDefaultNumbers[k] {
			drop = true
		}
		if !drop {
			keys, items = append(keys, k), append(items, c)
		}
	}
	n.keys, n.items = keys, items
}

func (n *jsonNode) encode(buf *bytes.Buffer) error {
	switch {
	case n.object:
		buf.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := encodeScalar(buf, k); err != nil {
				return err
			}
			buf.WriteByte(':')
			if err := n.items[i].encode(buf); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	case n.array:
		buf.WriteByte('[')
		for i, c := range n.items {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := c.encode(buf); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	default:
		return encodeScalar(buf, n.scalar)
	}
	return nil
}

// encodeScalar writes v as JSON without HTML escaping.
func encodeScalar(buf *bytes.Buffer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Write(bytes.TrimRight(b.Bytes(), "\n"))
	return nil
}
