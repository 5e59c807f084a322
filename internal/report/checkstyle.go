package report

import (
	"encoding/xml"
	"io"

	"github.com/dflint/dflint/rules"
)

// The checkstyle format is Checkstyle's XML report, which many CI tools
// and code-review bots read:
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<checkstyle version="4.3">
//	  <file name="Dockerfile">
//	    <error line="1" column="6" severity="warning" message="Image &#34;ubuntu&#34; has no tag" source="dflint.DF101"></error>
//	  </file>
//	</checkstyle>
//
// Every file appears, a clean one as an empty <file>. Severity is error,
// warning or info (style findings are info); column is left out when
// unknown. A file that could not be linted has one error with source
// "dflint.parse-error" (and no line when the error has none). Paths are as
// the user named them.

const checkstyleVersion = "4.3"

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr,omitempty"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

func checkstyleSeverity(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return "error"
	case rules.SeverityWarning:
		return "warning"
	default:
		return "info"
	}
}

func writeCheckstyle(w io.Writer, r *Report, _ Options) error {
	doc := checkstyleReport{Version: checkstyleVersion}
	for _, f := range prepare(r) {
		cf := checkstyleFile{Name: f.Path}
		if f.Err != nil {
			cf.Errors = append(cf.Errors, checkstyleError{
				Line:     f.Err.Line,
				Severity: "error",
				Message:  f.Err.Message,
				Source:   "dflint.parse-error",
			})
		}
		for _, fd := range f.Findings {
			cf.Errors = append(cf.Errors, checkstyleError{
				Line:     fd.Line,
				Column:   fd.Column,
				Severity: checkstyleSeverity(fd.Severity),
				Message:  fd.Message,
				Source:   "dflint." + fd.RuleID,
			})
		}
		doc.Files = append(doc.Files, cf)
	}
	return encodeXML(w, doc)
}

// encodeXML writes the XML declaration and v indented by two spaces, with
// a trailing newline.
func encodeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
