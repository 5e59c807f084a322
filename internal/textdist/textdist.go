// Package textdist measures how far apart two short strings are, for
// "did you mean ...?" suggestions: instruction keywords, configuration
// keys, variable and stage names.
package textdist

// Levenshtein returns the edit distance between a and b: the fewest
// single-character insertions, deletions and substitutions that turn one
// into the other. Characters are runes, so "é" counts as one.
func Levenshtein(a, b string) int {
	if a == b {
		return 0
	}
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Transposed reports whether a becomes b by swapping two adjacent bytes
// ("PTAH" and "PATH"). Equal strings are not transposed.
func Transposed(a, b string) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	i := commonPrefix(a, b)
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// OneTypo reports whether a and b differ by exactly one typo: one changed,
// missing or extra byte, or two swapped neighbours (Damerau distance 1 on
// bytes). Equal strings are not a typo.
func OneTypo(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		i := commonPrefix(a, b)
		return a[i+1:] == b[i+1:] || Transposed(a, b) // substitution or swap
	case 1:
		i := commonPrefix(a, b)
		return a[i:] == b[i+1:] // insertion
	}
	return false
}

// commonPrefix returns the length of the longest common byte prefix of a
// and b, where len(a) <= len(b).
func commonPrefix(a, b string) int {
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i
}
