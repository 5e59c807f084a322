package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/dflint/dflint/internal/engine"
	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/rules"
)

// lintFlags are the flags of the lint (root) command.
type lintFlags struct {
	format         string
	output         string
	noColor        bool
	color          string
	contextDir     string
	failOn         string
	quiet          bool
	requireDigest  bool
	target         string
	buildArgs      []string
	configFile     string
	noConfig       bool
	ignore         []string
	disableIgnores bool
	reportUnused   bool
	jobs           int
}

func newRootCommand(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var fl lintFlags
	cmd := &cobra.Command{
		Use:   "dflint [flags] [PATH...]",
		Short: "Lint Dockerfiles for best practice",
		Long: "dflint checks Dockerfiles for best practice: pinned base images, a non-root user, WORKDIR\n" +
			"instead of cd, cache-friendly layer order, a .dockerignore that keeps the context small and\n" +
			"secret-free, package-manager hygiene and more.\n\n" +
			"PATH is a Dockerfile, a directory (searched recursively for Dockerfile, Dockerfile.*,\n" +
			"*.Dockerfile, *.dockerfile, Containerfile and Containerfile.*), or - for standard input.\n" +
			"Without PATH, dflint lints ./Dockerfile.\n\n" +
			"Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 for usage errors,\n" +
			"unreadable or invalid files and bad configuration.",
		Args:          cobra.ArbitraryArgs,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(_ *cobra.Command, args []string) error {
			return runLint(&fl, args, stdin, stdout, stderr)
		},
	}
	cmd.SetIn(stdin)
	cmd.SetOut(stdout)
	cmd.SetErr(stderr)
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &exitCodeError{code: exitError, err: fmt.Errorf("%w (see dflint --help)", err)}
	})
	f := cmd.Flags()
	f.StringVarP(&fl.format, "format", "f", "", "output format: "+strings.Join(report.Formats(), ", ")+" (default text; env DFLINT_FORMAT)")
	f.StringVarP(&fl.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	f.BoolVar(&fl.noColor, "no-color", false, "never color the output (color is also off when the output is not a terminal or NO_COLOR is set)")
	f.StringVar(&fl.color, "color", "auto", "color the text output: auto, always or never")
	f.StringVar(&fl.contextDir, "context", "", "build context `DIR` (default: each Dockerfile's directory)")
	f.StringVar(&fl.failOn, "fail-on", "", "exit 1 when a finding has at least this severity: error, warning, info, style or none (default warning; env DFLINT_FAIL_ON)")
	f.BoolVarP(&fl.quiet, "quiet", "q", false, "print findings only, no summary")
	f.BoolVar(&fl.requireDigest, "require-digest", false, "require base images to be pinned by digest (enables DF103)")
	f.StringVar(&fl.target, "target", "", "lint as if building the `STAGE` given to docker build --target")
	f.StringArrayVar(&fl.buildArgs, "build-arg", nil, "lint as if built with docker build --build-arg `KEY=VALUE` (repeatable; KEY alone takes the value from the environment)")
	f.StringVarP(&fl.configFile, "config", "c", "", "configuration `FILE` (default: the nearest .dflint.yaml; env DFLINT_CONFIG)")
	f.BoolVar(&fl.noConfig, "no-config", false, "ignore configuration files")
	f.StringSliceVar(&fl.ignore, "ignore", nil, "rule `ID`s or names to skip (repeatable, comma-separated; env DFLINT_IGNORE)")
	f.BoolVar(&fl.disableIgnores, "disable-ignores", false, "lint as if there were no inline ignore pragmas")
	f.BoolVar(&fl.reportUnused, "report-unused-ignores", false, "report inline ignore pragmas that silenced nothing")
	f.IntVar(&fl.jobs, "jobs", 0, "files linted at once (default: one per CPU)")

	cmd.AddCommand(newRulesCommand(stdout), newExplainCommand(stdout), newVersionCommand(stdout))
	cmd.AddCommand(newConfigCommand(stdout, stderr), newInitCommand(stdout), newMigrateCommand(stdout, stderr))
	cmd.SetVersionTemplate("dflint {{.Version}}\n")
	return cmd
}

func runLint(fl *lintFlags, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		args = []string{"Dockerfile"}
	}
	setup, err := newLintSetup(fl, stderr)
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	formatter, err := report.Lookup(setup.format)
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	for _, n := range setup.notices {
		fmt.Fprintf(stderr, "dflint: %s\n", n)
	}

	buildArgs, err := parseBuildArgs(fl.buildArgs)
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	targets, discoverErrs := engine.Discover(args)
	results := engine.Run(targets, engine.Options{
		ContextDir: fl.contextDir,
		Target:     fl.target,
		BuildArgs:  buildArgs,
		Settings:   setup.settings,
		Stdin:      stdin,
		Jobs:       fl.jobs,
	})
	for _, e := range discoverErrs {
		results = append(results, &report.FileResult{Path: e.Path, Err: e})
	}

	out := stdout
	if fl.output != "" {
		file, err := os.Create(fl.output)
		if err != nil {
			return &exitCodeError{code: exitError, err: fmt.Errorf("create output file: %w", err)}
		}
		defer file.Close()
		out = file
	}
	rep := &report.Report{ToolVersion: version(), Files: results, Rules: setup.ruleList(), BaseDir: baseDir()}
	opts := report.Options{Color: useColor(fl, out), Quiet: fl.quiet}
	if err := formatter(out, rep, opts); err != nil {
		return &exitCodeError{code: exitError, err: fmt.Errorf("write report: %w", err)}
	}
	if f, ok := out.(*os.File); ok && fl.output != "" {
		if err := f.Close(); err != nil {
			return &exitCodeError{code: exitError, err: fmt.Errorf("write report: %w", err)}
		}
	}
	return exitStatus(results, setup)
}

// exitStatus maps the results to the exit code: 2 beats 1 beats 0.
func exitStatus(results []*report.FileResult, setup *lintSetup) error {
	failed := false
	for _, r := range results {
		if r.Err != nil {
			return &exitCodeError{code: exitError}
		}
		threshold, fail := setup.failOn(r.Path)
		if !fail {
			continue
		}
		for _, f := range r.Findings {
			if f.Severity >= threshold {
				failed = true
			}
		}
	}
	if failed {
		return &exitCodeError{code: exitFindings}
	}
	return nil
}

// useColor decides whether the text output is colored: --color always/never
// win; auto means "a terminal, and NO_COLOR not set".
func useColor(fl *lintFlags, out io.Writer) bool {
	if fl.noColor {
		return false
	}
	switch fl.color {
	case "always":
		return true
	case "never":
		return false
	}
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}
	f, ok := out.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// baseDir is the directory SARIF and code-quality paths are relative to:
// the working directory.
func baseDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return wd
}

// parseSeverityOrNone parses a --fail-on value.
func parseSeverityOrNone(s string) (rules.Severity, bool, error) {
	if strings.EqualFold(s, "none") {
		return 0, false, nil
	}
	sev, err := rules.ParseSeverity(s)
	if err != nil {
		return 0, false, err
	}
	return sev, true, nil
}

// parseBuildArgs reads --build-arg values the way docker build does:
// KEY=VALUE, or KEY alone to take the value from the environment (ignored
// when the variable is unset).
func parseBuildArgs(list []string) (map[string]string, error) {
	if len(list) == 0 {
		return nil, nil
	}
	out := make(map[string]string, len(list))
	for _, a := range list {
		k, v, hasValue := strings.Cut(a, "=")
		if k == "" || strings.ContainsAny(k, " \t") {
			return nil, fmt.Errorf("invalid --build-arg %q: want KEY=VALUE", a)
		}
		if !hasValue {
			env, ok := os.LookupEnv(k)
			if !ok {
				continue
			}
			v = env
		}
		out[k] = v
	}
	return out, nil
}
