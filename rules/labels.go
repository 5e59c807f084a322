package rules

// LABEL keys (DF817) and the configured label schema (DF818).

import (
	"net/mail"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// LabelSchemaOptions configures DF818 (label-schema). hadolint's
// `label-schema` and `strict-labels` settings map onto it.
type LabelSchemaOptions struct {
	// RequiredLabels maps each label the image must carry to the schema
	// its value must follow: text, url, semver, rfc3339, spdx, hash or
	// email.
	RequiredLabels map[string]string `yaml:"required-labels"`
	// StrictLabels reports labels that are not in RequiredLabels.
	StrictLabels bool `yaml:"strict-labels"`
}

func init() {
	MustRegister(&Rule{
		ID:       "DF817",
		Name:     "invalid-label-key",
		Severity: SeverityStyle,
		Summary:  "LABEL key does not follow Docker's key format or uses a reserved namespace",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3048"}},
		Doc: Doc{
			Why: "Docker's guidelines ask label keys to be lower-case alphanumerics, `.` and `-`, starting " +
				"with a letter and ending with a letter or digit, without `..` or `--`, and namespaced " +
				"by reverse DNS (`com.example.x`). Tools that filter images by label and the " +
				"OCI annotation keys (`org.opencontainers.image.*`) rely on that format; the " +
				"`com.docker.*`, `io.docker.*` and `org.dockerproject.*` namespaces are reserved for Docker.",
			Bad:  "FROM alpine:3.20\nLABEL Build_Date=\"2024-06-01\"",
			Good: "FROM alpine:3.20\nLABEL org.opencontainers.image.created=\"2024-06-01T00:00:00Z\"",
			Fix:  "Rename the key: lower case, `-` instead of `_`, and preferably a standard key such as `org.opencontainers.image.*`.",
			Notes: "Keys built from variables are checked after expansion; unknown keys are not checked. " +
				"The `com.docker.extension.*` and `com.docker.desktop.extension.*` labels that Docker " +
				"Desktop extensions must carry, and whalebrew's `io.whalebrew.*` keys " +
				"(`io.whalebrew.config.working_dir`), are allowed: the tool dictates them (hadolint reports them).",
		},
		Check: checkLabelKeys,
	})
	MustRegister(&Rule{
		ID:       "DF818",
		Name:     "label-schema",
		Severity: SeverityWarning,
		Summary:  "The image's labels do not match the configured label schema",
		Since:    "1.0",
		Aliases: Aliases{Hadolint: []string{"DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054",
			"DL3055", "DL3056", "DL3058"}},
		NewOptions: func() any { return &LabelSchemaOptions{} },
		Doc: Doc{
			Why: "Teams that publish images often require metadata labels (source repository, version, " +
				"licence, build date) so that registries, scanners and people can trace an image back " +
				"to its code. A missing or malformed label breaks that chain silently.",
			Bad:  "FROM alpine:3.20\nLABEL org.opencontainers.image.version=\"v1.2\"",
			Good: "FROM alpine:3.20\nLABEL org.opencontainers.image.version=\"1.2.0\" \\\n      org.opencontainers.image.source=\"https://github.com/acme/app\"",
			Fix:  "Add the missing labels to the final stage and give them values of the required form.",
			Notes: "Does nothing until configured: `rules: {DF818: {required-labels: " +
				"{org.opencontainers.image.source: url}, strict-labels: true}}`, or hadolint's " +
				"`label-schema` / `strict-labels` settings. Schemas: text (any non-empty value), url " +
				"(an absolute URI), semver (semver.org 2.0, no leading v), rfc3339 (a timestamp such as " +
				"2024-06-01T12:00:00Z), spdx (an SPDX licence expression: ids, LicenseRef-..., AND/OR/" +
				"WITH), hash (a git commit id: 7 to 40 or 64 hex digits) and email (a bare address). " +
				"Required labels are looked for in the final stage and the stages it is built FROM " +
				"(hadolint checks every stage that is not only copied from); values and strict-labels " +
				"are checked on every LABEL, except a value that a later LABEL of the same stage " +
				"replaces (it never reaches the image). A value of only white space counts as empty. " +
				"Values built from unknown variables are not checked.",
			Options: &LabelSchemaOptions{
				RequiredLabels: map[string]string{"org.opencontainers.image.version": "semver", "org.opencontainers.image.source": "url"},
			},
		},
		Check: checkLabelSchema,
	})
}

var dockerExtensionLabel = []string{"com.docker.extension.", "com.docker.desktop.extension."}

// toolMandatedLabels are namespaces whose keys a tool defines, with
// underscores the author cannot change (whalebrew's
// io.whalebrew.config.working_dir).
var toolMandatedLabels = []string{"io.whalebrew."}

// labelKeyProblem says what is wrong with a label key, or "".
func labelKeyProblem(k string) string {
	if k == "" {
		return ""
	}
	for _, pre := range toolMandatedLabels {
		if strings.HasPrefix(k, pre) {
			return "" // the tool reading it dictates the key
		}
	}
	for _, pre := range []string{"com.docker.", "io.docker.", "org.dockerproject."} {
		if strings.HasPrefix(k, pre) {
			for _, ok := range dockerExtensionLabel {
				if strings.HasPrefix(k, ok) {
					return ""
				}
			}
			return "uses the " + strings.TrimSuffix(pre, ".") + ".* namespace, which is reserved for Docker"
		}
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			if r >= 'A' && r <= 'Z' {
				return "has upper-case letters"
			}
			return "has " + labelQuoteRune(r) + ", but only lower-case letters, digits, '.' and '-' are allowed"
		}
	}
	switch {
	case k[0] < 'a' || k[0] > 'z':
		return "does not start with a lower-case letter"
	case k[len(k)-1] == '.' || k[len(k)-1] == '-':
		return "does not end with a letter or digit"
	case strings.Contains(k, "..") || strings.Contains(k, "--"):
		return "has consecutive separators ('..' or '--')"
	}
	return ""
}

func labelQuoteRune(r rune) string {
	if r == ' ' {
		return "a space"
	}
	return "'" + string(r) + "'"
}

// suggestLabelKey is a key in the recommended format close to k, or "".
func suggestLabelKey(k string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(k) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	s := b.String()
	for strings.Contains(s, "--") || strings.Contains(s, "..") || strings.Contains(s, ".-") || strings.Contains(s, "-.") {
		s = strings.NewReplacer("--", "-", "..", ".", ".-", ".", "-.", ".").Replace(s)
	}
	s = strings.Trim(s, ".-")
	if s == "" || labelKeyProblem(s) != "" {
		return ""
	}
	return s
}

func checkLabelKeys(p *Pass) {
	for _, s := range p.File.Stages {
		for _, inst := range s.Instructions {
			c, ok := inst.Command.(*instructions.LabelCommand)
			if !ok {
				continue
			}
			for _, kv := range c.Labels {
				key, known := inst.Expand(kv.Key)
				if !known {
					continue
				}
				problem := labelKeyProblem(key)
				if problem == "" {
					continue
				}
				p.ReportFix(inst.Locate(kv.Key), suggestLabelKey(key), "label key %q %s", key, problem)
			}
		}
	}
}

// labelPair is one LABEL pair with its expanded key and value.
type labelPair struct {
	inst       *Instruction
	raw        string
	key, value string
	valueKnown bool
}

func checkLabelSchema(p *Pass) {
	opts, _ := p.Options.(*LabelSchemaOptions)
	if opts == nil || (len(opts.RequiredLabels) == 0 && !opts.StrictLabels) {
		return
	}
	var all []labelPair
	for _, s := range p.File.Stages {
		for _, inst := range s.Instructions {
			c, ok := inst.Command.(*instructions.LabelCommand)
			if !ok {
				continue
			}
			for _, kv := range c.Labels {
				key, known := inst.Expand(kv.Key)
				if !known {
					continue
				}
				v, vk := inst.Expand(kv.Value)
				all = append(all, labelPair{inst: inst, raw: kv.Key, key: key, value: v, valueKnown: vk})
			}
		}
	}
	for i, lp := range all {
		schema, required := opts.RequiredLabels[lp.key]
		span := lp.inst.Locate(lp.raw)
		if !required {
			if opts.StrictLabels {
				p.Report(span, "label %q is not in the label schema (strict-labels)", lp.key)
			}
			continue
		}
		if !lp.valueKnown || labelOverridden(all, i) {
			continue
		}
		if strings.TrimSpace(lp.value) == "" {
			p.Report(span, "label %q is empty", lp.key)
			continue
		}
		if problem := labelValueProblem(strings.ToLower(strings.TrimSpace(schema)), lp.value); problem != "" {
			p.Report(span, "label %q: %q %s", lp.key, lp.value, problem)
		}
	}
	checkRequiredLabels(p, opts)
}

// labelOverridden reports whether a later pair of the same stage sets the
// label of all[i] again, so that its value never reaches the image.
func labelOverridden(all []labelPair, i int) bool {
	for _, lp := range all[i+1:] {
		if lp.inst.Stage == all[i].inst.Stage && lp.key == all[i].key {
			return true
		}
	}
	return false
}

// checkRequiredLabels reports the required labels that the final stage
// (with the stages it is built FROM) does not set.
func checkRequiredLabels(p *Pass, opts *LabelSchemaOptions) {
	final := p.File.FinalStage()
	if final == nil || len(opts.RequiredLabels) == 0 {
		return
	}
	set := map[string]bool{}
	for _, s := range stageChain(final) {
		for _, inst := range s.Instructions {
			c, ok := inst.Command.(*instructions.LabelCommand)
			if !ok {
				continue
			}
			for _, kv := range c.Labels {
				key, known := inst.Expand(kv.Key)
				if !known {
					return // an unknown key may be any of them
				}
				set[key] = true
			}
		}
	}
	var missing []string
	for k := range opts.RequiredLabels {
		if !set[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	for _, k := range missing {
		p.ReportFix(final.From.KeywordSpan(), "LABEL "+k+"=\"...\"", "the image has no label %q, which the label schema requires", k)
	}
}

var (
	labelSemverRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)
	})
	labelHexRe    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-fA-F]+$`) })
	labelSchemeRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*$`) })
	spdxRefRe     = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:DocumentRef-[0-9A-Za-z.-]+:)?LicenseRef-[0-9A-Za-z.-]+$`)
	})
	spdxExcRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9A-Za-z.+-]+$`) })
)

// labelValueProblem checks v against a schema type; "" when it conforms
// (or the type is text or unknown).
func labelValueProblem(schema, v string) string {
	switch schema {
	case "url":
		u, err := url.Parse(v)
		if err != nil || !labelSchemeRe().MatchString(u.Scheme) || strings.ContainsAny(v, " \t") || (u.Host == "" && u.Opaque == "" && u.Path == "") {
			return "is not a valid URL"
		}
	case "semver":
		if !labelSemverRe().MatchString(v) {
			if strings.HasPrefix(v, "v") && labelSemverRe().MatchString(v[1:]) {
				return "is not a semantic version (drop the leading v)"
			}
			return "is not a semantic version (MAJOR.MINOR.PATCH)"
		}
	case "rfc3339":
		if _, err := time.Parse(time.RFC3339, v); err != nil {
			return "is not an RFC 3339 timestamp (e.g. 2024-06-01T12:00:00Z)"
		}
	case "hash":
		if !labelHexRe().MatchString(v) || !(len(v) >= 7 && len(v) <= 40 || len(v) == 64) {
			return "is not a git commit hash"
		}
	case "email":
		a, err := mail.ParseAddress(v)
		if err != nil || a.Name != "" || a.Address != v {
			return "is not an email address"
		}
	case "spdx":
		if !validSPDX(v) {
			return "is not a valid SPDX license expression"
		}
	}
	return ""
}

// validSPDX parses an SPDX license expression (SPDX spec, annex D):
// ids (with an optional +), LicenseRef-..., AND, OR, WITH <exception>
// and parentheses.
func validSPDX(expr string) bool {
	tokens := strings.Fields(strings.NewReplacer("(", " ( ", ")", " ) ").Replace(expr))
	if len(tokens) == 0 {
		return false
	}
	ps := spdxParser{tokens: tokens}
	return ps.or() && ps.i == len(tokens)
}

type spdxParser struct {
	tokens []string
	i      int
}

func (ps *spdxParser) peek() string {
	if ps.i < len(ps.tokens) {
		return ps.tokens[ps.i]
	}
	return ""
}

func (ps *spdxParser) or() bool {
	if !ps.and() {
		return false
	}
	for strings.EqualFold(ps.peek(), "OR") {
		ps.i++
		if !ps.and() {
			return false
		}
	}
	return true
}

func (ps *spdxParser) and() bool {
	if !ps.with() {
		return false
	}
	for strings.EqualFold(ps.peek(), "AND") {
		ps.i++
		if !ps.with() {
			return false
		}
	}
	return true
}

func (ps *spdxParser) with() bool {
	if !ps.primary() {
		return false
	}
	if strings.EqualFold(ps.peek(), "WITH") {
		ps.i++
		exc := ps.peek()
		if !spdxExcRe().MatchString(exc) || isSPDXOperator(exc) {
			return false
		}
		ps.i++
	}
	return true
}

func (ps *spdxParser) primary() bool {
	t := ps.peek()
	switch {
	case t == "(":
		ps.i++
		if !ps.or() || ps.peek() != ")" {
			return false
		}
		ps.i++
		return true
	case t == "" || t == ")" || isSPDXOperator(t):
		return false
	}
	ps.i++
	if spdxRefRe().MatchString(t) || t == "NONE" || t == "NOASSERTION" {
		return true
	}
	_, ok := spdxLicenses()[strings.ToLower(strings.TrimSuffix(t, "+"))]
	return ok
}

func isSPDXOperator(t string) bool {
	return strings.EqualFold(t, "AND") || strings.EqualFold(t, "OR") || strings.EqualFold(t, "WITH")
}
