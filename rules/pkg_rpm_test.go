package rules

import "testing"

const (
	df6CentOS = "FROM centos:7\n"
	df6Fedora = "FROM fedora:41\n"
	df6UBI    = "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5\n"
	df6SUSE   = "FROM opensuse/leap:15.6\n"
)

func TestYumMissingYes(t *testing.T) {
	runRuleCases(t, "DF621", []ruleCase{
		{name: "install", src: df6CentOS + "RUN yum install httpd && yum clean all\n", want: []int{2}, messages: []string{"'yum install' without -y"}},
		{name: "update", src: df6CentOS + "RUN yum update\n", want: []int{2}},
		{name: "remove", src: df6CentOS + "RUN yum remove -q httpd\n", want: []int{2}},
		{name: "group install", src: df6CentOS + "RUN yum group install 'Development Tools'\n", want: []int{2}, messages: []string{"'yum group install'"}},
		{name: "localinstall", src: df6CentOS + "RUN yum localinstall /tmp/x.rpm\n", want: []int{2}},
		{name: "option value is not -y", src: df6CentOS + "RUN yum --enablerepo epel install jq\n", want: []int{2}},
		{name: "sudo", src: df6CentOS + "RUN sudo yum install httpd\n", want: []int{2}},
		{name: "exec form", src: df6CentOS + "RUN [\"yum\", \"install\", \"httpd\"]\n", want: []int{2}},
		{name: "unrelated yum.conf", src: df6CentOS + "RUN echo 'tsflags=nodocs' >> /etc/yum.conf\nRUN yum install httpd\n", want: []int{3}},

		{name: "-y", src: df6CentOS + "RUN yum install -y httpd\n"},
		{name: "-y first", src: df6CentOS + "RUN yum -y install httpd\n"},
		{name: "combined", src: df6CentOS + "RUN yum -qy install httpd\n"},
		{name: "--assumeyes", src: df6CentOS + "RUN yum install --assumeyes httpd\n"},
		{name: "setopt", src: df6CentOS + "RUN yum --setopt=assumeyes=1 install httpd\n"},
		{name: "yum.conf assumeyes", src: df6CentOS + "RUN echo 'assumeyes=1' >> /etc/yum.conf\nRUN yum install httpd\n"},
		{name: "dnf.conf sed", src: df6CentOS + "RUN sed -i 's/^\\[main\\]/[main]\\nassumeyes=True/' /etc/dnf/dnf.conf && yum install httpd\n"},
		{name: "yes piped", src: df6CentOS + "RUN yes | yum install httpd\n"},
		{name: "clean, makecache, info", src: df6CentOS + "RUN yum makecache && yum info httpd && yum clean all\n"},
		{name: "unknown options", src: df6CentOS + "RUN yum $YUM_OPTS install httpd\n"},
		{name: "dnf is another rule", src: df6Fedora + "RUN dnf install nginx\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN yum install httpd\n"},
	})
}

func TestYumClean(t *testing.T) {
	runRuleCases(t, "DF622", []ruleCase{
		{name: "no clean", src: df6CentOS + "RUN yum install -y httpd\n", want: []int{2}, messages: []string{"'yum clean all'"}},
		{name: "clean before install", src: df6CentOS + "RUN yum clean all && yum install -y httpd\n", want: []int{2}},
		{name: "clean packages only", src: df6CentOS + "RUN yum install -y httpd && yum clean packages\n", want: []int{2}},
		{name: "points at the last install", src: df6CentOS + "RUN yum install -y epel-release && \\\n    yum install -y jq\n", want: []int{3}},
		{name: "update", src: df6CentOS + "RUN yum -y update\n", want: []int{2}},

		{name: "clean all", src: df6CentOS + "RUN yum install -y httpd && yum clean all\n"},
		{name: "clean all then rm", src: df6CentOS + "RUN yum -y install httpd && yum -y clean all && rm -rf /var/cache/yum\n"},
		{name: "rm cache", src: df6CentOS + "RUN yum install -y httpd && rm -rf /var/cache/yum/*\n"},
		{name: "dnf clean all", src: "FROM rockylinux:9\nRUN yum install -y httpd && dnf clean all\n"},
		{name: "cache mount", src: df6CentOS + "RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd\n"},
		{name: "remove only", src: df6CentOS + "RUN yum remove -y httpd\n"},
		{name: "builder stage does not ship", src: df6CentOS + "RUN yum install -y gcc\nFROM scratch\nCOPY --from=0 /etc/hostname /x\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN yum install -y httpd\n"},
	})
}

func TestYumUnpinned(t *testing.T) {
	runRuleCases(t, "DF623", []ruleCase{
		{name: "unpinned", src: df6CentOS + "RUN yum install -y httpd python3-pip && yum clean all\n", want: []int{2},
			messages: []string{"does not pin 'httpd' and 'python3-pip' to"}},
		{name: "module without stream", src: df6CentOS + "RUN yum module install -y nodejs\n", want: []int{2}, messages: []string{"'yum module install'"}},
		{name: "option value is not a package", src: df6CentOS + "RUN yum install -y --enablerepo epel jq-1.6\n"},

		{name: "versioned", src: df6CentOS + "RUN yum install -y httpd-2.4.6 'php >= 7' gcc-c++-4.8.5-44.el7\n"},
		{name: "module stream", src: df6CentOS + "RUN yum module install -y nodejs:18/common\n"},
		{name: "rpm url", src: df6CentOS + "RUN yum install -y https://dl.fedoraproject.org/pub/epel/epel-release-latest-7.noarch.rpm\n"},
		{name: "group", src: df6CentOS + "RUN yum groupinstall -y 'Development Tools' && yum install -y @base\n"},
		{name: "version in the name", src: df6CentOS + "RUN yum install -y java-17-openjdk-headless\n"},
		{name: "variable", src: df6CentOS + "RUN yum install -y $PACKAGES\n"},
		{name: "capability", src: df6CentOS + "RUN yum install -y 'dnf-command(config-manager)'\n"},
		{name: "path provide", src: df6CentOS + "RUN yum install -y /usr/bin/jq\n"},
	})
}

func TestDnfMissingYes(t *testing.T) {
	runRuleCases(t, "DF624", []ruleCase{
		{name: "install", src: df6Fedora + "RUN dnf install nginx\n", want: []int{2}, messages: []string{"'dnf install' without -y"}},
		{name: "upgrade", src: df6Fedora + "RUN dnf upgrade --refresh\n", want: []int{2}},
		{name: "module enable", src: df6Fedora + "RUN dnf module enable nodejs:18\n", want: []int{2}},
		{name: "installroot value", src: df6Fedora + "RUN dnf --installroot /staging install tar\n", want: []int{2}},
		{name: "dnf5", src: df6Fedora + "RUN dnf5 install nginx\n", want: []int{2}},
		{name: "tdnf", src: "FROM mcr.microsoft.com/azurelinux/base/core:3.0\nRUN tdnf install ca-certificates\n", want: []int{2}},

		{name: "-y", src: df6Fedora + "RUN dnf install -y nginx\n"},
		{name: "-y after", src: df6Fedora + "RUN dnf install nginx -y\n"},
		{name: "installroot and -y", src: df6Fedora + "RUN dnf install -y --releasever=3.0 --installroot /staging tar\n"},
		{name: "microdnf never asks", src: df6UBI + "RUN microdnf install tar && microdnf clean all\n"},
		{name: "dnf.conf assumeyes", src: df6Fedora + "RUN echo 'assumeyes=True' >> /etc/dnf/dnf.conf\nRUN dnf install nginx\n"},
		{name: "dnf.conf copied", src: df6Fedora + "COPY dnf.conf /etc/dnf/dnf.conf\nRUN dnf install nginx\n"},
		{name: "config-manager", src: df6Fedora + "RUN dnf config-manager --set-enabled crb\n"},
		{name: "clean", src: df6Fedora + "RUN dnf clean all\n"},
		{name: "yum is another rule", src: df6CentOS + "RUN yum install httpd\n"},
	})
}

func TestDnfClean(t *testing.T) {
	runRuleCases(t, "DF625", []ruleCase{
		{name: "dnf", src: df6Fedora + "RUN dnf install -y nginx\n", want: []int{2}, messages: []string{"'dnf clean all'"}},
		{name: "microdnf", src: df6UBI + "RUN microdnf install -y tar gzip\n", want: []int{2}, messages: []string{"'microdnf clean all'"}},
		{name: "clean before", src: df6Fedora + "RUN dnf clean all && dnf -y update\n", want: []int{2}},
		{name: "stage built on", src: df6Fedora + "RUN dnf install -y nginx\nFROM 0\nRUN true\n", want: []int{2}},

		{name: "dnf clean all", src: df6Fedora + "RUN dnf install -y nginx && dnf clean all\n"},
		{name: "microdnf clean all", src: df6UBI + "RUN microdnf install -y tar && microdnf clean all\n"},
		{name: "installroot clean", src: df6Fedora + "RUN dnf install -y --installroot /staging tar && dnf clean all --installroot /staging\n"},
		{name: "rm cache", src: df6Fedora + "RUN dnf install -y nginx && rm -rf /var/cache/dnf\n"},
		{name: "rm yum cache", src: df6UBI + "RUN microdnf install -y tar && rm -rf /var/cache/yum/*\n"},
		{name: "cache mount", src: df6Fedora + "RUN --mount=type=cache,target=/var/cache/dnf dnf install -y nginx\n"},
		{name: "remove only", src: df6Fedora + "RUN dnf remove -y nginx\n"},
		{name: "builder stage does not ship", src: df6Fedora + "RUN dnf install -y gcc\nFROM scratch\nCOPY --from=0 /etc/hostname /x\n"},
	})
}

func TestDnfUnpinned(t *testing.T) {
	runRuleCases(t, "DF626", []ruleCase{
		{name: "dnf", src: df6Fedora + "RUN dnf install -y nginx\n", want: []int{2}},
		{name: "microdnf", src: df6UBI + "RUN microdnf install -y tar gzip\n", want: []int{2}, messages: []string{"'tar' and 'gzip'"}},
		{name: "other module enabled", src: "FROM oraclelinux:8\nRUN dnf -y module enable nodejs:18 && dnf -y install nodejs npm\n", want: []int{2}, messages: []string{"'npm' to"}},
		{name: "releasever value is not a package", src: df6Fedora + "RUN dnf install -y --releasever 41 nginx\n", want: []int{2}, messages: []string{"'nginx' to"}},

		{name: "versioned", src: df6Fedora + "RUN dnf install -y nginx-1.26.2 'python3 >= 3.12' tar-2:1.35-4.fc41\n"},
		{name: "module stream", src: df6Fedora + "RUN dnf module install -y nodejs:20\n"},
		{name: "module stream enabled", src: "FROM oraclelinux:8\nRUN dnf -y module enable nginx:1.20 && dnf -y install nginx nginx-mod-stream && rm -rf /var/cache/dnf\n"},
		{name: "module stream enabled earlier", src: "FROM oraclelinux:8\nRUN dnf -y module enable nodejs:18\nRUN dnf -y install nodejs\n"},
		{name: "group", src: df6Fedora + "RUN dnf group install -y 'C Development Tools and Libraries'\n"},
		{name: "glob", src: df6Fedora + "RUN dnf install -y 'nginx-1.26*'\n"},
		{name: "constraint in separate words", src: df6Fedora + "RUN dnf install -y nginx \\>= 1.26\n"},
	})
}

func TestZypperMissingNonInteractive(t *testing.T) {
	runRuleCases(t, "DF627", []ruleCase{
		{name: "install", src: df6SUSE + "RUN zypper install curl\n", want: []int{2}, messages: []string{"'zypper install' without --non-interactive"}},
		{name: "in", src: df6SUSE + "RUN zypper in curl\n", want: []int{2}},
		{name: "remove", src: df6SUSE + "RUN zypper rm curl\n", want: []int{2}},
		{name: "dup", src: df6SUSE + "RUN zypper dup\n", want: []int{2}},
		{name: "value of --root is not the subcommand", src: df6SUSE + "RUN zypper --root /mnt in curl\n", want: []int{2}},

		{name: "-n", src: df6SUSE + "RUN zypper -n install curl\n"},
		{name: "--non-interactive", src: df6SUSE + "RUN zypper --non-interactive --gpg-auto-import-keys install curl\n"},
		{name: "-y", src: df6SUSE + "RUN zypper install -y curl\n"},
		{name: "--no-confirm", src: df6SUSE + "RUN zypper in --no-confirm curl\n"},
		{name: "refresh", src: df6SUSE + "RUN zypper refresh\n"},
		{name: "clean", src: df6SUSE + "RUN zypper clean --all\n"},
		{name: "yes piped", src: df6SUSE + "RUN yes | zypper install curl\n"},
	})
}

func TestZypperDistUpgrade(t *testing.T) {
	runRuleCases(t, "DF628", []ruleCase{
		{name: "dup", src: df6SUSE + "RUN zypper -n dup\n", want: []int{2}},
		{name: "dist-upgrade", src: df6SUSE + "RUN zypper --non-interactive dist-upgrade --no-recommends\n", want: []int{2}},

		{name: "update", src: df6SUSE + "RUN zypper -n update\n"},
		{name: "patch", src: df6SUSE + "RUN zypper -n patch\n"},
	})
}

func TestZypperClean(t *testing.T) {
	runRuleCases(t, "DF629", []ruleCase{
		{name: "no clean", src: df6SUSE + "RUN zypper -n install curl\n", want: []int{2}, messages: []string{"'zypper clean'"}},
		{name: "clean before", src: df6SUSE + "RUN zypper clean -a && zypper -n in curl\n", want: []int{2}},

		{name: "clean", src: df6SUSE + "RUN zypper -n install curl && zypper clean\n"},
		{name: "cc -a", src: df6SUSE + "RUN zypper -n in curl && zypper cc -a\n"},
		{name: "rm cache", src: df6SUSE + "RUN zypper -n in curl && rm -rf /var/cache/zypp/*\n"},
		{name: "cache mount", src: df6SUSE + "RUN --mount=type=cache,target=/var/cache/zypp zypper -n in curl\n"},
		{name: "refresh only", src: df6SUSE + "RUN zypper -n refresh\n"},
		{name: "remove only", src: df6SUSE + "RUN zypper -n rm curl\n"},
	})
}

func TestZypperUnpinned(t *testing.T) {
	runRuleCases(t, "DF630", []ruleCase{
		{name: "unpinned", src: df6SUSE + "RUN zypper -n install curl git-core && zypper clean\n", want: []int{2}, messages: []string{"'curl' and 'git-core'"}},
		{name: "repo value is not a package", src: df6SUSE + "RUN zypper -n in -r oss vim\n", want: []int{2}, messages: []string{"'vim' to"}},

		{name: "pinned", src: df6SUSE + "RUN zypper -n install 'curl=8.6.0' 'git>=2.43' vim-9.1\n"},
		{name: "pattern", src: df6SUSE + "RUN zypper -n install -t pattern devel_basis\n"},
		{name: "typed name", src: df6SUSE + "RUN zypper -n install pattern:devel_basis\n"},
		{name: "rpm file", src: df6SUSE + "RUN zypper -n install /tmp/foo.rpm\n"},
		{name: "variable", src: df6SUSE + "RUN zypper -n install $PKGS\n"},
	})
}
