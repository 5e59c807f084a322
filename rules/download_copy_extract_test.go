package rules

import "testing"

func TestCopyArchiveThenExtract(t *testing.T) {
	runRuleCases(t, "DF724", []ruleCase{
		{name: "absolute path", src: "FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n", want: []int{2},
			messages: []string{"'app.tar.gz' is COPYed to '/tmp/app.tar.gz' and then extracted by tar on line 3"}},
		{name: "deleted in the same RUN still fires", src: "FROM debian:12\nCOPY app.tgz /tmp/app.tgz\nRUN tar xzf /tmp/app.tgz -C /opt && rm /tmp/app.tgz\n", want: []int{2}},
		{name: "relative to WORKDIR", src: "FROM debian:12\nWORKDIR /src\nCOPY app.tar.xz .\nRUN tar -xJf app.tar.xz\n", want: []int{3}},
		{name: "relative dest dir", src: "FROM debian:12\nWORKDIR /src\nCOPY app.tar ./dl/\nRUN tar -xf dl/app.tar -C /usr/local\n", want: []int{3}},
		{name: "cd before tar", src: "FROM debian:12\nCOPY app.tbz2 /tmp/\nRUN cd /tmp && tar -xjvf app.tbz2 && rm app.tbz2\n", want: []int{2}},
		{name: "long options", src: "FROM debian:12\nCOPY a.tar.bz2 /tmp/\nRUN tar --extract --file=/tmp/a.tar.bz2 --directory /opt\n", want: []int{2}},
		{name: "old style with -C first", src: "FROM debian:12\nCOPY a.txz /tmp/\nRUN tar -C /opt -xf /tmp/a.txz\n", want: []int{2}},
		{name: "dest without slash is a directory", src: "FROM debian:12\nCOPY a.tar.gz /tmp\nRUN tar -xzf /tmp/a.tar.gz -C /opt\n", want: []int{2}},
		{name: "continuation and comment", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN set -eux; \\\n# unpack\n    tar -xzf /tmp/a.tar.gz \\\n      -C /opt\n", want: []int{2}},
		{name: "exec form", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN [\"tar\", \"-xzf\", \"/tmp/a.tar.gz\", \"-C\", \"/opt\"]\n", want: []int{2}},
		{name: "sh -c and sudo", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN sudo sh -c 'tar -xzf /tmp/a.tar.gz -C /opt'\n", want: []int{2}},
		{name: "heredoc", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN <<EOF\nset -e\ntar -xzf /tmp/a.tar.gz -C /opt\nEOF\n", want: []int{2}},
		{name: "ARG-built name", src: "FROM debian:12\nARG V=1.2\nCOPY app-${V}.tar.gz /tmp/\nRUN tar -xzf /tmp/app-1.2.tar.gz -C /opt\n", want: []int{3}},
		{name: "escape backtick", src: "# escape=`\nFROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz `\n  -C /opt\n", want: []int{3}},
		{name: "final stage of multi-stage", src: "FROM golang:1.22 AS build\nCOPY x.tar /x.tar\nRUN tar -xf /x.tar\nFROM debian:12\nCOPY --from=build /go /go\nCOPY b.tar.gz /tmp/\nRUN tar -xzf /tmp/b.tar.gz -C /\n", want: []int{6}},
		{name: "several sources", src: "FROM debian:12\nCOPY a.tar.gz b.conf /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C /opt\n", want: []int{2}},

		{name: "zip", src: "FROM debian:12\nCOPY a.zip /tmp/\nRUN unzip /tmp/a.zip -d /opt\n"},
		{name: "zstd", src: "FROM debian:12\nCOPY a.tar.zst /tmp/\nRUN tar --zstd -xf /tmp/a.tar.zst -C /opt\n"},
		{name: "copy from a stage", src: "FROM debian:12 AS dl\nRUN true\nFROM debian:12\nCOPY --from=dl /a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C /opt\n"},
		{name: "strip-components", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C /opt --strip-components=1\n"},
		{name: "exclude", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C /opt --exclude=docs\n"},
		{name: "member", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C /opt bin/app\n"},
		{name: "no-same-owner", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C /opt --no-same-owner\n"},
		{name: "other archive", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/b.tar.gz -C /opt\n"},
		{name: "list, not extract", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -tzf /tmp/a.tar.gz\n"},
		{name: "checksum first", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN echo \"abc  /tmp/a.tar.gz\" | sha256sum -c - && tar -xzf /tmp/a.tar.gz -C /opt\n"},
		{name: "unknown variable", src: "FROM debian:12\nARG V\nCOPY app-${V}.tar.gz /tmp/\nRUN tar -xzf /tmp/app-${V}.tar.gz -C /opt\n"},
		{name: "unknown dir variable in RUN", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C \"$PREFIX\"\n"},
		{name: "conditional", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN if [ -f /tmp/a.tar.gz ]; then tar -xzf /tmp/a.tar.gz -C /opt; fi\n"},
		{name: "stdin", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN gzip -dc /tmp/a.tar.gz | tar -xf - -C /opt\n"},
		{name: "non-root user", src: "FROM debian:12\nUSER app\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C /home/app\n"},
		{name: "builder stage only copied from", src: "FROM debian:12 AS build\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C /opt\nFROM debian:12\nCOPY --from=build /opt /opt\n"},
		{name: "other stage", src: "FROM debian:12 AS a\nCOPY a.tar.gz /tmp/\nFROM debian:12\nRUN tar -xzf /tmp/a.tar.gz -C /opt\n"},
		{name: "relative path in another dir", src: "FROM debian:12\nWORKDIR /src\nCOPY a.tar.gz .\nWORKDIR /build\nRUN tar -xzf a.tar.gz\n"},
		{name: "cd in a subshell", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN (cd /tmp && make) && tar -xzf a.tar.gz\n"},
		{name: "glob source", src: "FROM debian:12\nCOPY *.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C /opt\n"},
		{name: "overwritten in between", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nCOPY other/ /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C /opt\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.tar.gz C:/tmp/\nRUN tar -xzf C:/tmp/a.tar.gz -C C:/app\n"},
		{name: "powershell", src: "FROM debian:12\nSHELL [\"pwsh\", \"-Command\"]\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C /opt\n"},
		{name: "ADD already", src: "FROM debian:12\nADD a.tar.gz /opt/\n"},
		{name: "unknown base workdir, other relative dir", src: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C ../x\n"},
	})
}

func TestCopyArchiveThenExtractFix(t *testing.T) {
	r, _ := Lookup("DF724")
	for _, c := range []struct{ src, fix string }{
		{"FROM debian:12\nCOPY --chown=1:1 --link a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz -C /opt\n", "ADD --link a.tar.gz /opt/"},
		{"FROM debian:12\nWORKDIR /src\nCOPY a.tar .\nRUN tar -xf a.tar\n", "ADD a.tar /src/"},
		{"FROM debian:12\nCOPY a.tar .\nRUN tar -xf a.tar -C sub\n", "ADD a.tar ./sub/"},
	} {
		fs := lintWith(t, r, ruleCase{src: c.src})
		if len(fs) != 1 || fs[0].Fix != c.fix {
			t.Errorf("fix for\n%s\n= %v, want %q", c.src, fs, c.fix)
		}
	}
}
