package rules

// Secrets passed through ARG or ENV (DF815).

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	bkshell "github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/dflint/dflint/internal/dockerfile"
)

func init() {
	MustRegister(&Rule{
		ID:       "DF815",
		Name:     "secrets-in-arg-env",
		Severity: SeverityWarning,
		Summary:  "ARG or ENV carries a secret (by its name or its value)",
		Since:    "1.0",
		Aliases:  Aliases{BuildKit: []string{"SecretsUsedInArgOrEnv"}, Trivy: []string{"DS031"}},
		Doc: Doc{
			Why: "ENV values are stored in the image configuration, and ARG values in the image history " +
				"of every RUN that follows and in the build's provenance: anyone who can pull the image " +
				"(or read the build cache) can read them. Build secrets belong in secret mounts, which " +
				"leave nothing behind.",
			Bad:  "FROM node:22-alpine\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > ~/.npmrc && npm ci",
			Good: "FROM node:22-alpine\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > ~/.npmrc && npm ci && rm ~/.npmrc",
			Fix: "Pass the secret with `docker build --secret id=npm_token,env=NPM_TOKEN` and read it in the " +
				"RUN that needs it: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN ...`. Runtime " +
				"secrets belong in the container's environment or a mounted file, not in ENV.",
			Notes: "Names are matched as BuildKit does: a `_`-separated word of the name (case-insensitive) " +
				"is apikey, auth, credential(s), key, password, pword, passwd, secret or token, and no word " +
				"is public, file or version. dflint also allows gpg, pgp, fingerprint and keyring, and " +
				"names where a word describing the secret follows it (TOKEN_URL, AUTH_TYPE, KEY_PATH, " +
				"PASSWORD_LENGTH, ... but not USER_PASSWORD) and data keys (SORT_KEY, PARTITION_KEY, " +
				"CACHE_KEY, ROUTING_KEY), and is quiet when the value is visibly not a secret: " +
				"an empty ENV, a boolean, a small number, a path (absolute, `./x`, or ending in a file name) " +
				"or a URL without credentials. Independently of the name, values that look like AWS access " +
				"keys, GitHub/GitLab/npm/Slack/Stripe/Google API tokens or PEM private keys are reported. " +
				"Variables that name a credentials file (GOOGLE_APPLICATION_CREDENTIALS, AWS_CONFIG_FILE, " +
				"AWS_SHARED_CREDENTIALS_FILE, HF_TOKEN_PATH, KUBECONFIG) hold a path, not the secret: " +
				"they are reported, as in Trivy, when a COPY or ADD from the build context of the stage " +
				"puts that file into the image (checked against the build context when it is known). ARGs " +
				"before the first FROM and ONBUILD triggers are not checked. Trivy's DS031 matches a few " +
				"exact names; all are covered except AZURE_CLIENT_ID, which is an identifier, not a secret " +
				"(AZURE_CLIENT_SECRET is reported).",
		},
		Check: checkSecretsInArgEnv,
	})
}

var (
	// secretWords is BuildKit's list (its regexp matches a whole
	// "_"-separated word, case-insensitively). secretAllowWords clear the
	// name wherever they are (BuildKit's public, file, version, and a few
	// more); secretQualifiers clear it when they follow the last secret
	// word, which they then describe (TOKEN_URL, AUTH_TYPE, but not
	// USER_PASSWORD).
	secretWords      = df8WordSet("apikey auth credential credentials key password pword passwd secret token")
	secretAllowWords = df8WordSet("public file version gpg pgp fingerprint keyring keyserver")
	secretQualifiers = df8WordSet("url uri endpoint host hostname server port path dir directory socket sock " +
		"type method mode name enabled enable disabled disable required header algorithm alg length len size " +
		"ttl expiry expires expiration timeout prefix field realm provider issuer audience scope scopes " +
		"format location user username email max min limit count")
	// secretPlainKeys are words before KEY that make it a data or
	// routing key, not a credential.
	secretPlainKeys = df8WordSet("sort partition primary foreign cache idempotency routing index lookup shard " +
		"row column dedup dedupe group queue topic stream map field composite natural surrogate unique shortcut")
	// secretValues are the credential formats, compiled on first use (most
	// files have no value long enough to be checked).
	secretValues = sync.OnceValue(func() []secretValuePattern {
		return []secretValuePattern{
			{"an AWS access key id", []string{"AKIA", "ASIA", "ABIA", "ACCA", "A3T"}, regexp.MustCompile(`\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b`)},
			{"a GitHub token", []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"}, regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b`)},
			{"a GitLab token", []string{"glpat-"}, regexp.MustCompile(`\bglpat-[0-9A-Za-z_\-]{20,}`)},
			{"an npm token", []string{"npm_"}, regexp.MustCompile(`\bnpm_[A-Za-z0-9]{36}\b`)},
			{"a Slack token", []string{"xox"}, regexp.MustCompile(`\bxox[abposr]-[0-9A-Za-z-]{10,}`)},
			{"a Stripe live key", []string{"k_live_"}, regexp.MustCompile(`\b[sr]k_live_[0-9A-Za-z]{20,}`)},
			{"a Google API key", []string{"AIza"}, regexp.MustCompile(`\bAIza[0-9A-Za-z_\-]{35}\b`)},
			{"a private key", []string{"PRIVATE KEY-----"}, regexp.MustCompile(`-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----`)},
		}
	})
	secretSmallNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{1,6}$`) })
	secretPathWords   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[\w.-]+(?:/[\w.-]+)*$`) })
	secretFileName    = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[\w.-]+\.(?:sh|bash|py|pl|rb|js|json|ya?ml|toml|txt|conf|cfg|ini|xml|properties|pem|key|crt|cer|jks|p12|pfx|env|rsp)$`)
	})
	secretIdentifier = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z][A-Za-z.-]{0,39}$`) })
)

// secretValuePattern is a credential format: every match of re contains
// one of hints, which are checked before the regexp.
type secretValuePattern struct {
	kind  string
	hints []string
	re    *regexp.Regexp
}

func checkSecretsInArgEnv(p *Pass) {
	for _, s := range p.File.Stages {
		for _, inst := range s.Instructions {
			switch c := inst.Command.(type) {
			case *instructions.ArgCommand:
				for _, kv := range c.Args {
					raw, hasValue := "", kv.Value != nil
					if hasValue {
						raw = *kv.Value
					}
					checkSecretPair(p, inst, kv.Key, raw, hasValue)
				}
			case *instructions.EnvCommand:
				for _, kv := range c.Env {
					checkSecretPair(p, inst, kv.Key, kv.Value, true)
				}
			}
		}
	}
}

func checkSecretPair(p *Pass, inst *Instruction, key, raw string, hasValue bool) {
	if kind := secretValueKind(raw); kind != "" {
		p.ReportFix(secretSpan(inst, key), secretFix(key), "%s %s holds what looks like %s, which anyone with the image or its history can read",
			inst.Keyword, key, kind)
		return
	}
	if secretFileEnvs[key] {
		// The value is the path of a credentials file, never the secret:
		// what leaks is the file, when the image contains it.
		if !hasValue {
			return
		}
		if path, copyInst := secretFileCopied(p, inst, raw); copyInst != nil {
			p.ReportFix(secretSpan(inst, key), "keep the credentials file out of the image: mount it at run time (docker run -v, a Kubernetes secret) and exclude it in .dockerignore",
				"%s %s points at %s, which the %s on line %d puts into the image: anyone with the image can read those credentials",
				inst.Keyword, key, path, copyInst.Keyword, copyInst.Line)
		}
		return
	}
	if !secretName(key) {
		return
	}
	if hasValue && notASecretValue(inst, key, raw) {
		return
	}
	if inst.Keyword == "ARG" {
		p.ReportFix(secretSpan(inst, key), secretFix(key), "ARG %s looks like a secret: build argument values are recorded in the image history and build metadata; use a secret mount", key)
		return
	}
	p.ReportFix(secretSpan(inst, key), secretFix(key), "ENV %s looks like a secret: ENV values are stored in the image configuration, readable by anyone with the image; use a secret mount (build time) or the container's runtime environment", key)
}

// secretName reports whether an ARG/ENV name looks like a secret's: a
// "_"-separated word of it is a secret word, no word is an allowed word,
// and no qualifier follows the last secret word.
func secretName(key string) bool {
	secret, qualified := false, false
	prev := ""
	for rest := key; ; {
		word, tail, more := strings.Cut(rest, "_")
		w := strings.ToLower(word)
		switch {
		case secretAllowWords[w]:
			return false
		case w == "key" && secretPlainKeys[prev]:
			// SORT_KEY, PARTITION_KEY, ROUTING_KEY: a key that is
			// not a credential.
		case secretWords[w]:
			secret, qualified = true, false
		case secret && secretQualifiers[w]:
			qualified = true
		}
		if !more {
			return secret && !qualified
		}
		prev, rest = w, tail
	}
}

func df8WordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// secretValueKind names the kind of credential raw contains, or "".
func secretValueKind(raw string) string {
	if len(raw) < 20 {
		return "" // shorter than any pattern below
	}
	for _, sv := range secretValues() {
		hinted := false
		for _, h := range sv.hints {
			if strings.Contains(raw, h) {
				hinted = true
				break
			}
		}
		if !hinted {
			continue
		}
		if m := sv.re.FindString(raw); m != "" && !strings.Contains(strings.ToUpper(m), "EXAMPLE") {
			return sv.kind
		}
	}
	return ""
}

func secretSpan(inst *Instruction, key string) Span {
	span := inst.Locate(key + "=")
	if span.Column == 0 {
		span = inst.Locate(key)
	}
	return span
}

func secretFix(key string) string {
	id := strings.ToLower(key)
	return fmt.Sprintf("RUN --mount=type=secret,id=%s,env=%s ... (build with --secret id=%s,env=%s)", id, key, id, key)
}

// notASecretValue reports whether a declared value is visibly not a
// secret: an empty ENV, a boolean, a small number, a path, a file name, a
// URL without credentials, or (for names whose only secret word is "key",
// such as .NET's Section__Key settings) a plain identifier.
func notASecretValue(inst *Instruction, key, raw string) bool {
	v, known := secretValue(inst, raw)
	if !known {
		return false
	}
	v = strings.TrimSpace(v)
	if v == "" {
		return inst.Keyword == "ENV"
	}
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "on", "off", "none", "null":
		return true
	}
	if secretSmallNumber().MatchString(v) || secretFileName().MatchString(v) {
		return true
	}
	if !strings.ContainsAny(v, " \t") && (strings.HasPrefix(v, "/") || (len(v) > 2 && v[1] == ':' && (v[2] == '\\' || v[2] == '/'))) {
		return true
	}
	if secretRelPath(v) {
		return true
	}
	if u, err := url.Parse(v); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil && u.RawQuery == "" {
		return true
	}
	// `Section__Key=ProcessId` (.NET configuration) or a dotted/dashed
	// name: a setting that names something, not a password such as
	// API_KEY=changeme.
	if secretIdentifier().MatchString(v) && (strings.Contains(key, "__") || strings.ContainsAny(v, ".-")) {
		only := true
		for _, tok := range strings.Split(strings.ToLower(key), "_") {
			if tok != "key" && secretWords[tok] {
				only = false
			}
		}
		return only
	}
	return false
}

// secretValue is the value a declared ARG/ENV gets in the build as far as
// this Dockerfile decides it: variables no ARG or ENV declares count as
// unset (a value from the base image was already in the image), ARGs
// without a default make it unknown.
func secretValue(inst *Instruction, raw string) (string, bool) {
	if !strings.ContainsAny(raw, "$\"'`") {
		return raw, true
	}
	lex := bkshell.NewLex(inst.File().Escape)
	res, err := lex.ProcessWordWithMatches(raw, secretEnv{inst.Vars})
	if err != nil || strings.Contains(res.Result, secretUnknown) {
		return "", false
	}
	return res.Result, true
}

const secretUnknown = "\x00unknown\x00"

// secretEnv resolves variables for secretValue.
type secretEnv struct{ vars *dockerfile.Scope }

func (e secretEnv) Get(name string) (string, bool) {
	v, ok := e.vars.Lookup(name)
	if !ok {
		return "", false
	}
	if !v.Known {
		return secretUnknown, true
	}
	return v.Value, true
}

func (e secretEnv) Keys() []string { return e.vars.Names() }

// secretFileEnvs name a credentials file rather than hold a secret
// (Trivy's DS031 list and a few more): the secret is the file, and it
// leaks when the Dockerfile copies it into the image.
var secretFileEnvs = map[string]bool{
	"GOOGLE_APPLICATION_CREDENTIALS": true, "AWS_CONFIG_FILE": true, "AWS_SHARED_CREDENTIALS_FILE": true,
	"HF_TOKEN_PATH": true, "KUBECONFIG": true,
}

// secretRelPath reports whether v is a relative path: ./x, ../x, ~/x, or
// slash-separated words ending in a file name with a known extension
// (a bare "a/b" may as well be a base64 secret).
func secretRelPath(v string) bool {
	for _, pre := range []string{"./", "../", "~/"} {
		if strings.HasPrefix(v, pre) {
			return !strings.ContainsAny(v, " \t")
		}
	}
	if !strings.Contains(v, "/") || !secretPathWords().MatchString(v) {
		return false
	}
	return secretFileName().MatchString(v[strings.LastIndexByte(v, '/')+1:])
}

// secretPath is a path in the image: anchored when it is known to be
// absolute, otherwise relative to the base image's unknown working
// directory (and comparable only with other unanchored paths).
type secretPath struct {
	p        string
	anchored bool
}

// secretJoin resolves p against the directory d.
func secretJoin(d secretPath, p string) secretPath {
	if strings.HasPrefix(p, "/") {
		return secretPath{path.Clean(p), true}
	}
	return secretPath{path.Join(d.p, p), d.anchored}
}

// secretFileCopied reports whether the credentials file that the value
// raw of a *_CREDENTIALS/*_FILE variable names is put into the image by a
// COPY or ADD from the build context in the stage (or the stages it is
// built on). It returns the resolved path and the COPY/ADD, or nil.
func secretFileCopied(p *Pass, inst *Instruction, raw string) (string, *Instruction) {
	s := inst.Stage
	if s == nil || s.Windows {
		return "", nil
	}
	v, known := secretValue(inst, raw)
	v = strings.TrimSpace(v)
	if !known || v == "" || strings.ContainsAny(v, " \t$") || strings.Contains(v, "://") {
		return "", nil
	}
	chain := stageChain(s)
	// The program resolves a relative path against its working directory:
	// the stage's last WORKDIR.
	wd, wdKnown := secretPath{"/", df8BareBase(s)}, true
	type copyAt struct {
		inst *Instruction
		wd   secretPath
		ok   bool
	}
	var copies []copyAt
	for i := len(chain) - 1; i >= 0; i-- {
		for _, in := range chain[i].Instructions {
			switch in.Keyword {
			case "WORKDIR":
				if len(in.Args) != 1 {
					wdKnown = false
					continue
				}
				d, ok := in.Expand(in.Args[0])
				if !ok || d == "" {
					wdKnown = false
					continue
				}
				if strings.HasPrefix(d, "/") {
					wdKnown = true
				}
				wd = secretJoin(wd, d)
			case "COPY", "ADD":
				copies = append(copies, copyAt{in, wd, wdKnown})
			}
		}
	}
	if !wdKnown && !strings.HasPrefix(v, "/") {
		return "", nil
	}
	target := secretJoin(wd, v)
	for _, c := range copies {
		if !c.ok {
			continue
		}
		var srcs []string
		var dest string
		switch {
		case c.inst.Copy() != nil:
			cc := c.inst.Copy()
			if cc.From != "" {
				continue
			}
			srcs, dest = cc.SourcePaths, cc.DestPath
		case c.inst.Add() != nil:
			srcs, dest = c.inst.Add().SourcePaths, c.inst.Add().DestPath
		}
		d, ok := c.inst.Expand(dest)
		if !ok || d == "" || len(srcs) == 0 {
			continue
		}
		dir := secretJoin(c.wd, d)
		if dir.anchored != target.anchored {
			continue
		}
		rel, inside := "", false
		switch {
		case target.p == dir.p:
			inside = true
		case dir.p == "/":
			// The whole context into the root: without the context
			// itself, only a path the author wrote relative to it
			// (./sa.json) clearly names a copied file.
			rel = strings.TrimPrefix(target.p, "/")
			inside = p.File.Context != nil || !strings.HasPrefix(v, "/")
		case strings.HasPrefix(target.p, dir.p+"/"):
			rel, inside = target.p[len(dir.p)+1:], true
		}
		if !inside || !secretSourceSent(p, c.inst, srcs, rel, strings.HasSuffix(d, "/") || len(srcs) > 1) {
			continue
		}
		return target.p, c.inst
	}
	return "", nil
}

// secretSourceSent reports whether one of the sources of a COPY puts a file
// at rel below its destination (rel "" is the destination itself). Without
// a build context this is assumed.
func secretSourceSent(p *Pass, inst *Instruction, srcs []string, rel string, destIsDir bool) bool {
	ctx := p.File.Context
	if ctx == nil {
		return true
	}
	for _, src := range srcs {
		if strings.Contains(src, "://") || strings.HasPrefix(src, "git@") {
			continue
		}
		v, known := inst.Expand(src)
		if !known {
			return true
		}
		res := ctx.Resolve(v)
		if res.Wildcard {
			for _, m := range res.Matches {
				if (rel == path.Base(m) || strings.HasPrefix(rel, path.Base(m)+"/") || ctx.Exists(path.Join(m, rel))) && ctx.Sent(m) {
					return true
				}
			}
			continue
		}
		if !res.Exists {
			continue
		}
		var cands []string
		switch {
		case rel == "" && !destIsDir:
			cands = []string{res.Pattern}
		case rel != "":
			// A directory source copies its contents; a file source
			// lands under its own name in a directory destination.
			cands = append(cands, path.Join(res.Pattern, rel))
			if destIsDir && rel == path.Base(res.Pattern) {
				cands = append(cands, res.Pattern)
			}
		}
		for _, c := range cands {
			if ctx.Exists(c) && ctx.Sent(c) {
				return true
			}
		}
	}
	return false
}
