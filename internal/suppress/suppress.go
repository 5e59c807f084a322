// Package suppress reads the suppression pragmas of one Dockerfile and
// filters that file's findings with them.
//
// Three families of pragma are understood:
//
//	# dflint ignore=DF201,base-image-untagged -- reason   the next instruction
//	# dflint global ignore=DF201                          the whole file
//	# hadolint ignore=DL3008,DL3015 # reason              the next instruction
//	# hadolint global ignore=DL3008                       the whole file
//	# hadolint stage ignore=DL3006                        the rest of the stage
//	# hadolint shell=powershell                           the shell RUN uses
//	# check=skip=JSONArgsRecommended;error=true           BuildKit, file top only
//
// An instruction pragma belongs to the instruction right below its block of
// comment lines: any number of comment lines may sit between the pragma and
// the instruction, but a blank line (or the end of the file) detaches it,
// and a detached pragma silences nothing. It covers every line of the
// instruction, so a finding on the third line of a five-line RUN is
// silenced by a pragma above the RUN. Comment-looking lines inside an
// instruction (continuation lines, heredoc bodies) are never read as
// pragmas: a heredoc body is script, not Dockerfile.
//
// dflint's own pragmas are case-insensitive and accept rule ids or names.
// hadolint's are read with hadolint's grammar, which is case-sensitive
// ("hadolint", "ignore", "global" and upper-case codes made of D, L, S, C
// and digits; a trailing reason needs "#"): a line hadolint would not read
// as a pragma is not honoured, and is reported as a malformed Problem. Codes
// are mapped to dflint rules through their Hadolint aliases.
//
// BuildKit's check directive is read exactly as BuildKit reads it: only in
// the leading block of parser directives (before any instruction, blank
// line or other comment), "#" in the first column, a case-insensitive key,
// a value that ends at its first space, options separated by ";" and
// case-sensitive check names. skip=… silences, for the whole file, the dflint
// rules whose BuildKit aliases name those checks (skip=all: every rule that
// has a BuildKit alias); error=true raises the findings of every rule with
// a BuildKit alias to error severity. A "# check=" line anywhere else is an
// ordinary comment.
//
// Parse never fails and never panics: what it cannot honour it reports in
// Set.Problems, for the caller to show.
package suppress

import (
	"slices"
	"strings"

	"github.com/dflint/dflint/rules"
)

// Span is an instruction's 1-based, inclusive line range. An EndLine
// before Line is read as Line.
type Span struct{ Line, EndLine int }

// Sources of a pragma.
const (
	SourceDflint   = "dflint"
	SourceHadolint = "hadolint"
	SourceCheck    = "check" // BuildKit's "# check=" parser directive
)

// Kinds of Problem.
const (
	// KindUnknownRule: a dflint pragma names a rule id or name that is not
	// registered.
	KindUnknownRule = "unknown-rule"
	// KindUnmappedAlias: a hadolint code or BuildKit check name that no
	// dflint rule declares as an alias. The pragma is valid for its own
	// tool; dflint just has nothing to silence, so this is the milder kind.
	KindUnmappedAlias = "unmapped-alias"
	// KindMalformed: a line that is meant as a pragma or directive but that
	// its tool would not read (bad syntax, wrong case, a duplicate or
	// invalid check directive). It is not honoured, or in part only, as the
	// message says.
	KindMalformed = "malformed"
)

// Problem is something wrong with a pragma. Line is 1-based.
type Problem struct {
	Line    int
	Kind    string
	Message string
}

// Pragma is one suppression pragma.
type Pragma struct {
	// Line is the pragma's 1-based line.
	Line int
	// Text is the comment line as written, trimmed of surrounding space.
	Text string
	// Rules are the ids of the dflint rules the pragma silences, in the
	// order named, without duplicates. Names that resolve to no rule are
	// left out (and reported as Problems).
	Rules []string
	// Global pragmas cover the whole file: "global ignore" and BuildKit's
	// check directive.
	Global bool
	// Stage is set for hadolint's "stage ignore", which covers the rest of
	// the build stage; Target is then the range it covers.
	Stage bool
	// Source is SourceDflint, SourceHadolint or SourceCheck.
	Source string
	// Reason is the text after " -- " (or "#") that follows the rule list,
	// trimmed; "" when there is none.
	Reason string
	// Target is the range the pragma covers: the instruction it belongs to,
	// or for a stage pragma the rest of the stage. It is zero for a global
	// pragma, and for an instruction pragma that belongs to no instruction
	// (a blank line or the end of the file follows it), which therefore
	// silences nothing.
	Target Span
}

// Set is what Parse read from one Dockerfile. A Set is not changed by
// Apply, so it may be used from several goroutines.
type Set struct {
	// Shell is the value of the first "# hadolint shell=" pragma, or "".
	// ShellAt gives the shell in force at a given line.
	Shell string
	// Problems are the pragmas and directives that could not be honoured,
	// in line order.
	Problems []Problem
	// CheckError is set by BuildKit's "# check=error=true": Apply and
	// ApplySeverity raise the findings of BuildKit-aliased rules to
	// error severity.
	CheckError bool

	pragmas []pragma
	// byRule indexes the items of every pragma by the rule ids they name.
	byRule map[string][]ref
	shells []shellMark
	// froms are the start lines of the file's FROM instructions.
	froms []int
	// errorIDs are the rules that CheckError raises: those with a BuildKit
	// alias when Parse ran.
	errorIDs map[string]bool
}

// pragma is a Pragma and what Apply needs to match it.
type pragma struct {
	Pragma
	items []item
	// from and to are the covered lines; global pragmas cover all.
	from, to int
}

// item is one name of a pragma's rule list as written, and the rules it
// resolved to. For BuildKit's skip=all, name is "all".
type item struct {
	name string
	ids  []string
}

// ref locates an item: pragmas[p].items[i].
type ref struct{ p, i int }

// shellMark is a "# hadolint shell=" pragma.
type shellMark struct {
	line  int
	shell string
}

// Unused is a name in a pragma's rule list that silenced nothing.
type Unused struct {
	Pragma Pragma
	// RuleID is the dflint rule the name stands for (the first, if a
	// hadolint code or BuildKit name maps to several); "" for BuildKit's
	// skip=all.
	RuleID string
	// Name is the name as the pragma writes it: a dflint id or name, a
	// hadolint code, a BuildKit check name, or "all".
	Name string
}

// Pragmas returns the file's suppression pragmas in line order.
func (s *Set) Pragmas() []Pragma {
	if s == nil {
		return nil
	}
	out := make([]Pragma, len(s.pragmas))
	for i := range s.pragmas {
		out[i] = s.pragmas[i].Pragma
	}
	return out
}

// ShellAt returns the shell a "# hadolint shell=" pragma sets for an
// instruction starting at line, or "" for the default shell. As in
// hadolint, a pragma above the first FROM sets the default of every stage,
// and one inside a stage holds for the rest of that stage. (hadolint also
// lets a stage built FROM an earlier stage inherit that stage's shell; this
// does not.)
func (s *Set) ShellAt(line int) string {
	if s == nil {
		return ""
	}
	// stageStart is the FROM line of the stage line is in, 0 before the
	// first FROM.
	stageStart := 0
	for _, f := range s.froms {
		if f <= line {
			stageStart = f
		}
	}
	def, cur := "", ""
	for _, m := range s.shells {
		if m.line >= line {
			break
		}
		if len(s.froms) == 0 || m.line < s.froms[0] {
			def = m.shell
		}
		if m.line > stageStart {
			cur = m.shell
		}
	}
	if cur != "" {
		return cur
	}
	return def
}

// covers reports whether p covers a finding that starts on line.
func (p *pragma) covers(line int) bool {
	if p.Global {
		return true
	}
	return p.from > 0 && line >= p.from && line <= p.to
}

// Apply filters the findings of the file: it drops those a pragma
// silences, and applies BuildKit's check=error=true (see ApplySeverity). A
// finding is matched by its rule id and its start line. It returns the
// findings it kept, in their order, and the names in pragmas that silenced
// nothing, in line order. The findings passed in are not modified.
//
// Unused names are only meaningful if findings holds every finding of
// every enabled rule; a caller that disables rules should drop the entries
// of rules that did not run.
//
// A caller that honours no inline suppressions (--disable-ignores) does
// not call Apply, but should still call ApplySeverity: check=error=true is
// a severity setting, not a suppression.
func (s *Set) Apply(findings []rules.Finding) (kept []rules.Finding, unused []Unused) {
	if s == nil {
		return slices.Clone(findings), nil
	}
	used := make([][]bool, len(s.pragmas))
	for i := range s.pragmas {
		used[i] = make([]bool, len(s.pragmas[i].items))
	}
	kept = make([]rules.Finding, 0, len(findings))
	for _, f := range findings {
		silenced := false
		for _, r := range s.byRule[f.RuleID] {
			if s.pragmas[r.p].covers(f.Line) {
				used[r.p][r.i] = true
				silenced = true
			}
		}
		if silenced {
			continue
		}
		kept = append(kept, s.raise(f))
	}
	for pi := range s.pragmas {
		p := &s.pragmas[pi]
		for ii, it := range p.items {
			if used[pi][ii] {
				continue
			}
			u := Unused{Pragma: p.Pragma, Name: it.name}
			if it.name != "all" || p.Source != SourceCheck {
				u.RuleID = it.ids[0]
			}
			unused = append(unused, u)
		}
	}
	return kept, unused
}

// ApplySeverity returns a copy of findings in which BuildKit's
// "# check=error=true" has raised the findings of every rule with a BuildKit
// alias to error severity. It silences nothing. Apply does the same to the
// findings it keeps.
func (s *Set) ApplySeverity(findings []rules.Finding) []rules.Finding {
	out := slices.Clone(findings)
	if s == nil || !s.CheckError {
		return out
	}
	for i := range out {
		out[i] = s.raise(out[i])
	}
	return out
}

func (s *Set) raise(f rules.Finding) rules.Finding {
	if s.CheckError && s.errorIDs[f.RuleID] && f.Severity < rules.SeverityError {
		f.Severity = rules.SeverityError
	}
	return f
}

// problem records a Problem.
func (s *Set) problem(line int, kind, msg string) {
	s.Problems = append(s.Problems, Problem{Line: line, Kind: kind, Message: msg})
}

// trimComment returns the text after the "#" of a comment line (leading
// spaces and tabs allowed, as BuildKit allows them), and whether line is a
// comment.
func trimComment(line string) (string, bool) {
	t := strings.TrimLeft(line, " \t\v\f")
	if t == "" || t[0] != '#' {
		return "", false
	}
	return t[1:], true
}
