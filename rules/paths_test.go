package rules

import "testing"

func TestIsAbsPath(t *testing.T) {
	cases := []struct {
		p       string
		windows bool
		want    bool
	}{
		{"/app", false, true},
		{"/", false, true},
		{"app", false, false},
		{"./app", false, false},
		{"", false, false},
		{`C:\app`, false, true}, // a drive letter is absolute on any stage
		{"c:/app", true, true},
		{"C:", true, true},
		{`\app`, true, true},
		{`\app`, false, false}, // a backslash is a file name character on Linux
		{"1:/app", true, false},
		{":/app", true, false},
		{"app:/x", true, false},
	}
	for _, c := range cases {
		if got := isAbsPath(c.p, c.windows); got != c.want {
			t.Errorf("isAbsPath(%q, windows=%v) = %v, want %v", c.p, c.windows, got, c.want)
		}
	}
}

func TestHasDriveLetter(t *testing.T) {
	for p, want := range map[string]bool{
		"C:": true, `c:\x`: true, "Z:/x": true, "C": false, "": false, "@:/x": false, "[:/x": false, "é:/x": false, "/C:": false,
	} {
		if got := hasDriveLetter(p); got != want {
			t.Errorf("hasDriveLetter(%q) = %v, want %v", p, got, want)
		}
	}
}
