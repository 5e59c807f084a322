// Package config reads dflint's configuration: .dflint.yaml files,
// hadolint configs, and the DFLINT_* environment variables.
//
// # The file
//
// .dflint.yaml (or .dflint.yml) is a YAML mapping; every key is optional
// and an empty file means the defaults:
//
//	ruleset: "1.0"        # rules newer than this dflint version stay off unless named below
//	fail-on: warning      # error | warning | info | style | none
//	ignore: [DF101, base-image-latest]        # rule ids or names
//	severity: {DF102: error, DF301: off}      # error | warning | info | style | off
//	rules:                                     # per-rule options, plus the reserved key "enabled"
//	  DF103: {enabled: true}
//	exclude: ["vendor/**", legacy/Dockerfile]  # globs relative to the file's directory
//	overrides:                                 # settings for some files, later ones winning
//	  - files: ["services/legacy/**"]
//	    ignore: [DF201]
//	    severity: {DF101: info}
//	    rules: {...}
//	disable-ignore-pragma: false
//
// Parse validates everything: unknown keys, unknown rule ids or names,
// values of the wrong type, bad severities and levels, bad globs, a bad
// ruleset version and unknown rule options are each reported as an *Error
// at the line and column of the offending node; when there are several,
// all of them come back as ValidationErrors. A key with a null value
// ("fail-on:" with nothing after it) is treated as unset.
//
// # Resolution
//
// Config.For resolves the settings for one Dockerfile into an Effective,
// scope by scope: the top-level settings, each override whose globs match
// the Dockerfile's path (relative to the config file's directory), then
// the layers added with Config.Apply (environment, then flags). A later
// scope beats an earlier one. Within a scope, turning a rule off (ignore,
// severity "off", "enabled: false") beats turning it on (a severity level,
// or naming it under rules). Rule options from several scopes are decoded
// on top of one another, so an override changes only the fields it names.
// A rule is on by default unless it is DefaultOff or, with a ruleset, its
// Since is newer than the ruleset.
//
// # Globs
//
// Globs are slash-separated; each segment is a path.Match pattern, and
// "**" as a whole segment matches any number of segments. A glob matching a
// directory matches everything below it.
//
// # Wiring in the CLI
//
//	env, err := config.FromEnv(os.Getenv)         // DFLINT_FAIL_ON, DFLINT_IGNORE, DFLINT_CONFIG, DFLINT_FORMAT
//	path := cmp.Or(flagConfig, env.Config)
//	var cfg *config.Config
//	if path != "" {
//		cfg, err = config.Load(path)
//	} else {
//		cfg, err = config.Find(cwd)                // nil, nil when there is none
//	}
//	cfg, err = cfg.Apply(env.Layer(), config.Layer{ // nil cfg means defaults
//		Source: "flags", FailOn: flagFailOn, Ignore: flagIgnore,
//		Rules:  map[string]map[string]any{"require-digest": nil}, // e.g. --require-digest
//	})
//	for _, n := range cfg.Notices { log.Print(n) }
//	for _, df := range dockerfiles {
//		if cfg.Excluded(df) { continue }
//		eff := cfg.For(df)
//		for _, r := range rules.All() {
//			if eff.Enabled(r) { /* run r with eff.Options(r), report at eff.Severity(r) */ }
//		}
//		if min, ok := eff.FailOn(); ok { /* fail when a finding's severity >= min */ }
//	}
package config
