package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/dflint/dflint/internal/config"
)

func newConfigCommand(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Inspect dflint's configuration",
	}
	var configFile string
	var noConfig bool
	show := &cobra.Command{
		Use:   "show [DOCKERFILE]",
		Short: "Print the effective configuration for a Dockerfile (after overrides, environment and flags)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			path := "Dockerfile"
			if len(args) == 1 {
				path = args[0]
			}
			setup, err := newLintSetup(&lintFlags{configFile: configFile, noConfig: noConfig, color: "auto"}, stderr)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			c, err := setup.configFor(path)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			if c.Excluded(path) {
				fmt.Fprintf(stdout, "# %s is excluded from linting by %s\n", path, c.Path)
			}
			out, err := yaml.Marshal(c.For(path))
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			_, err = stdout.Write(out)
			return err
		},
	}
	show.Flags().StringVarP(&configFile, "config", "c", "", "configuration `FILE` (default: the nearest .dflint.yaml)")
	show.Flags().BoolVar(&noConfig, "no-config", false, "ignore configuration files")
	cmd.AddCommand(show)
	return cmd
}

func newInitCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: "Write a commented starter .dflint.yaml in the current directory",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return writeNewFile(stdout, ".dflint.yaml", config.Starter())
		},
	}
}

func newMigrateCommand(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Convert another linter's configuration to .dflint.yaml",
	}
	var write bool
	hadolint := &cobra.Command{
		Use:   "hadolint [FILE]",
		Short: "Convert a hadolint config (default .hadolint.yaml) to .dflint.yaml syntax",
		Long: "Convert a hadolint config to the equivalent .dflint.yaml. The result is printed;\n" +
			"with --write it is saved as .dflint.yaml (never overwriting an existing file).",
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			path := ".hadolint.yaml"
			if len(args) == 1 {
				path = args[0]
			} else if _, err := os.Stat(path); err != nil {
				if _, err2 := os.Stat(".hadolint.yml"); err2 == nil {
					path = ".hadolint.yml"
				}
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return &exitCodeError{code: exitError, err: fmt.Errorf("read hadolint config: %w", err)}
			}
			out, notices, err := config.MigrateHadolint(data, path)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			for _, n := range notices {
				fmt.Fprintf(stderr, "dflint: %s\n", n)
			}
			if write {
				return writeNewFile(stdout, ".dflint.yaml", out)
			}
			_, err = stdout.Write(out)
			return err
		},
	}
	hadolint.Flags().BoolVarP(&write, "write", "w", false, "write .dflint.yaml instead of printing")
	cmd.AddCommand(hadolint)
	return cmd
}

// writeNewFile creates path with data, refusing to overwrite anything.
func writeNewFile(stdout io.Writer, path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &exitCodeError{code: exitError, err: fmt.Errorf("%s already exists; not overwriting it", path)}
		}
		return &exitCodeError{code: exitError, err: err}
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return &exitCodeError{code: exitError, err: err}
	}
	if err := f.Close(); err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	_, err = fmt.Fprintf(stdout, "wrote %s\n", path)
	return err
}
