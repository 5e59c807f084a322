package rules

import (
	"bytes"
	"compress/gzip"
	"testing"
)

func gzipped(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestAddInsteadOfCopy(t *testing.T) {
	runRuleCases(t, "DF721", []ruleCase{
		{name: "file", src: "FROM debian:12\nADD app.conf /etc/app/\n", want: []int{2},
			messages: []string{"ADD of 'app.conf', which is not an archive or URL: use COPY"}},
		{name: "directory", src: "FROM debian:12\nADD . /app\n", want: []int{2}},
		{name: "with flags", src: "FROM debian:12\nADD --chown=app:app --chmod=644 a b /dst/\n", want: []int{2},
			messages: []string{"'a', 'b'"}},
		{name: "zip is not unpacked", src: "FROM debian:12\nADD site.zip /srv/\n", want: []int{2}},
		{name: "continuation", src: "FROM debian:12\nADD \\\n  app.py \\\n  /app/\n", want: []int{2}},
		{name: "ARG-built name", src: "FROM debian:12\nARG CONF=app.conf\nADD ${CONF} /etc/\n", want: []int{3}},
		{name: "in the right stage", src: "FROM debian:12 AS a\nCOPY x /x\nFROM debian:12\nADD y /y\n", want: []int{4}},
		{name: "windows paths", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nADD app C:\\\\app\n", want: []int{2}},
		{name: "context file that is not an archive", src: "FROM debian:12\nADD rootfs /\n", files: map[string]string{"rootfs": "plain text"}, want: []int{2}},

		{name: "tarball", src: "FROM debian:12\nADD rootfs.tar.xz /\n"},
		{name: "compressed names", src: "FROM debian:12\nADD a.tgz b.tar.bz2 c.TAR.GZ d.tar.zst /x/\n"},
		{name: "mixed with an archive", src: "FROM debian:12\nADD app.tar.gz app.conf /app/\n"},
		{name: "archive by content", src: "FROM debian:12\nADD rootfs /\n", files: map[string]string{"rootfs": gzipped(t, "x")}},
		{name: "archive by content through a glob", src: "FROM debian:12\nADD dist/* /\n", files: map[string]string{"dist/pkg": gzipped(t, "x")}},
		{name: "url", src: "FROM debian:12\nADD https://example.com/x.bin /x\n"},
		{name: "git", src: "FROM debian:12\nADD git@github.com:moby/buildkit.git /src\nADD https://github.com/moby/buildkit.git#v0.14.0 /bk\n"},
		{name: "checksum and keep-git-dir", src: "FROM debian:12\nADD --keep-git-dir=true https://github.com/a/b.git /b\n"},
		{name: "heredoc", src: "FROM debian:12\nADD <<EOF /etc/motd\nhello\nEOF\n"},
		{name: "unknown variable", src: "FROM debian:12\nARG SRC\nADD $SRC /x\n"},
		{name: "copy", src: "FROM debian:12\nCOPY app.conf /etc/\n"},
	})
}

func TestAddRemoteWithoutChecksum(t *testing.T) {
	runRuleCases(t, "DF722", []ruleCase{
		{name: "https", src: "FROM debian:12\nADD https://example.com/tool /usr/local/bin/tool\n", want: []int{2},
			messages: []string{"ADD of 'https://example.com/tool' without --checksum"}},
		{name: "http with variable", src: "FROM debian:12\nARG V=1.0\nADD http://example.com/$V/tool.tgz /tmp/\n", want: []int{3}},
		{name: "variable whole URL", src: "FROM debian:12\nARG URL=https://example.com/x\nADD $URL /x\n", want: []int{3}},
		{name: "continuation and flags", src: "FROM debian:12\nADD --chmod=755 \\\n    https://example.com/x /x\n", want: []int{3}},
		{name: "multi-stage", src: "FROM debian:12 AS a\nADD --checksum=sha256:00 https://e.com/x /x\nFROM debian:12\nADD https://e.com/y /y\n", want: []int{4}},

		{name: "checksum", src: "FROM debian:12\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://e.com/x /x\n"},
		{name: "git sources", src: "FROM debian:12\nADD https://github.com/moby/buildkit.git#v0.14.0 /bk\nADD git@github.com:a/b.git /b\n"},
		{name: "local", src: "FROM debian:12\nADD app.tar.gz /app\n"},
		{name: "unknown variable", src: "FROM debian:12\nARG URL\nADD $URL /x\n"},
		{name: "COPY", src: "FROM debian:12\nCOPY https.txt /x\n"},
	})
}
