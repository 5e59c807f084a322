package textdist

import "testing"

func TestLevenshtein(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"PATH", "PAHT", 2},
		{"WORKDIR", "WORKDIRR", 1},
		{"café", "cafe", 1}, // runes, not bytes
		{"ß", "ss", 2},
	}
	for _, c := range cases {
		if got := Levenshtein(c.a, c.b); got != c.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Levenshtein(c.b, c.a); got != c.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d (symmetry)", c.b, c.a, got, c.want)
		}
	}
}

func TestTransposed(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"PTAH", "PATH", true},
		{"ab", "ba", true},
		{"PATH", "PATH", false},
		{"PATH", "PATHS", false},
		{"abc", "cba", false},
		{"abcd", "badc", false}, // two swaps
		{"abc", "abd", false},   // substitution
	}
	for _, c := range cases {
		if got := Transposed(c.a, c.b); got != c.want {
			t.Errorf("Transposed(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestOneTypo(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"builder", "builder", false},
		{"buidler", "builder", true}, // swap
		{"builer", "builder", true},  // deletion
		{"builderr", "builder", true},
		{"bulder", "builder", true},
		{"buildar", "builder", true}, // substitution
		{"bilder", "builder", true},
		{"bldr", "builder", false},
		{"runtime", "builder", false},
		{"", "a", true},
		{"ab", "ba", true},
		{"abcd", "badc", false},
	}
	for _, c := range cases {
		if got := OneTypo(c.a, c.b); got != c.want {
			t.Errorf("OneTypo(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := OneTypo(c.b, c.a); got != c.want {
			t.Errorf("OneTypo(%q, %q) = %v, want %v (symmetry)", c.b, c.a, got, c.want)
		}
	}
}
