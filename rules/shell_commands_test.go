package rules

import "testing"

func TestPointlessCommand(t *testing.T) {
	runRuleCases(t, "DF731", []ruleCase{
		{name: "service start last", src: "FROM debian:12\nRUN apt-get install -y nginx && service nginx start\n", want: []int{2},
			messages: []string{"'service' in a RUN starts nginx in the build container only"}},
		{name: "service restart alone", src: "FROM debian:12\nRUN a2enmod rewrite\nRUN service apache2 restart\n", want: []int{3}},
		{name: "interactive vim", src: "FROM debian:12\nRUN vim /etc/hosts\n", want: []int{2}},
		{name: "nano", src: "FROM debian:12\nRUN nano /etc/app.conf\n", want: []int{2}},
		{name: "ps, top, free, ifconfig", src: "FROM debian:12\nRUN ps aux; top -b -n1; free -m; ifconfig\n", want: []int{2, 2, 2, 2}},
		{name: "shutdown", src: "FROM debian:12\nRUN shutdown -h now\n", want: []int{2}},
		{name: "ssh", src: "FROM debian:12\nRUN ssh user@host uptime\n", want: []int{2}},
		{name: "mount", src: "FROM debian:12\nRUN mount -t tmpfs none /mnt\n", want: []int{2}, messages: []string{"cannot mount"}},
		{name: "mount listing", src: "FROM debian:12\nRUN mount\n", want: []int{2}, messages: []string{"only shows the build container's mounts"}},
		{name: "continuation, sudo, sh -c, exec, heredoc", src: "FROM debian:12\nRUN true && \\\n    sudo service ssh start\nRUN sh -c 'ps -ef'\nRUN [\"free\", \"-h\"]\nRUN <<EOF\ntop -b -n1\nEOF\n", want: []int{3, 4, 5, 7}},

		{name: "service used afterwards", src: "FROM mysql:8\nRUN service mysql start && mysql -e 'CREATE DATABASE app' && service mysql stop\n"},
		{name: "service start then commands", src: "FROM debian:12\nRUN service postgresql start && \\\n    psql -c 'select 1'\n"},
		{name: "service status/stop", src: "FROM debian:12\nRUN service nginx stop\n"},
		{name: "vim batch", src: "FROM debian:12\nRUN vim +PlugInstall +qall && vim -E -s -u ~/.vimrc +qa && nvim --headless -c 'q' && vim -es -c 'q'\n"},
		{name: "vim version", src: "FROM debian:12\nRUN vim --version\n"},
		{name: "installed, not invoked", src: "FROM debian:12\nRUN apt-get install -y vim procps openssh-client && command -v ps && which top\n"},
		{name: "ps in a pipeline or substitution", src: "FROM debian:12\nRUN ps aux | grep -q x || true\nRUN echo $(ps -o comm= 1)\n"},
		{name: "conditional", src: "FROM debian:12\nRUN if command -v free; then free -m; fi && true || ifconfig\n"},
		{name: "kill", src: "FROM debian:12\nRUN (mysqld &) && sleep 5 && kill $(cat /run/mysqld.pid)\n"},
		{name: "ssh mount", src: "FROM debian:12\nRUN --mount=type=ssh ssh -T git@github.com\n"},
		{name: "mount in a pipeline", src: "FROM debian:12\nRUN mount | grep -q proc\n"},
		{name: "insecure mount", src: "FROM debian:12\nRUN --security=insecure mount -t proc proc /proc\n"},
		{name: "ssh-keyscan and systemctl", src: "FROM debian:12\nRUN ssh-keyscan github.com >> /k && systemctl enable nginx\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN ps\n"},
	})
}

func TestShellViaLn(t *testing.T) {
	runRuleCases(t, "DF732", []ruleCase{
		{name: "bash", src: "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n", want: []int{2},
			messages: []string{"ln replaces /bin/sh with a link to /bin/bash"}},
		{name: "relative target", src: "FROM debian:12\nRUN ln -snf bash /bin/sh\n", want: []int{2}},
		{name: "usr/bin/sh", src: "FROM debian:12\nRUN ln -s -f /usr/bin/bash /usr/bin/sh\n", want: []int{2}},
		{name: "into /bin", src: "FROM debian:12\nRUN ln -sf /opt/sh /bin/\n", want: []int{2}},
		{name: "target directory", src: "FROM debian:12\nRUN ln -sft /bin /opt/busybox/sh\n", want: []int{2}},
		{name: "continuation, sudo, sh -c, exec", src: "FROM debian:12\nRUN rm /bin/sh && \\\n    sudo ln -s /bin/bash /bin/sh\nRUN sh -c 'ln -sf bash /bin/sh'\nRUN [\"ln\", \"-sf\", \"/bin/bash\", \"/bin/sh\"]\n", want: []int{3, 4, 5}},

		{name: "points at sh", src: "FROM debian:12\nRUN ln -s /bin/sh /usr/local/bin/sh\n"},
		{name: "other links", src: "FROM debian:12\nRUN ln -sf /usr/bin/python3 /usr/bin/python && ln -s /bin/bash /usr/local/bin/bash\n"},
		{name: "no-target-directory", src: "FROM debian:12\nRUN ln -sfT /opt/x /bin\n"},
		{name: "dynamic", src: "FROM debian:12\nRUN ln -sf $SHELL_PATH /bin/sh\n"},
		{name: "SHELL", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo hi\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN ln -sf /bin/bash /bin/sh\n"},
	})
}
