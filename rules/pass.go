package rules

import (
	"fmt"

	"github.com/dflint/dflint/internal/buildctx"
	"github.com/dflint/dflint/internal/dockerfile"
	"github.com/dflint/dflint/internal/shell"
)

// The model types rules work with. They are defined in dflint's internal
// packages and re-exported here, so a rule written outside this module can
// name them.
type (
	// File is one parsed Dockerfile: stages, instructions, directives,
	// comments and the build context.
	File = dockerfile.File
	// Stage is one build stage.
	Stage = dockerfile.Stage
	// Instruction is one instruction with its typed BuildKit command, flags,
	// arguments, variable scope and (for RUN) parsed shell.
	Instruction = dockerfile.Instruction
	// ImageRef is a stage's base image, as written and resolved.
	ImageRef = dockerfile.ImageRef
	// RunScript is the parsed shell code of a RUN.
	RunScript = dockerfile.RunScript
	// Span is a located piece of an instruction.
	Span = dockerfile.Span
	// ShellCommand is one simple command a RUN executes.
	ShellCommand = shell.Command
	// ShellArg is one argument of a ShellCommand.
	ShellArg = shell.Arg
	// BuildContext is the build context on disk.
	BuildContext = buildctx.Context
)

// Pass is what a rule's Check receives: the file, the rule's options, and a
// way to report findings.
type Pass struct {
	// File is the Dockerfile being checked.
	File *File
	// Rule is the rule being run.
	Rule *Rule
	// Options is the rule's options value (from Rule.NewOptions, filled in
	// from configuration); nil for rules without options.
	Options any

	report func(Finding)
}

// NewPass returns a Pass that hands findings to report. Tools that run
// rules themselves (tests, other front ends) use it; Lint does it for you.
func NewPass(f *File, r *Rule, options any, report func(Finding)) *Pass {
	return &Pass{File: f, Rule: r, Options: options, report: report}
}

// Report records a finding of the pass's rule at span.
func (p *Pass) Report(span Span, format string, args ...any) {
	p.ReportFix(span, "", format, args...)
}

// ReportFix records a finding with a suggested fix.
func (p *Pass) ReportFix(span Span, fix, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	if span.EndLine < span.Line {
		span.EndLine = span.Line
	}
	p.report(Finding{
		RuleID:   p.Rule.ID,
		RuleName: p.Rule.Name,
		Severity: p.Rule.Severity,
		File:     p.File.Path,
		Range:    Range{Line: span.Line, Column: span.Column, EndLine: span.EndLine, EndColumn: span.EndColumn},
		Message:  msg,
		Fix:      fix,
	})
}

// At is the span of a whole instruction (all its lines, no columns).
func At(i *Instruction) Span {
	return Span{Line: i.Line, EndLine: i.EndLine}
}

// AtCommand is the span of a shell command of a RUN: the command name's
// position when known, else the instruction.
func AtCommand(i *Instruction, c *ShellCommand) Span {
	if i.Run == nil {
		return At(i)
	}
	line, col := i.Run.Position(c, c.Pos)
	if line == 0 {
		return At(i)
	}
	s := Span{Line: line, Column: col, EndLine: line}
	if col > 0 && c.End > c.Pos {
		if el, ec := i.Run.Position(c, c.End-1); el >= line && ec > 0 {
			s.EndLine, s.EndColumn = el, ec+1
		}
	}
	return s
}
