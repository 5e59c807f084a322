package report

import (
	"encoding/xml"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/dflint/dflint/rules"
)

// The junit format is a JUnit XML report, for CI systems that show test
// results:
//
//	<testsuites name="dflint" tests="3" failures="1" errors="1">
//	  <testsuite name="Dockerfile" tests="1" failures="1" errors="0">
//	    <testcase classname="Dockerfile" name="DF101">
//	      <failure message="Image &#34;ubuntu&#34; has no tag" type="warning"><![CDATA[1:6 Image "ubuntu" has no tag
//	  fix: FROM ubuntu:24.04]]></failure>
//	    </testcase>
//	  </testsuite>
//	  ...
//
// Each linted file is a test suite named by its path. Each rule that fired
// in the file is a failing test case named by the rule id; its failure's
// message is the first finding's message (with "(and N more)" when the
// rule fired more than once), its type the highest severity among them,
// and its text lists every finding as "line:col message" with the fix
// below. A file without findings has one passing test case named "dflint",
// so CI lists it; a file that could not be linted has a test case "dflint"
// with an <error> of type "parse-error". Failure and error texts are
// CDATA sections, so they keep their line breaks and quotes.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"` // sanitised by xmlText
}

func writeJUnit(w io.Writer, r *Report, _ Options) error {
	doc := junitSuites{Name: "dflint"}
	for _, f := range prepare(r) {
		suite := junitSuite{Name: f.Path}
		if f.Err != nil {
			suite.Cases = append(suite.Cases, junitCase{
				Classname: f.Path,
				Name:      "dflint",
				Error:     &junitProblem{Message: f.Err.Message, Type: "parse-error", Text: xmlText(f.Err.Error())},
			})
			suite.Errors++
		}
		byRule := map[string][]rules.Finding{}
		for _, fd := range f.Findings {
			byRule[fd.RuleID] = append(byRule[fd.RuleID], fd)
		}
		ids := make([]string, 0, len(byRule))
		for id := range byRule {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			suite.Cases = append(suite.Cases, junitCase{Classname: f.Path, Name: id, Failure: junitFailure(byRule[id])})
			suite.Failures++
		}
		if len(suite.Cases) == 0 {
			suite.Cases = append(suite.Cases, junitCase{Classname: f.Path, Name: "dflint"})
		}
		suite.Tests = len(suite.Cases)
		doc.Tests += suite.Tests
		doc.Failures += suite.Failures
		doc.Errors += suite.Errors
		doc.Suites = append(doc.Suites, suite)
	}
	return encodeXML(w, doc)
}

// junitFailure describes the findings of one rule in one file.
func junitFailure(fds []rules.Finding) *junitProblem {
	p := &junitProblem{Message: fds[0].Message}
	if len(fds) > 1 {
		p.Message += " (and " + strconv.Itoa(len(fds)-1) + " more)"
	}
	worst := rules.Severity(0)
	var text []string
	for _, fd := range fds {
		worst = max(worst, fd.Severity)
		line := fd.Message
		if fd.Line > 0 {
			loc := strconv.Itoa(fd.Line)
			if fd.Column > 0 {
				loc += ":" + strconv.Itoa(fd.Column)
			}
			line = loc + " " + line
		}
		text = append(text, line)
		if fd.Fix != "" {
			text = append(text, "  fix: "+fd.Fix)
		}
	}
	p.Type = worst.String()
	p.Text = xmlText(strings.Join(text, "\n"))
	return p
}

// xmlText replaces the characters XML 1.0 does not allow (most control
// characters, invalid UTF-8) with U+FFFD, as encoding/xml does for
// escaped text; CDATA sections are written unescaped.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return unicode.ReplacementChar
	}, s)
}
