package rules

// Variables and --platform in FROM: undeclared ARGs, ARG defaults that give
// an invalid image name, the redundant --platform=$TARGETPLATFORM and
// constant platforms. Variables are found with BuildKit's own word lexer,
// so quoting, escapes, ${VAR:-default} and the `# escape=` directive behave
// exactly as in a build.

import (
	"sort"
	"strings"

	"github.com/distribution/reference"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/buildkit/util/suggest"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF110",
		Name:     "undefined-arg-in-from",
		Severity: SeverityWarning,
		Summary:  "FROM uses a variable that is not a declared global ARG",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"UndefinedArgInFrom"}},
		Doc: Doc{
			Why: "FROM (the image name and `--platform`) can only use the ARGs declared before the first " +
				"FROM, plus BuildKit's automatic platform ARGs. Any other variable expands to an empty " +
				"string (or to its `${VAR:-default}`), and `--build-arg` cannot set it: the image name " +
				"silently loses a part, which usually means a misspelt or misplaced ARG.",
			Bad:  "FROM node:22${VARIANT} AS build\nRUN npm --version",
			Good: "ARG VARIANT=-alpine3.20\nFROM node:22${VARIANT} AS build\nRUN npm --version",
			Fix: "Declare the ARG (with a default) before the first FROM, or fix its spelling. An ARG " +
				"declared after a FROM belongs to that stage and is not visible to any FROM.",
			Notes: "Known names are the ARGs declared before the first FROM and BuildKit's predefined " +
				"platform ARGs (`BUILDPLATFORM`, `BUILDOS`, `BUILDOSVERSION`, `BUILDARCH`, `BUILDVARIANT`, " +
				"`TARGETPLATFORM`, `TARGETOS`, `TARGETOSVERSION`, `TARGETARCH`, `TARGETVARIANT`, " +
				"`TARGETSTAGE`). Like BuildKit's UndefinedArgInFrom, a variable used only through " +
				"`${VAR:-default}` is reported too: it always takes the default. The message suggests the " +
				"closest declared name.",
		},
		Check: checkUndefinedArgInFrom,
	})
	MustRegister(&Rule{
		ID:       "DF111",
		Name:     "invalid-default-arg-in-from",
		Severity: SeverityWarning,
		Summary:  "With the ARG defaults, the FROM image name is empty or invalid",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"InvalidDefaultArgInFrom"}},
		Doc: Doc{
			Why: "A plain `docker build .` uses the defaults of the global ARGs. When they leave the image " +
				"name empty or malformed (`busybox:` from `busybox:${TAG}` with no default for TAG), the " +
				"build fails unless every caller remembers the right `--build-arg`.",
			Bad:  "ARG TAG\nFROM busybox:${TAG}\nRUN echo hi",
			Good: "ARG TAG=1.36\nFROM busybox:${TAG}\nRUN echo hi",
			Fix: "Give the ARG a default (`ARG TAG=1.36`), or a fallback at the point of use " +
				"(`busybox:${TAG:-1.36}`).",
			Notes: "Same semantics as BuildKit's InvalidDefaultArgInFrom: the global ARGs are evaluated " +
				"with their defaults (an ARG without default is unset), the FROM name is expanded and " +
				"must parse as an image reference. An ARG that may be empty is fine when the name stays " +
				"valid (`busybox:stable${VARIANT}`). Names that use BuildKit's platform ARGs are tried " +
				"with two platforms (linux/amd64 and linux/arm/v7) and only reported when invalid on " +
				"both. A variable that is not declared at all is left to DF110.",
		},
		Check: checkInvalidDefaultArgInFrom,
	})
	MustRegister(&Rule{
		ID:       "DF112",
		Name:     "redundant-target-platform",
		Severity: SeverityInfo,
		Summary:  "FROM --platform=$TARGETPLATFORM is the default and can be removed",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"RedundantTargetPlatform"}},
		Doc: Doc{
			Why: "A stage is built for the target platform unless told otherwise, so " +
				"`--platform=$TARGETPLATFORM` changes nothing. It is usually a confusion with " +
				"`$BUILDPLATFORM`, the flag that makes a build stage run natively when cross-compiling.",
			Bad:  "FROM --platform=$TARGETPLATFORM alpine:3.20 AS builder\nRUN apk add --no-cache git",
			Good: "FROM alpine:3.20 AS builder\nRUN apk add --no-cache git",
			Fix: "Remove the flag; if the stage is meant to run on the build machine and cross-compile, " +
				"use `--platform=$BUILDPLATFORM` instead.",
			Notes: "Same check as BuildKit's RedundantTargetPlatform: reported when the flag is exactly " +
				"`$TARGETPLATFORM` (or `${TARGETPLATFORM}`), not when it combines other variables. Quiet " +
				"when a global ARG gives TARGETPLATFORM a default of its own.",
		},
		Check: checkRedundantTargetPlatform,
	})
	MustRegister(&Rule{
		ID:       "DF113",
		Name:     "from-platform-constant",
		Severity: SeverityInfo,
		Summary:  "FROM --platform uses a constant platform",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3029"}, BuildKit: []string{"FromPlatformFlagConstDisallowed"}},
		Doc: Doc{
			Why: "`FROM --platform=linux/amd64` pins the stage to one platform whatever the build asks " +
				"for: the Dockerfile cannot produce a multi-platform image, and on an arm64 machine the " +
				"stage runs under emulation.",
			Bad:  "FROM --platform=linux/amd64 alpine:3.20 AS base\nRUN apk add --no-cache git",
			Good: "FROM --platform=$BUILDPLATFORM alpine:3.20 AS base\nRUN apk add --no-cache git",
			Fix: "Drop the flag and choose the platform on the command line (`docker build --platform`); " +
				"for a stage that only produces platform-independent files or cross-compiles, use " +
				"`--platform=$BUILDPLATFORM`. A stage that really is platform-specific should say so in " +
				"its name (`AS build-amd64`), which keeps this rule quiet.",
			Notes: "Same semantics as BuildKit's FromPlatformFlagConstDisallowed: a value with any " +
				"variable is not constant, and a stage whose name contains the platform's OS or " +
				"architecture (`build_amd64`, `linux-base`) is exempt. hadolint's DL3029 reports every " +
				"`--platform`, including the legitimate `$BUILDPLATFORM`; dflint only reports constants, " +
				"and honours DL3029 pragmas for them.",
		},
		Check: checkFromPlatformConstant,
	})
}

// fromBuiltinArgs are the ARGs BuildKit predefines for FROM (and every
// stage), in the order of its defaultArgs.
var fromBuiltinArgs = []string{
	"BUILDPLATFORM", "BUILDOS", "BUILDOSVERSION", "BUILDARCH", "BUILDVARIANT",
	"TARGETPLATFORM", "TARGETOS", "TARGETOSVERSION", "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE",
}

// fromPlatformValues are the values of the platform ARGs for two plausible
// platforms, so a check can tell a problem that depends on the platform from
// one that does not.
var fromPlatformValues = [2]map[string]string{
	{
		"BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDOSVERSION": "", "BUILDARCH": "amd64", "BUILDVARIANT": "",
		"TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETOSVERSION": "", "TARGETARCH": "amd64", "TARGETVARIANT": "",
	},
	{
		"BUILDPLATFORM": "linux/arm/v7", "BUILDOS": "linux", "BUILDOSVERSION": "", "BUILDARCH": "arm", "BUILDVARIANT": "v7",
		"TARGETPLATFORM": "linux/arm/v7", "TARGETOS": "linux", "TARGETOSVERSION": "", "TARGETARCH": "arm", "TARGETVARIANT": "v7",
	},
}

// fromEnv is a shell.EnvGetter over a map: names in the map are set (to
// their value), others are unset.
type fromEnv map[string]string

func (e fromEnv) Get(name string) (string, bool) {
	v, ok := e[name]
	return v, ok
}

func (e fromEnv) Keys() []string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// metaArgs lists the global ARGs (declared before the first FROM) in order.
func metaArgs(f *File) []instructions.KeyValuePairOptional {
	var out []instructions.KeyValuePairOptional
	for _, inst := range f.MetaArgs {
		if c, ok := inst.Command.(*instructions.ArgCommand); ok {
			out = append(out, c.Args...)
		}
	}
	return out
}

// fromKnownNames is every name a FROM may use: the global ARGs and the
// predefined platform ARGs, each mapped to a placeholder value.
func fromKnownNames(f *File) fromEnv {
	env := fromEnv{}
	for _, n := range fromBuiltinArgs {
		env[n] = "x"
	}
	for _, kv := range metaArgs(f) {
		env[kv.Key] = "x"
	}
	return env
}

// fromDefaultEnv evaluates the global ARGs with their defaults, as BuildKit
// does for a build without --build-arg: the platform ARGs of platform
// (0 or 1 of fromPlatformValues) first, then each ARG in order; an ARG
// without default stays unset unless set before. ok is false when a default
// does not expand (BuildKit then skips the check as well).
func fromDefaultEnv(f *File, lex *shell.Lex, platform int) (env fromEnv, ok bool) {
	env = fromEnv{}
	for k, v := range fromPlatformValues[platform] {
		env[k] = v
	}
	target := f.Target
	if target == "" {
		target = f.Stages[len(f.Stages)-1].Name
	}
	if target == "" {
		target = "default"
	}
	env["TARGETSTAGE"] = target
	for _, kv := range metaArgs(f) {
		if kv.Value == nil {
			continue
		}
		res, err := lex.ProcessWordWithMatches(*kv.Value, env)
		if err != nil {
			return nil, false
		}
		env[kv.Key] = res.Result
	}
	return env, true
}

// argList names ARGs for a message: "ARG X has", "ARGs X, Y have".
func argList(names []string) string {
	if len(names) == 1 {
		return "ARG " + names[0] + " has"
	}
	return "ARGs " + strings.Join(names, ", ") + " have"
}

// hasDollar is a fast pre-check: a word without '$' has no variable.
func hasDollar(word string) bool { return strings.IndexByte(word, '$') >= 0 }

// sortedNames returns the keys of a set, sorted.
func sortedNames(set map[string]struct{}) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// locateVar points at the use of variable name in an instruction.
func locateVar(inst *Instruction, name string) Span {
	for _, form := range []string{"${" + name, "$" + name} {
		if sp := inst.Locate(form); sp.Column > 0 {
			return sp
		}
	}
	return At(inst)
}

func checkUndefinedArgInFrom(p *Pass) {
	f := p.File
	var known fromEnv
	var keys []string
	var lex *shell.Lex
	for _, s := range f.Stages {
		for _, word := range [2]string{s.Base.Raw, s.Platform} {
			if !hasDollar(word) {
				continue
			}
			if lex == nil {
				lex = shell.NewLex(f.Escape)
				known = fromKnownNames(f)
			}
			res, _ := lex.ProcessWordWithMatches(word, known)
			if len(res.Unmatched) == 0 {
				continue
			}
			if keys == nil {
				keys = known.Keys()
			}
			for _, name := range sortedNames(res.Unmatched) {
				reportUndefinedFromArg(p, s, name, keys)
			}
		}
	}
}

func reportUndefinedFromArg(p *Pass, s *Stage, name string, keys []string) {
	span := locateVar(s.From, name)
	if match, ok := suggest.Search(name, keys, true); ok {
		p.ReportFix(span, "${"+match+"}", "FROM argument '%s' is not declared (did you mean %s?)", name, match)
		return
	}
	// An ARG of that name inside a stage is the classic mistake: it is
	// scoped to its stage and invisible to FROM.
	for _, st := range p.File.Stages {
		for _, inst := range st.Instructions {
			c, ok := inst.Command.(*instructions.ArgCommand)
			if !ok {
				continue
			}
			for _, kv := range c.Args {
				if kv.Key == name {
					p.ReportFix(span, "move 'ARG "+name+"' before the first FROM",
						"FROM argument '%s' is not declared before the first FROM (the ARG on line %d belongs to its stage and is not visible to FROM)",
						name, inst.Line)
					return
				}
			}
		}
	}
	p.ReportFix(span, "ARG "+name+"=<default> before the first FROM",
		"FROM argument '%s' is not declared: it expands to an empty string (or its ${%s:-default}) and --build-arg cannot set it",
		name, name)
}

func checkInvalidDefaultArgInFrom(p *Pass) {
	f := p.File
	var lex *shell.Lex
	var known fromEnv
	var envs [2]fromEnv
	for _, s := range f.Stages {
		raw := s.Base.Raw
		if !hasDollar(raw) {
			continue
		}
		if lex == nil {
			lex = shell.NewLex(f.Escape)
			known = fromKnownNames(f)
			env, ok := fromDefaultEnv(f, lex, 0)
			if !ok {
				return
			}
			envs[0] = env
		}
		res, err := lex.ProcessWordWithMatches(raw, envs[0])
		if err != nil || imageRefValid(f, s, res.Result) {
			continue
		}
		undeclared, noDefault := false, []string(nil)
		for _, name := range sortedNames(res.Unmatched) {
			if _, ok := known[name]; !ok {
				undeclared = true // DF110's finding
			} else {
				noDefault = append(noDefault, name)
			}
		}
		if undeclared {
			continue
		}
		if len(res.Matched) > 0 {
			// The name may depend on the platform ARGs (directly or through
			// a global ARG's default): only report what is invalid on a
			// second platform too.
			if envs[1] == nil {
				env, ok := fromDefaultEnv(f, lex, 1)
				if !ok {
					return
				}
				envs[1] = env
			}
			res2, err := lex.ProcessWordWithMatches(raw, envs[1])
			if err != nil || imageRefValid(f, s, res2.Result) {
				continue
			}
		}
		what := "'" + res.Result + "', which is not a valid image reference"
		if res.Result == "" {
			what = "an empty name"
		}
		var empty []string
		for _, name := range sortedNames(res.Matched) {
			if _, builtin := fromPlatformValues[0][name]; !builtin && envs[0][name] == "" {
				empty = append(empty, name)
			}
		}
		var why []string
		fix := "give the ARG a default, or write ${VAR:-default} in FROM"
		if len(noDefault) > 0 {
			why = append(why, argList(noDefault)+" no default")
			fix = "ARG " + noDefault[0] + "=<default>"
		}
		if len(empty) > 0 {
			why = append(why, argList(empty)+" an empty default")
			if len(noDefault) == 0 {
				fix = "ARG " + empty[0] + "=<non-empty default>"
			}
		}
		because := ""
		if len(why) > 0 {
			because = " (" + strings.Join(why, "; ") + ")"
		}
		p.ReportFix(s.From.LocateArg(0), fix,
			"with the default ARG values, base image '%s' expands to %s%s", raw, what, because)
	}
}

// imageRefValid reports whether a FROM name is a usable base: an image
// reference, scratch, or an earlier stage.
func imageRefValid(f *File, s *Stage, name string) bool {
	if name == "" {
		return false
	}
	// The model has already looked up and parsed the base name it
	// resolved; when that is name, reuse its answer (a scratch base is not
	// parsed there, so it is parsed here).
	if b := s.Base; b.Known && b.Resolved == name && !b.Scratch {
		return b.Stage != nil || b.Named != nil
	}
	if f.StageByName(name, s.Index) != nil {
		return true
	}
	_, err := reference.ParseNormalizedNamed(name)
	return err == nil
}

func checkRedundantTargetPlatform(p *Pass) {
	f := p.File
	const sentinel = "\x00targetplatform\x00"
	var lex *shell.Lex
	var env fromEnv
	for _, s := range f.Stages {
		if !hasDollar(s.Platform) {
			continue
		}
		if lex == nil {
			lex = shell.NewLex(f.Escape)
			env = fromKnownNames(f)
			for _, kv := range metaArgs(f) {
				if kv.Key == "TARGETPLATFORM" && kv.Value != nil {
					return // a global default replaces the real target platform
				}
			}
			env["TARGETPLATFORM"] = sentinel
		}
		res, err := lex.ProcessWordWithMatches(s.Platform, env)
		if err != nil || len(res.Matched) != 1 || len(res.Unmatched) != 0 || res.Result != sentinel {
			continue
		}
		if _, ok := res.Matched["TARGETPLATFORM"]; !ok {
			continue
		}
		p.ReportFix(s.From.Locate("--platform"), "remove --platform="+s.Platform,
			"--platform=%s is redundant: stages are built for the target platform by default", s.Platform)
	}
}

func checkFromPlatformConstant(p *Pass) {
	f := p.File
	var lex *shell.Lex
	for _, s := range f.Stages {
		if s.Platform == "" {
			continue
		}
		value := s.Platform
		if hasDollar(value) || strings.ContainsAny(value, `"'`) || strings.ContainsRune(value, f.Escape) {
			if lex == nil {
				lex = shell.NewLex(f.Escape)
			}
			res, err := lex.ProcessWordWithMatches(value, fromEnv{})
			if err != nil || len(res.Matched) > 0 || len(res.Unmatched) > 0 {
				continue // not a constant
			}
			value = res.Result
		}
		os, arch, rawArch, ok := parsePlatform(value)
		if !ok {
			continue
		}
		name := s.Name
		if name != "" && (os != "" && strings.Contains(name, os) || arch != "" && strings.Contains(name, arch) ||
			rawArch != "" && strings.Contains(name, rawArch)) {
			continue
		}
		p.ReportFix(s.From.Locate("--platform"), "--platform=$BUILDPLATFORM, or no --platform",
			"FROM --platform uses the constant '%s': the stage is built for that platform whatever the build targets", value)
	}
}

// parsePlatform reads an os[/arch[/variant]] platform, or a lone OS or
// architecture, as containerd does (lower-cased, common aliases
// normalised). os is "" for a lone architecture, arch "" for a lone OS.
func parsePlatform(v string) (os, arch, rawArch string, ok bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" {
		return "", "", "", false
	}
	parts := strings.Split(v, "/")
	if len(parts) > 3 {
		return "", "", "", false
	}
	for _, part := range parts {
		if !platformSpecifier(part) {
			return "", "", "", false
		}
	}
	if len(parts) == 1 {
		if a, known := normalizeArch(parts[0]); known {
			return "", a, parts[0], true
		}
		if knownOS(parts[0]) {
			return normalizeOS(parts[0]), "", "", true
		}
		return "", "", "", false
	}
	arch, _ = normalizeArch(parts[1])
	return normalizeOS(parts[0]), arch, parts[1], true
}

// platformSpecifier matches containerd's ^[A-Za-z0-9_.-]+$ for a platform
// component (lower-cased here), allowing a Windows "(version)" suffix on the
// OS.
func platformSpecifier(s string) bool {
	if i := strings.IndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func normalizeOS(os string) string {
	if i := strings.IndexByte(os, '('); i > 0 {
		os = os[:i]
	}
	if os == "macos" {
		return "darwin"
	}
	return os
}

func knownOS(os string) bool {
	switch normalizeOS(os) {
	case "linux", "windows", "darwin", "freebsd", "netbsd", "openbsd", "solaris", "illumos", "aix", "android", "ios", "plan9", "dragonfly", "js", "wasip1":
		return true
	}
	return false
}

// normalizeArch maps architecture aliases to GOARCH names; known is false
// for a name that is not an architecture.
func normalizeArch(arch string) (string, bool) {
	switch arch {
	case "i386", "i486", "i586", "i686", "386":
		return "386", true
	case "x86_64", "x86-64", "amd64":
		return "amd64", true
	case "aarch64", "arm64":
		return "arm64", true
	case "armhf", "armel", "arm":
		return "arm", true
	case "ppc64le", "s390x", "riscv64", "mips64le", "mips64", "mipsle", "mips", "loong64", "ppc64", "wasm":
		return arch, true
	}
	return arch, false
}
