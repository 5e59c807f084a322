package rules

// Helpers shared by the OS package manager rules (DF6xx: pkg_apt.go,
// pkg_apk.go, pkg_rpm.go): a command-line model of apt-get, apk, yum/dnf and
// zypper invocations, the stages whose layers ship, cache mounts, cleanup
// commands, and configuration files written earlier in the build.
//
// Every identifier here starts with df6 so the family cannot collide with
// the other rule files of the package.

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"
)

// df6Tool describes a package manager's command line: the options that take
// a value, so that values are never mistaken for the subcommand or for
// package names.
type df6Tool struct {
	shortVal string   // short options taking a value: "-o X", "-oX"
	longVal  []string // long options taking a value, without "--": "--option X", "--option=X"
}

// df6Opt is one option as written.
type df6Opt struct {
	short    byte   // the letter of a short option; 0 for a long one
	long     string // the name of a long option, without "--"
	value    string // the option's value (may contain "\x00" for unknown text)
	hasValue bool
}

// df6Inv is one invocation of a package manager.
type df6Inv struct {
	cmd *ShellCommand
	// sub is the subcommand ("install"); "" when there is none.
	sub string
	// operands are the positional arguments after the subcommand, option
	// values excluded; everything after "--" is an operand.
	operands []ShellArg
	opts     []df6Opt
	// dynamic reports that the command line is not fully known: an argument
	// is not a literal, or xargs appends arguments read from its input. An
	// unknown word may be any option, so checks for a missing flag stay
	// quiet.
	dynamic bool
	// xargs reports that xargs appends operands dflint cannot see.
	xargs bool
}

// df6Parse reads the command line of c with the option syntax of t. Options
// may come before and after the subcommand and the operands (getopt
// permutes), short options may be combined ("-qy"), and a short option may
// carry its value attached ("-oDpkg::X=y", "-q=2").
func df6Parse(c *ShellCommand, t *df6Tool) *df6Inv {
	inv := &df6Inv{cmd: c, dynamic: c.HasDynamicArgs()}
	if slices.Contains(c.Wrappers, "xargs") {
		inv.dynamic, inv.xargs = true, true
	}
	subFound := false
	args := c.Args
	for i := 0; i < len(args); i++ {
		a := args[i]
		v := a.Value
		if v == "--" && a.Literal {
			rest := args[i+1:]
			if !subFound && len(rest) > 0 {
				if rest[0].Literal {
					inv.sub = rest[0].Value
				}
				rest = rest[1:]
			}
			inv.operands = append(inv.operands, rest...)
			break
		}
		if len(v) >= 2 && v[0] == '-' {
			if v[1] == '-' {
				name, val, has := strings.Cut(v[2:], "=")
				o := df6Opt{long: name, value: val, hasValue: has}
				if !has && slices.Contains(t.longVal, name) && i+1 < len(args) {
					i++
					o.value, o.hasValue = args[i].Value, true
				}
				inv.opts = append(inv.opts, o)
				continue
			}
			for j := 1; j < len(v); j++ {
				b := v[j]
				if !df6Letter(b) {
					break
				}
				o := df6Opt{short: b}
				if j+1 < len(v) && v[j+1] == '=' {
					o.value, o.hasValue = v[j+2:], true // apt's -q=2, -o=X=Y
					inv.opts = append(inv.opts, o)
					break
				}
				if strings.IndexByte(t.shortVal, b) >= 0 {
					if j+1 < len(v) {
						o.value = v[j+1:]
					} else if i+1 < len(args) {
						i++
						o.value = args[i].Value
					}
					o.hasValue = true
					inv.opts = append(inv.opts, o)
					break
				}
				inv.opts = append(inv.opts, o)
			}
			continue
		}
		if !subFound {
			if !a.Literal {
				// Unknown text where the subcommand may be: options
				// ("$APT_OPTS install") or the subcommand itself. The
				// next literal word is taken as the subcommand; dynamic
				// is already set.
				continue
			}
			inv.sub, subFound = v, true
			continue
		}
		inv.operands = append(inv.operands, a)
	}
	return inv
}

func df6Letter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// has reports whether the short option letter (0 for none) or one of the
// long options is present.
func (inv *df6Inv) has(short byte, longs ...string) bool {
	for _, o := range inv.opts {
		if short != 0 && o.short == short {
			return true
		}
		if o.short == 0 && slices.Contains(longs, o.long) {
			return true
		}
	}
	return false
}

// values returns the values of the short option letter (0 for none) and of
// the long options, in order.
func (inv *df6Inv) values(short byte, longs ...string) []string {
	var out []string
	for _, o := range inv.opts {
		if !o.hasValue {
			continue
		}
		if short != 0 && o.short == short || o.short == 0 && slices.Contains(longs, o.long) {
			out = append(out, o.value)
		}
	}
	return out
}

// subIn reports whether the subcommand is one of subs.
func (inv *df6Inv) subIn(subs ...string) bool {
	return inv.sub != "" && slices.Contains(subs, inv.sub)
}

// df6PathRelated reports whether removing (or mounting) p touches dir: p is
// dir, a directory above it, or a path inside it. A glob in p is cut at its
// first wildcard and taken to name the directory it matches in
// ("/var/lib/apt/lists/*" is the lists directory).
func df6PathRelated(p, dir string) bool {
	if i := strings.IndexAny(p, "*?["); i >= 0 {
		p = p[:i]
		if j := strings.LastIndexByte(p, '/'); j >= 0 {
			p = p[:j]
		}
	}
	if p == "" || p[0] != '/' {
		return false
	}
	p = path.Clean(p)
	return p == dir || p == "/" || strings.HasPrefix(dir, p+"/") || strings.HasPrefix(p, dir+"/")
}

// df6MountCovers reports whether a --mount of the RUN (a cache, tmpfs or
// other mount) holds one of dirs, so that nothing written there reaches the
// layer. A mount target dflint cannot resolve counts as covering.
func df6MountCovers(inst *Instruction, dirs ...string) bool {
	if len(inst.FlagValues("mount")) == 0 || inst.Node == nil {
		return false
	}
	mounts, known := inst.Mounts()
	if mounts == nil {
		return !known // the flags did not parse: assume the worst
	}
	const unknown = "$" // the model keeps an unknown variable's raw text
	for _, m := range mounts {
		if m == nil || m.Type == instructions.MountTypeSecret || m.Type == instructions.MountTypeSSH {
			continue
		}
		target := m.Target
		if strings.Contains(target, unknown) {
			return true
		}
		if target == "" || target[0] != '/' {
			continue
		}
		target = path.Clean(target)
		for _, d := range dirs {
			if target == d || target == "/" || strings.HasPrefix(d, target+"/") {
				return true
			}
		}
	}
	return false
}

// df6Cleans reports whether a command of cmds after index after (or at any
// position when after < 0) removes one of dirs (rm, or find ... -delete or
// -exec), or may do so: it runs a program or script dflint cannot see into,
// or rm has an argument dflint cannot resolve while the RUN names one of
// dirs elsewhere (LISTS=/var/lib/apt/lists; ...; rm -rf "$LISTS").
// extra, when set, recognises tool-specific cleanup commands.
func df6Cleans(inst *Instruction, cmds []*ShellCommand, after int, dirs []string, extra func(*ShellCommand) bool) bool {
	// "trap 'rm -rf /var/lib/apt/lists/*' EXIT", wherever it is set, runs
	// when the script ends; its handler is a string dflint does not parse,
	// so naming one of dirs there counts.
	for _, c := range cmds {
		if c.Is("trap") && len(c.Args) > 0 {
			for _, d := range dirs {
				if strings.Contains(c.Args[0].Value, d) {
					return true
				}
			}
		}
	}
	unknownRm := false
	for i := after + 1; i < len(cmds); i++ {
		c := cmds[i]
		if extra != nil && extra(c) {
			return true
		}
		switch {
		case c.Is("rm", "unlink", "shred"):
			for _, a := range c.Args {
				if !a.Literal {
					unknownRm = true
					continue
				}
				if strings.HasPrefix(a.Value, "-") {
					continue
				}
				if !strings.HasPrefix(a.Value, "/") {
					// Relative to a directory dflint does not track
					// ("cd /var/lib/apt/lists && rm -rf ./*").
					unknownRm = true
					continue
				}
				for _, p := range df6Braces(a) {
					for _, d := range dirs {
						if df6PathRelated(p, d) {
							return true
						}
					}
				}
			}
		case c.Is("find"):
			deletes := false
			for _, a := range c.Args {
				if a.Value == "-delete" || a.Value == "-exec" || a.Value == "-execdir" {
					deletes = true
				}
			}
			if !deletes {
				continue
			}
			// The starting points: the words before the expression.
			for _, a := range c.Args {
				if v := a.Value; strings.HasPrefix(v, "-") || v == "(" || v == "!" {
					break
				}
				if !a.Literal || !strings.HasPrefix(a.Value, "/") {
					unknownRm = true
					continue
				}
				for _, d := range dirs {
					if df6PathRelated(a.Value, d) && df6Deep(a.Value) {
						return true
					}
				}
			}
		case df6Opaque(c):
			return true
		}
	}
	return unknownRm && df6Mentions(inst, dirs)
}

// df6Braces returns the words an argument stands for after brace expansion
// ("/var/lib/{apt,dpkg}" is "/var/lib/apt" and "/var/lib/dpkg"). POSIX sh
// does not expand braces, but bash (/bin/sh on RHEL-like images) does, so
// both readings are taken: the word as written comes first.
func df6Braces(a ShellArg) []string {
	if !a.Brace {
		return []string{a.Value}
	}
	out := []string{a.Value}
	var expand func(v string, depth int)
	expand = func(v string, depth int) {
		i := strings.IndexByte(v, '{')
		if i < 0 || depth > 4 || len(out) > 64 {
			out = append(out, v)
			return
		}
		level := 0
		for j := i; j < len(v); j++ {
			switch v[j] {
			case '{':
				level++
			case '}':
				level--
				if level > 0 {
					continue
				}
				var alts []string
				start, l := i+1, 0
				for k := i + 1; k < j; k++ {
					switch v[k] {
					case '{':
						l++
					case '}':
						l--
					case ',':
						if l == 0 {
							alts = append(alts, v[start:k])
							start = k + 1
						}
					}
				}
				alts = append(alts, v[start:j])
				if len(alts) < 2 {
					out = append(out, v) // a range or a literal brace
					return
				}
				for _, alt := range alts {
					expand(v[:i]+alt+v[j+1:], depth+1)
				}
				return
			}
		}
		out = append(out, v)
	}
	expand(a.Value, 0)
	return out
}

// df6Opaque reports whether c runs code dflint cannot see (a program whose
// name is unknown, a script file, a sourced file), which may well clean up.
func df6Opaque(c *ShellCommand) bool {
	if c.Name == "" {
		return true
	}
	switch c.Base {
	case ".", "source":
		return true
	case "eval":
		return c.HasDynamicArgs()
	case "sh", "bash", "dash", "ash", "zsh", "ksh":
		// A shell running a script file (not -c, which is parsed).
		for i := 0; i < len(c.Args); i++ {
			v := c.Args[i].Value
			switch {
			case v == "-o" || v == "+o" || v == "-O" || v == "+O":
				i++ // -o pipefail
			case strings.HasPrefix(v, "--"):
			case strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+"):
				if strings.Contains(v, "c") && v[0] == '-' {
					return false
				}
			default:
				return true
			}
		}
		return false
	}
	if strings.HasSuffix(c.Base, ".sh") {
		return true
	}
	if strings.Contains(c.Name, "/") {
		dir := path.Dir(c.Name)
		switch dir {
		case "/bin", "/usr/bin", "/sbin", "/usr/sbin":
			return false
		}
		return true
	}
	return false
}

// df6Deep reports whether path p names something below a top-level
// directory ("/var/lib", not "/" or "/var"): removing or naming such a
// directory is specific enough to count.
func df6Deep(p string) bool {
	p = strings.Trim(path.Clean(p), "/")
	return strings.Contains(p, "/")
}

// df6Mentions reports whether the RUN's shell code holds one of dirs (or a
// path inside it, or a directory above it below the top level) in a literal
// piece of text, or a variable in the instruction's scope has such a value.
func df6Mentions(inst *Instruction, dirs []string) bool {
	has := func(s string) bool {
		for _, d := range dirs {
			if strings.Contains(s, d) || df6PathRelated(s, d) && df6Deep(s) {
				return true
			}
		}
		return false
	}
	for _, s := range inst.Run.Scripts {
		if s.File == nil {
			for _, c := range s.Commands {
				for _, a := range c.Args {
					if has(a.Value) {
						return true
					}
				}
			}
			continue
		}
		found := false
		syntax.Walk(s.File, func(n syntax.Node) bool {
			if found {
				return false
			}
			switch x := n.(type) {
			case *syntax.Lit:
				found = has(x.Value)
			case *syntax.SglQuoted:
				found = has(x.Value)
			}
			return !found
		})
		if found {
			return true
		}
	}
	if inst.Vars != nil {
		for _, name := range inst.Vars.Names() {
			if v, ok := inst.Vars.Lookup(name); ok && v.Known && has(v.Value) {
				return true
			}
		}
	}
	return false
}

// df6StdinFed reports whether the command reads its standard input from
// something that can answer a prompt: the right side of a pipe ("yes |
// apt-get install x"), or an input redirection or here-document on it or on
// a compound command around it ("... done < answers"). /dev/null answers
// nothing.
func df6StdinFed(inst *Instruction, c *ShellCommand) bool {
	if c.Nested > 0 {
		return c.InPipeline // the "sh -c" string's input is not traced
	}
	if c.Call == nil || !c.InPipeline && !df6AnyInputRedirect(inst) {
		return false
	}
	for _, s := range inst.Run.Scripts {
		if s.File == nil || !slices.Contains(s.Commands, c) {
			continue
		}
		fed := false
		syntax.Walk(s.File, func(n syntax.Node) bool {
			if fed {
				return false
			}
			switch x := n.(type) {
			case *syntax.BinaryCmd:
				if (x.Op == syntax.Pipe || x.Op == syntax.PipeAll) && df6Contains(x.Y, c.Call) {
					fed = true
				}
			case *syntax.Stmt:
				for _, r := range x.Redirs {
					if df6InputRedirect(r) && df6Contains(x, c.Call) {
						fed = true
					}
				}
			}
			return !fed
		})
		return fed
	}
	return false
}

// df6AnyInputRedirect reports whether any script of the RUN has an input
// redirection, so that the syntax walk can be skipped when none does.
func df6AnyInputRedirect(inst *Instruction) bool {
	for _, s := range inst.Run.Scripts {
		if s.File == nil {
			continue
		}
		found := false
		syntax.Walk(s.File, func(n syntax.Node) bool {
			if r, ok := n.(*syntax.Redirect); ok && df6InputRedirect(r) {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

func df6InputRedirect(r *syntax.Redirect) bool {
	switch r.Op {
	case syntax.RdrIn, syntax.RdrInOut, syntax.DplIn:
		if r.Word != nil {
			if t, ok := df6WordText(r.Word); ok && t == "/dev/null" {
				return false
			}
		}
		return true
	case syntax.Hdoc, syntax.DashHdoc, syntax.WordHdoc:
		return true
	}
	return false
}

// df6Contains reports whether node n holds the call.
func df6Contains(n syntax.Node, call *syntax.CallExpr) bool {
	found := false
	syntax.Walk(n, func(x syntax.Node) bool {
		if x == syntax.Node(call) {
			found = true
		}
		return !found
	})
	return found
}

// df6WordText returns the text of a shell word with quotes removed; parts
// that are not statically known become "\x00" and make ok false.
func df6WordText(w *syntax.Word) (string, bool) {
	var b strings.Builder
	ok := true
	for _, part := range w.Parts {
		switch x := part.(type) {
		case *syntax.Lit:
			b.WriteString(x.Value)
		case *syntax.SglQuoted:
			b.WriteString(x.Value)
		case *syntax.DblQuoted:
			for _, qp := range x.Parts {
				if l, isLit := qp.(*syntax.Lit); isLit {
					b.WriteString(l.Value)
				} else {
					b.WriteByte(0)
					ok = false
				}
			}
		default:
			b.WriteByte(0)
			ok = false
		}
	}
	return b.String(), ok
}

// df6Config names a package manager's configuration: the files and
// directories of snippets it reads, and the setting looked for.
type df6Config struct {
	paths []string // absolute, cleaned: "/etc/apt/apt.conf.d", "/etc/dnf/dnf.conf"
	key   string   // lower-case text of the setting: "install-recommends"
}

// df6ConfigMaySet reports whether, by the time inst runs, the build may
// have written cfg.key into one of cfg.paths: an earlier instruction of the
// stage (or of a stage it is built FROM), or inst's own RUN, writes text
// holding the key there, or writes there something dflint cannot read (a
// COPY from another stage, an unknown variable, a program it does not
// know). Writes whose text is known and lacks the key do not count.
func df6ConfigMaySet(inst *Instruction, cfg df6Config) bool {
	if inst.Stage == nil {
		return false
	}
	workdir := "/"
	for in := range instructionsUpTo(inst) {
		switch in.Keyword {
		case "WORKDIR":
			if len(in.Args) > 0 {
				if v, known := in.Expand(in.Args[0]); known {
					if !path.IsAbs(v) {
						v = path.Join(workdir, v)
					}
					workdir = path.Clean(v)
				}
			}
		case "RUN":
			if knownRun(in) && df6RunWritesConfig(in, cfg, workdir) {
				return true
			}
		case "COPY", "ADD":
			if df6CopyWritesConfig(in, cfg, workdir) {
				return true
			}
		}
	}
	return false
}

// df6InConfig reports whether the file p is one of cfg's paths or inside
// one of its directories.
func df6InConfig(p string, cfg df6Config) bool {
	for _, c := range cfg.paths {
		if p == c || strings.HasPrefix(p, c+"/") {
			return true
		}
	}
	return false
}

// df6AbsPath makes p absolute against workdir, or returns "" when p is not
// a plain path.
func df6AbsPath(p, workdir string) string {
	if p == "" || strings.ContainsRune(p, 0) {
		return ""
	}
	if !path.IsAbs(p) {
		p = path.Join(workdir, p)
	}
	return path.Clean(p)
}

// df6Holds reports whether text (lower-cased) holds the key; text with
// unknown parts that lacks it may still set it.
func df6Holds(text string, known bool, key string) bool {
	return strings.Contains(strings.ToLower(text), key) || !known
}

// df6NonWriters are programs that read, list or remove files but do not
// write configuration text into them.
var df6NonWriters = map[string]bool{
	"rm": true, "ls": true, "cat": true, "test": true, "[": true, "stat": true, "grep": true, "egrep": true,
	"fgrep": true, "mkdir": true, "chmod": true, "chown": true, "touch": true, "echo": true, "printf": true,
	"head": true, "tail": true, "file": true, "readlink": true, "realpath": true, "diff": true, "wc": true,
	"apt-get": true, "apt": true, "apt-config": true, "apk": true, "yum": true, "dnf": true, "microdnf": true,
	"zypper": true, "md5sum": true, "sha256sum": true,
}

// df6RunWritesConfig reports whether a RUN may write cfg.key into cfg's
// files: through a redirection (echo/printf text, a cat here-document, or
// anything else, which is unknown), or a program given one of the files as
// an argument (sed's script is read for the key; cp, tee, ln and unknown
// programs are unknown).
func df6RunWritesConfig(inst *Instruction, cfg df6Config, workdir string) bool {
	for _, s := range inst.Run.Scripts {
		for _, c := range s.Commands {
			if df6NonWriters[c.Base] {
				continue
			}
			for _, a := range c.Args {
				if !a.Literal || strings.HasPrefix(a.Value, "-") {
					continue
				}
				if p := df6AbsPath(a.Value, workdir); p == "" || !df6InConfig(p, cfg) {
					continue
				}
				if !c.Is("sed") {
					return true
				}
				var text strings.Builder
				known := true
				for _, b := range c.Args {
					text.WriteString(b.Value)
					text.WriteByte(' ')
					known = known && b.Literal
				}
				if df6Holds(text.String(), known, cfg.key) {
					return true
				}
			}
		}
		if s.File == nil {
			continue
		}
		hit := false
		syntax.Walk(s.File, func(n syntax.Node) bool {
			st, ok := n.(*syntax.Stmt)
			if hit || !ok || len(st.Redirs) == 0 {
				return !hit
			}
			for _, r := range st.Redirs {
				switch r.Op {
				case syntax.RdrOut, syntax.AppOut, syntax.RdrClob, syntax.RdrAll, syntax.AppAll:
				default:
					continue
				}
				if r.Word == nil {
					continue
				}
				target, known := df6WordText(r.Word)
				if !known {
					continue
				}
				if p := df6AbsPath(target, workdir); p == "" || !df6InConfig(p, cfg) {
					continue
				}
				if df6StmtWrites(s.Commands, st, cfg.key) {
					hit = true
				}
			}
			return !hit
		})
		if hit {
			return true
		}
	}
	return false
}

// df6StmtWrites reports whether the statement whose output is redirected
// into a configuration file may write key: echo and printf write their
// arguments, cat a here-document; anything else is unknown.
func df6StmtWrites(cmds []*ShellCommand, st *syntax.Stmt, key string) bool {
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok {
		return true
	}
	var c *ShellCommand
	for _, x := range cmds {
		if x.Call == call {
			c = x
			break
		}
	}
	if c == nil {
		return true
	}
	switch {
	case c.Is("echo", "printf"):
		var text strings.Builder
		known := true
		for _, a := range c.Args {
			text.WriteString(a.Value)
			text.WriteByte(' ')
			known = known && a.Literal
		}
		return df6Holds(text.String(), known, key)
	case c.Is("cat") && len(c.Args) == 0:
		for _, r := range st.Redirs {
			if r.Hdoc != nil {
				text, known := df6WordText(r.Hdoc)
				return df6Holds(text, known, key)
			}
		}
	}
	return true
}

// df6CopyWritesConfig reports whether a COPY or ADD may put cfg.key into
// cfg's files: its destination is one of them (the content is read from a
// here-document or the build context when it can be), or a directory above
// them and a source directory may hold them.
func df6CopyWritesConfig(inst *Instruction, cfg df6Config, workdir string) bool {
	var sd instructions.SourcesAndDest
	from, isAdd := "", false
	switch c := inst.Command.(type) {
	case *instructions.CopyCommand:
		sd, from = c.SourcesAndDest, c.From
	case *instructions.AddCommand:
		sd, isAdd = c.SourcesAndDest, true
	default:
		return false
	}
	dest, known := inst.Expand(sd.DestPath)
	if !known {
		return false
	}
	if dest = df6AbsPath(dest, workdir); dest == "" {
		return false
	}
	ctx := inst.File().Context
	for _, cp := range cfg.paths {
		switch {
		case dest == cp || strings.HasPrefix(dest, cp+"/"):
			// Into the configuration itself.
			for _, sc := range sd.SourceContents {
				if strings.Contains(strings.ToLower(sc.Data), cfg.key) || sc.Expand && strings.Contains(sc.Data, "$") {
					return true
				}
			}
			for _, src := range sd.SourcePaths {
				if from != "" || isAdd || ctx == nil {
					return true
				}
				rel, ok := inst.Expand(src)
				if !ok || strings.ContainsAny(rel, "*?[") {
					return true
				}
				data, err := os.ReadFile(filepath.Join(ctx.Dir(), filepath.FromSlash(path.Clean("/"+rel))))
				if err != nil || strings.Contains(strings.ToLower(string(data)), cfg.key) {
					return true
				}
			}
		case dest == "/" || strings.HasPrefix(cp, dest+"/"):
			// A directory above it: a source directory may carry it.
			rel := strings.TrimPrefix(cp, strings.TrimSuffix(dest, "/")+"/")
			for _, src := range sd.SourcePaths {
				if from != "" || isAdd {
					return true
				}
				s, ok := inst.Expand(src)
				if !ok || strings.ContainsAny(s, "*?[") {
					return true
				}
				s = path.Clean("/" + s)
				if ctx == nil {
					// Without the context, a source named like a file
					// ("entrypoint.sh") is taken as one.
					if base := path.Base(s); s == "/" || !strings.Contains(base, ".") {
						return true
					}
					continue
				}
				if ctx.Exists(path.Join(s[1:], rel)) {
					return true
				}
			}
		}
	}
	return false
}
