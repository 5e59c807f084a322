package rules

import (
	"reflect"
	"testing"
)

func TestVarRefs(t *testing.T) {
	type ref = df8VarRef
	for _, c := range []struct {
		word   string
		escape rune
		want   []ref
	}{
		{"plain", '\\', nil},
		{"$A", '\\', []ref{{"A", false, "$A"}}},
		{"${A}/x$B_C-y", '\\', []ref{{"A", false, "${A"}, {"B_C", false, "$B_C"}}},
		{"${A:-$B}", '\\', []ref{{"A", true, "${A"}, {"B", true, "$B"}}},
		{"${A-x}${C+y}${D:?z}", '\\', []ref{{"A", true, "${A"}, {"C", true, "${C"}, {"D", true, "${D"}}},
		{"${A#pre}${B%%suf}${C/a/b}", '\\', []ref{{"A", false, "${A"}, {"B", false, "${B"}, {"C", false, "${C"}}},
		{"'$A' \"$B\"", '\\', []ref{{"B", false, "$B"}}},
		{"\\$A $B", '\\', []ref{{"B", false, "$B"}}},
		{"`$A $B", '`', []ref{{"B", false, "$B"}}},
		{"C:\\$A", '`', []ref{{"A", false, "$A"}}},
		{"$1 $@ $$ $", '\\', nil},
		{"${A:-${B:-c}}d$E", '\\', []ref{{"A", true, "${A"}, {"B", true, "${B"}, {"E", false, "$E"}}},
	} {
		got := df8VarRefs(c.word, c.escape)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("df8VarRefs(%q) = %+v, want %+v", c.word, got, c.want)
		}
	}
}

func TestQuote(t *testing.T) {
	if q, ok := df8Quote(`a "b" $c`, '\\'); !ok || q != `"a \"b\" \$c"` {
		t.Errorf("df8Quote = %q, %v", q, ok)
	}
	if q, ok := df8Quote(`a "b"`, '`'); !ok || q != "\"a `\"b`\"\"" {
		t.Errorf("df8Quote backtick = %q, %v", q, ok)
	}
	if q, ok := df8Quote(`C:\x`, '\\'); !ok || q != `"C:\\x"` {
		t.Errorf("df8Quote backslash = %q, %v", q, ok)
	}
	if _, ok := df8Quote("a\nb", '\\'); ok {
		t.Error("df8Quote accepted a newline")
	}
}
