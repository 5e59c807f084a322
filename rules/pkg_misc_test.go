package rules

import "testing"

func TestGemUnpinned(t *testing.T) {
	runRuleCases(t, "DF704", []ruleCase{
		{name: "bare", src: "FROM ruby:3.3\nRUN gem install bundler\n", want: []int{2},
			messages: []string{"gem install of gem 'bundler' without a version"}},
		{name: "alias i and several", src: "FROM ruby:3.3\nRUN gem i --no-document rake rspec\n", want: []int{2},
			messages: []string{"gems rake, rspec"}},
		{name: "value options skipped", src: "FROM ruby:3.3\nRUN gem install -N --install-dir /gems --source https://rubygems.org fpm\n", want: []int{2},
			messages: []string{"'fpm'"}},
		{name: "continuation sudo exec", src: "FROM ruby:3.3\nRUN sudo gem install \\\n    sass\nRUN [\"gem\", \"install\", \"rails\"]\n", want: []int{3, 4}},
		{name: "sh -c and heredoc", src: "FROM ruby:3.3\nRUN sh -c 'gem install rails'\nRUN <<EOF\ngem install rails\nEOF\n", want: []int{2, 4}},

		{name: "-v", src: "FROM ruby:3.3\nRUN gem install bundler -v 2.5.22\n"},
		{name: "--version=", src: "FROM ruby:3.3\nRUN gem install bundler --version=2.5.22 && gem install rake --version '~> 13.0'\n"},
		{name: "name:version", src: "FROM ruby:3.3\nRUN gem install 'bundler:2.5.22' rake:13.2.1\n"},
		{name: "variable version", src: "FROM ruby:3.3\nARG BUNDLER_VERSION=2.5.22\nRUN gem install bundler -v \"$BUNDLER_VERSION\"\n"},
		{name: "gemfile", src: "FROM ruby:3.3\nRUN gem install -g Gemfile && gem install --file Gemfile.deps\n"},
		{name: "local gem", src: "FROM ruby:3.3\nRUN gem install ./pkg/x-1.0.gem x-1.0.gem\n"},
		{name: "dynamic", src: "FROM ruby:3.3\nRUN gem install $GEMS\n"},
		{name: "other subcommands", src: "FROM ruby:3.3\nRUN gem update --system && gem list && gem uninstall x && bundle install\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN gem install bundler\n"},
	})
}

func TestGoInstallUnpinned(t *testing.T) {
	runRuleCases(t, "DF705", []ruleCase{
		{name: "latest", src: "FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest\n", want: []int{2},
			messages: []string{"go install of golang.org/x/tools/gopls at '@latest'"}},
		{name: "branch", src: "FROM golang:1.23\nRUN go install -ldflags '-s -w' github.com/a/b/cmd/c@main\n", want: []int{2}},
		{name: "go run latest", src: "FROM golang:1.23\nRUN go run github.com/a/gen@latest -out x.go\n", want: []int{2}},
		{name: "go get without version", src: "FROM golang:1.11\nRUN go get -u github.com/golang/dep/cmd/dep\n", want: []int{2},
			messages: []string{"go get of github.com/golang/dep/cmd/dep without a version"}},
		{name: "go get upgrade", src: "FROM golang:1.23\nRUN go get example.com/m@upgrade\n", want: []int{2}},
		{name: "continuation, sh -c, exec", src: "FROM golang:1.23\nRUN CGO_ENABLED=0 \\\n    go install honnef.co/go/tools/cmd/staticcheck@latest\nRUN [\"go\", \"install\", \"mvdan.cc/gofumpt@latest\"]\nRUN sh -c 'go install mvdan.cc/sh/v3/cmd/shfmt@latest'\n", want: []int{3, 4, 5}},
		{name: "heredoc", src: "FROM golang:1.23\nRUN <<EOF\ngo install github.com/a/b@latest\nEOF\n", want: []int{3}},

		{name: "pinned", src: "FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2 && go get example.com/m@v1.2.3 && go install example.com/x@4f3c2a1\n"},
		{name: "no version install uses go.mod", src: "FROM golang:1.23\nCOPY . .\nRUN go install github.com/me/app/cmd/app && go run github.com/me/app/tools/gen\n"},
		{name: "local", src: "FROM golang:1.23\nRUN go install ./... && go install . && go run ./cmd/x && go get -d -v ./... && go get\n"},
		{name: "go run file args", src: "FROM golang:1.23\nRUN go run main.go github.com/x/y@latest\n"},
		{name: "gopath checkout pin", src: "FROM golang:1.10\nRUN go get -d github.com/a/b && cd $GOPATH/src/github.com/a/b && git checkout v1.2.0 && go install\n"},
		{name: "variable version", src: "FROM golang:1.23\nARG V=v1.0.0\nRUN go install github.com/a/b@${V}\n"},
		{name: "dynamic", src: "FROM golang:1.23\nRUN go install $TOOLS\n"},
		{name: "other subcommands", src: "FROM golang:1.23\nRUN go build -o /x github.com/a/b && go mod download && go test ./...\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN go install github.com/a/b@latest\n"},
	})
}
