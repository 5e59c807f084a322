package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/dflint/dflint/rules"
)

// The github format prints GitHub Actions workflow commands, which the
// runner turns into annotations on the changed files:
//
//	::warning file=Dockerfile,line=1,endLine=1,col=6,endColumn=12,title=DF101::Image "ubuntu" has no tag%0Afix: FROM ubuntu:24.04
//	::error file=broken/Dockerfile,line=3,title=dflint::unknown instruction: FORM
//
// Errors are ::error, warnings ::warning, info and style ::notice. Paths
// are relative to the base directory (the repository root). col and
// endColumn are given when known, endColumn only for a single-line span.
// The fix, when there is one, is a second line of the message. Files that
// could not be linted are ::error with title "dflint". Unless Options.Quiet
// a plain summary line follows, which the runner shows as log text.

func githubCommand(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return "error"
	case rules.SeverityWarning:
		return "warning"
	default:
		return "notice"
	}
}

// githubData escapes a command's message: %, CR and LF.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a command property value: as githubData, plus the
// ":" and "," that delimit properties.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

type githubProp struct {
	name, value string
}

func writeGitHubCommand(w *bufio.Writer, command string, props []githubProp, message string) {
	w.WriteString("::" + command)
	for i, p := range props {
		if i == 0 {
			w.WriteByte(' ')
		} else {
			w.WriteByte(',')
		}
		w.WriteString(p.name + "=" + githubProperty(p.value))
	}
	w.WriteString("::" + githubData(message) + "\n")
}

func writeGitHub(w io.Writer, r *Report, opts Options) error {
	files := prepare(r)
	bw := bufio.NewWriter(w)
	for _, f := range files {
		path, _ := relPath(r, f.Path)
		if f.Err != nil {
			props := []githubProp{{"file", path}}
			if f.Err.Line > 0 {
				props = append(props, githubProp{"line", strconv.Itoa(f.Err.Line)})
			}
			props = append(props, githubProp{"title", "dflint"})
			writeGitHubCommand(bw, "error", props, f.Err.Message)
		}
		for _, fd := range f.Findings {
			props := []githubProp{{"file", path}}
			if fd.Line > 0 {
				props = append(props,
					githubProp{"line", strconv.Itoa(fd.Line)},
					githubProp{"endLine", strconv.Itoa(fd.EndLine)})
				if fd.Column > 0 {
					props = append(props, githubProp{"col", strconv.Itoa(fd.Column)})
					if fd.EndColumn > 0 && fd.EndLine == fd.Line {
						props = append(props, githubProp{"endColumn", strconv.Itoa(fd.EndColumn)})
					}
				}
			}
			props = append(props, githubProp{"title", fd.RuleID})
			msg := fd.Message
			if fd.Fix != "" {
				msg += "\nfix: " + fd.Fix
			}
			writeGitHubCommand(bw, githubCommand(fd.Severity), props, msg)
		}
	}
	if !opts.Quiet {
		bw.WriteString(summaryLine(count(files)) + "\n")
	}
	return bw.Flush()
}
