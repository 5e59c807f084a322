package dockerfile

import (
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dflint/dflint/internal/shell"
)

// IsPOSIXShell reports whether argv[0] of a SHELL is a POSIX-style shell
// whose code dflint can analyse (sh, bash, dash, ash, zsh, ksh, busybox).
func IsPOSIXShell(argv []string) bool {
	if len(argv) == 0 {
		return false
	}
	base := strings.ToLower(path.Base(strings.ReplaceAll(argv[0], `\`, "/")))
	base = strings.TrimSuffix(base, ".exe")
	switch base {
	case "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox":
		return true
	}
	return false
}

// runScript parses the shell code a RUN (or CMD, ENTRYPOINT) executes,
// once.
func (b *builder) runScript(inst *Instruction, c *instructions.ShellDependantCmdLine) *RunScript {
	rs := &RunScript{Exec: !c.PrependShell}
	if rs.Exec {
		// Exec form runs argv directly, whatever the SHELL.
		rs.POSIX = true
		sc := shell.ParseArgv(c.CmdLine)
		rs.Scripts = []*Script{{Script: sc, pos: posMapper{fallbackLine: inst.Line}}}
		return rs
	}
	sh := inst.Shell
	if b.shellAt != nil {
		if override := b.shellAt(inst.Line); override != "" {
			sh = []string{override}
		}
	}
	rs.POSIX = IsPOSIXShell(sh)
	if !rs.POSIX || len(c.CmdLine) == 0 {
		return rs
	}
	cmdline := c.CmdLine[0]
	j := &inst.joined
	segs := cmdSegments(j, inst, cmdline)

	if len(c.Files) > 0 {
		if h, _ := parser.ParseHeredoc(strings.TrimSpace(cmdline)); h != nil && len(c.Files) == 1 {
			// RUN <<EOF: the body is the script (BuildKit runs it with the
			// shell, or with its shebang's interpreter).
			body, bodySegs := heredocBody(c.Files[0], j.lastLine+1)
			if !shebangIsPOSIX(body) {
				rs.POSIX = false
				return rs
			}
			b.addScript(rs, body, bodySegs, inst)
			return rs
		}
		// A command line with heredoc redirections: the shell sees the
		// line followed by the bodies and their terminators.
		var src strings.Builder
		src.WriteString(cmdline)
		src.WriteByte('\n')
		line := j.lastLine + 1
		for _, file := range c.Files {
			segs = append(segs, segment{off: src.Len(), line: line, byteCol: 0})
			for _, l := range strings.SplitAfter(file.Data, "\n") {
				if l == "" {
					continue
				}
				segs = append(segs, segment{off: src.Len(), line: line, byteCol: 0})
				src.WriteString(l)
				line++
			}
			segs = append(segs, segment{off: src.Len(), line: line, byteCol: 0})
			src.WriteString(file.Name)
			src.WriteByte('\n')
			line++
		}
		b.addScript(rs, src.String(), segs, inst)
		return rs
	}
	b.addScript(rs, cmdline, segs, inst)
	return rs
}

func (b *builder) addScript(rs *RunScript, src string, segs []segment, inst *Instruction) {
	sc, err := shell.Parse(src)
	if err != nil {
		rs.ParseErr = err
		return
	}
	rs.Scripts = append(rs.Scripts, &Script{Script: sc, pos: posMapper{lines: b.f.Lines, segments: segs, fallbackLine: inst.Line}})
}

// cmdSegments maps the command-line string of a shell-form instruction (the
// text after keyword and flags) onto file positions through the joined
// line; nil when it cannot be found exactly.
func cmdSegments(j *joinedLine, inst *Instruction, cmdline string) []segment {
	from := len(inst.Written)
	if from > len(j.text) {
		return nil
	}
	k := strings.Index(j.text[from:], cmdline)
	if k < 0 {
		return nil
	}
	start := from + k
	var out []segment
	for i, s := range j.pos.segments {
		segEnd := len(j.text)
		if i+1 < len(j.pos.segments) {
			segEnd = j.pos.segments[i+1].off
		}
		if segEnd <= start && i+1 < len(j.pos.segments) {
			continue
		}
		off := s.off - start
		col := s.byteCol
		if off < 0 {
			col -= off
			off = 0
		}
		out = append(out, segment{off: off, line: s.line, byteCol: col})
	}
	return out
}

// heredocBody returns a heredoc's content as the shell sees it (leading tabs
// removed for <<-) and the mapping of its lines, which start at file line
// first.
func heredocBody(file instructions.ShellInlineFile, first int) (string, []segment) {
	var b strings.Builder
	var segs []segment
	line := first
	for _, l := range strings.SplitAfter(file.Data, "\n") {
		if l == "" {
			continue
		}
		col := 0
		if file.Chomp {
			trimmed := strings.TrimLeft(l, "\t")
			col = len(l) - len(trimmed)
			l = trimmed
		}
		segs = append(segs, segment{off: b.Len(), line: line, byteCol: col})
		b.WriteString(l)
		line++
	}
	return b.String(), segs
}

// shebangIsPOSIX reports whether a heredoc script runs in a POSIX shell:
// no shebang (the stage's shell runs it) or a shebang naming one.
func shebangIsPOSIX(body string) bool {
	if !strings.HasPrefix(body, "#!") {
		return true
	}
	first, _, _ := strings.Cut(body[2:], "\n")
	fields := strings.Fields(first)
	if len(fields) == 0 {
		return false
	}
	if path.Base(fields[0]) == "env" {
		fields = fields[1:]
		for len(fields) > 0 && strings.HasPrefix(fields[0], "-") {
			fields = fields[1:]
		}
	}
	return IsPOSIXShell(fields)
}

// parseMounts parses a RUN's --mount flags with BuildKit, which only fills
// them in when the command is expanded; it works on a fresh parse of the
// node so the model's command stays as written.
func parseMounts(inst *Instruction) ([]*instructions.Mount, bool) {
	if len(inst.FlagValues("mount")) == 0 {
		return nil, true
	}
	cmd, err := ParseInstruction(inst.Node)
	if err != nil {
		return nil, false
	}
	rc, ok := cmd.(*instructions.RunCommand)
	if !ok {
		return nil, false
	}
	known := true
	err = rc.Expand(func(word string) (string, error) {
		v, ok := inst.Expand(word)
		if !ok {
			known = false
			return word, nil
		}
		return v, nil
	})
	if err != nil {
		return nil, false
	}
	return instructions.GetMounts(rc), known
}
