package rules

// Variables used in instructions BuildKit expands that no ARG or ENV in
// scope defines (DF816).

import (
	"fmt"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dflint/dflint/internal/textdist"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF816",
		Name:     "undefined-var",
		Severity: SeverityWarning,
		Summary:  "A variable is used where no ARG or ENV of the stage defines it",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"UndefinedVar"}},
		Doc: Doc{
			Why: "BuildKit expands `$NAME` in ENV, ARG, LABEL, COPY/ADD, WORKDIR, USER, VOLUME, " +
				"EXPOSE, STOPSIGNAL and RUN --mount with the stage's variables only. A global ARG (declared " +
				"before FROM), an automatic platform ARG such as TARGETARCH, or an ARG of another stage " +
				"is not visible until the stage declares it again, and a typo is not an error: the " +
				"variable silently expands to an empty string.",
			Bad:  "ARG VERSION=1.4.2\nFROM alpine:3.20\nLABEL org.opencontainers.image.version=$VERSION",
			Good: "ARG VERSION=1.4.2\nFROM alpine:3.20\nARG VERSION\nLABEL org.opencontainers.image.version=$VERSION",
			Fix: "Declare the variable in the stage (`ARG VERSION` after FROM re-imports a global ARG with its " +
				"default), move the declaration above the use, or fix the typo.",
			Notes: "BuildKit knows the base image's environment; a linter does not, and `$JAVA_HOME`, " +
				"`$GOPATH` or `$HOME` usually come from it. dflint knows it for scratch and for the " +
				"official alpine, busybox, debian and ubuntu images named literally in FROM (their " +
				"environment is only PATH): there, like BuildKit, it reports every variable no ARG or ENV " +
				"declares. On other bases it only reports a variable when it is very likely a mistake: " +
				"the name is an automatic platform ARG (TARGETARCH, BUILDPLATFORM, ...); it is a global " +
				"ARG, an ARG of another stage built on another base, or a variable declared later in " +
				"this stage; or it is one edit away from a variable in scope (two for long names on the " +
				"known bases), or a swapped-letter `$PAHT` (\"did you mean\"). Names that base images " +
				"commonly set (PATH, HOME, JAVA_HOME, NODE_VERSION, names starting with the base image's " +
				"name, ...) are never reported on other bases. References with a default (`${NAME:-x}`) " +
				"are never reported (BuildKit reports them), nor is an ENV that appends to its own " +
				"variable (`ENV LD_LIBRARY_PATH=$LD_LIBRARY_PATH:/opt/lib`). ARGs of a stage are visible " +
				"in the stages built FROM it, as in BuildKit. RUN commands, ONBUILD triggers and Windows " +
				"stages are not checked.",
		},
		Check: checkUndefinedVars,
	})
}

// autoPlatformArgs are BuildKit's automatic ARGs: global, so a stage only
// sees them after declaring them.
var autoPlatformArgs = map[string]bool{
	"BUILDPLATFORM": true, "BUILDOS": true, "BUILDOSVERSION": true, "BUILDARCH": true, "BUILDVARIANT": true,
	"TARGETPLATFORM": true, "TARGETOS": true, "TARGETOSVERSION": true, "TARGETARCH": true, "TARGETVARIANT": true,
	"TARGETSTAGE": true,
}

// predefinedProxyArg are the ARGs BuildKit predefines: usable without
// a declaration.
var predefinedProxyArg = map[string]bool{
	"HTTP_PROXY": true, "http_proxy": true, "HTTPS_PROXY": true, "https_proxy": true, "FTP_PROXY": true,
	"ftp_proxy": true, "NO_PROXY": true, "no_proxy": true, "ALL_PROXY": true, "all_proxy": true,
}

// commonBaseEnv are variables that popular base images set in their
// environment; a linter cannot see them, so they are never reported
// unless the stage is built on scratch.
var commonBaseEnv = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`PATH HOME HOSTNAME TERM LANG LANGUAGE LC_ALL LC_CTYPE TZ USER SHELL PWD
		container DEBIAN_FRONTEND LD_LIBRARY_PATH LIBRARY_PATH PKG_CONFIG_PATH MANPATH CPATH C_INCLUDE_PATH
		JAVA_HOME JAVA_VERSION JDK_HOME JRE_HOME JAVA_OPTS JAVA_TOOL_OPTIONS CATALINA_HOME CATALINA_BASE
		MAVEN_HOME MAVEN_CONFIG M2_HOME GRADLE_HOME GRADLE_USER_HOME ANT_HOME
		GOPATH GOROOT GOTOOLCHAIN GOLANG_VERSION GOFLAGS GOPROXY GOBIN CGO_ENABLED
		NODE_VERSION YARN_VERSION NODE_ENV NODE_PATH NPM_CONFIG_PREFIX PNPM_HOME COREPACK_HOME
		PYTHON_VERSION PYTHON_SHA256 PYTHON_PIP_VERSION PYTHON_SETUPTOOLS_VERSION PYTHON_GET_PIP_URL
		PYTHON_GET_PIP_SHA256 PYTHONDONTWRITEBYTECODE PYTHONUNBUFFERED PYTHONPATH PIP_NO_CACHE_DIR
		VIRTUAL_ENV CONDA_DIR CONDA_PREFIX MAMBA_ROOT_PREFIX
		GEM_HOME BUNDLE_PATH BUNDLE_APP_CONFIG BUNDLE_SILENCE_ROOT_WARNING RUBY_VERSION RUBY_MAJOR
		RUBY_DOWNLOAD_SHA256 RUBY_DOWNLOAD_URL
		PHP_VERSION PHP_INI_DIR PHPIZE_DEPS PHP_CFLAGS PHP_CPPFLAGS PHP_LDFLAGS PHP_URL PHP_ASC_URL PHP_SHA256
		CARGO_HOME RUSTUP_HOME RUST_VERSION
		DOTNET_VERSION ASPNET_VERSION DOTNET_RUNNING_IN_CONTAINER DOTNET_ROOT ASPNETCORE_URLS
		ASPNETCORE_HTTP_PORTS APP_UID NUGET_XMLDOC_MODE
		NGINX_VERSION NJS_VERSION NJS_RELEASE PKG_RELEASE DYNPKG_RELEASE HTTPD_PREFIX HTTPD_VERSION
		PGDATA PG_MAJOR PG_VERSION MYSQL_MAJOR MYSQL_VERSION MARIADB_VERSION REDIS_VERSION MONGO_VERSION
		GPG_KEY GPG_KEYS CUDA_VERSION CUDA_HOME NVIDIA_VISIBLE_DEVICES NVIDIA_DRIVER_CAPABILITIES
		NVIDIA_REQUIRE_CUDA NV_CUDA_LIB_VERSION SOURCE_DATE_EPOCH
		http_proxy https_proxy ftp_proxy no_proxy all_proxy
		HTTP_PROXY HTTPS_PROXY FTP_PROXY NO_PROXY ALL_PROXY`) {
		commonBaseEnv[n] = true
	}
}

// imageEnvPrefixes maps image names to the prefixes of the variables
// their images set, beyond the image's own name.
var imageEnvPrefixes = map[string][]string{
	"golang": {"GO"}, "go": {"GO"}, "node": {"NPM", "YARN", "PNPM"}, "python": {"PIP", "PY"},
	"pypy": {"PYPY", "PYTHON", "PIP"}, "ruby": {"GEM", "BUNDLE"}, "rust": {"CARGO", "RUSTUP"},
	"openjdk": {"JAVA", "JDK"}, "eclipse-temurin": {"JAVA", "JDK", "JRE"}, "amazoncorretto": {"JAVA"},
	"ibm-semeru-runtimes": {"JAVA"}, "sapmachine": {"JAVA"}, "maven": {"JAVA", "MAVEN"},
	"gradle": {"JAVA", "GRADLE"}, "tomcat": {"JAVA", "CATALINA", "TOMCAT"}, "jetty": {"JAVA", "JETTY"},
	"postgres": {"PG", "POSTGRES"}, "postgis": {"PG", "POSTGIS"}, "nginx": {"NGINX", "NJS"},
	"sdk": {"DOTNET", "ASPNET", "NUGET"}, "aspnet": {"DOTNET", "ASPNET"}, "runtime": {"DOTNET"},
	"elixir": {"ELIXIR", "OTP", "ERLANG", "REBAR", "MIX", "HEX"}, "erlang": {"OTP", "ERLANG", "REBAR"},
	"haskell": {"GHC", "CABAL", "STACK"}, "cuda": {"CUDA", "NV", "NVIDIA", "NCCL", "CUDNN"},
	"miniconda3": {"CONDA"}, "miniconda": {"CONDA"}, "mambaforge": {"CONDA", "MAMBA"},
	"micromamba": {"MAMBA", "CONDA"}, "docker": {"DOCKER"}, "jenkins": {"JENKINS", "JAVA"},
}

// undefVarInfo is what DF816 knows about the variables of one stage. The
// maps are filled on first use: most instructions reference no undefined
// variable.
type undefVarInfo struct {
	f          *File
	s          *Stage
	meta       map[string]int // global ARGs: name -> line
	parentArgs map[string]bool
	others     map[string]string // ARGs of unrelated stages: name -> stage
	root       *Stage
	ready      bool
}

func checkUndefinedVars(p *Pass) {
	f := p.File
	var meta map[string]int
	for _, s := range f.Stages {
		if s.Windows {
			continue
		}
		vi := &undefVarInfo{f: f, s: s, root: rootStage(s)}
		for _, inst := range s.Instructions {
			if inst.Node == nil || !strings.Contains(inst.Node.Original, "$") {
				continue
			}
			words, own := undefExpandedWords(inst)
			if len(words) == 0 {
				continue
			}
			if meta == nil {
				meta = map[string]int{}
				for _, mi := range f.MetaArgs {
					for _, n := range df8Declared(mi) {
						if _, seen := meta[n]; !seen {
							meta[n] = mi.Line
						}
					}
				}
			}
			vi.meta = meta
			checkInstructionVars(p, s, inst, vi, words, own)
		}
	}
}

// load fills the parent and other-stage maps.
func (vi *undefVarInfo) load() {
	if vi.ready {
		return
	}
	vi.ready = true
	vi.parentArgs = map[string]bool{}
	vi.others = map[string]string{}
	for _, st := range stageChain(vi.s)[1:] {
		for _, inst := range st.Instructions {
			for _, n := range df8Declared(inst) {
				vi.parentArgs[n] = true
			}
		}
	}
	// ARGs of other stages (not ENVs, which often restate what a shared
	// base image sets) built on another base.
	envs := map[string]bool{}
	for _, st := range vi.f.Stages {
		if st == vi.s {
			continue
		}
		otherRoot := rootStage(st)
		sameBase := otherRoot == vi.root || (otherRoot.Base.IsImage() && vi.root.Base.IsImage() &&
			otherRoot.Base.FamiliarName() == vi.root.Base.FamiliarName())
		for _, inst := range st.Instructions {
			if inst.Keyword == "ENV" {
				for _, n := range df8Declared(inst) {
					envs[n] = true
				}
				continue
			}
			if sameBase {
				continue
			}
			for _, n := range df8Declared(inst) {
				if _, ok := vi.others[n]; !ok {
					vi.others[n] = df8StageLabel(st)
				}
			}
		}
	}
	for n := range envs {
		delete(vi.others, n)
	}
}

// df8Declared are the variables an ARG or ENV declares.
func df8Declared(inst *Instruction) []string {
	var out []string
	switch c := inst.Command.(type) {
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			out = append(out, kv.Key)
		}
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			out = append(out, kv.Key)
		}
	}
	return out
}

func df8StageLabel(s *Stage) string {
	if s.Name != "" {
		return fmt.Sprintf("stage %q", s.Name)
	}
	return fmt.Sprintf("stage %d", s.Index)
}

// undefExpandedWords are the words of inst that BuildKit expands with the
// stage's variables, and names defined by the instruction itself for
// some of them (ARG pairs see the earlier pairs).
func undefExpandedWords(inst *Instruction) (words []string, ownNames [][]string) {
	add := func(own []string, ws ...string) {
		for _, w := range ws {
			if strings.Contains(w, "$") {
				words = append(words, w)
				ownNames = append(ownNames, own)
			}
		}
	}
	switch c := inst.Command.(type) {
	case *instructions.EnvCommand:
		var own []string
		for _, kv := range c.Env {
			own = append(own, kv.Key) // DF810 reports uses of these
		}
		for _, kv := range c.Env {
			add(own, kv.Key, kv.Value)
		}
	case *instructions.ArgCommand:
		var own []string
		for _, kv := range c.Args {
			if kv.Value != nil {
				add(append([]string(nil), own...), *kv.Value)
			}
			own = append(own, kv.Key)
		}
	case *instructions.LabelCommand:
		for _, kv := range c.Labels {
			add(nil, kv.Key, kv.Value)
		}
	case *instructions.CopyCommand:
		add(nil, c.SourcePaths...)
		add(nil, c.DestPath, c.Chown, c.Chmod)
	case *instructions.AddCommand:
		add(nil, c.SourcePaths...)
		add(nil, c.DestPath, c.Chown, c.Chmod, c.Checksum)
	case *instructions.WorkdirCommand:
		add(nil, c.Path)
	case *instructions.UserCommand:
		add(nil, c.User)
	case *instructions.VolumeCommand:
		add(nil, c.Volumes...)
	case *instructions.StopSignalCommand:
		add(nil, c.Signal)
	case *instructions.ExposeCommand:
		add(nil, c.Ports...)
	case *instructions.RunCommand:
		add(nil, inst.FlagValues("mount")...)
	}
	return words, ownNames
}

func checkInstructionVars(p *Pass, s *Stage, inst *Instruction, vi *undefVarInfo, words []string, own [][]string) {
	var seen map[string]bool
	for wi, w := range words {
		for _, ref := range df8VarRefs(w, p.File.Escape) {
			x := ref.Name
			if ref.Guarded || seen[x] || x == "PATH" || predefinedProxyArg[x] || slices.Contains(own[wi], x) {
				continue
			}
			if seen == nil {
				seen = map[string]bool{}
			}
			seen[x] = true
			if _, ok := inst.Vars.Lookup(x); ok {
				continue
			}
			vi.load()
			if vi.parentArgs[x] {
				continue
			}
			msg, fix := undefinedVarFinding(s, inst, vi, x)
			if msg == "" {
				continue
			}
			p.ReportFix(inst.Locate(ref.Raw), fix, "%s", msg)
		}
	}
}

// undefinedVarFinding decides whether the undefined variable x of inst is
// worth reporting, and how.
func undefinedVarFinding(s *Stage, inst *Instruction, vi *undefVarInfo, x string) (msg, fix string) {
	scratch := vi.root.Base.Scratch
	// bare: scratch, or an image whose environment is known to be only
	// PATH (alpine, debian, ...): every other undeclared name is empty.
	bare := df8BareBase(s)
	image := vi.root.Base.IsImage()
	unless := ""
	if !bare {
		unless = " unless the base image sets it"
	}
	if autoPlatformArgs[x] {
		return fmt.Sprintf("$%s is empty here: the automatic platform ARG %s is only visible in a stage after `ARG %s`", x, x, x),
			"ARG " + x
	}
	if !bare && (!image || undefBaseEnvLikely(x, vi.root)) {
		return "", ""
	}
	if bare && (strings.HasSuffix(x, "_PROXY") || strings.HasSuffix(x, "_proxy") || strings.HasPrefix(x, "BUILDKIT_") ||
		x == "SOURCE_DATE_EPOCH") {
		return "", ""
	}
	if line, ok := vi.meta[x]; ok {
		if _, later := undefLaterDecl(s, inst, x); !later {
			return fmt.Sprintf("$%s is empty here%s: the global ARG %s (line %d) is only visible in a stage after `ARG %s`", x, unless, x, line, x),
				"ARG " + x
		}
	}
	if line, ok := undefLaterDecl(s, inst, x); ok {
		return fmt.Sprintf("$%s is used before it is declared on line %d, so it is empty here%s", x, line, unless),
			"declare " + x + " before this line"
	}
	if st, ok := vi.others[x]; ok {
		return fmt.Sprintf("$%s is not defined in this stage%s: it is declared in %s, and stages do not share ARG or ENV variables", x, unless, st),
			"ARG " + x
	}
	if y := undefTypo(inst, vi, x, bare); y != "" {
		return fmt.Sprintf("$%s is not defined by any ARG or ENV of the stage (did you mean $%s?)", x, y), "$" + y
	}
	switch {
	case scratch:
		return fmt.Sprintf("$%s is not defined: no ARG or ENV of the stage declares it and the stage is built on scratch, so it is empty", x),
			"ARG " + x
	case bare:
		return fmt.Sprintf("$%s is not defined: no ARG or ENV of the stage declares it and the base image %s sets only PATH, so it is empty", x, vi.root.Base.FamiliarName()),
			"ARG " + x
	}
	return "", ""
}

// undefLaterDecl is the line of the first ARG/ENV after inst in its
// stage that declares x.
func undefLaterDecl(s *Stage, inst *Instruction, x string) (int, bool) {
	for _, i := range s.Instructions {
		if i.Line <= inst.Line {
			continue
		}
		if slices.Contains(df8Declared(i), x) {
			return i.Line, true
		}
	}
	return 0, false
}

// undefTypo is a variable in scope whose name is a small edit away
// from x, or "".
func undefTypo(inst *Instruction, vi *undefVarInfo, x string, bare bool) string {
	if len(x) < 4 {
		return ""
	}
	// PATH comes with every image: $PAHT and $Path are typos of it. With
	// an unknown base only a swap or a case change counts, since the
	// image may set a PATCH or MATH of its own.
	if !vi.root.Base.Scratch && x != "PATH" && (strings.EqualFold(x, "PATH") || textdist.Transposed(x, "PATH") ||
		(bare && textdist.Levenshtein(x, "PATH") <= 1)) {
		return "PATH"
	}
	// With a base image, only one edit: a longer distance is as likely a
	// different variable the image sets (START_FILE vs STARTUP_FILE).
	maxDist := 1
	if bare && len(x) >= 7 {
		maxDist = 2
	}
	names := inst.Vars.Names()
	for n := range vi.parentArgs {
		names = append(names, n)
	}
	best, bestDist := "", 3
	for _, n := range names {
		if n == x || len(n) < 4 || commonBaseEnv[n] {
			continue
		}
		d := textdist.Levenshtein(x, n)
		if strings.EqualFold(x, n) || textdist.Transposed(x, n) {
			d = 1
		}
		if d <= maxDist && (d < bestDist || (d == bestDist && n < best)) {
			best, bestDist = n, d
		}
	}
	return best
}

// undefBaseEnvLikely reports whether the base image of root plausibly sets x
// in its environment.
func undefBaseEnvLikely(x string, root *Stage) bool {
	if commonBaseEnv[x] || strings.HasSuffix(x, "_PROXY") || strings.HasSuffix(x, "_proxy") || strings.HasPrefix(x, "BUILDKIT_") {
		return true
	}
	if !root.Base.IsImage() {
		return !root.Base.Scratch
	}
	path := root.Base.Path()
	name := path[strings.LastIndex(path, "/")+1:]
	var prefixes []string
	for _, tok := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		if len(tok) >= 2 {
			prefixes = append(prefixes, strings.ToUpper(tok))
		}
	}
	prefixes = append(prefixes, imageEnvPrefixes[name]...)
	upper := strings.ToUpper(x)
	for _, pre := range prefixes {
		if upper == pre || strings.HasPrefix(upper, pre+"_") || (len(pre) >= 4 && strings.HasPrefix(upper, pre)) {
			return true
		}
	}
	return false
}
