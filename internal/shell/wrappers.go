package shell

import (
	"path"
	"strings"
)

// wrapper describes the command line of a program that runs another program
// given as its operands ("sudo -u app pip install x").
type wrapper struct {
	shortVal string // short options taking a value, attached or as the next word
	shortOpt string // short options taking an optional value, attached only
	noExec   string // short options with which no program is run
	longVal  []string
	noExecL  []string
	assigns  bool // NAME=value words may follow the options
	dashOpt  bool // a lone "-" is an option
	numeric  bool // "-N" is an option (nice -10)
	noOpts   bool // the wrapper takes no options at all
	operands int  // operands before the program (timeout DURATION, gosu USER)
}

// wrappers lists the programs stripped before the real one, by base name.
// "--help" and "--version" never run a program.
var wrappers = map[string]*wrapper{
	// sudo [-AbEHnPS...] [-u user] [-g group] ... [VAR=value] command
	"sudo": {
		shortVal: "aCcDghpRrTtUu",
		noExec:   "eKlVv",
		longVal: []string{"auth-type", "close-from", "login-class", "chdir", "group", "host",
			"prompt", "chroot", "role", "command-timeout", "type", "other-user", "user"},
		noExecL: []string{"edit", "list", "validate", "remove-timestamp"},
		assigns: true,
	},
	// doas [-ns] [-u user] command; -C checks a config, -L clears auth.
	"doas": {shortVal: "Cu", noExec: "CL"},
	// env [-0iv] [-u NAME] [-C DIR] [NAME=value]... command. -S splits a
	// string into the command line: not followed, env stays the command.
	"env": {
		shortVal: "Cu",
		noExec:   "S",
		longVal:  []string{"unset", "chdir"},
		noExecL:  []string{"split-string"},
		assigns:  true,
		dashOpt:  true,
	},
	// nice [-n N | -N] command
	"nice": {shortVal: "n", longVal: []string{"adjustment"}, numeric: true},
	// nohup command
	"nohup": {noOpts: true},
	// GNU time [-apqv] [-f FORMAT] [-o FILE] command (bash's time keyword is
	// handled by the parser).
	"time": {shortVal: "fo", noExec: "V", longVal: []string{"format", "output"}},
	// command [-p] command; -v and -V only describe the command.
	"command": {noExec: "vV"},
	// exec [-cl] [-a NAME] command
	"exec": {shortVal: "a"},
	// GNU xargs [-0oprtx] [-a FILE] [-d DELIM] [-E EOF] [-I REPL] [-L N]
	// [-n N] [-P N] [-s N] [-e[EOF]] [-i[REPL]] [-l[N]] command: the command
	// also gets arguments read from stdin.
	"xargs": {
		shortVal: "adEILnPs",
		shortOpt: "eil",
		longVal:  []string{"arg-file", "delimiter", "max-args", "max-procs", "max-chars", "process-slot-var"},
	},
	// timeout [-v] [-k DURATION] [-s SIGNAL] DURATION command
	"timeout": {shortVal: "ks", longVal: []string{"kill-after", "signal"}, operands: 1},
	// stdbuf [-i MODE] [-o MODE] [-e MODE] command
	"stdbuf": {shortVal: "ioe", longVal: []string{"input", "output", "error"}},
	// gosu USER command; su-exec USER[:GROUP] command
	"gosu":    {operands: 1},
	"su-exec": {operands: 1},
	// tini [-svwg] [-p SIGNAL] [-e CODE] [--] command; -h help, -l license.
	"tini": {shortVal: "pe", noExec: "hl"},
	// dumb-init [-cv] [-r S:R] command
	"dumb-init": {shortVal: "r", noExec: "hV", longVal: []string{"rewrite"}},
	// busybox APPLET args
	"busybox": {noOpts: true},
}

// maxWrappers bounds the number of wrappers stripped from one command.
const maxWrappers = 16

// stripWrappers returns the index of the program word in words (all the
// words of a command, the first being the program as written) and the base
// names of the wrappers before it.
func stripWrappers(words []Arg) (int, []string) {
	ni := 0
	var out []string
	for range maxWrappers {
		w := words[ni]
		if !w.Literal || w.Glob || w.Brace || w.Value == "" {
			break
		}
		base := path.Base(w.Value)
		spec, ok := wrappers[base]
		if !ok {
			break
		}
		next, ok := spec.program(words, ni)
		if !ok {
			break
		}
		out = append(out, base)
		ni = next
	}
	return ni, out
}

// program returns the index of the program run by the wrapper at words[i],
// or false when it runs none (or one this package cannot tell).
func (sp *wrapper) program(words []Arg, i int) (int, bool) {
	i++
	for i < len(words) {
		a := words[i]
		if !a.Literal {
			// An unknown word where an option is expected is taken as an
			// operand or the program (whose Name is then "").
			break
		}
		v := a.Value
		if v == "--" {
			i++
			break
		}
		if len(v) < 2 || v[0] != '-' {
			if v == "-" && sp.dashOpt {
				i++
				continue
			}
			if sp.assigns && isAssignment(v) {
				i++
				continue
			}
			break
		}
		if sp.noOpts {
			return 0, false
		}
		if v[1] == '-' {
			name, _, hasValue := strings.Cut(v[2:], "=")
			if name == "help" || name == "version" || contains(sp.noExecL, name) {
				return 0, false
			}
			if !hasValue && contains(sp.longVal, name) {
				i++
			}
			i++
			continue
		}
		if sp.numeric && isNumber(v[1:]) {
			i++
			continue
		}
		for j := 1; j < len(v); j++ {
			c := v[j]
			if strings.IndexByte(sp.noExec, c) >= 0 {
				return 0, false
			}
			if strings.IndexByte(sp.shortVal, c) >= 0 {
				if j == len(v)-1 {
					i++ // the value is the next word
				}
				break
			}
			if strings.IndexByte(sp.shortOpt, c) >= 0 {
				break
			}
		}
		i++
	}
	i += sp.operands
	if i >= len(words) {
		return 0, false
	}
	return i, true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// isAssignment reports whether v has the form NAME=value.
func isAssignment(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '=':
			return i > 0
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	return false
}

func isNumber(v string) bool {
	if len(v) > 0 && (v[0] == '-' || v[0] == '+') {
		v = v[1:]
	}
	if v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

// shells are the programs whose "-c STRING" is parsed as a nested script.
var shells = map[string]bool{"sh": true, "bash": true, "dash": true, "ash": true, "zsh": true, "ksh": true, "mksh": true}

// shellStringIndex returns the index in c.Args of the script string that c
// runs: the STRING of "sh -c STRING" or "su [user] -c STRING"; -1 if none.
func shellStringIndex(c *Command) int {
	switch {
	case shells[c.Base]:
		return shCString(c.Args)
	case c.Base == "su":
		return suCString(c.Args)
	}
	return -1
}

// shCString finds STRING in "sh [options] -c [options] STRING [name args]".
func shCString(args []Arg) int {
	cflag := false
	i := 0
	for ; i < len(args); i++ {
		a := args[i]
		v := a.Value
		if !a.Literal {
			if strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+") || strings.HasPrefix(v, unknown) && !cflag {
				return -1 // maybe an option: cannot tell
			}
			break
		}
		if v == "--" || v == "-" {
			i++
			break
		}
		if len(v) < 2 || (v[0] != '-' && v[0] != '+') {
			break
		}
		if v[0] == '-' && v[1] == '-' {
			if v == "--rcfile" || v == "--init-file" {
				i++
			}
			continue
		}
		skip := 0
		for j := 1; j < len(v); j++ {
			switch v[j] {
			case 'c':
				if v[0] == '-' {
					cflag = true
				}
			case 'n':
				if v[0] == '-' {
					return -1 // noexec: commands are read, not run
				}
			case 'o', 'O':
				skip++ // -o option / -O shopt_option
			}
		}
		i += skip
	}
	if !cflag || i >= len(args) {
		return -1
	}
	return i
}

// suCString finds STRING in "su [options] [-] [user] -c STRING" (GNU su
// accepts options after the user).
func suCString(args []Arg) int {
	idx := -1
	for i := 0; i < len(args); i++ {
		v := args[i].Value
		if !args[i].Literal {
			continue // the user, or an argument of the shell
		}
		if v == "--" {
			break
		}
		if len(v) < 2 || v[0] != '-' {
			continue
		}
		if v[1] == '-' {
			name, _, hasValue := strings.Cut(v[2:], "=")
			switch name {
			case "command", "session-command":
				if hasValue {
					idx = -1 // the string is inside this word: not followed
				} else if i+1 < len(args) {
					i++
					idx = i
				}
			case "group", "supp-group", "shell", "whitelist-environment":
				if !hasValue {
					i++
				}
			}
			continue
		}
		for j := 1; j < len(v); j++ {
			c := v[j]
			if c == 'c' || c == 'g' || c == 'G' || c == 's' || c == 'w' {
				if j == len(v)-1 {
					i++
					if c == 'c' && i < len(args) {
						idx = i
					}
				} else if c == 'c' {
					idx = -1 // attached string: not followed
				}
				break
			}
		}
	}
	return idx
}
