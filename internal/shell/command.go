package shell

import "strings"

// Is reports whether the command's Base is exactly one of names.
func (c *Command) Is(names ...string) bool {
	if c.Base == "" {
		return false
	}
	for _, n := range names {
		if c.Base == n {
			return true
		}
	}
	return false
}

// HasFlag reports whether any of flags appears among the arguments before a
// "--" argument. A long flag "--yes" matches "--yes" and "--yes=...". A short
// flag "-y" matches "-y" and also a letter of a combined short-flag word
// ("-qy"); letters are read up to the first non-letter, so "-j4" has "-j" and
// "-oDir::X" has "-o" but not "-X". A single-dash flag of several letters
// ("-qq", "-name") matches exactly. Arguments that are not Literal only match
// through their known text: use HasDynamicArgs to learn whether an unknown
// argument might be the flag.
func (c *Command) HasFlag(flags ...string) bool {
	for i := range c.Args {
		v := c.Args[i].Value
		if v == "--" {
			return false
		}
		if len(v) < 2 || v[0] != '-' {
			continue
		}
		for _, f := range flags {
			if matchFlag(v, f) {
				return true
			}
		}
	}
	return false
}

func matchFlag(arg, flag string) bool {
	if arg == flag {
		return true
	}
	if len(flag) < 2 || flag[0] != '-' {
		return false
	}
	if flag[1] == '-' || len(flag) > 2 {
		// Long flag, or a single-dash flag of several letters.
		return len(arg) > len(flag) && arg[len(flag)] == '=' && strings.HasPrefix(arg, flag)
	}
	if arg[1] == '-' {
		return false
	}
	for j := 1; j < len(arg); j++ {
		b := arg[j]
		if !isLetter(b) {
			return false
		}
		if b == flag[1] {
			return true
		}
	}
	return false
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// FlagValue returns the value of the last occurrence before "--" of any of
// flags, in the forms "--opt=v", "--opt v", "-o v" and "-ov" (and "-opt v",
// "-opt=v" for single-dash flags of several letters). The value contains
// "\x00" where it is not statically known. ok is false when no flag with a
// value is present.
func (c *Command) FlagValue(flags ...string) (value string, ok bool) {
	for i := 0; i < len(c.Args); i++ {
		v := c.Args[i].Value
		if v == "--" {
			break
		}
		if len(v) < 2 || v[0] != '-' {
			continue
		}
		for _, f := range flags {
			if len(f) < 2 || f[0] != '-' {
				continue
			}
			if v == f {
				if i+1 < len(c.Args) {
					i++
					value, ok = c.Args[i].Value, true
				}
				break
			}
			if !strings.HasPrefix(v, f) {
				continue
			}
			if len(f) == 2 && f[1] != '-' {
				value, ok = v[2:], true // -ov
				break
			}
			if v[len(f)] == '=' {
				value, ok = v[len(f)+1:], true // --opt=v
				break
			}
		}
	}
	return value, ok
}

// Subcommand returns the first argument that does not start with "-" and its
// index in Args, or ("", -1). It knows no tool's value-taking flags: rules
// that do should walk Args (or use ArgsAfter/Positionals) themselves.
func (c *Command) Subcommand() (string, int) {
	for i := range c.Args {
		v := c.Args[i].Value
		if v == "" || v[0] != '-' {
			return v, i
		}
	}
	return "", -1
}

// ArgsAfter returns the arguments after index i of Args (all of them for
// i < 0, none past the end), e.g. the arguments after Subcommand's index.
func (c *Command) ArgsAfter(i int) []Arg {
	if i < 0 {
		return c.Args
	}
	if i+1 >= len(c.Args) {
		return nil
	}
	return c.Args[i+1:]
}

// Positionals returns the arguments that are not flags (a flag is a word of
// two or more bytes starting with "-"; "-" alone is positional), skipping
// the next word after any flag written exactly as one of valueFlags (e.g.
// "-o", "--output"; the attached forms "-ov" and "--output=v" are one word
// anyway). Everything after "--" is positional.
func (c *Command) Positionals(valueFlags ...string) []Arg {
	var out []Arg
	for i := 0; i < len(c.Args); i++ {
		a := c.Args[i]
		v := a.Value
		if v == "--" {
			return append(out, c.Args[i+1:]...)
		}
		if len(v) > 1 && v[0] == '-' {
			if contains(valueFlags, v) {
				i++
			}
			continue
		}
		if out == nil {
			// One allocation, big enough for every remaining word.
			out = make([]Arg, 0, len(c.Args)-i)
		}
		out = append(out, a)
	}
	return out
}

// HasDynamicArgs reports whether any argument is not statically known, so
// that it might expand to a flag (or to several words) that HasFlag,
// FlagValue and friends cannot see.
func (c *Command) HasDynamicArgs() bool {
	for i := range c.Args {
		if !c.Args[i].Literal {
			return true
		}
	}
	return false
}
