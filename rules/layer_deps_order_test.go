package rules

import (
	"strings"
	"testing"
)

// layerNodeApp is a small Node.js build context.
var layerNodeApp = map[string]string{
	"package.json": "{}", "package-lock.json": "{}", "server.js": "", "src/app.js": "",
}

func TestDepsAfterSourceCopy(t *testing.T) {
	runRuleCases(t, "DF401", []ruleCase{
		// Node.
		{name: "npm ci after COPY . .", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n", want: []int{4},
			messages: []string{"'npm ci' runs after the broad 'COPY . .' on line 3, which brings in package.json " +
				"with the rest of the build context, so every source change re-runs it; copy package.json and " +
				"package-lock.json first, run 'npm ci', then 'COPY . .'"}},
		{name: "npm ci with the context", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n", want: []int{4},
			files: layerNodeApp, messages: []string{"copy package.json and package-lock.json first"}},
		{name: "context without a lock file names only package.json",
			src:   "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install --omit dev\n",
			files: map[string]string{"package.json": "{}", "index.js": ""}, want: []int{4},
			messages: []string{"copy package.json first, run 'npm install', then 'COPY . .'"}},
		{name: "COPY ./ to an absolute dir, then WORKDIR", src: "FROM node:22\nCOPY ./ /app\nWORKDIR /app\nRUN npm i\n",
			want: []int{4}, messages: []string{"'COPY ./ /app' on line 2"}},
		// The directory on disk holds no package.json at all: it is not the
		// build's real context (npm ci would fail there), and the install
		// re-runs after every source change whatever the context holds, so
		// the rule judges as without a context (it was quiet before).
		{name: "manifest missing from the context on disk", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
			files: map[string]string{"main.go": ""}, want: []int{4}},
		{name: "chown flag", src: "FROM node:22\nWORKDIR /app\nCOPY --chown=node:node --link . .\nRUN npm ci\n", want: []int{4}},
		{name: "cd into the copy", src: "FROM node:22\nCOPY . /srv/app\nRUN cd /srv/app && npm ci --omit=dev\n", want: []int{3}},
		{name: "sh -c", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN sh -c 'npm ci && npm run build'\n", want: []int{4}},
		{name: "sudo", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN sudo -E npm ci\n", want: []int{4}},
		{name: "continuation with a comment", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN set -eux; \\\n" +
			"    # dependencies\n    npm ci; \\\n    npm run build\n", want: []int{6}},
		{name: "heredoc RUN", src: "# syntax=docker/dockerfile:1\nFROM node:22\nWORKDIR /app\nCOPY . .\nRUN <<EOF\n" +
			"set -e\nnpm ci\nnpm run build\nEOF\n", want: []int{7}},
		{name: "exec form", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN [\"npm\", \"ci\"]\n", want: []int{4}},
		{name: "backtick escape", src: "# escape=`\nFROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci `\n  && npm run build\n",
			want: []int{5}},
		{name: "ARG-built destination", src: "FROM node:22\nARG APP=/app\nWORKDIR $APP\nCOPY . ${APP}/\nRUN npm ci\n", want: []int{5}},
		{name: "conditional install", src: "FROM node:22\nWORKDIR /app\nCOPY . .\n" +
			"RUN if [ -f package-lock.json ]; then npm ci; else npm install; fi\n", want: []int{4}},
		{name: "bare yarn", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN yarn --frozen-lockfile && yarn build\n", want: []int{4},
			messages: []string{"copy package.json and yarn.lock first, run 'yarn', then 'COPY . .'"}},
		{name: "pnpm", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN corepack enable && pnpm install --frozen-lockfile\n", want: []int{4}},
		{name: "bun", src: "FROM oven/bun:1\nWORKDIR /app\nCOPY . .\nRUN bun install --frozen-lockfile\n", want: []int{4}},
		{name: "a subdirectory the context has", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN cd web && npm ci\n",
			files: map[string]string{"web/package.json": "{}", "web/package-lock.json": "{}", "web/main.js": "", "api.go": ""},
			want:  []int{4}, messages: []string{"copy web/package.json and web/package-lock.json first"}},
		{name: "directory copy holding the manifest and sources", src: "FROM node:22\nWORKDIR /app\nCOPY src/ /app/\nRUN npm ci\n",
			files: map[string]string{"src/package.json": "{}", "src/package-lock.json": "{}", "src/index.js": ""},
			want:  []int{4}, messages: []string{"copy src/package.json and src/package-lock.json first"}},

		// Python.
		{name: "pip -r in a subdirectory", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements/prod.txt\n",
			want: []int{4}, messages: []string{"'pip install -r requirements/prod.txt' runs after the broad 'COPY . .' on line 3, " +
				"which brings in requirements/prod.txt"}},
		{name: "pip -qr cluster", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip3 install -qr requirements.txt\n", want: []int{4}},
		{name: "python -m pip", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN python3 -m pip install -r requirements.txt\n",
			want: []int{4}, messages: []string{"'python3 -m pip install -r requirements.txt' runs after"}},
		{name: "pip install -e .", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -e '.[dev]'\n",
			want: []int{4}, messages: []string{"brings in pyproject.toml or setup.py"}},
		{name: "poetry install", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN poetry install --only main\n",
			want: []int{4}, messages: []string{"run 'poetry install --no-root', then 'COPY . .' and 'poetry install'"}},
		{name: "uv sync", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN uv sync --locked\n", want: []int{4}},
		{name: "pipenv", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pipenv install --system --deploy\n", want: []int{4}},
		{name: "python context", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
			files: map[string]string{"requirements.txt": "flask", "app.py": ""}, want: []int{4}},

		// Other ecosystems.
		{name: "go mod download", src: "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN go build -o /app .\n",
			want: []int{4}, messages: []string{"copy go.mod and go.sum first, run 'go mod download'"}},
		{name: "bundle install", src: "FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nRUN bundle install --jobs 4\n", want: []int{4}},
		{name: "composer", src: "FROM composer:2\nWORKDIR /app\nCOPY . .\nRUN composer install --no-dev\n", want: []int{4},
			messages: []string{"run 'composer install --no-scripts --no-autoloader', then 'COPY . .' and 'composer dump-autoload'"}},
		{name: "cargo build", src: "FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n", want: []int{4}},
		{name: "mvn package", src: "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B -DskipTests clean package\n",
			want: []int{4}, messages: []string{"'mvn package' runs after", "run 'mvn dependency:go-offline'"}},
		{name: "mvnw", src: "FROM eclipse-temurin:21\nWORKDIR /app\nCOPY . .\nRUN ./mvnw -B package\n", want: []int{4}},
		{name: "gradle wrapper", src: "FROM eclipse-temurin:21\nWORKDIR /app\nCOPY . .\nRUN ./gradlew --no-daemon installDist -x test\n",
			want: []int{4}},
		{name: "dotnet restore with the context", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet restore\n",
			files: map[string]string{"App.csproj": "", "Program.cs": "", "NuGet.config": ""}, want: []int{4},
			messages: []string{"brings in App.csproj", "copy App.csproj and NuGet.config first"}},

		{name: "npm workspaces", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n", want: []int{4},
			files: map[string]string{"package.json": `{"workspaces": ["packages/*"]}`, "package-lock.json": "{}",
				"packages/a/package.json": "{}", "packages/a/index.js": ""},
			messages: []string{"copy package.json, package-lock.json and the package.json of every workspace first"}},
		{name: "dotnet solution", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet restore\n",
			files: map[string]string{"App.sln": "", "src/App/App.csproj": "", "src/App/Program.cs": ""}, want: []int{4},
			messages: []string{"copy App.sln and the project files the solution lists first"}},

		{name: "mvn -f", src: "FROM maven:3.9\nCOPY . /usr/src/app\nRUN mvn -f /usr/src/app/pom.xml clean package\n", want: []int{3},
			messages: []string{"'mvn -f /usr/src/app/pom.xml package' runs after", "run 'mvn -f /usr/src/app/pom.xml dependency:go-offline'"}},
		{name: "yarn --cwd", src: "FROM node:22\nCOPY . /app\nRUN yarn --cwd /app install\n", want: []int{3}},
		{name: "go -C", src: "FROM golang:1.23\nCOPY . /src\nRUN go -C /src mod download\n", want: []int{3}},
		{name: "cargo --manifest-path", src: "FROM rust:1.80\nCOPY . /src\nRUN cargo --manifest-path /src/Cargo.toml build\n", want: []int{3}},
		{name: "npm --prefix with the context", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci --prefix client\n",
			files: map[string]string{"client/package.json": "{}", "client/package-lock.json": "{}", "client/app.js": "", "server.go": ""},
			want:  []int{4}, messages: []string{"'npm ci --prefix client' runs after", "copy client/package.json and client/package-lock.json first"}},

		// Stages.
		{name: "the right stage", src: "FROM node:22 AS deps\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n" +
			"FROM node:22 AS dev\nWORKDIR /app\nCOPY . .\nRUN npm install\n", want: []int{8}},
		{name: "copy inherited from the parent stage", src: "FROM python:3.12 AS base\nWORKDIR /app\nCOPY . .\n" +
			"FROM base AS test\nRUN pip install -r requirements-dev.txt\n", want: []int{5}, messages: []string{"on line 3"}},
		{name: "one finding per ecosystem and RUN", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm ci --prefix x\n",
			want: []int{4}},
		{name: "two ecosystems", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && pip install -r requirements.txt\n",
			want: []int{4, 4}},
		{name: "a cache mount does not feed the manifest", src: "# syntax=docker/dockerfile:1\nFROM node:22\nWORKDIR /app\n" +
			"COPY . .\nRUN --mount=type=cache,target=/root/.npm npm ci\n", want: []int{5}},

		// Quiet.
		{name: "manifests first", src: "FROM node:22\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n"},
		{name: "manifests first with the context", src: "FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json ./\n" +
			"RUN npm ci\nCOPY . .\n", files: layerNodeApp},
		{name: "explicit packages", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install express@4\n"},
		{name: "global install", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install -g npm@11 && npm i -g .\n"},
		{name: "yarn script", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN yarn build\n"},
		{name: "bind-mounted manifests", src: "# syntax=docker/dockerfile:1\nFROM node:22\nWORKDIR /app\nCOPY . .\n" +
			"RUN --mount=type=bind,source=package.json,target=package.json \\\n" +
			"    --mount=type=bind,source=package-lock.json,target=package-lock.json \\\n    npm ci\n"},
		{name: "bind mount of the whole context", src: "# syntax=docker/dockerfile:1\nFROM node:22\nWORKDIR /app\nCOPY . .\n" +
			"RUN --mount=type=bind,target=. npm ci\n"},
		{name: "bind mount target from an unknown ARG", src: "# syntax=docker/dockerfile:1\nFROM node:22\nARG T\nWORKDIR /app\nCOPY . .\n" +
			"RUN --mount=type=bind,target=$T npm ci\n"},
		{name: "install in another directory", src: "FROM node:22\nCOPY . /src\nRUN cd /other && npm ci\n"},
		{name: "WORKDIR elsewhere", src: "FROM node:22\nCOPY . /src\nWORKDIR /app\nRUN npm ci\n"},
		{name: "relative cd against an unknown base", src: "FROM node:22\nCOPY . /app\nRUN cd app && npm ci\n"},
		{name: "unknown WORKDIR", src: "FROM node:22\nARG DIR\nWORKDIR $DIR\nCOPY . .\nRUN npm ci\n"},
		{name: "cd to an unknown dir", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN cd \"$PROJECT\" && npm ci\n"},
		{name: "unknown arguments", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci $NPM_FLAGS\n"},
		{name: "subdirectory without a context", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npx expo prebuild && cd android && npm ci\n"},
		{name: "broad copy in an unrelated stage", src: "FROM node:22 AS src\nWORKDIR /app\nCOPY . .\n" +
			"FROM node:22\nWORKDIR /app\nRUN npm ci\n"},
		{name: "copy from a stage", src: "FROM node:22 AS build\nWORKDIR /app\nCOPY . .\nRUN echo\n" +
			"FROM node:22\nWORKDIR /app\nCOPY --from=build /app .\nRUN npm ci --omit=dev\n"},
		{name: "heredoc COPY", src: "# syntax=docker/dockerfile:1\nFROM node:22\nWORKDIR /app\nCOPY <<EOF package.json\n{}\nEOF\nRUN npm install\n"},
		{name: "manifest ignored by .dockerignore", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
			files: map[string]string{"package.json": "{}", "index.js": "", ".dockerignore": "package.json\n"}},
		{name: "directory holding only the manifests", src: "FROM node:22\nWORKDIR /app\nCOPY deps/ ./\nRUN npm ci\nCOPY src/ ./src/\n",
			files: map[string]string{"deps/package.json": "{}", "deps/package-lock.json": "{}", "src/index.js": ""}},
		{name: "directory copy without a context", src: "FROM node:22\nWORKDIR /app\nCOPY app/ ./\nRUN npm ci\n"},
		{name: "poetry no-root pattern", src: "FROM python:3.12\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\n" +
			"RUN poetry install --no-root\nCOPY . .\nRUN poetry install\n"},
		{name: "uv no-install-project pattern", src: "FROM python:3.12\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\n" +
			"RUN uv sync --locked --no-install-project\nCOPY . .\nRUN uv sync --locked\n"},
		{name: "requirements first, then the project", src: "FROM python:3.12 AS base\nWORKDIR /app\nCOPY requirements.txt .\n" +
			"RUN pip install -r requirements.txt\nFROM base\nCOPY . .\nRUN pip install --no-deps -e . && pip install .\n"},
		{name: "pip --no-deps project install", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-deps .\n"},
		{name: "cargo stub main", src: "FROM rust:1.80\nWORKDIR /app\nCOPY Cargo.toml Cargo.lock ./\n" +
			"RUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo build --release\nCOPY . .\nRUN cargo build --release\n"},
		{name: "cargo build after a lone Cargo.toml copy", src: "FROM rust:1.80\nWORKDIR /app\nCOPY Cargo.toml .\nCOPY . .\nRUN cargo build\n"},
		{name: "cargo chef", src: "FROM rust:1.80 AS builder\nWORKDIR /app\nCOPY --from=planner /app/recipe.json recipe.json\n" +
			"RUN cargo chef cook --release --recipe-path recipe.json\nCOPY . .\nRUN cargo build --release\n"},
		{name: "maven go-offline pattern", src: "FROM maven:3.9\nWORKDIR /app\nCOPY pom.xml .\nRUN mvn dependency:go-offline\n" +
			"COPY src ./src\nRUN mvn package\n"},
		{name: "mvn version check does not count, but the copy was narrow", src: "FROM maven:3.9\nWORKDIR /app\nRUN mvn -v\n" +
			"COPY pom.xml .\nCOPY src ./src\nRUN mvn package\n"},
		{name: "go build is not an install", src: "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n"},
		{name: "go mod download before the copy", src: "FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\n" +
			"COPY . .\nRUN go build ./...\n"},
		{name: "gemspec in the context", src: "FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nRUN bundle install\n",
			files: map[string]string{"Gemfile": "", "Gemfile.lock": "", "mygem.gemspec": "", "lib/mygem.rb": ""}},
		{name: "manifest generated by a RUN", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\n" +
			"RUN poetry export -f requirements.txt --output requirements.txt\nRUN pip install -r requirements.txt\n"},
		{name: "manifest generated by a redirection", src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\n" +
			"RUN pipenv requirements > requirements.txt && pip install -r requirements.txt\n"},
		{name: "exclude flag", src: "# syntax=docker/dockerfile:1.7-labs\nFROM node:22\nWORKDIR /app\nCOPY --exclude=*.md . .\nRUN npm ci\n"},
		{name: "windows stage", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n" +
			"SHELL [\"powershell\", \"-Command\"]\nWORKDIR C:\\app\nCOPY . .\nRUN npm ci\nRUN [\"npm\", \"ci\"]\n"},
		{name: "powershell SHELL on linux", src: "FROM mcr.microsoft.com/powershell:latest\nSHELL [\"pwsh\", \"-Command\"]\nWORKDIR /app\n" +
			"COPY . .\nRUN npm ci\n"},
		{name: "unparsable RUN", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && (\n"},
		{name: "BUNDLE_GEMFILE", src: "FROM ruby:3.3\nWORKDIR /app\nENV BUNDLE_GEMFILE=/app/gems/Gemfile\nCOPY . .\nRUN bundle install\n"},
		{name: "COMPOSER assignment", src: "FROM composer:2\nWORKDIR /app\nCOPY . .\nRUN COMPOSER=composer.prod.json composer install\n"},
		{name: "npm --prefix without a context", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci --prefix client\n"},
		{name: "another POM file", src: "FROM maven:3.9\nWORKDIR /app\nCOPY . .\nRUN mvn -f pom-ci.xml package\n"},
		{name: "gradle build file override", src: "FROM gradle:8\nWORKDIR /app\nCOPY . .\nRUN gradle -b other.gradle build\n"},
		{name: "prefix elsewhere", src: "FROM node:22\nCOPY . /app\nRUN npm ci --prefix /opt/tools\n"},
		{name: "unknown RUN before the copy", src: "FROM node:22\nWORKDIR /app\nSHELL [\"pwsh\", \"-c\"]\nRUN npm ci\n" +
			"SHELL [\"/bin/sh\", \"-c\"]\nCOPY . .\nRUN npm ci\n"},
		{name: "earlier install in the stage", src: "FROM node:22\nWORKDIR /app\nCOPY package.json .\nRUN npm install\nCOPY . .\nRUN npm ci\n"},
	})
}

func TestDepsAfterSourceCopyFix(t *testing.T) {
	r, ok := Lookup("DF401")
	if !ok {
		t.Fatal("DF401 not registered")
	}
	for _, c := range []struct {
		name string
		rc   ruleCase
		fix  string
	}{
		{"npm", ruleCase{src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"}, "COPY package.json package-lock.json ./"},
		{"npm install without context", ruleCase{src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install\n"}, "COPY package*.json ./"},
		{"flags and absolute dest", ruleCase{src: "FROM node:22\nCOPY --chown=node:node . /home/node/app\n" +
			"WORKDIR /home/node/app\nRUN npm ci\n"}, "COPY --chown=node:node package.json package-lock.json /home/node/app/"},
		{"requirements in a subdirectory", ruleCase{src: "FROM python:3.12\nWORKDIR /app\nCOPY . .\n" +
			"RUN pip install -r requirements/prod.txt\n"}, "COPY requirements/prod.txt requirements/"},
		{"context files", ruleCase{src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN cd web && yarn install\n",
			files: map[string]string{"web/package.json": "{}", "web/yarn.lock": "", "web/.yarnrc.yml": "", "web/.yarn/releases/yarn.cjs": "", "web/a.js": ""}},
			"COPY web/package.json web/yarn.lock web/.yarnrc.yml web/\nCOPY web/.yarn/releases/ web/.yarn/releases/"},
		{"gradle wrapper", ruleCase{src: "FROM eclipse-temurin:21\nWORKDIR /app\nCOPY . .\nRUN ./gradlew build\n"},
			"COPY build.gradle* settings.gradle* gradlew ./\nCOPY gradle/ gradle/"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs := lintWith(t, r, c.rc)
			if len(fs) != 1 {
				t.Fatalf("got %d findings:%s", len(fs), dump(fs))
			}
			if fs[0].Fix != c.fix {
				t.Errorf("fix = %q, want %q", fs[0].Fix, c.fix)
			}
			if strings.HasSuffix(fs[0].Message, ".") && !strings.HasSuffix(fs[0].Message, " .") {
				t.Errorf("message ends with a period: %q", fs[0].Message)
			}
		})
	}
}
