package shell

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// describe renders a command compactly: the name ("?" when unknown), the
// argument values ("?" for each unknown part), then the wrappers in <>, and
// the flags: +sub, +pipe, +cond, @N for the nesting depth.
func describe(c *Command) string {
	var sb strings.Builder
	name := c.Name
	if name == "" {
		name = "?"
	}
	sb.WriteString(name)
	for _, a := range c.Args {
		sb.WriteByte(' ')
		sb.WriteString(strings.ReplaceAll(a.Value, "\x00", "?"))
	}
	if len(c.Wrappers) > 0 {
		fmt.Fprintf(&sb, " <%s>", strings.Join(c.Wrappers, ","))
	}
	if c.Subshell {
		sb.WriteString(" +sub")
	}
	if c.InPipeline {
		sb.WriteString(" +pipe")
	}
	if c.Conditional {
		sb.WriteString(" +cond")
	}
	if c.Nested > 0 {
		fmt.Fprintf(&sb, " @%d", c.Nested)
	}
	return sb.String()
}

func describeAll(s *Script) []string {
	out := make([]string, len(s.Commands))
	for i, c := range s.Commands {
		out[i] = describe(c)
	}
	return out
}

func checkInvariants(t *testing.T, s *Script) {
	t.Helper()
	for i, c := range s.Commands {
		if c.Index != i {
			t.Errorf("command %d has Index %d", i, c.Index)
		}
		if c.Pos < 0 || c.End < c.Pos || c.End > len(s.Source) {
			t.Errorf("command %d: bad span %d-%d for source of %d bytes", i, c.Pos, c.End, len(s.Source))
		}
		for j, a := range c.Args {
			if a.Pos < 0 || a.End < a.Pos || a.End > len(s.Source) {
				t.Errorf("command %d arg %d: bad span %d-%d", i, j, a.Pos, a.End)
			}
			if a.Literal && strings.Contains(a.Value, "\x00") {
				t.Errorf("command %d arg %d: literal value %q holds an unknown part", i, j, a.Value)
			}
		}
	}
}

func TestParseCommands(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"and", "apt-get update && apt-get install -y curl", []string{
			"apt-get update", "apt-get install -y curl"}},
		{"semicolon and newline", "a; b\nc", []string{"a", "b", "c"}},
		{"or", "make || echo failed", []string{"make", "echo failed +cond"}},
		{"and or", "a && b || c", []string{"a", "b", "c +cond"}},
		{"pipe", "curl -fsSL https://x | tar xz", []string{
			"curl -fsSL https://x +sub +pipe", "tar xz +pipe"}},
		{"long pipe", "a | b | c && d", []string{"a +sub +pipe", "b +sub +pipe", "c +pipe", "d"}},
		{"pipe all", "a |& b", []string{"a +sub +pipe", "b +pipe"}},
		{"subshell", "(cd /x && make) && ls", []string{"cd /x +sub", "make +sub", "ls"}},
		{"block", "{ cd /x; make; }", []string{"cd /x", "make"}},
		{"command substitution", "echo $(date) && v=$(uname -r)", []string{
			"echo ?", "date +sub", "uname -r +sub"}},
		{"backticks", "echo `date`", []string{"echo ?", "date +sub"}},
		{"nested substitution", `echo "$(dirname "$(which pip)")"`, []string{
			"echo ?", "dirname ? +sub", "which pip +sub"}},
		{"process substitution", "diff <(ls a) >(cat)", []string{
			"diff ? ?", "ls a +sub", "cat +sub"}},
		{"substitution in redirection", "echo x > $(mktemp)", []string{"echo x", "mktemp +sub"}},
		{"substitution in parameter default", `echo ${V:-$(cat /v)}`, []string{"echo ?", "cat /v +sub"}},
		{"if", "if [ -f x ]; then rm x; elif true; then :; else touch x; fi; ls", []string{
			"[ -f x ] +cond", "rm x +cond", "true +cond", ": +cond", "touch x +cond", "ls"}},
		{"test clause", `[[ -n "$(id -u)" ]] && echo`, []string{"id -u +sub", "echo"}},
		{"while", "while read l; do echo $l; done < f", []string{"read l +cond", "echo ? +cond"}},
		{"loop input", "while read l; do rm $l; done < <(find /x)", []string{"read l +cond", "rm ? +cond", "find /x +sub"}},
		{"until", "until curl x; do sleep 1; done", []string{"curl x +cond", "sleep 1 +cond"}},
		{"for", "for p in $(ls); do pip install $p; done", []string{"ls +sub", "pip install ? +cond"}},
		{"c-style for", "for ((i=0; i<3; i++)); do echo $i; done", []string{"echo ? +cond"}},
		{"case", "case $(uname -m) in x86_64) echo amd;; *) exit 1;; esac", []string{
			"uname -m +sub", "echo amd +cond", "exit 1 +cond"}},
		{"function", "f() { cd /x; make; }; f", []string{"cd /x +cond", "make +cond", "f"}},
		{"function keyword", "function g { rm -rf /tmp/*; }", []string{"rm -rf /tmp/* +cond"}},
		{"background", "sleep 10 & wait", []string{"sleep 10 +sub", "wait"}},
		{"negated", "! grep -q x f", []string{"grep -q x f"}},
		{"heredoc", "cat <<EOF > /f\nhello\nrm -rf /\nEOF\nls", []string{"cat", "ls"}},
		{"quoted heredoc", "cat <<'EOF' >/x\napt-get install foo\n$(id)\nEOF", []string{"cat"}},
		{"heredoc substitution runs", "cat <<EOF\nuid=$(id -u)\nEOF", []string{"cat", "id -u +sub"}},
		{"heredoc in sh -c", "sh -c 'cat <<EOF\nrm x\nEOF'", []string{"sh -c cat <<EOF\nrm x\nEOF", "cat +sub @1"}},
		{"quoted args", `echo "a b" 'c d' e\ f "x\"y" 'it'\''s'`, []string{
			`echo a b c d e f x"y it's`}},
		{"quoted command text", `echo "cd x"`, []string{"echo cd x"}},
		{"assignments", "FOO=1\nFOO=1 BAR=$(pwd) make all", []string{"pwd +sub", "make all"}},
		{"export", "export PATH=/x:$PATH FOO", []string{"export PATH=/x:? FOO"}},
		{"declare in function", "f() { local a=$(pwd); }", []string{"pwd +sub +cond", "local a=? +cond"}},
		{"time keyword", "time -p make -j4", []string{"make -j4 <time>"}},
		{"time pipeline", "time a | b", []string{"a +sub +pipe", "b +pipe"}},
		{"non-literal name", "$PIP install x", []string{"? install x"}},
		{"partly literal name", "${PREFIX}/bin/pip install x", []string{"? install x"}},
		{"comments", "# c\nls # d\n", []string{"ls"}},
		{"line continuation", "apt-get install -y \\\n  curl \\\n  git", []string{"apt-get install -y curl git"}},
		{"empty", "", nil},
		{"blank", " \n\t\n", nil},
		{"assignment only", "A=1 B=2", nil},
		{"coproc", "coproc cat", []string{"cat +sub"}},
		{"arith", "(( i++ )); let x=1", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(tt.src)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			if s.Source != tt.src || s.File == nil {
				t.Errorf("Source/File not set")
			}
			checkInvariants(t, s)
			got := describeAll(s)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Parse(%q):\ngot  %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestWrappers(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"sudo -u app pip install x", []string{"pip install x <sudo>"}},
		{"sudo -Hu app -- pip install x", []string{"pip install x <sudo>"}},
		{"sudo --user=app -E FOO=1 make", []string{"make <sudo>"}},
		{"sudo -e /etc/hosts", []string{"sudo -e /etc/hosts"}},
		{"sudo -l apt-get", []string{"sudo -l apt-get"}},
		{"sudo", []string{"sudo"}},
		{"sudo $OPTS pip install x", []string{"? pip install x <sudo>"}},
		{"sudo -u $U pip install x", []string{"pip install x <sudo>"}},
		{"env FOO=1 npm ci", []string{"npm ci <env>"}},
		{"env -i -u HOME PATH=/bin FOO= /usr/bin/npm ci", []string{"/usr/bin/npm ci <env>"}},
		{"/usr/bin/env python3 x.py", []string{"python3 x.py <env>"}},
		{"env -S 'pip install' x", []string{"env -S pip install x"}},
		{"env", []string{"env"}},
		{"sudo env FOO=1 nice -n 5 pip install x", []string{"pip install x <sudo,env,nice>"}},
		{"nice -10 make", []string{"make <nice>"}},
		{"nohup ./server &", []string{"./server <nohup> +sub"}},
		{"/usr/bin/time -f %e -o t make", []string{"make <time>"}},
		{"command -v curl || apt-get install -y curl", []string{"command -v curl", "apt-get install -y curl +cond"}},
		{"command -p ls", []string{"ls <command>"}},
		{`exec "$@"`, []string{"? <exec>"}},
		{"exec -a name nginx -g x", []string{"nginx -g x <exec>"}},
		{"exec >/log 2>&1", []string{"exec"}},
		{"find . | xargs -r -n1 -I{} rm -f {}", []string{"find . +sub +pipe", "rm -f {} <xargs> +pipe"}},
		{"xargs -0 -i rm", []string{"rm <xargs>"}},
		{"xargs", []string{"xargs"}},
		{"timeout 10 curl x", []string{"curl x <timeout>"}},
		{"timeout -s KILL --kill-after=5 1m curl x", []string{"curl x <timeout>"}},
		{"timeout $T curl x", []string{"curl x <timeout>"}},
		{"timeout 10", []string{"timeout 10"}},
		{"stdbuf -oL -e 0 python x", []string{"python x <stdbuf>"}},
		{"gosu app:app node server.js", []string{"node server.js <gosu>"}},
		{"su-exec app node", []string{"node <su-exec>"}},
		{"gosu app", []string{"gosu app"}},
		{"tini -s -- node x", []string{"node x <tini>"}},
		{"dumb-init -r 15:3 node", []string{"node <dumb-init>"}},
		{"doas -u app make", []string{"make <doas>"}},
		{"busybox wget x", []string{"wget x <busybox>"}},
		{"busybox --list", []string{"busybox --list"}},
		{"sudo --help", []string{"sudo --help"}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			s, err := Parse(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, s)
			got := describeAll(s)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Parse(%q):\ngot  %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestNestedScripts(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"sh -c 'cd /x && make'", []string{"sh -c cd /x && make", "cd /x +sub @1", "make +sub @1"}},
		{`bash -ec "apt-get update && apt-get install -y x"`, []string{
			"bash -ec apt-get update && apt-get install -y x",
			"apt-get update +sub @1", "apt-get install -y x +sub @1"}},
		{`/bin/bash -o pipefail -xc 'wget -O- x | sh'`, []string{
			"/bin/bash -o pipefail -xc wget -O- x | sh", "wget -O- x +sub +pipe @1", "sh +sub +pipe @1"}},
		{`bash -l -c -- 'make'`, []string{"bash -l -c -- make", "make +sub @1"}},
		{"bash script.sh -c x", []string{"bash script.sh -c x"}},
		{"sh -n -c 'rm -rf /'", []string{"sh -n -c rm -rf /"}},
		{"sh -c 'echo \"unterminated'", []string{`sh -c echo "unterminated`}},
		{"sudo -u app sh -c 'pip install x'", []string{"sh -c pip install x <sudo>", "pip install x +sub @1"}},
		{"busybox sh -c ls", []string{"sh -c ls <busybox>", "ls +sub @1"}},
		{`bash -c "source $NVM_DIR/nvm.sh && nvm install $NODE_VERSION"`, []string{
			"bash -c source ?/nvm.sh && nvm install ?",
			"source ?/nvm.sh +sub @1", "nvm install ? +sub @1"}},
		{`bash -c "$CMD"`, []string{"bash -c ?", "? +sub @1"}},
		{`bash $OPTS -c 'make'`, []string{"bash ? -c make"}},
		{`sh -c "echo '$X' 'y'"`, []string{"sh -c echo '?' 'y'", "echo ? y +sub @1"}},
		{`sh -c "make $(nproc)"`, []string{"sh -c make ?", "make ? +sub @1", "nproc +sub"}},
		{`su app -c "make install"`, []string{"su app -c make install", "make install +sub @1"}},
		{`su -c 'make' - app`, []string{"su -c make - app", "make +sub @1"}},
		{`su --command="make" app`, []string{"su --command=make app"}},
		{`eval "apt-get install -y x"`, []string{"eval apt-get install -y x", "apt-get install -y x @1"}},
		{`eval apt-get install -y x`, []string{"eval apt-get install -y x", "apt-get install -y x @1"}},
		{`eval "$(ssh-agent -s)"`, []string{"eval ?", "? @1", "ssh-agent -s +sub"}},
		{`x && sh -c 'a | b' || y`, []string{"x", "sh -c a | b", "a +sub +pipe @1", "b +sub +pipe @1", "y +cond"}},
		{`if true; then sh -c 'a'; fi`, []string{"true +cond", "sh -c a +cond", "a +sub +cond @1"}},
		{`sh -c "sh -c 'echo hi'"`, []string{"sh -c sh -c 'echo hi'", "sh -c echo hi +sub @1", "echo hi +sub @2"}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			s, err := Parse(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, s)
			got := describeAll(s)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Parse(%q):\ngot  %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestNestedDepthLimit(t *testing.T) {
	src := "echo deep"
	for range 7 {
		q, err := syntax.Quote(src, syntax.LangBash)
		if err != nil {
			t.Fatal(err)
		}
		src = "sh -c " + q
	}
	s, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, s)
	if len(s.Commands) != 1+maxNested {
		t.Fatalf("got %d commands, want %d: %q", len(s.Commands), 1+maxNested, describeAll(s))
	}
	for i, c := range s.Commands {
		if c.Nested != i || c.Name != "sh" {
			t.Errorf("command %d: %s", i, describe(c))
		}
	}
}

// TestPositions checks the source text covered by Pos/End of commands and
// arguments.
func TestPositions(t *testing.T) {
	tests := []struct {
		src  string
		cmds []string // Source[Pos:End] of each command
		args [][]string
	}{
		{"apt-get update && sudo apt-get install -y x", []string{"apt-get update", "apt-get install -y x"},
			[][]string{{"update"}, {"install", "-y", "x"}}},
		{"FOO=1 make \"all\" 'x y'", []string{"make \"all\" 'x y'"}, [][]string{{`"all"`, `'x y'`}}},
		{"RUN_ME=1 sh -c 'cd /x && make'", []string{"sh -c 'cd /x && make'", "cd /x", "make"},
			[][]string{{"-c", "'cd /x && make'"}, {"/x"}, nil}},
		{`bash -ec "cd /x && make $J"`, []string{`bash -ec "cd /x && make $J"`, "cd /x", "make $J"},
			[][]string{{"-ec", `"cd /x && make $J"`}, {"/x"}, {"$J"}}},
		// Escapes in the string: offsets cannot be mapped, the string's span is used.
		{`sh -c "echo \"hi\""`, []string{`sh -c "echo \"hi\""`, `"echo \"hi\""`},
			[][]string{{"-c", `"echo \"hi\""`}, {`"echo \"hi\""`}}},
		{"sh -c 'sh -c \"ls -l\"'", []string{`sh -c 'sh -c "ls -l"'`, `sh -c "ls -l"`, "ls -l"},
			[][]string{{"-c", `'sh -c "ls -l"'`}, {"-c", `"ls -l"`}, {"-l"}}},
		{"echo $(ls -a)", []string{"echo $(ls -a)", "ls -a"}, [][]string{{"$(ls -a)"}, {"-a"}}},
		{"export A=1", []string{"export A=1"}, [][]string{{"A=1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			s, err := Parse(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, s)
			if len(s.Commands) != len(tt.cmds) {
				t.Fatalf("got %q", describeAll(s))
			}
			for i, c := range s.Commands {
				if got := tt.src[c.Pos:c.End]; got != tt.cmds[i] {
					t.Errorf("command %d: text %q, want %q", i, got, tt.cmds[i])
				}
				var args []string
				for _, a := range c.Args {
					args = append(args, tt.src[a.Pos:a.End])
				}
				if strings.Join(args, "|") != strings.Join(tt.args[i], "|") {
					t.Errorf("command %d: args %q, want %q", i, args, tt.args[i])
				}
			}
		})
	}
}

func TestArgValues(t *testing.T) {
	tests := []struct {
		word    string
		value   string
		literal bool
		glob    bool
		brace   bool
	}{
		{"plain", "plain", true, false, false},
		{`"dq"`, "dq", true, false, false},
		{`'a b'`, "a b", true, false, false},
		{`a\ b`, "a b", true, false, false},
		{`"a\"b\$c\q"`, `a"b$c\q`, true, false, false},
		{`pkg=$V`, "pkg=\x00", false, false, false},
		{`"${A}-${B}"`, "\x00-\x00", false, false, false},
		{`$(cat f)x`, "\x00x", false, false, false},
		{`$((1+2))`, "\x00", false, false, false},
		{`/var/lib/apt/lists/*`, "/var/lib/apt/lists/*", true, true, false},
		{`'*'`, "*", true, false, false},
		{`\*`, "*", true, false, false},
		{`file?.txt`, "file?.txt", true, true, false},
		{`[abc]`, "[abc]", true, true, false},
		{`[`, "[", true, false, false},
		{`@(a|b)`, "@(a|b)", true, true, false},
		{`lib{foo,bar}-dev`, "lib{foo,bar}-dev", true, false, true},
		{`{1..3}`, "{1..3}", true, false, true},
		{`{}`, "{}", true, false, false},
		{`~/x`, "\x00/x", false, false, false},
		{`~`, "\x00", false, false, false},
		{`"~/x"`, "~/x", true, false, false},
		{`a~b`, "a~b", true, false, false},
		{`$'a\tb'`, "\x00", false, false, false},
		{`$'ab'`, "ab", true, false, false},
		{`""`, "", true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			s, err := Parse("cmd " + tt.word)
			if err != nil {
				t.Fatal(err)
			}
			c := s.Commands[0]
			if len(c.Args) != 1 {
				t.Fatalf("got %d args", len(c.Args))
			}
			a := c.Args[0]
			if a.Value != tt.value || a.Literal != tt.literal || a.Glob != tt.glob || a.Brace != tt.brace {
				t.Errorf("got %+v, want value %q literal %v glob %v brace %v", a, tt.value, tt.literal, tt.glob, tt.brace)
			}
		})
	}
}

func TestCommandNameEdgeCases(t *testing.T) {
	for src, want := range map[string]string{
		"[ -f x ]":            "[",
		"./configure --x":     "./configure",
		"/usr/local/bin/pip3": "/usr/local/bin/pip3",
		"pip*":                "",
		"~/bin/tool":          "",
		`"apt-get" install`:   "apt-get",
		`\rm -f x`:            "rm",
	} {
		s, err := Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Commands[0].Name; got != want {
			t.Errorf("Parse(%q).Name = %q, want %q", src, got, want)
		}
	}
	s, _ := Parse("/usr/local/bin/pip3 install")
	if c := s.Commands[0]; c.Base != "pip3" || !c.Is("pip", "pip3") || c.Is("pip") {
		t.Errorf("Base/Is: %+v", c)
	}
	s, _ = Parse("$X")
	if c := s.Commands[0]; c.Base != "" || c.Is("") {
		t.Errorf("unknown command matches: %+v", c)
	}
}

func TestParseArgv(t *testing.T) {
	tests := []struct {
		argv []string
		want []string
	}{
		{[]string{"apt-get", "install", "-y", "x"}, []string{"apt-get install -y x"}},
		{[]string{"sh", "-c", "apt-get update"}, []string{"sh -c apt-get update", "apt-get update +sub @1"}},
		{[]string{"/bin/bash", "-ec", "cd /x && make $J"}, []string{"/bin/bash -ec cd /x && make $J", "cd /x +sub @1", "make ? +sub @1"}},
		{[]string{"sudo", "-u", "app", "pip", "install", "*"}, []string{"pip install * <sudo>"}},
		{[]string{"echo", "$HOME"}, []string{"echo $HOME"}},
		{[]string{"sh", "-c", "'unterminated"}, []string{"sh -c 'unterminated"}},
		{nil, nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.argv, " "), func(t *testing.T) {
			s := ParseArgv(tt.argv)
			if s.File != nil || s.Source != "" {
				t.Errorf("File/Source set for argv")
			}
			checkInvariants(t, s)
			got := describeAll(s)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("ParseArgv(%q):\ngot  %q\nwant %q", tt.argv, got, tt.want)
			}
			for _, c := range s.Commands {
				if (c.Call != nil) != (c.Nested > 0) || c.Pos != 0 || c.End != 0 {
					t.Errorf("argv command %s: Call %v, span %d-%d", describe(c), c.Call, c.Pos, c.End)
				}
			}
			if len(s.Commands) > 0 {
				for _, a := range s.Commands[0].Args {
					if !a.Literal || a.Glob {
						t.Errorf("argv arg %+v must be literal, not a glob", a)
					}
				}
			}
		})
	}
}

func TestFlagHelpers(t *testing.T) {
	cmd := func(src string) *Command {
		t.Helper()
		s, err := Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		return s.Commands[0]
	}
	hasFlag := []struct {
		src   string
		flags []string
		want  bool
	}{
		{"apt-get install -qy curl", []string{"-y"}, true},
		{"apt-get install -q curl", []string{"-y", "--yes"}, false},
		{"apt-get install --yes curl", []string{"-y", "--yes"}, true},
		{"apt-get install --yes=true curl", []string{"--yes"}, true},
		{"apt-get install --yesno curl", []string{"--yes"}, false},
		{"apt-get install --assume-yes x", []string{"-y"}, false},
		{"apt-get -qq install x", []string{"-qq"}, true},
		{"apt-get -q install x", []string{"-qq"}, false},
		{"apt-get -qqy install x", []string{"-qq"}, false},
		{"apt-get -qqy install x", []string{"-y"}, true},
		{"make -j4", []string{"-j"}, true},
		{"apt-get -oAPT::Get::Assume-Yes=true install x", []string{"-s"}, false},
		{"rm -- -y", []string{"-y"}, false},
		{"pip install --no-cache-dir x", []string{"--no-cache-dir"}, true},
		{`apt-get install "-y" x`, []string{"-y"}, true},
		{"apt-get install $FLAGS x", []string{"-y"}, false},
		{"find . -name x", []string{"-name"}, true},
		{"find . -name x", []string{"-n"}, true},
		{"ls -", []string{"-"}, false},
	}
	for _, tt := range hasFlag {
		if got := cmd(tt.src).HasFlag(tt.flags...); got != tt.want {
			t.Errorf("%q HasFlag(%q) = %v, want %v", tt.src, tt.flags, got, tt.want)
		}
	}

	flagValue := []struct {
		src   string
		flags []string
		want  string
		ok    bool
	}{
		{"curl --output=f x", []string{"-o", "--output"}, "f", true},
		{"curl --output f x", []string{"-o", "--output"}, "f", true},
		{"curl -o f x", []string{"-o", "--output"}, "f", true},
		{"curl -of x", []string{"-o", "--output"}, "f", true},
		{"curl -o a -o b", []string{"-o"}, "b", true},
		{"curl x", []string{"-o", "--output"}, "", false},
		{"curl -o", []string{"-o"}, "", false},
		{"curl -- -o f", []string{"-o"}, "", false},
		{"curl --outputx f", []string{"--output"}, "", false},
		{"curl -o $F", []string{"-o"}, "\x00", true},
		{"find . -name x", []string{"-name"}, "x", true},
	}
	for _, tt := range flagValue {
		got, ok := cmd(tt.src).FlagValue(tt.flags...)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%q FlagValue(%q) = %q, %v, want %q, %v", tt.src, tt.flags, got, ok, tt.want, tt.ok)
		}
	}

	c := cmd("apt-get -q install -y --no-install-recommends curl git")
	if sub, i := c.Subcommand(); sub != "install" || i != 1 {
		t.Errorf("Subcommand = %q, %d", sub, i)
	}
	if got := values(c.ArgsAfter(1)); got != "-y --no-install-recommends curl git" {
		t.Errorf("ArgsAfter(1) = %q", got)
	}
	if got := values(c.ArgsAfter(-1)); got != "-q install -y --no-install-recommends curl git" {
		t.Errorf("ArgsAfter(-1) = %q", got)
	}
	if got := c.ArgsAfter(10); got != nil {
		t.Errorf("ArgsAfter(10) = %v", got)
	}
	if sub, i := cmd("apt-get -q -y").Subcommand(); sub != "" || i != -1 {
		t.Errorf("Subcommand of flags only = %q, %d", sub, i)
	}
	if got := values(cmd("curl -fsSL -o out --retry 3 https://x -- -y").Positionals("-o", "--retry")); got != "https://x -y" {
		t.Errorf("Positionals = %q", got)
	}
	if got := values(cmd("tar -x -f a.tgz -C /opt -").Positionals("-f", "-C")); got != "-" {
		t.Errorf("Positionals = %q", got)
	}
	if cmd("apt-get install -y x").HasDynamicArgs() || !cmd("apt-get install $P").HasDynamicArgs() {
		t.Errorf("HasDynamicArgs wrong")
	}
}

func values(args []Arg) string {
	var v []string
	for _, a := range args {
		v = append(v, a.Value)
	}
	return strings.Join(v, " ")
}

func TestSyntaxError(t *testing.T) {
	for src, want := range map[string]string{
		"echo 'unterminated":     "1:6",
		"apt-get update &&\n  )": "1:16",
		"ls\nif true; then":      "2:10",
		"echo \"x\nls":           "1:6",
	} {
		s, err := Parse(src)
		if err == nil {
			t.Fatalf("Parse(%q) = %v, want error", src, describeAll(s))
		}
		var se *Error
		if !errors.As(err, &se) {
			t.Fatalf("error %T is not *Error", err)
		}
		if got := fmt.Sprintf("%d:%d", se.Line, se.Col); got != want || !strings.Contains(err.Error(), want+": ") {
			t.Errorf("Parse(%q) error %q at %s, want %s", src, err, got, want)
		}
		var pe syntax.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("error does not wrap syntax.ParseError")
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"apt-get update && apt-get install -y curl",
		"sh -c 'cd /x && make'",
		`bash -ec "cd $D && make $(nproc) '$X'"`,
		"cat <<EOF > /f\nhello $(id)\nEOF",
		"if a; then b | c; fi; for i in *; do sudo -u x env A=1 $i; done",
		"su app -c \"eval 'ls ~/x'\"",
		"f() { (x &) ; }; time -p f",
		"export A=$(x) B; declare -a c=(1 2)",
		`sh -c "sh -c \"sh -c 'echo \\\"$X\\\"'\""`,
		"xargs -I{} timeout -s 9 5 nice -n1 stdbuf -oL {}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := Parse(src)
		if err != nil {
			return
		}
		checkInvariants(t, s)
		for _, c := range s.Commands {
			c.HasFlag("-y", "--yes", "-qq")
			c.FlagValue("-o", "--output")
			c.Subcommand()
			c.Positionals("-o")
			c.ArgsAfter(0)
			if c.Nested > maxNested {
				t.Fatalf("nesting %d", c.Nested)
			}
			var words []string
			for _, a := range c.Args {
				words = append(words, a.Value)
			}
			ParseArgv(append([]string{c.Name}, words...))
		}
	})
}

const benchRun = `set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
        ca-certificates \
        curl \
        git \
        gnupg \
        libffi-dev \
        libpq-dev \
        libssl-dev \
        make \
        netbase \
        openssh-client \
        pkg-config \
        procps \
        unzip \
        wget \
        xz-utils \
        zlib1g-dev \
    ; \
    curl -fsSL "https://deb.nodesource.com/setup_${NODE_MAJOR}.x" | bash -; \
    apt-get install -y nodejs; \
    npm install -g "yarn@${YARN_VERSION}"; \
    if [ "$(dpkg --print-architecture)" = "amd64" ]; then \
        sh -c 'echo amd64 > /etc/arch'; \
    fi; \
    apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \
    apt-get clean; \
    rm -rf /var/lib/apt/lists/* /tmp/* /var/tmp/*; \
    useradd --create-home --shell /bin/bash app`

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchRun)))
	for b.Loop() {
		s, err := Parse(benchRun)
		if err != nil || len(s.Commands) != 15 {
			b.Fatalf("%v %d", err, len(s.Commands))
		}
	}
}

func TestHeredocFedShell(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"bash <<'EOF'\napt-get install -y curl\ncd /x && make\nEOF\n", []string{"bash", "apt-get", "cd", "make"}},
		{"bash -ex <<EOF\npip install flask\nEOF\n", []string{"bash", "pip"}},
		{"sh -s <<-EOF\n\tnpm ci\n\tEOF\n", []string{"sh", "npm"}},
		{"bash script.sh <<EOF\nnot a command\nEOF\n", []string{"bash"}},
		{"python3 <<EOF\nprint(1)\nEOF\n", []string{"python3"}},
		{"bash <<EOF\necho $HOME\nEOF\n", []string{"bash"}}, // expansions: body not analysed
		{"cat <<EOF > /f\nrm -rf /\nEOF\n", []string{"cat"}},
	}
	for _, tt := range tests {
		s, err := Parse(tt.src)
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		var got []string
		for _, c := range s.Commands {
			got = append(got, c.Name)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%q: commands %v, want %v", tt.src, got, tt.want)
		}
	}
	s, _ := Parse("bash <<'EOF'\napt-get install -y curl\nEOF\n")
	if c := s.Commands[1]; s.Source[c.Pos:c.Pos+len("apt-get")] != "apt-get" {
		t.Errorf("position of nested command is off: %d", c.Pos)
	}
}
