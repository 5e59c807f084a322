package rules

// Stage helpers shared by the rules: a stage's FROM chain, the
// instructions that run before a given one, and which stages end up in
// the image the build produces.

import (
	"iter"
	"strings"
)

// stageChain returns s and the stages it is built FROM (FROM <stage>),
// nearest first; nil for a nil stage. The chain is finite: a stage's Parent
// is always an earlier stage.
func stageChain(s *Stage) []*Stage {
	var out []*Stage
	for ; s != nil; s = s.Parent {
		out = append(out, s)
	}
	return out
}

// rootStage returns the first stage of s's FROM chain: the one built on an
// image, on scratch or on a base the linter cannot resolve (s itself when it
// builds on no stage); nil for a nil stage.
func rootStage(s *Stage) *Stage {
	if s == nil {
		return nil
	}
	for s.Parent != nil {
		s = s.Parent
	}
	return s
}

// instructionsUpTo yields the instructions that run before inst in the
// image inst's stage builds: those of the stages it is built FROM (oldest
// first), then those of its own stage up to and including inst itself.
// It yields nothing for a meta ARG (no stage).
func instructionsUpTo(inst *Instruction) iter.Seq[*Instruction] {
	return func(yield func(*Instruction) bool) {
		chain := stageChain(inst.Stage)
		for i := len(chain) - 1; i >= 0; i-- {
			for _, o := range chain[i].Instructions {
				if !yield(o) || o == inst {
					return
				}
			}
		}
	}
}

// inFinalChain reports whether the layers of stage s end up in the image
// the build produces: s is the final stage (the --target, else the last
// one) or a stage it is built FROM, directly or not. Layers of other
// stages (builders that later stages only COPY --from) are discarded.
func inFinalChain(f *File, s *Stage) bool {
	for st := f.FinalStage(); st != nil; st = st.Parent {
		if st == s {
			return true
		}
	}
	return false
}

// shippedStages returns the stages whose layers can end up in an image the
// user ships: the final stage and the stages it is built FROM and, without
// --target, also every stage no other stage uses (it may be built with
// --target) and its FROM chain. A stage only used as a COPY --from or RUN
// --mount from= source is not shipped: what it leaves on disk never
// reaches an image. When the --target names no stage, every stage counts.
func shippedStages(f *File) map[*Stage]bool {
	out := make(map[*Stage]bool, len(f.Stages))
	mark := func(s *Stage) {
		for x := s; x != nil && !out[x]; x = x.Parent {
			out[x] = true
		}
	}
	final := f.FinalStage()
	if final == nil {
		for _, s := range f.Stages {
			out[s] = true
		}
		return out
	}
	mark(final)
	if f.Target != "" {
		return out
	}
	used := map[*Stage]bool{}
	for _, s := range f.Stages {
		if s.Parent != nil {
			used[s.Parent] = true
		}
		for _, inst := range s.Instructions {
			for _, ref := range stageSources(f, inst) {
				used[ref] = true
			}
		}
	}
	for _, s := range f.Stages {
		if !used[s] {
			mark(s)
		}
	}
	return out
}

// stageSources returns the earlier stages inst reads files from: a COPY
// --from=<stage> and the RUN --mount from=<stage> flags. Sources whose
// name is unknown (an ARG without value) or names an image are left out.
func stageSources(f *File, inst *Instruction) []*Stage {
	var froms []string
	if c := inst.Copy(); c != nil && c.From != "" {
		froms = append(froms, c.From)
	}
	var out []*Stage
	for _, from := range froms {
		name, ok := inst.Expand(from)
		if !ok {
			continue
		}
		if ref := f.StageByName(name, inst.Stage.Index); ref != nil {
			out = append(out, ref)
		}
	}
	// Mount sources are expanded already; an unknown one keeps its "$".
	mounts, _ := inst.Mounts()
	for _, m := range mounts {
		if m.From != "" && !strings.Contains(m.From, "$") {
			if ref := f.StageByName(m.From, inst.Stage.Index); ref != nil {
				out = append(out, ref)
			}
		}
	}
	return out
}
