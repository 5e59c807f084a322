package dockerfile

import (
	"errors"
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dflint/dflint/internal/textdist"
)

// instructionNames are the Dockerfile instructions, sorted, for "did you
// mean" suggestions.
var instructionNames = []string{
	"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
	"MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
}

// ParseInstruction turns a parse node into BuildKit's typed instruction,
// as the model does for every instruction: with a linter that swallows
// "# check=" comments (BuildKit's own crashes on them without one), never
// panicking, and with a deterministic suggestion for an unknown
// instruction (BuildKit picks among equally close names in map order).
// Rules that must parse a nested node (an ONBUILD trigger) use it too.
func ParseInstruction(node *parser.Node) (cmd any, err error) {
	defer func() {
		if v := recover(); v != nil {
			cmd, err = nil, fmt.Errorf("cannot parse instruction: %v", v)
		}
	}()
	cmd, err = instructions.ParseInstructionWithLinter(node, quietLinter)
	var unknown *instructions.UnknownInstructionError
	if err != nil && errors.As(err, &unknown) {
		msg := "unknown instruction: " + unknown.Instruction
		if s := suggestInstruction(unknown.Instruction); s != "" {
			msg += " (did you mean " + s + "?)"
		}
		return nil, parser.WithLocation(errors.New(msg), node.Location())
	}
	return cmd, err
}

// suggestInstruction returns the instruction closest to word (edit
// distance at most 2, ties broken alphabetically), or "".
func suggestInstruction(word string) string {
	w := strings.ToUpper(word)
	best, bestDist := "", 3
	for _, name := range instructionNames {
		if d := textdist.Levenshtein(w, name); d < bestDist {
			best, bestDist = name, d
		}
	}
	return best
}
