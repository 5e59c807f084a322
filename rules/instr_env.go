package rules

// ENV pairs that use a variable another pair of the same ENV sets (DF810).

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF810",
		Name:     "env-self-reference",
		Severity: SeverityWarning,
		Summary:  "ENV uses a variable that an earlier pair of the same ENV sets",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3044"}},
		Doc: Doc{
			Why: "BuildKit expands every pair of an ENV against the variables as they were before the " +
				"instruction. In `ENV APP_HOME=/srv/app APP_BIN=$APP_HOME/bin`, APP_BIN becomes \"/bin\" " +
				"(or whatever APP_HOME was before), not \"/srv/app/bin\".",
			Bad:  "FROM alpine:3.20\nENV APP_HOME=/srv/app APP_BIN=$APP_HOME/bin",
			Good: "FROM alpine:3.20\nENV APP_HOME=/srv/app\nENV APP_BIN=$APP_HOME/bin",
			Fix:  "Set the variable in its own ENV instruction before the one that uses it.",
			Notes: "Only a use in a later pair is reported (a pair before the one that sets the variable " +
				"clearly means the old value). The rule is quiet when the new value equals the old one, " +
				"e.g. `ENV VERSION=$VERSION URL=.../$VERSION` after `ARG VERSION`. hadolint stays quiet " +
				"whenever the variable was defined before the ENV, even when the value changes; dflint " +
				"reports that case too, since the later pair still sees the old value. A pair that repeats " +
				"the exact default expression of the variable it uses (`ROOT=\"${ROOT:-/srv}\" " +
				"HOME=\"${ROOT:-/srv}/home\"`) gets the intended value and is not reported.",
		},
		Check: checkEnvSelfReference,
	})
}

func checkEnvSelfReference(p *Pass) {
	esc := p.File.Escape
	for _, s := range p.File.Stages {
		for _, inst := range s.Instructions {
			c, ok := inst.Command.(*instructions.EnvCommand)
			if !ok || len(c.Env) < 2 {
				continue
			}
			reported := map[string]bool{}
			for j, kv := range c.Env {
				for _, ref := range df8VarRefs(kv.Value, esc) {
					i := -1
					for k := j - 1; k >= 0; k-- {
						if c.Env[k].Key == ref.Name {
							i = k
							break
						}
					}
					if i < 0 || reported[kv.Key+"\x00"+ref.Name] {
						continue
					}
					set := c.Env[i]
					if envSelfReference(set.Value, set.Key, esc) {
						continue // VERSION=$VERSION: the value does not change
					}
					if def := envSelfDefault(set.Value, set.Key); def != "" && strings.Count(kv.Value, def) == df8CountRefs(kv.Value, ref.Name, esc) {
						// ROOT="${ROOT:-/srv}" HOME="${ROOT:-/srv}/home":
						// the same expression gives the same value.
						continue
					}
					newVal, newKnown := inst.Expand(set.Value)
					old, found := inst.Vars.Lookup(ref.Name)
					if found && old.Known && newKnown && old.Value == newVal {
						continue
					}
					reported[kv.Key+"\x00"+ref.Name] = true
					before := "empty (or the base image's value)"
					switch {
					case found && old.Known:
						before = fmt.Sprintf("%q", old.Value)
					case found:
						before = "the value of the " + df8VarKind(old.Env) + " on line " + fmt.Sprint(old.Line)
					case rootStage(s).Base.Scratch:
						before = "empty"
					case ref.Name == "PATH":
						before = "the base image's PATH"
					}
					span := inst.Locate(kv.Key + "=" + kv.Value)
					if span.Column == 0 {
						span = At(inst)
					}
					now := "the new value"
					if newKnown {
						now = fmt.Sprintf("%q", newVal)
					}
					p.ReportFix(span, fmt.Sprintf("set %s in its own ENV instruction before the one that sets %s", set.Key, kv.Key),
						"%s uses $%s, which this ENV also sets: ENV expands every pair with the values from before the instruction, so $%s in %s is %s, not %s",
						kv.Key, ref.Name, ref.Name, kv.Key, before, now)
				}
			}
		}
	}
}

func df8VarKind(env bool) string {
	if env {
		return "ENV"
	}
	return "ARG"
}

// envSelfReference reports whether value is just a reference to name ($X,
// ${X}, "$X", "${X}").
func envSelfReference(value, name string, escape rune) bool {
	v := value
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	if v != "$"+name && v != "${"+name+"}" {
		return false
	}
	refs := df8VarRefs(v, escape)
	return len(refs) == 1 && refs[0].Name == name
}

// envSelfDefault returns the reference `${NAME:-default}` (or
// `${NAME-default}`) when value is exactly that reference, optionally in
// double quotes, with a plain default; "" otherwise.
func envSelfDefault(value, name string) string {
	v := value
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	rest, ok := strings.CutPrefix(v, "${"+name)
	if !ok || !strings.HasSuffix(rest, "}") {
		return ""
	}
	def := strings.TrimSuffix(rest, "}")
	if d, ok := strings.CutPrefix(def, ":-"); ok {
		def = d
	} else if d, ok := strings.CutPrefix(def, "-"); ok {
		def = d
	} else {
		return ""
	}
	if strings.ContainsAny(def, "${}\"'`\\") {
		return ""
	}
	return v
}

// df8CountRefs counts the references to name in word.
func df8CountRefs(word, name string, escape rune) int {
	n := 0
	for _, r := range df8VarRefs(word, escape) {
		if r.Name == name {
			n++
		}
	}
	return n
}
