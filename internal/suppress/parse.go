package suppress

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/dflint/dflint/rules"
)

// Parse reads the pragmas of a Dockerfile. lines are its source lines
// without line endings (a trailing "\r" is ignored); instructions are the
// spans of its instructions in order, heredoc bodies included, so that a
// pragma can be given to the instruction below it. Spans that overlap,
// come out of order or fall outside lines are tolerated.
//
// Rule ids, names and aliases are resolved against the rules registry as
// it is when Parse runs.
func Parse(lines []string, instructions []Span) *Set {
	s := &Set{}
	p := parser{s: s, lines: lines}
	p.index(instructions)
	p.scan()
	p.finish()
	return s
}

// parser holds the state of one Parse.
type parser struct {
	s     *Set
	lines []string
	spans []Span
	// owner[ln] is k+1 when spans[k] starts on line ln, -1 when ln is a
	// later line of some instruction, 0 when ln is outside instructions.
	owner []int32
	// pending are the instruction pragmas (indexes into s.pragmas) waiting
	// for the instruction below them.
	pending []int
	// stages are the stage pragmas, resolved once every FROM is known.
	stages []int
}

// index normalises the spans and marks which lines they own.
func (p *parser) index(instructions []Span) {
	n := len(p.lines)
	p.spans = make([]Span, 0, len(instructions))
	for _, sp := range instructions {
		if sp.Line < 1 {
			continue
		}
		if sp.EndLine < sp.Line {
			sp.EndLine = sp.Line
		}
		p.spans = append(p.spans, sp)
	}
	slices.SortStableFunc(p.spans, func(a, b Span) int { return a.Line - b.Line })
	p.owner = make([]int32, n+1)
	// Mark later lines in one sweep, so that overlapping spans cost no
	// more than the lines they cover.
	hi := 0 // lines up to hi are marked
	for _, sp := range p.spans {
		for ln := max(sp.Line+1, hi+1); ln <= sp.EndLine && ln <= n; ln++ {
			p.owner[ln] = -1
		}
		hi = max(hi, min(sp.EndLine, n))
	}
	for k, sp := range p.spans {
		if sp.Line <= n {
			p.owner[sp.Line] = int32(k + 1)
		}
	}
	for _, sp := range p.spans {
		if sp.Line <= n && isFrom(p.lines[sp.Line-1]) {
			if len(p.s.froms) == 0 || p.s.froms[len(p.s.froms)-1] != sp.Line {
				p.s.froms = append(p.s.froms, sp.Line)
			}
		}
	}
}

// isFrom reports whether an instruction's first line is a FROM.
func isFrom(line string) bool {
	t := strings.TrimLeft(line, " \t\v\f")
	if len(t) < 4 || !strings.EqualFold(t[:4], "FROM") {
		return false
	}
	return len(t) == 4 || t[4] == ' ' || t[4] == '\t' || t[4] == '\r'
}

// scan reads every line outside instructions.
func (p *parser) scan() {
	directives := true // still in BuildKit's leading block of parser directives
	seenCheck := false
	for i, raw := range p.lines {
		ln := i + 1
		line := strings.TrimSuffix(raw, "\r")
		if i == 0 {
			line = strings.TrimPrefix(line, "\uFEFF")
			if strings.HasPrefix(line, "#!") {
				// BuildKit skips a shebang before looking for
				// directives.
				continue
			}
		}
		switch o := p.owner[ln]; {
		case o > 0:
			p.attach(int(o - 1))
			directives = false
			continue
		case o < 0:
			p.detach()
			directives = false
			continue
		}
		body, ok := trimComment(line)
		if !ok {
			// A blank line, or text the caller gave no span for: either
			// way nothing below is the instruction a pending pragma
			// was written for.
			p.detach()
			directives = false
			continue
		}
		if directives {
			if key, value, ok := directive(line); ok {
				if key == "check" {
					if seenCheck {
						p.s.problem(ln, KindMalformed, "only one check directive may be used; BuildKit refuses to build this file (the first one is honoured)")
					} else {
						seenCheck = true
						p.check(ln, line, value)
					}
				}
				continue
			}
			directives = false
		}
		p.comment(ln, line, body)
	}
	p.detach()
}

// attach gives the pending pragmas to instruction k.
func (p *parser) attach(k int) {
	sp := p.spans[k]
	for _, pi := range p.pending {
		pr := &p.s.pragmas[pi]
		pr.Target = sp
		pr.from, pr.to = sp.Line, sp.EndLine
	}
	p.pending = p.pending[:0]
}

// detach leaves the pending pragmas without an instruction.
func (p *parser) detach() { p.pending = p.pending[:0] }

// finish resolves the stage pragmas and indexes every pragma by rule.
func (p *parser) finish() {
	last := len(p.lines)
	for _, sp := range p.spans {
		last = max(last, sp.EndLine)
	}
	for _, pi := range p.stages {
		pr := &p.s.pragmas[pi]
		k, _ := slices.BinarySearchFunc(p.spans, pr.Line+1, func(sp Span, line int) int { return sp.Line - line })
		if k >= len(p.spans) {
			continue // no instruction below: covers nothing
		}
		// The stage runs to the line before the next FROM after the
		// instruction below the pragma, or to the end of the file.
		first, end := p.spans[k].Line, last
		for _, f := range p.s.froms {
			if f > first {
				end = f - 1
				break
			}
		}
		pr.from, pr.to = pr.Line+1, end
		pr.Target = Span{Line: first, EndLine: end}
	}
	for pi := range p.s.pragmas {
		for ii, it := range p.s.pragmas[pi].items {
			for _, id := range it.ids {
				if p.s.byRule == nil {
					p.s.byRule = map[string][]ref{}
				}
				p.s.byRule[id] = append(p.s.byRule[id], ref{pi, ii})
			}
		}
	}
	if p.s.CheckError {
		p.s.errorIDs = map[string]bool{}
		for _, r := range rules.All() {
			if len(r.Aliases.BuildKit) > 0 {
				p.s.errorIDs[r.ID] = true
			}
		}
	}
}

// directive reads a BuildKit parser directive the way BuildKit's directive
// parser does: "#" in the first column, then `\s*key\s*=\s*value\s*` with
// key a letter followed by letters and digits, one of syntax, escape and
// check (case-insensitive). It returns the lower-cased key and the value.
func directive(line string) (key, value string, ok bool) {
	rest, found := strings.CutPrefix(line, "#")
	if !found {
		return "", "", false
	}
	rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
	i := 0
	for i < len(rest) && (isLetter(rest[i]) || i > 0 && isDigit(rest[i])) {
		i++
	}
	if i == 0 {
		return "", "", false
	}
	key = strings.ToLower(rest[:i])
	rest = strings.TrimLeft(rest[i:], reSpace)
	rest, found = strings.CutPrefix(rest, "=")
	if !found {
		return "", "", false
	}
	value = strings.Trim(rest, reSpace)
	if value == "" {
		return "", "", false
	}
	switch key {
	case "syntax", "escape", "check":
		return key, value, true
	}
	return "", "", false
}

// reSpace is the class \s of Go's regexp, which BuildKit's directive
// pattern uses.
const reSpace = "\t\n\f\r "

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// check reads the value of a "# check=" directive as BuildKit does: only up
// to its first space, then options separated by ";" (at most three parts,
// the third keeping any further ";"), each key=value with the keys skip,
// error and experimental (case-sensitive).
func (p *parser) check(ln int, line, value string) {
	value, rest, _ := strings.Cut(value, " ")
	reason, extra := reasonOf(rest)
	if extra != "" {
		p.s.problem(ln, KindMalformed, fmt.Sprintf("BuildKit reads the check directive only up to its first space and ignores %q; write the reason after \" -- \"", extra))
	}
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	var skip []string
	skipAll, raise := false, false
	for _, part := range strings.SplitN(value, ";", 3) {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			p.s.problem(ln, KindMalformed, fmt.Sprintf("invalid check option %q (want skip=, error= or experimental=); BuildKit refuses to build this file", part))
			return
		}
		switch strings.TrimSpace(k) {
		case "skip":
			v = strings.TrimSpace(v)
			if v == "all" {
				skipAll = true
			} else {
				skip = strings.Split(v, ",")
			}
		case "experimental":
			// Turns on BuildKit's experimental checks; nothing to
			// silence.
		case "error":
			b, err := strconv.ParseBool(strings.TrimSpace(v))
			if err != nil {
				p.s.problem(ln, KindMalformed, fmt.Sprintf("invalid check option %q: error= wants true or false; BuildKit refuses to build this file", part))
				return
			}
			raise = b
		default:
			p.s.problem(ln, KindMalformed, fmt.Sprintf("invalid check option %q (want skip=, error= or experimental=); BuildKit refuses to build this file", strings.TrimSpace(k)))
			return
		}
	}
	p.s.CheckError = raise
	pr := pragma{Pragma: Pragma{Line: ln, Text: strings.TrimSpace(line), Global: true, Source: SourceCheck, Reason: reason}}
	if skipAll {
		var ids []string
		for _, r := range rules.All() {
			if len(r.Aliases.BuildKit) > 0 {
				ids = append(ids, r.ID)
			}
		}
		if len(ids) > 0 {
			pr.addItem("all", ids)
		}
	} else {
		for _, name := range skip {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if ids := p.buildkitRules(ln, name); len(ids) > 0 {
				pr.addItem(name, ids)
			}
		}
	}
	if !skipAll && len(skip) == 0 {
		return // error= alone: a severity setting, not a suppression
	}
	p.add(pr)
}

// reasonOf splits what follows a rule list into a reason, introduced by
// "--" or "#", and anything else.
func reasonOf(rest string) (reason, extra string) {
	rest = strings.TrimSpace(rest)
	if r, ok := strings.CutPrefix(rest, "--"); ok {
		return strings.TrimSpace(r), ""
	}
	if r, ok := strings.CutPrefix(rest, "#"); ok {
		return strings.TrimSpace(r), ""
	}
	return "", rest
}

// buildkitRules resolves a BuildKit check name, which BuildKit matches
// case-sensitively, to dflint rule ids.
func (p *parser) buildkitRules(ln int, name string) []string {
	var ids []string
	var folded string
	for _, r := range rules.LookupAlias(name) {
		for _, a := range r.Aliases.BuildKit {
			if a == name {
				ids = append(ids, r.ID)
				break
			}
			if strings.EqualFold(a, name) {
				folded = a
			}
		}
	}
	if len(ids) == 0 {
		if folded != "" {
			p.s.problem(ln, KindUnmappedAlias, fmt.Sprintf("BuildKit check names are case-sensitive: BuildKit does not skip %q (did you mean %s?)", name, folded))
		} else {
			p.s.problem(ln, KindUnmappedAlias, fmt.Sprintf("BuildKit check %q has no dflint equivalent; skipping it silences nothing in dflint", name))
		}
	}
	return ids
}

// hadolintRules resolves a hadolint code to dflint rule ids.
func (p *parser) hadolintRules(ln int, code string) []string {
	var ids []string
	for _, r := range rules.LookupAlias(code) {
		if slices.Contains(r.Aliases.Hadolint, code) {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 {
		p.s.problem(ln, KindUnmappedAlias, fmt.Sprintf("hadolint rule %s has no dflint equivalent; ignoring it silences nothing in dflint", code))
	}
	return ids
}

// dflintRule resolves a dflint rule id or name.
func (p *parser) dflintRule(ln int, name string) string {
	if r, ok := rules.Lookup(name); ok {
		return r.ID
	}
	msg := fmt.Sprintf("unknown rule %q in dflint pragma", name)
	if rs := rules.LookupAlias(name); len(rs) > 0 {
		ids := make([]string, len(rs))
		for i, r := range rs {
			ids[i] = r.ID
		}
		msg += fmt.Sprintf(" (%q is another linter's name for %s; write that, or use that linter's pragma)", name, strings.Join(ids, ", "))
	}
	p.s.problem(ln, KindUnknownRule, msg)
	return ""
}

// addItem adds a name and its rules to a pragma, skipping a name already
// there and keeping Rules free of duplicates.
func (pr *pragma) addItem(name string, ids []string) {
	for _, it := range pr.items {
		if it.name == name {
			return
		}
	}
	pr.items = append(pr.items, item{name: name, ids: ids})
	for _, id := range ids {
		if !slices.Contains(pr.Rules, id) {
			pr.Rules = append(pr.Rules, id)
		}
	}
}

// add records a pragma and returns its index.
func (p *parser) add(pr pragma) int {
	p.s.pragmas = append(p.s.pragmas, pr)
	return len(p.s.pragmas) - 1
}

// comment reads a comment line outside the directive block for dflint and
// hadolint pragmas.
func (p *parser) comment(ln int, line, body string) {
	sc := scanner{text: body}
	sc.spaces()
	word := sc.word()
	switch {
	case word == "hadolint":
		p.hadolint(ln, line, sc)
	case strings.EqualFold(word, "dflint"):
		p.dflint(ln, line, sc)
	}
}

// scope is where an ignore pragma applies.
type scope int

const (
	scopeInstruction scope = iota
	scopeGlobal
	scopeStage
)

// place records an ignore pragma with the given scope.
func (p *parser) place(pr pragma, sc scope) {
	switch sc {
	case scopeGlobal:
		pr.Global = true
		p.add(pr)
	case scopeStage:
		pr.Stage = true
		p.stages = append(p.stages, p.add(pr))
	default:
		p.pending = append(p.pending, p.add(pr))
	}
}

// hadolint reads a comment that starts with "hadolint", with hadolint's own
// grammar: "hadolint" and one or more spaces, then "ignore", "global ignore",
// "stage ignore" or "shell", all case-sensitive, with spaces or tabs around
// "=" and the commas, and an optional "# comment" at the end.
func (p *parser) hadolint(ln int, line string, sc scanner) {
	if sc.spaces() == 0 {
		return
	}
	sco := scopeInstruction
	kw := sc.word()
	switch kw {
	case "global", "stage":
		if sc.spaces() == 0 || sc.word() != "ignore" {
			// "# hadolint global settings live in …" is a comment; a
			// line with "=" was meant as a pragma.
			if strings.Contains(sc.text, "=") {
				p.s.problem(ln, KindMalformed, fmt.Sprintf("hadolint %s pragma: want \"# hadolint %s ignore=CODE[,CODE…]\"; hadolint ignores this line", kw, kw))
			}
			return
		}
		sco = scopeGlobal
		if kw == "stage" {
			sco = scopeStage
		}
	case "ignore":
	case "shell":
		sc.spaces()
		if !sc.literal("=") {
			p.s.problem(ln, KindMalformed, "hadolint shell pragma: want \"# hadolint shell=NAME\"; hadolint ignores this line")
			return
		}
		sc.spaces()
		start := sc.pos
		for sc.pos < len(sc.text) && !isSpace(sc.text[sc.pos]) {
			sc.pos++
		}
		shell := sc.text[start:sc.pos]
		sc.spaces()
		if shell == "" || (!sc.eof() && sc.text[sc.pos] != '#') {
			p.s.problem(ln, KindMalformed, "hadolint shell pragma: want \"# hadolint shell=NAME\" and nothing after the name but a \"# comment\"; hadolint ignores this line")
			return
		}
		if p.s.Shell == "" {
			p.s.Shell = shell
		}
		p.s.shells = append(p.s.shells, shellMark{line: ln, shell: shell})
		return
	default:
		return // an ordinary comment that starts with "hadolint"
	}
	sc.spaces()
	if !sc.literal("=") {
		p.s.problem(ln, KindMalformed, "hadolint ignore pragma: want \"ignore=CODE[,CODE…]\"; hadolint ignores this line")
		return
	}
	sc.spaces()
	pr := pragma{Pragma: Pragma{Line: ln, Text: strings.TrimSpace(line), Source: SourceHadolint}}
	var codes []string
	for {
		tok := sc.token()
		if tok == "" {
			p.s.problem(ln, KindMalformed, "hadolint ignore pragma: missing rule code; hadolint ignores this line")
			return
		}
		if strings.TrimLeft(tok, "DLSC0123456789") != "" {
			p.s.problem(ln, KindMalformed, fmt.Sprintf("hadolint ignore pragma: %q is not a hadolint rule code (hadolint reads only upper-case codes such as DL3008 or SC2086); hadolint ignores this line", tok))
			return
		}
		codes = append(codes, tok)
		sc.spaces()
		if sc.eof() {
			break
		}
		if sc.text[sc.pos] == '#' {
			pr.Reason = strings.TrimSpace(sc.text[sc.pos+1:])
			break
		}
		if !sc.literal(",") {
			p.s.problem(ln, KindMalformed, fmt.Sprintf("hadolint ignore pragma: unexpected %q after the rule codes (hadolint takes a reason only after \"#\"); hadolint ignores this line", sc.text[sc.pos:]))
			return
		}
		sc.spaces()
	}
	for _, code := range codes {
		if ids := p.hadolintRules(ln, code); len(ids) > 0 {
			pr.addItem(code, ids)
		}
	}
	p.place(pr, sco)
}

// dflint reads a comment that starts with "dflint": "ignore=" or "global
// ignore=", case-insensitive, with rule ids or names separated by commas,
// and an optional reason after " -- " (or "#").
func (p *parser) dflint(ln int, line string, sc scanner) {
	if sc.spaces() == 0 {
		return
	}
	sco := scopeInstruction
	start := sc.pos
	kw := strings.ToLower(sc.word())
	if kw == "global" {
		if sc.spaces() == 0 {
			sc.pos = start
		} else {
			sco = scopeGlobal
			kw = strings.ToLower(sc.word())
		}
	}
	sc.spaces()
	if kw != "ignore" || !sc.literal("=") {
		// "# dflint runs in CI" is a comment; a line with "ignore" or
		// "=" was meant as a pragma.
		if kw == "ignore" || strings.Contains(sc.text[start:], "=") {
			p.s.problem(ln, KindMalformed, fmt.Sprintf("unknown dflint pragma %q: want \"# dflint ignore=RULE[,RULE…]\" or \"# dflint global ignore=RULE[,RULE…]\"", strings.TrimSpace(sc.text[start:])))
		}
		return // otherwise an ordinary comment that starts with "dflint"
	}
	sc.spaces()
	pr := pragma{Pragma: Pragma{Line: ln, Text: strings.TrimSpace(line), Source: SourceDflint}}
	var names []string
	for {
		tok := sc.token()
		if tok == "" {
			p.s.problem(ln, KindMalformed, "dflint ignore pragma: missing rule id or name after \"=\" or \",\"")
			return
		}
		names = append(names, tok)
		sc.spaces()
		if sc.eof() {
			break
		}
		if reason, extra := reasonOf(sc.text[sc.pos:]); extra == "" {
			pr.Reason = reason
			break
		}
		if !sc.literal(",") {
			p.s.problem(ln, KindMalformed, fmt.Sprintf("dflint ignore pragma: unexpected %q; separate rules with \",\" and put a reason after \" -- \"", sc.text[sc.pos:]))
			return
		}
		sc.spaces()
	}
	for _, name := range names {
		id := p.dflintRule(ln, name)
		if id == "" {
			continue
		}
		dup := false
		for _, it := range pr.items {
			if it.ids[0] == id {
				dup = true
				break
			}
		}
		if !dup {
			pr.addItem(name, []string{id})
		}
	}
	p.place(pr, sco)
}

// scanner walks the text of a comment. Every method consumes what it
// matched.
type scanner struct {
	text string
	pos  int
}

// isSpace is hadolint's notion of space inside a pragma: a space or a tab.
func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func (s *scanner) eof() bool { return s.pos >= len(s.text) }

// spaces skips spaces and tabs and returns how many it skipped.
func (s *scanner) spaces() int {
	start := s.pos
	for s.pos < len(s.text) && isSpace(s.text[s.pos]) {
		s.pos++
	}
	return s.pos - start
}

// word reads a run of ASCII letters.
func (s *scanner) word() string {
	start := s.pos
	for s.pos < len(s.text) && isLetter(s.text[s.pos]) {
		s.pos++
	}
	return s.text[start:s.pos]
}

// literal consumes lit if the text continues with it.
func (s *scanner) literal(lit string) bool {
	if !strings.HasPrefix(s.text[s.pos:], lit) {
		return false
	}
	s.pos += len(lit)
	return true
}

// token reads a rule id, name or code: letters, digits, "_" and single
// "-" inside (so that " -- " and "--" always start a reason).
func (s *scanner) token() string {
	start := s.pos
	for s.pos < len(s.text) {
		c := s.text[s.pos]
		switch {
		case isLetter(c) || isDigit(c) || c == '_':
		case c == '-' && s.pos > start && s.pos+1 < len(s.text) && s.text[s.pos+1] != '-' && s.text[s.pos+1] != ' ' && s.text[s.pos+1] != '\t':
		default:
			return s.text[start:s.pos]
		}
		s.pos++
	}
	return s.text[start:s.pos]
}
