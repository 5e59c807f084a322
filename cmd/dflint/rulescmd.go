package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dflint/dflint/rules"
)

// buildVersion is set at build time:
//
//	go build -ldflags "-X main.buildVersion=1.0.0" ./cmd/dflint
var buildVersion = ""

// version is the build's version: the -X value, else the module version
// recorded by "go install module@version", else "devel".
func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return strings.TrimPrefix(info.Main.Version, "v")
	}
	return "devel"
}

func newVersionCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print dflint's version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(stdout, "dflint %s\n", version())
			return err
		},
	}
}

// ruleJSON is the JSON shape of "dflint rules --format json".
type ruleJSON struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Severity   string   `json:"severity"`
	Summary    string   `json:"summary"`
	Since      string   `json:"since"`
	DefaultOff bool     `json:"defaultOff,omitempty"`
	Hadolint   []string `json:"hadolint,omitempty"`
	BuildKit   []string `json:"buildkit,omitempty"`
	Trivy      []string `json:"trivy,omitempty"`
	URL        string   `json:"url"`
}

func newRulesCommand(stdout io.Writer) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule: id, name, severity, summary, aliases and doc URL",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			all := rules.All()
			switch format {
			case "json":
				out := make([]ruleJSON, 0, len(all))
				for _, r := range all {
					out = append(out, ruleJSON{
						ID: r.ID, Name: r.Name, Severity: r.Severity.String(), Summary: r.Summary, Since: r.Since,
						DefaultOff: r.DefaultOff, Hadolint: r.Aliases.Hadolint, BuildKit: r.Aliases.BuildKit,
						Trivy: r.Aliases.Trivy, URL: r.DocURL(),
					})
				}
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			case "text", "":
				tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tSINCE\tALIASES\tSUMMARY\tDOC")
				for _, r := range all {
					sev := r.Severity.String()
					if r.DefaultOff {
						sev += " (off)"
					}
					aliases := strings.Join(r.Aliases.All(), ",")
					if aliases == "" {
						aliases = "-"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, sev, r.Since, aliases, r.Summary, r.DocURL())
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				_, err := fmt.Fprintf(stdout, "\n%d rules. dflint explain ID prints a rule's documentation.\n", len(all))
				return err
			default:
				return &exitCodeError{code: exitError, err: fmt.Errorf("unknown format %q for rules (want text or json)", format)}
			}
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	return cmd
}

func newExplainCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "explain ID",
		Short: "Print a rule's documentation (by id, name, or hadolint/BuildKit/Trivy alias)",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			found := []*rules.Rule{}
			if r, ok := rules.Lookup(args[0]); ok {
				found = append(found, r)
			} else {
				found = rules.LookupAlias(args[0])
			}
			if len(found) == 0 {
				return &exitCodeError{code: exitError, err: fmt.Errorf("no rule %q (see dflint rules)", args[0])}
			}
			for i, r := range found {
				if i > 0 {
					fmt.Fprintln(stdout)
				}
				if _, err := fmt.Fprint(stdout, r.Markdown()); err != nil {
					return err
				}
			}
			return nil
		},
	}
}
