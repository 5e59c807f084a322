package dockerfile

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// expandScope is a scope with known, empty and unknown variables.
func expandScope() *Scope {
	var s *Scope
	s = s.with(
		Var{Name: "HOME", Value: "/root", Known: true},
		Var{Name: "A", Value: "a b", Known: true},
		Var{Name: "EMPTY", Value: "", Known: true},
		Var{Name: "Q", Value: `it's "q"`, Known: true},
		Var{Name: "D", Value: "$HOME", Known: true},
		Var{Name: "_x1", Value: "x1", Known: true},
		Var{Name: "UNK"},
	)
	return s
}

// TestExpandSimpleMatchesLexer checks that the fast path of Expand gives
// BuildKit's lexer's answer.
func TestExpandSimpleMatchesLexer(t *testing.T) {
	s := expandScope()
	words := []string{
		"$HOME", "${HOME}", "$HOME/bin", "${HOME}/bin:$A", "x$HOME", "$HOMEx", "${HOME}x",
		"$EMPTY", "a${EMPTY}b", "$UNK", "${UNK}", "$NOPE", "pre-$UNK-post", "$_x1", "$_x1.2",
		"'en_US.UTF-8'", "'$HOME'", `"$HOME"`, `"a $A b"`, `"it's"`, `'a'"b"c`, `"'$HOME'"`,
		`"unterminated`, `'unterminated`, `"a\"b"`, `a\$HOME`, `$`, `$$`, `$1`, `${1}`, `$@`,
		`${HOME:-x}`, `${HOME#/}`, `${UNK:-x}`, `${}`, `${HOME`, `$ HOME`, `a<<b`, `a<b`,
		"caf\u00e9$HOME", "$HOME\u00e9", "${HOME}\u00e9", "$D", `"$Q"`, `$A$A`, `"$A"'$A'$A`,
		"``", "`$HOME`", "a`b", `\`, `"\"`, "'", `"`, "", "plain",
	}
	for _, esc := range []rune{'\\', '`'} {
		for _, w := range words {
			checkExpand(t, s, w, esc)
		}
	}
	// Random words over an alphabet that mixes every case above.
	alphabet := []string{"$", "{", "}", "HOME", "A", "UNK", "_", "1", "'", `"`, `\`, "`", "<", "/", " ", ":", "-", "#", "\u00e9", "x"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var w string
		for n := r.IntN(8); n >= 0; n-- {
			w += alphabet[r.IntN(len(alphabet))]
		}
		checkExpand(t, s, w, '\\')
		checkExpand(t, s, w, '`')
	}
}

// checkExpand compares the fast path, when it takes the word, with the
// lexer. (Dockerfiles are valid UTF-8; Parse rejects anything else.)
func checkExpand(t *testing.T, s *Scope, w string, esc rune) {
	t.Helper()
	got, gotKnown, ok := s.expandSimple(w, esc)
	if !ok || !utf8.ValidString(w) {
		return
	}
	want, wantKnown := s.expandLex(w, esc)
	if got != want || gotKnown != wantKnown {
		t.Errorf("expandSimple(%q, %q) = %q, %v; the lexer gives %q, %v", w, esc, got, gotKnown, want, wantKnown)
	}
}

// FuzzExpand compares the fast path of Expand with BuildKit's lexer.
func FuzzExpand(f *testing.F) {
	for _, w := range []string{"$HOME/bin", `"$A"'b'`, "${HOME}", "${A:-b}", `a\$b`} {
		f.Add(w)
	}
	s := expandScope()
	f.Fuzz(func(t *testing.T, w string) {
		checkExpand(t, s, w, '\\')
		checkExpand(t, s, w, '`')
	})
}

func BenchmarkExpand(b *testing.B) {
	s := expandScope()
	for _, w := range []string{"$HOME/bin", `"$A $HOME"`, "'en_US.UTF-8'", "${HOME:-x}"} {
		b.Run(w, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Expand(w, '\\')
			}
		})
	}
}
