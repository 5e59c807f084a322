package rules

import "testing"

func TestFinalStageBuildImage(t *testing.T) {
	const goApp = "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app ./cmd/app\n"
	runRuleCases(t, "DF115", []ruleCase{
		{name: "go build and run the binary", src: goApp + "CMD [\"app\"]\n", want: []int{1},
			messages: []string{"based on the SDK image 'golang:1.22', which ships the compiler"}},
		{name: "through a parent stage", src: "FROM golang:1.22 AS base\nRUN go build -o /app .\nFROM base\nEXPOSE 8080\nENTRYPOINT [\"/app\"]\n", want: []int{3},
			messages: []string{"'golang:1.22'"}},
		{name: "maven with shell-form java", src: "FROM maven:3.9-eclipse-temurin-21\nCOPY . /src\nWORKDIR /src\nRUN mvn -B -DskipTests package\nCMD java -jar target/app.jar\n", want: []int{1}},
		{name: "dotnet publish and run the dll", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /app\nCOPY . .\nRUN dotnet publish -c Release -o out\nENTRYPOINT [\"dotnet\", \"out/app.dll\"]\n", want: []int{1}},
		{name: "cargo build", src: "FROM rust:1.79\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n", want: []int{1}},
		{name: "gradlew wrapper", src: "FROM gradle:8-jdk21\nCOPY . .\nRUN ./gradlew --no-daemon bootJar\nENTRYPOINT [\"java\", \"-jar\", \"build/libs/app.jar\"]\n", want: []int{1}},
		{name: "gcc and make", src: "FROM gcc:14\nCOPY . /src\nRUN cd /src && make\nCMD [\"/src/app\"]\n", want: []int{1}},
		{name: "build inside sh -c", src: "FROM golang:1.22\nRUN sh -c 'go build -o /app .'\nCMD [\"/app\"]\n", want: []int{1}},
		{name: "lower-case keywords", src: "from golang:1.22\nrun go build -o /app .\ncmd [\"/app\"]\n", want: []int{1}},
		{name: "ARG-built SDK name", src: "ARG GO=1.22\nFROM golang:${GO}-alpine\nRUN go build -o /app .\nCMD [\"/app\"]\n", want: []int{2}},
		{name: "go install of the local module", src: "FROM golang:1.22\nCOPY . /src\nWORKDIR /src\nRUN go install ./cmd/server\nCMD [\"server\"]\n", want: []int{1}},
		{name: "entrypoint with CMD arguments", src: "FROM golang:1.22\nRUN go build -o /bin/app .\nENTRYPOINT [\"/bin/app\"]\nCMD [\"--port\", \"8080\"]\n", want: []int{1}},
		{name: "dotnet apphost", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o /app\nENTRYPOINT [\"/app/Api\"]\n", want: []int{1}},
		{name: "shell-form command", src: "FROM golang:1.22\nRUN go build -o app .\nCMD ./app --serve\n", want: []int{1}},
		{name: "target stage", src: "FROM golang:1.22 AS app\nRUN go build -o /app .\nCMD [\"/app\"]\nFROM alpine:3.20 AS other\n", target: "app", want: []int{1}},

		{name: "build without output is a check", src: "FROM golang:1.22\nCOPY . .\nRUN go build ./...\nCMD [\"/app\"]\n"},
		{name: "remote tool", src: "FROM golang:1.22\nRUN go install github.com/acme/tool@latest\nENTRYPOINT [\"tool\"]\n"},
		{name: "tool that needs the toolchain", src: "FROM golang:1.22\nRUN go build -o /usr/bin/golangci-lint ./cmd/golangci-lint\nENTRYPOINT [\"golangci-lint\"]\n"},
		{name: "runs something that was not built", src: "FROM golang:1.22\nRUN go build -o /bin/app .\nCMD [\"/bin/other\"]\n"},
		{name: "multi-stage", src: "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nCMD [\"/app\"]\n"},
		{name: "go run", src: "FROM golang:1.22\nCOPY . .\nRUN go build ./...\nCMD [\"go\", \"run\", \".\"]\n"},
		{name: "go test image", src: "FROM golang:1.22\nCOPY . .\nRUN go build ./...\nCMD go test ./...\n"},
		{name: "live reload", src: "FROM golang:1.22\nRUN go install github.com/air-verse/air@latest\nCMD [\"air\", \"-c\", \".air.toml\"]\n"},
		{name: "dotnet watch", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet build\nENTRYPOINT [\"dotnet\", \"watch\", \"run\"]\n"},
		{name: "maven spring-boot:run", src: "FROM maven:3.9\nRUN mvn install\nCMD [\"mvn\", \"spring-boot:run\"]\n"},
		{name: "entrypoint script with toolchain CMD", src: "FROM golang:1.22\nRUN go build ./...\nENTRYPOINT [\"/entrypoint.sh\"]\nCMD [\"go\", \"test\", \"./...\"]\n"},
		{name: "no command", src: "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest\n"},
		{name: "no build step", src: "FROM golang:1.22\nCOPY app /app\nCMD [\"/app\"]\n"},
		{name: "dev stage name", src: "FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM builder AS dev-envs\nCMD [\"/app\"]\n"},
		{name: "dev file name", src: goApp + "CMD [\"app\"]\n", files: map[string]string{}, dockerfile: "Dockerfile.debug"},
		{name: "target build stage", src: "FROM golang:1.22 AS builder\nRUN go build -o /app .\nCMD [\"/app\"]\nFROM alpine:3.20\n", target: "builder"},
		{name: "JDK images are not SDK images here", src: "FROM eclipse-temurin:21-jdk\nRUN javac Main.java\nCMD [\"java\", \"Main\"]\n"},
		{name: "not the official image", src: "FROM acme/golang:1.22\nRUN go build -o /app .\nCMD [\"/app\"]\n"},
		{name: "command not known", src: "FROM golang:1.22\nRUN go build -o /app .\nCMD $APP --serve\n"},
		{name: "windows sdk", src: "# escape=`\nFROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\nRUN dotnet publish -c Release -o C:\\out\nENTRYPOINT [\"dotnet\", \"C:\\\\out\\\\app.dll\"]\n"},
		{name: "docker-library style image", src: "FROM buildpack-deps:bookworm-scm\nENV GOLANG_VERSION 1.22.5\nRUN set -eux; wget -O go.tgz https://dl.google.com/go/go1.22.5.linux-amd64.tar.gz; tar -C /usr/local -xzf go.tgz; go version\nWORKDIR /go\n"},
	})
}
