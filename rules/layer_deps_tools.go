package rules

// The dependency installs DF401 recognises: for each package manager, how
// to read its command line and which manifests it installs from.

import (
	"path"
	"slices"
	"strings"
)

// layerManifest is one file an install reads, or copies along with it.
type layerManifest struct {
	// name is relative to the install directory (or absolute); it may
	// hold a wildcard ("*.csproj"). A trailing "/" marks a directory.
	name string
	// primary manifests are what the install reads; at least one must
	// come from the broad copy.
	primary bool
}

// layerDep is a dependency install recognised in a RUN.
type layerDep struct {
	eco     string // ecosystem, for "an install already ran"
	display string // "npm ci", for messages
	// project installs build or install the project itself too, which
	// needs the source (pip install ., poetry install, cargo build).
	project bool
	// files are empty for commands that only count as an earlier
	// dependency step (cargo chef cook) and are never reported.
	files []layerManifest
	guess []string // files named when the build context is unknown
	// what names the manifest in messages when the context is unknown
	// ("" means guess[0]).
	what string
	// dir is the project directory an option names (npm --prefix, mvn -f),
	// relative to the command's working directory; "" for that directory.
	dir      string
	blockers []string // context files that make the usual fix wrong (*.gemspec)
	before   string   // "run npm ci": what the fix runs before the broad copy
	after    string   // what it runs after the broad copy, if anything
}

func (d *layerDep) primaries() []string {
	var out []string
	for _, m := range d.files {
		if m.primary {
			out = append(out, m.name)
		}
	}
	return out
}

// manifest sets, by tool.
var (
	layerNpmFiles  = []layerManifest{{"package.json", true}, {"package-lock.json", false}, {"npm-shrinkwrap.json", false}, {".npmrc", false}}
	layerYarnFiles = []layerManifest{{"package.json", true}, {"yarn.lock", false}, {".yarnrc.yml", false}, {".yarnrc", false},
		{".yarn/releases/", false}, {".yarn/plugins/", false}, {".npmrc", false}}
	layerPnpmFiles = []layerManifest{{"package.json", true}, {"pnpm-lock.yaml", false}, {"pnpm-workspace.yaml", false}, {".npmrc", false}}
	layerBunFiles  = []layerManifest{{"package.json", true}, {"bun.lock", false}, {"bun.lockb", false}, {"bunfig.toml", false}, {".npmrc", false}}
	layerPyProject = []layerManifest{{"pyproject.toml", true}, {"setup.py", true}, {"setup.cfg", true}}
	layerPoetry    = []layerManifest{{"pyproject.toml", true}, {"poetry.lock", false}, {"poetry.toml", false}}
	layerUv        = []layerManifest{{"pyproject.toml", true}, {"uv.lock", false}, {".python-version", false}}
	layerPdm       = []layerManifest{{"pyproject.toml", true}, {"pdm.lock", false}}
	layerPipenv    = []layerManifest{{"Pipfile", true}, {"Pipfile.lock", false}}
	layerGoFiles   = []layerManifest{{"go.mod", true}, {"go.sum", false}}
	layerGemFiles  = []layerManifest{{"Gemfile", true}, {"gems.rb", true}, {"Gemfile.lock", false}, {"gems.locked", false}, {".ruby-version", false}}
	layerComposer  = []layerManifest{{"composer.json", true}, {"composer.lock", false}, {"auth.json", false}}
	layerCargo     = []layerManifest{{"Cargo.toml", true}, {"Cargo.lock", false}, {"rust-toolchain.toml", false}, {"rust-toolchain", false}, {".cargo/", false}}
	layerMaven     = []layerManifest{{"pom.xml", true}, {".mvn/", false}}
	layerMavenW    = []layerManifest{{"pom.xml", true}, {"mvnw", false}, {".mvn/", false}}
	layerGradle    = []layerManifest{{"build.gradle", true}, {"build.gradle.kts", true}, {"settings.gradle", false},
		{"settings.gradle.kts", false}, {"gradle.properties", false}, {"gradle/", false}}
	layerGradleW = []layerManifest{{"build.gradle", true}, {"build.gradle.kts", true}, {"settings.gradle", false},
		{"settings.gradle.kts", false}, {"gradle.properties", false}, {"gradlew", false}, {"gradle/", false}}
	layerDotnetExtras = []layerManifest{{"NuGet.config", false}, {"nuget.config", false}, {"NuGet.Config", false},
		{"Directory.Build.props", false}, {"Directory.Packages.props", false}, {"global.json", false}, {"packages.lock.json", false}}
	layerDotnet = append([]layerManifest{{"*.sln", true}, {"*.slnx", true}, {"*.csproj", true}, {"*.fsproj", true}, {"*.vbproj", true}},
		layerDotnetExtras...)
)

// layerToolNames are the programs layerClassify looks at, besides
// pip/python and their versioned names.
var layerToolNames = map[string]bool{"npm": true, "yarn": true, "pnpm": true, "bun": true, "poetry": true,
	"pipenv": true, "uv": true, "pdm": true, "go": true, "bundle": true, "bundler": true, "composer": true,
	"composer.phar": true, "php": true, "cargo": true, "mvn": true, "mvnw": true, "gradle": true, "gradlew": true,
	"dotnet": true}

// layerVersioned reports whether name is prog or prog followed by a
// version ("pip3", "python3.12").
func layerVersioned(name, prog string) bool {
	rest, ok := strings.CutPrefix(name, prog)
	if !ok {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if (rest[i] < '0' || rest[i] > '9') && rest[i] != '.' {
			return false
		}
	}
	return true
}

// layerOpt is an option of an install command line.
type layerOpt = cmdOpt

// layerParse splits args into options and positionals (see parseOpts); an
// attached short value loses a leading "=" ("-r=req.txt").
func layerParse(args []ShellArg, shortVal string, longVal ...string) (opts []layerOpt, pos []ShellArg) {
	opts, idx := parseOpts(args, optSpec{short: shortVal, long: longVal})
	for k := range opts {
		if o := &opts[k]; len(o.name) == 2 && o.has {
			o.value = strings.TrimPrefix(o.value, "=")
		}
	}
	for _, i := range idx {
		pos = append(pos, args[i])
	}
	return opts, pos
}

// layerOptValue returns the value of the last of the options names; ok is
// false when none is given, bad when one lacks its value.
func layerOptValue(opts []layerOpt, names ...string) (value string, ok, bad bool) {
	for _, o := range opts {
		if slices.Contains(names, o.name) {
			value, ok, bad = o.value, true, !o.has || o.value == ""
		}
	}
	return value, ok, bad
}

// layerInDir moves dep to the project directory an option names; it
// returns nil when the option has no value.
func layerInDir(dep *layerDep, opts []layerOpt, names ...string) *layerDep {
	v, ok, bad := layerOptValue(opts, names...)
	if dep == nil || !ok {
		return dep
	}
	if bad {
		return nil
	}
	dep.dir = v
	dep.display += " " + names[0] + " " + v
	dep.before = "run '" + dep.display + "'"
	return dep
}

func layerHasOpt(opts []layerOpt, names ...string) bool {
	for _, o := range opts {
		if slices.Contains(names, o.name) {
			return true
		}
	}
	return false
}

func layerPosValues(pos []ShellArg) []string {
	out := make([]string, len(pos))
	for i, a := range pos {
		out[i] = a.Value
	}
	return out
}

// layerClassify recognises a dependency install. It returns nil for
// anything else, and for installs it cannot read precisely (unknown
// arguments, another manifest than the directory's own).
func layerClassify(c *ShellCommand) *layerDep {
	b := c.Base
	if b == "" || !layerToolNames[b] && !layerVersioned(b, "pip") && !layerVersioned(b, "python") {
		return nil
	}
	if c.HasDynamicArgs() {
		return nil
	}
	switch {
	case layerVersioned(b, "pip"):
		return layerPip(c.Name, c.Args)
	case layerVersioned(b, "python"):
		return layerPythonModule(c)
	}
	switch b {
	case "npm":
		return layerNpm(c)
	case "yarn":
		return layerYarn(c)
	case "pnpm":
		return layerPnpm(c)
	case "bun":
		return layerBun(c)
	case "poetry":
		return layerPoetryCmd(c)
	case "pipenv":
		return layerPipenvCmd(c)
	case "uv":
		return layerUvCmd(c)
	case "pdm":
		return layerPdmCmd(c)
	case "go":
		return layerGoCmd(c)
	case "bundle", "bundler":
		return layerBundle(c)
	case "composer", "composer.phar":
		return layerComposerCmd(c.Args)
	case "php":
		if len(c.Args) > 0 {
			if s := path.Base(c.Args[0].Value); s == "composer.phar" || s == "composer" {
				return layerComposerCmd(c.Args[1:])
			}
		}
	case "cargo":
		return layerCargoCmd(c)
	case "mvn", "mvnw":
		return layerMavenCmd(c)
	case "gradle", "gradlew":
		return layerGradleCmd(c)
	case "dotnet":
		return layerDotnetCmd(c)
	}
	return nil
}

// layerTouchesEco returns the ecosystem of a build-tool run that counts
// as an earlier dependency step for the installs of later RUNs: a Maven
// goal, a Gradle task, a Cargo build or fetch, a .NET restore or build
// (what the manifests-first patterns of those tools run). Version checks
// and tool installs (cargo install, dotnet tool) do not count.
func layerTouchesEco(c *ShellCommand) string {
	sub, _ := c.Subcommand()
	if sub == "" {
		return ""
	}
	switch c.Base {
	case "mvn", "mvnw":
		return "maven"
	case "gradle", "gradlew":
		return "gradle"
	case "cargo":
		switch sub {
		case "build", "b", "fetch", "chef", "check", "c", "test", "t":
			return "rust"
		}
	case "dotnet":
		switch sub {
		case "restore", "build", "publish", "test":
			return "dotnet"
		}
	}
	return ""
}

func layerDeps(eco, display string, files []layerManifest, guess ...string) *layerDep {
	return &layerDep{eco: eco, display: display, files: files, guess: guess, before: "run '" + display + "'"}
}

// pip / pip3 / python -m pip / uv pip: install -r <file>, install .

var (
	layerPipLong = []string{"--requirement", "--constraint", "--editable", "--index-url", "--extra-index-url",
		"--find-links", "--target", "--prefix", "--root", "--src", "--upgrade-strategy", "--trusted-host",
		"--platform", "--python-version", "--implementation", "--abi", "--only-binary", "--no-binary",
		"--progress-bar", "--cache-dir", "--log", "--timeout", "--retries", "--proxy", "--cert", "--client-cert",
		"--exists-action", "--config-settings", "--global-option", "--report", "--python", "--root-user-action",
		"--use-feature", "--use-deprecated", "--keyring-provider", "--group", "--build-constraint",
		"--index", "--default-index", "--extra", "--override", "--resolution", "--prerelease", "--link-mode"}
	layerPipShort = "rceiftCp"
)

func layerPip(name string, args []ShellArg) *layerDep {
	opts, pos := layerParse(args, layerPipShort, layerPipLong...)
	if len(pos) == 0 || pos[0].Value != "install" {
		return nil
	}
	return layerPipInstall(name+" install", opts, pos[1:])
}

// layerPipInstall reads the options and operands of a pip install.
func layerPipInstall(display string, opts []layerOpt, pos []ShellArg) *layerDep {
	var reqs []string
	project, what := false, " ."
	for _, o := range opts {
		switch o.name {
		case "-r", "--requirement":
			if !o.has || o.value == "" || strings.Contains(o.value, "://") {
				return nil
			}
			reqs = append(reqs, o.value)
		case "-e", "--editable":
			if layerIsDot(o.value) {
				project, what = true, " -e ."
			}
		}
	}
	if len(reqs) > 0 {
		d := &layerDep{eco: "python", display: display + " -r " + reqs[0]}
		for _, r := range reqs {
			d.files = append(d.files, layerManifest{name: r, primary: true})
			d.guess = append(d.guess, r)
		}
		d.before = "run '" + d.display + "'"
		return d
	}
	for _, a := range pos {
		project = project || layerIsDot(a.Value)
	}
	if !project || layerHasOpt(opts, "--no-deps") {
		return nil
	}
	return &layerDep{
		eco: "python", display: display + what, project: true, files: layerPyProject,
		guess: []string{"pyproject.toml"}, what: "pyproject.toml or setup.py",
		before: "install only the dependencies it declares",
		after:  "'" + display + " --no-deps .'",
	}
}

// layerIsDot reports whether a pip requirement names the current
// directory: ".", "./", ".[dev]".
func layerIsDot(v string) bool {
	if i := strings.IndexByte(v, '['); i >= 0 && strings.HasSuffix(v, "]") {
		v = v[:i]
	}
	return v == "." || v == "./"
}

func layerPythonModule(c *ShellCommand) *layerDep {
	for i := 0; i < len(c.Args); i++ {
		v := c.Args[i].Value
		switch {
		case v == "-m":
			if i+1 < len(c.Args) && (c.Args[i+1].Value == "pip" || c.Args[i+1].Value == "pip3") {
				return layerPip(c.Name+" -m pip", c.Args[i+2:])
			}
			return nil
		case v == "-W" || v == "-X":
			i++
		case v == "-c" || v == "--" || !strings.HasPrefix(v, "-"):
			return nil // a script or a command string
		}
	}
	return nil
}

// npm ci, npm install (no package arguments).

var layerNpmLong = []string{"--omit", "--include", "--registry", "--prefix", "--cache", "--loglevel", "--workspace",
	"--userconfig", "--globalconfig", "--install-strategy", "--fetch-timeout", "--fetch-retries", "--before",
	"--tag", "--location", "--script-shell", "--os", "--cpu", "--libc"}

func layerNpm(c *ShellCommand) *layerDep {
	opts, pos := layerParse(c.Args, "wC", layerNpmLong...)
	if len(pos) == 0 || layerHasOpt(opts, "-g", "--global", "--location") {
		return nil
	}
	switch pos[0].Value {
	case "ci", "clean-install", "install-clean", "ic":
		return layerInDir(layerDeps("node", "npm ci", layerNpmFiles, "package.json", "package-lock.json"), opts, "--prefix", "-C")
	case "install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall":
		if len(pos) > 1 {
			return nil // explicit packages
		}
		return layerInDir(layerDeps("node", "npm install", layerNpmFiles, "package*.json"), opts, "--prefix", "-C")
	}
	return nil
}

func layerYarn(c *ShellCommand) *layerDep {
	opts, pos := layerParse(c.Args, "", "--cwd", "--modules-folder", "--cache-folder", "--network-timeout",
		"--mutex", "--registry", "--network-concurrency", "--child-concurrency", "--mode", "--global-folder",
		"--link-folder", "--use-yarnrc")
	if len(pos) == 0 || len(pos) == 1 && pos[0].Value == "install" {
		display := "yarn install"
		if len(pos) == 0 {
			display = "yarn"
		}
		return layerInDir(layerDeps("node", display, layerYarnFiles, "package.json", "yarn.lock"), opts, "--cwd")
	}
	return nil
}

func layerPnpm(c *ShellCommand) *layerDep {
	opts, pos := layerParse(c.Args, "CF", "--dir", "--filter", "--store-dir", "--reporter", "--network-concurrency",
		"--child-concurrency", "--virtual-store-dir", "--modules-dir", "--lockfile-dir", "--workspace-dir")
	if len(pos) == 0 || layerHasOpt(opts, "--lockfile-dir", "--workspace-dir", "-g", "--global") {
		return nil
	}
	switch pos[0].Value {
	case "install", "i":
		if len(pos) > 1 {
			return nil // "pnpm install <pkg>" adds a package
		}
		return layerInDir(layerDeps("node", "pnpm install", layerPnpmFiles, "package.json", "pnpm-lock.yaml"), opts, "--dir", "-C")
	case "fetch":
		return layerInDir(layerDeps("node", "pnpm fetch",
			[]layerManifest{{"pnpm-lock.yaml", true}, {"pnpm-workspace.yaml", false}, {".npmrc", false}}, "pnpm-lock.yaml"),
			opts, "--dir", "-C")
	}
	return nil
}

func layerBun(c *ShellCommand) *layerDep {
	opts, pos := layerParse(c.Args, "c", "--cwd", "--config", "--registry", "--cache-dir", "--backend", "--filter", "--linker")
	if len(pos) == 0 || layerHasOpt(opts, "-g", "--global") {
		return nil
	}
	if (pos[0].Value == "install" || pos[0].Value == "i") && len(pos) == 1 {
		return layerInDir(layerDeps("node", "bun install", layerBunFiles, "package.json", "bun.lock*"), opts, "--cwd")
	}
	return nil
}

// Python project tools.

func layerPoetryCmd(c *ShellCommand) *layerDep {
	opts, pos := layerParse(c.Args, "CPE", "--directory", "--project", "--with", "--without", "--only", "--extras")
	if len(pos) != 1 || pos[0].Value != "install" || layerHasOpt(opts, "--only-root") {
		return nil
	}
	if layerHasOpt(opts, "--no-root") {
		return layerInDir(layerDeps("python", "poetry install", layerPoetry, "pyproject.toml", "poetry.lock"),
			opts, "--directory", "-C", "--project", "-P")
	}
	d := layerInDir(&layerDep{eco: "python", display: "poetry install", project: true, files: layerPoetry,
		guess: []string{"pyproject.toml", "poetry.lock"}}, opts, "--directory", "-C", "--project", "-P")
	if d != nil {
		d.before, d.after = "run '"+d.display+" --no-root'", "'"+d.display+"'"
	}
	return d
}

func layerPipenvCmd(c *ShellCommand) *layerDep {
	opts, pos := layerParse(c.Args, "", "--python", "--pypi-mirror", "--categories", "--extra-pip-args")
	if len(pos) != 1 || layerHasOpt(opts, "-r", "--requirements") {
		return nil
	}
	switch pos[0].Value {
	case "install", "sync":
		return layerDeps("python", "pipenv "+pos[0].Value, layerPipenv, "Pipfile", "Pipfile.lock")
	}
	return nil
}

var layerUvLong = []string{"--directory", "--project", "--python", "--extra", "--group", "--only-group", "--no-group",
	"--package", "--index", "--default-index", "--index-url", "--extra-index-url", "--find-links", "--config-file",
	"--cache-dir", "--python-platform", "--refresh-package", "--reinstall-package", "--no-binary-package",
	"--no-build-package", "--upgrade-package", "--prune", "--link-mode", "--resolution", "--prerelease",
	"--exclude-newer", "--color", "--index-strategy", "--keyring-provider", "--config-setting", "--no-extra",
	"--requirement", "--constraint", "--override", "--editable", "--target", "--prefix"}

func layerUvCmd(c *ShellCommand) *layerDep {
	opts, pos := layerParse(c.Args, "pPrceit", layerUvLong...)
	if len(pos) == 0 {
		return nil
	}
	switch pos[0].Value {
	case "sync":
		if len(pos) != 1 {
			return nil
		}
		if layerHasOpt(opts, "--no-install-project", "--no-install-workspace", "--only-group") {
			return layerInDir(layerDeps("python", "uv sync", layerUv, "pyproject.toml", "uv.lock"), opts, "--directory", "--project")
		}
		d := layerInDir(&layerDep{eco: "python", display: "uv sync", project: true, files: layerUv,
			guess: []string{"pyproject.toml", "uv.lock"}}, opts, "--directory", "--project")
		if d != nil {
			d.before, d.after = "run '"+d.display+" --no-install-project'", "'"+d.display+"'"
		}
		return d
	case "pip":
		if len(pos) < 2 || layerHasOpt(opts, "--directory", "--project") {
			return nil
		}
		switch pos[1].Value {
		case "install":
			return layerPipInstall("uv pip install", opts, pos[2:])
		case "sync":
			if len(pos) < 3 {
				return nil
			}
			d := &layerDep{eco: "python", display: "uv pip sync " + pos[2].Value}
			for _, a := range pos[2:] {
				d.files = append(d.files, layerManifest{name: a.Value, primary: true})
				d.guess = append(d.guess, a.Value)
			}
			d.before = "run '" + d.display + "'"
			return d
		}
	}
	return nil
}

func layerPdmCmd(c *ShellCommand) *layerDep {
	opts, pos := layerParse(c.Args, "pGL", "--project", "--group", "--lockfile", "--venv")
	if len(pos) != 1 || layerHasOpt(opts, "-p", "--project", "-L", "--lockfile") {
		return nil
	}
	switch pos[0].Value {
	case "install", "sync":
		display := "pdm " + pos[0].Value
		if layerHasOpt(opts, "--no-self") {
			return layerDeps("python", display, layerPdm, "pyproject.toml", "pdm.lock")
		}
		return &layerDep{eco: "python", display: display, project: true, files: layerPdm,
			guess: []string{"pyproject.toml", "pdm.lock"}, before: "run '" + display + " --no-self'", after: "'" + display + "'"}
	}
	return nil
}

// Go, Ruby, PHP.

func layerGoCmd(c *ShellCommand) *layerDep {
	if c.HasFlag("-modfile") {
		return nil
	}
	pos := layerPosValues(c.Positionals("-C"))
	if len(pos) != 2 || pos[0] != "mod" || pos[1] != "download" {
		return nil
	}
	d := layerDeps("go", "go mod download", layerGoFiles, "go.mod", "go.sum")
	if v, ok := c.FlagValue("-C"); ok {
		if v == "" {
			return nil
		}
		d.dir, d.display = v, "go -C "+v+" mod download"
		d.before = "run '" + d.display + "'"
	}
	return d
}

func layerBundle(c *ShellCommand) *layerDep {
	if c.HasFlag("--gemfile") {
		return nil
	}
	if len(c.Args) > 0 {
		if sub, _ := c.Subcommand(); sub != "install" {
			return nil
		}
	}
	d := layerDeps("ruby", "bundle install", layerGemFiles, "Gemfile", "Gemfile.lock")
	d.blockers = []string{"*.gemspec"}
	return d
}

func layerComposerCmd(args []ShellArg) *layerDep {
	opts, pos := layerParse(args, "d", "--working-dir")
	if len(pos) == 0 {
		return nil
	}
	switch pos[0].Value {
	case "install", "i":
		d := layerInDir(layerDeps("php", "composer install", layerComposer, "composer.json", "composer.lock"),
			opts, "--working-dir", "-d")
		if d == nil {
			return nil
		}
		if !layerHasOpt(opts, "--no-autoloader") {
			d.before = "run 'composer install --no-scripts --no-autoloader'"
			d.after = "'composer dump-autoload'"
		}
		return d
	}
	return nil
}

// Rust, Java, .NET.

func layerCargoCmd(c *ShellCommand) *layerDep {
	manifestDir := ""
	if v, ok := c.FlagValue("--manifest-path"); ok {
		if path.Base(v) != "Cargo.toml" {
			return nil
		}
		manifestDir = path.Dir(v)
	} else if c.HasFlag("--manifest-path") {
		return nil
	}
	d := layerCargoSub(c)
	if d != nil && manifestDir != "" {
		d.dir = manifestDir
	}
	return d
}

func layerCargoSub(c *ShellCommand) *layerDep {
	args := c.Args
	if len(args) > 0 && strings.HasPrefix(args[0].Value, "+") {
		args = args[1:] // toolchain
	}
	_, pos := layerParse(args, "pFjZ", "--package", "--target", "--features", "--bin", "--example", "--jobs",
		"--profile", "--target-dir", "--config", "--color", "--test", "--bench", "--exclude", "--message-format",
		"--manifest-path")
	if len(pos) == 0 {
		return nil
	}
	switch pos[0].Value {
	case "fetch":
		return layerDeps("rust", "cargo fetch", layerCargo, "Cargo.toml", "Cargo.lock")
	case "build", "b":
		return &layerDep{eco: "rust", display: "cargo build", project: true, files: layerCargo,
			guess:  []string{"Cargo.toml", "Cargo.lock"},
			before: "build the dependencies alone (with cargo-chef, or a stub src/main.rs)"}
	case "chef":
		if len(pos) > 1 && pos[1].Value == "cook" {
			return &layerDep{eco: "rust", display: "cargo chef cook"}
		}
	}
	return nil
}

var layerMavenValueFlags = []string{"-f", "--file", "-s", "--settings", "-gs", "--global-settings", "-P",
	"--activate-profiles", "-pl", "--projects", "-rf", "--resume-from", "-T", "--threads", "-D", "--define",
	"-l", "--log-file", "-t", "--toolchains", "-gt", "--global-toolchains", "-b", "--builder", "-amd"}

func layerMavenCmd(c *ShellCommand) *layerDep {
	name, dir := c.Name, ""
	if v, ok := c.FlagValue("-f", "--file"); ok {
		switch {
		case path.Base(v) == "pom.xml":
			dir = path.Dir(v)
		case v == "" || path.Ext(v) != "":
			return nil // another POM file name
		default:
			dir = v
		}
		name += " -f " + v
	}
	files, guess := layerMaven, []string{"pom.xml"}
	if c.Base == "mvnw" {
		files, guess = layerMavenW, []string{"pom.xml", "mvnw", ".mvn/"}
	}
	var deps, phase string
	for _, a := range c.Positionals(layerMavenValueFlags...) {
		g := a.Value
		switch {
		case strings.HasPrefix(g, "dependency:") || strings.HasSuffix(g, ":go-offline") || strings.HasSuffix(g, ":resolve-dependencies"):
			if deps == "" {
				deps = g
			}
		case g == "package" || g == "install" || g == "verify":
			if phase == "" {
				phase = g
			}
		}
	}
	switch {
	case deps != "":
		d := layerDeps("maven", name+" "+deps, files, guess...)
		d.dir = dir
		return d
	case phase != "":
		return &layerDep{eco: "maven", display: name + " " + phase, project: true, files: files, dir: dir,
			guess: guess, before: "run '" + name + " dependency:go-offline'"}
	}
	return nil
}

var layerGradleValueFlags = []string{"-x", "--exclude-task", "-p", "--project-dir", "-b", "--build-file", "-c",
	"--settings-file", "-g", "--gradle-user-home", "-I", "--init-script", "-D", "--system-prop", "-P",
	"--project-prop", "--console", "--warning-mode", "--max-workers", "--priority", "--include-build", "-F",
	"--dependency-verification", "-M", "--write-verification-metadata", "--project-cache-dir", "--configuration",
	"--dependency"}

// layerGradleBuildTasks are the usual Gradle tasks that compile the project
// (and so resolve its dependencies); assemble* and bundle* variants too.
var layerGradleBuildTasks = []string{"build", "installDist", "bootJar", "bootWar", "shadowJar", "jar", "war",
	"distZip", "distTar", "classes", "compileJava", "compileKotlin", "buildFatJar", "quarkusBuild", "nativeCompile"}

func layerGradleCmd(c *ShellCommand) *layerDep {
	if c.HasFlag("-b", "--build-file", "-c", "--settings-file") {
		return nil
	}
	name, dir := c.Name, ""
	if v, ok := c.FlagValue("-p", "--project-dir"); ok {
		if v == "" {
			return nil
		}
		name, dir = name+" -p "+v, v
	} else if c.HasFlag("-p", "--project-dir") {
		return nil
	}
	files, guess := layerGradle, []string{"build.gradle*", "settings.gradle*"}
	if c.Base == "gradlew" {
		files, guess = layerGradleW, []string{"build.gradle*", "settings.gradle*", "gradlew", "gradle/"}
	}
	var deps, build string
	for _, a := range c.Positionals(layerGradleValueFlags...) {
		t := a.Value
		if i := strings.LastIndexByte(t, ':'); i >= 0 {
			t = t[i+1:]
		}
		switch {
		case t == "dependencies" || t == "androidDependencies":
			deps = a.Value
		case slices.Contains(layerGradleBuildTasks, t) || strings.HasPrefix(t, "assemble") || strings.HasPrefix(t, "bundle"):
			if build == "" {
				build = a.Value
			}
		}
	}
	switch {
	case deps != "" && build == "":
		d := layerDeps("gradle", name+" "+deps, files, guess...)
		d.what, d.dir = "build.gradle(.kts)", dir
		return d
	case build != "":
		return &layerDep{eco: "gradle", display: name + " " + build, project: true, files: files, dir: dir,
			guess: guess, what: "build.gradle(.kts)", before: "run '" + name + " dependencies'"}
	}
	return nil
}

var layerDotnetProjectExt = []string{".sln", ".slnx", ".csproj", ".fsproj", ".vbproj", ".proj"}

func layerDotnetCmd(c *ShellCommand) *layerDep {
	pos := c.Positionals("-s", "--source", "-r", "--runtime", "--packages", "--configfile", "-v", "--verbosity",
		"--lock-file-path", "-a", "--arch", "--os", "-p", "--property")
	if len(pos) == 0 || pos[0].Value != "restore" || len(pos) > 2 {
		return nil
	}
	if len(pos) == 1 {
		d := layerDeps("dotnet", "dotnet restore", layerDotnet, "*.csproj", "*.sln")
		d.what = "the project files"
		return d
	}
	p := pos[1].Value
	if !slices.Contains(layerDotnetProjectExt, strings.ToLower(path.Ext(p))) {
		return nil // a directory: not followed
	}
	files := []layerManifest{{p, true}}
	dir := path.Dir(p)
	for _, m := range layerDotnetExtras {
		files = append(files, layerManifest{path.Join(dir, m.name), false})
	}
	return layerDeps("dotnet", "dotnet restore "+p, files, p)
}
