// Command dflint lints Dockerfiles for best practice.
//
// Usage:
//
//	dflint [flags] [PATH...]
//
// Run "dflint --help" for the flags, "dflint rules" for the rule catalogue.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	_ "github.com/dflint/dflint/rules" // the built-in rules register themselves
)

// Exit codes: the contract with CI systems and pre-commit.
const (
	exitOK       = 0 // no finding reached --fail-on
	exitFindings = 1 // a finding reached --fail-on
	exitError    = 2 // usage error, unreadable or unparsable file, bad config
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// exitError carries an exit code through cobra's error return.
type exitCodeError struct {
	code int
	err  error
}

func (e *exitCodeError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

// run executes the command line and returns the process exit code. It never
// panics on user input; a panic here is a dflint bug and is reported as one
// without a stack trace.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(stderr, "dflint: internal error: %v (please report this bug)\n", v)
			code = exitError
		}
	}()
	cmd := newRootCommand(stdin, stdout, stderr)
	cmd.SetArgs(args)
	err := cmd.Execute()
	if err == nil {
		return exitOK
	}
	var ec *exitCodeError
	if errors.As(err, &ec) {
		if ec.err != nil {
			fmt.Fprintf(stderr, "dflint: %v\n", ec.err)
		}
		return ec.code
	}
	fmt.Fprintf(stderr, "dflint: %v\n", err)
	return exitError
}
