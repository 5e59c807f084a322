package rules

// The image the build produces ships a compiler: its final stage is based on
// a language SDK image (golang, rust, maven, gradle, gcc, the .NET SDK),
// builds the application there and runs what it built. Reported only when
// all three are certain, so development, CI and SDK images stay quiet.

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF115",
		Name:     "final-stage-build-image",
		Severity: SeverityInfo,
		Summary:  "The image the build produces is based on a compiler/SDK image",
		Since:    "1.0",
		Doc: Doc{
			Why: "SDK images carry the compiler, the package caches and hundreds of megabytes of build " +
				"tools the application does not need at run time: a larger image to pull, a larger " +
				"attack surface and more CVEs to triage. A multi-stage build compiles in the SDK image " +
				"and copies only the result into a small runtime image.",
			Bad: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app ./cmd/app\n" +
				"CMD [\"app\"]",
			Good: "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n\n" +
				"FROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nCMD [\"/app\"]",
			Fix: "Split the Dockerfile: build in a stage `FROM <sdk> AS build`, then start the final stage " +
				"from a runtime image (`gcr.io/distroless/static` or `scratch` for static Go/Rust " +
				"binaries, `eclipse-temurin:<v>-jre` for Java, `mcr.microsoft.com/dotnet/aspnet` or " +
				"`runtime` for .NET, a slim distribution image otherwise) and `COPY --from=build` the " +
				"artifact.",
			Notes: "Reported only when all of this holds for the stage the build produces (the last " +
				"one, or the `--target`), counting the stages it is built `FROM`: (1) it is based on one " +
				"of the official SDK images `golang`, `rust`, `maven`, `gradle`, `gcc` or " +
				"`mcr.microsoft.com/dotnet/sdk`; (2) a RUN builds a program there (`go build -o X`, " +
				"`go install ./...` of the local module, `cargo build`, `cargo install --path`, a Maven " +
				"or Gradle packaging goal, `dotnet publish`/`build`, `gcc -o X`, `make`, `cmake`); (3) " +
				"its ENTRYPOINT (or, without one, its CMD) runs that program: `X` itself, " +
				"`target/release/...`, `java ...`, `dotnet <app>.dll` or the published apphost. Images " +
				"whose command is the toolchain (`go run`, `go test`, `cargo run`, `mvn ...`, " +
				"`dotnet run`/`watch`/`test`) or a development tool (air, CompileDaemon, reflex, " +
				"cargo-watch, dlv, golangci-lint, goreleaser, gotestsum, ...) are development or CI " +
				"images and stay quiet, as do SDK-derived images without a command (docker-library " +
				"style images, dev containers), tools installed from elsewhere (`go install " +
				"example.com/tool@latest`), and a final stage or a Dockerfile whose name says it is a " +
				"development, debug, test, CI or build image (`AS dev-envs`, `--target builder`, " +
				"`Dockerfile.debug`, `test.Dockerfile`). JDK images are not considered: many " +
				"applications legitimately run on a JDK.",
		},
		Check: checkFinalStageBuildImage,
	})
}

// toolchainKind names the SDK a base image provides, "" for none.
func toolchainKind(ref ImageRef) string {
	if !ref.IsImage() {
		return ""
	}
	switch ref.Domain() {
	case "docker.io":
		switch ref.Path() {
		case "library/golang":
			return "go"
		case "library/rust":
			return "rust"
		case "library/maven":
			return "maven"
		case "library/gradle":
			return "gradle"
		case "library/gcc":
			return "gcc"
		}
	case "mcr.microsoft.com":
		switch ref.Path() {
		case "dotnet/sdk", "dotnet/core/sdk":
			return "dotnet"
		}
	}
	return ""
}

// toolchainDevTools are commands that, as an image's command, show a
// development or CI image rather than a production one: live reloaders,
// debuggers and tools that drive the toolchain themselves.
var toolchainDevTools = map[string]bool{
	"air": true, "compiledaemon": true, "reflex": true, "gow": true, "cargo-watch": true, "watchexec": true,
	"fresh": true, "gin": true, "realize": true, "nodemon": true, "entr": true, "dlv": true, "gdb": true,
	"gotestsum": true, "golangci-lint": true, "goreleaser": true, "ginkgo": true, "gopls": true,
}

// toolchainCommands are the toolchain programs (as command names) of each
// kind; as an image's command they show a development or CI image.
var toolchainCommands = map[string][]string{
	"go":     {"go"},
	"rust":   {"cargo", "rustc", "rustup"},
	"maven":  {"mvn", "mvnw"},
	"gradle": {"gradle", "gradlew"},
	"gcc":    {"gcc", "g++", "cc", "c++", "make", "cmake", "ninja"},
	"dotnet": {"dotnet"},
}

// builtArtifacts is what the build steps of an SDK-based stage produce, as
// far as their command lines tell.
type builtArtifacts struct {
	// outputs are the -o paths of go build, gcc and dotnet publish/build.
	outputs []string
	// local: go install / cargo install of the local source, whose
	// binaries land on PATH under the package's name.
	local bool
	// cargo: cargo build, whose binaries are under target/release or
	// target/debug.
	cargo bool
	// packaged: a Maven or Gradle packaging goal (run with java), or
	// dotnet publish/build (run as dotnet <app>.dll).
	packaged bool
	// made: make or cmake, whose outputs are unknown paths.
	made bool
}

func (a *builtArtifacts) any() bool {
	return len(a.outputs) > 0 || a.local || a.cargo || a.packaged || a.made
}

// addBuild records what c builds with the toolchain of kind.
func (a *builtArtifacts) addBuild(kind string, c *ShellCommand) {
	sub, i := c.Subcommand()
	switch kind {
	case "go":
		if !c.Is("go") {
			return
		}
		switch sub {
		case "build":
			if out, ok := c.FlagValue("-o"); ok && out != "" && !strings.Contains(out, "\x00") {
				a.outputs = append(a.outputs, out)
			}
		case "install":
			a.local = a.local || localPackages(c.ArgsAfter(i))
		}
	case "rust":
		if !c.Is("cargo") {
			return
		}
		switch sub {
		case "build":
			a.cargo = true
		case "install":
			a.local = a.local || c.HasFlag("--path")
		}
	case "maven", "gradle":
		if !c.Is("mvn", "mvnw", "gradle", "gradlew") {
			return
		}
		for _, arg := range c.Positionals() {
			switch strings.TrimPrefix(arg.Value, ":") {
			case "package", "install", "verify", "build", "assemble", "bootJar", "shadowJar", "jar":
				a.packaged = true
			}
		}
	case "dotnet":
		if c.Is("dotnet") && (sub == "publish" || sub == "build") {
			if out, ok := c.FlagValue("-o", "--output"); ok && out != "" && !strings.Contains(out, "\x00") {
				a.outputs = append(a.outputs, out)
			}
			a.packaged = true
		}
	case "gcc":
		switch {
		case c.Is("gcc", "g++", "cc", "c++"):
			if out, ok := c.FlagValue("-o"); ok && out != "" && !strings.Contains(out, "\x00") {
				a.outputs = append(a.outputs, out)
			}
		case c.Is("make", "cmake"):
			a.made = true
		}
	}
}

// localPackages reports whether go install's arguments name only local
// packages ("", ".", "./cmd/x", "./...").
func localPackages(args []ShellArg) bool {
	for _, arg := range args {
		v := arg.Value
		if strings.HasPrefix(v, "-") {
			continue
		}
		if !arg.Literal || !(v == "." || strings.HasPrefix(v, "./") || strings.HasPrefix(v, "../")) {
			return false
		}
	}
	return true
}

// runsArtifact reports whether c (a command of the image's CMD or
// ENTRYPOINT) runs what the build produced.
func (a *builtArtifacts) runsArtifact(kind string, c *ShellCommand) bool {
	prog := c.Name
	base := path.Base(prog)
	for _, out := range a.outputs {
		if kind == "dotnet" {
			dir := strings.TrimSuffix(path.Clean(out), "/")
			if strings.HasPrefix(path.Clean(prog), dir+"/") || strings.HasPrefix(strings.TrimPrefix(prog, "./"), strings.TrimPrefix(dir, "./")+"/") {
				return true // the apphost in the publish directory
			}
			continue
		}
		if prog == out || path.Clean(prog) == path.Clean(out) || base == path.Base(out) {
			return true
		}
	}
	switch kind {
	case "maven", "gradle":
		return a.packaged && base == "java"
	case "dotnet":
		sub, _ := c.Subcommand()
		return a.packaged && base == "dotnet" && strings.HasSuffix(strings.ToLower(sub), ".dll")
	case "rust":
		return a.cargo && (strings.Contains(prog, "target/release/") || strings.Contains(prog, "target/debug/")) ||
			a.local && !strings.Contains(prog, "/")
	case "go":
		return a.local && !strings.Contains(prog, "/")
	case "gcc":
		return a.made && strings.Contains(prog, "/")
	}
	return false
}

func checkFinalStageBuildImage(p *Pass) {
	final := p.File.FinalStage()
	if final == nil {
		return
	}
	// The chain of stages the final image is built from, final first, and
	// the image at its root.
	chain := stageChain(final)
	root := chain[len(chain)-1]
	kind := toolchainKind(root.Base)
	if kind == "" || devImageName(final.Name) || devImageName(path.Base(filepath.ToSlash(p.File.Path))) {
		return
	}
	// What the image runs (the last ENTRYPOINT and CMD along the chain),
	// and what its RUNs build.
	var cmd, entrypoint *Instruction
	var built builtArtifacts
	for i := len(chain) - 1; i >= 0; i-- {
		for _, inst := range chain[i].Instructions {
			switch inst.Command.(type) {
			case *instructions.CmdCommand:
				cmd = inst
			case *instructions.EntrypointCommand:
				entrypoint = inst
			case *instructions.RunCommand:
				if !knownRun(inst) {
					continue
				}
				for _, c := range inst.Run.Commands() {
					built.addBuild(kind, c)
				}
			}
		}
	}
	if !built.any() || cmd == nil && entrypoint == nil {
		return
	}
	runs := false
	for _, inst := range []*Instruction{entrypoint, cmd} {
		if inst == nil {
			continue
		}
		commands, ok := imageCommands(inst)
		if !ok {
			return
		}
		for _, c := range commands {
			if c.Name == "" || usesToolchain(kind, c) {
				return
			}
			if built.runsArtifact(kind, c) {
				runs = true
			}
		}
		if entrypoint != nil {
			break // CMD only gives the entrypoint's arguments
		}
	}
	if !runs {
		return
	}
	p.ReportFix(final.From.LocateArg(0), "build in a 'FROM "+root.Base.FamiliarName()+" AS build' stage and COPY --from=build the result into a runtime image",
		"the image the build produces is based on the SDK image %s, which ships the compiler: use a multi-stage build with a smaller runtime image",
		describeBase(root))
}

// imageCommands returns the commands of a CMD or ENTRYPOINT; ok is false
// when they cannot be known (Windows, a non-POSIX SHELL, a syntax error).
func imageCommands(inst *Instruction) (commands []*ShellCommand, ok bool) {
	c := inst.Cmd
	if c == nil || inst.Stage != nil && inst.Stage.Windows && !c.Exec || !c.POSIX || c.ParseErr != nil || len(c.Scripts) == 0 {
		return nil, false
	}
	return c.Commands(), true
}

// usesToolchain reports whether an image command runs the toolchain (go
// run, mvn ..., dotnet watch) or a development tool.
func usesToolchain(kind string, c *ShellCommand) bool {
	base := strings.ToLower(c.Base)
	if toolchainDevTools[base] {
		return true
	}
	for _, t := range toolchainCommands[kind] {
		if base != t {
			continue
		}
		// dotnet app.dll runs the application; dotnet run, watch, test
		// and friends use the SDK.
		sub, _ := c.Subcommand()
		return kind != "dotnet" || !strings.HasSuffix(strings.ToLower(sub), ".dll")
	}
	return false
}

// devImageWords are words of a stage or file name that mark a development,
// debugging, test or build image ("dev-envs", "Dockerfile.debug",
// "test.Dockerfile", "--target builder").
var devImageWords = map[string]bool{
	"dev": true, "devel": true, "develop": true, "development": true, "devcontainer": true, "debug": true,
	"test": true, "tests": true, "testing": true, "ci": true, "lint": true, "build": true, "builder": true,
	"sdk": true, "tools": true, "toolchain": true, "local": true,
}

func devImageName(name string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	}) {
		if devImageWords[w] {
			return true
		}
	}
	return false
}
