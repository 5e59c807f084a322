package rules

// apk hygiene (Alpine): the package index left in the layer and version
// pins.

import "strings"

func init() {
	MustRegister(&Rule{
		ID:       "DF611",
		Name:     "apk-no-cache",
		Severity: SeverityInfo,
		Summary:  "apk add without --no-cache",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3019"}, Trivy: []string{"DS025"}},
		Doc: Doc{
			Why: "Without `--no-cache`, apk keeps the package index it fetched (`apk update`, `apk add --update`) " +
				"in /var/cache/apk, a few megabytes per repository that end up in the image layer for nothing. " +
				"`--no-cache` fetches a fresh index, uses it, and stores nothing, which also makes a separate " +
				"`apk update` unnecessary.",
			Bad:  "FROM alpine:3.20\nRUN apk update && apk add curl",
			Good: "FROM alpine:3.20\nRUN apk add --no-cache curl",
			Fix:  "Use `apk add --no-cache ...` and drop `apk update` / `--update`.",
			Notes: "Quiet when the same RUN deletes /var/cache/apk (`rm -rf /var/cache/apk/*`) after the last " +
				"`apk add`, when a --mount (cache or tmpfs) holds /var/cache/apk or /etc/apk/cache (the usual " +
				"BuildKit cache pattern), with `--cache-dir`, when an argument is not statically known, when " +
				"the RUN later runs a script dflint cannot see into, and in stages whose layers do not ship " +
				"(builders only copied from).",
		},
		Check: checkApkNoCache,
	})
	MustRegister(&Rule{
		ID:       "DF612",
		Name:     "apk-unpinned",
		Severity: SeverityInfo,
		Summary:  "apk add of packages without a version pin",
		Since:    "1.0",
		Aliases:  Aliases{Hadolint: []string{"DL3018"}},
		Doc: Doc{
			Why: "Without a version constraint each build installs whatever the Alpine mirror has that day, so " +
				"two builds of the same commit can differ.",
			Bad:  "FROM alpine:3.20\nRUN apk add --no-cache curl",
			Good: "FROM alpine:3.20\nRUN apk add --no-cache curl~8.9",
			Fix: "Constrain the version: `name=1.2.3-r0` for an exact pin, or `name~1.2` to accept the patch " +
				"releases of a branch (exact pins break as soon as Alpine replaces the version, since its " +
				"mirrors keep only the latest one).",
			Notes: "Info, like the other pinning rules (see DF604 for why exact pins are a trade-off). Accepted " +
				"constraints: `=`, `~`, `<`, `>`, and `@tag` repository pins. Not packages: the value of " +
				"`--virtual`/`-t` (`apk add --virtual .build-deps gcc` checks only gcc) and of `--repository`/`-X`, " +
				"`.apk` files and paths, and arguments that are not statically known. One finding per command.",
		},
		Check: checkApkUnpinned,
	})
}

// df6ApkTool is apk's option syntax (global options and those of add).
var df6ApkTool = &df6Tool{
	shortVal: "Xpt",
	longVal: []string{"repository", "root", "virtual", "arch", "cache-dir", "cache-max-age", "keys-dir",
		"repositories-file", "timeout", "wait", "progress-fd", "from", "uvol-manager", "repository-config"},
}

// df6ApkCaches are where apk keeps its index and packages.
var df6ApkCaches = []string{"/var/cache/apk", "/etc/apk/cache"}

func df6Apk(c *ShellCommand) *df6Inv {
	if !c.Is("apk") {
		return nil
	}
	return df6Parse(c, df6ApkTool)
}

func checkApkNoCache(p *Pass) {
	eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
		if !inFinalChain(p.File, inst.Stage) {
			return
		}
		var adds []*ShellCommand
		last := -1
		for i, c := range cmds {
			inv := df6Apk(c)
			if inv == nil || inv.sub != "add" || inv.dynamic || inv.has(0, "no-cache", "cache-dir") {
				continue
			}
			adds, last = append(adds, c), i
		}
		if len(adds) == 0 || df6MountCovers(inst, df6ApkCaches...) || df6Cleans(inst, cmds, last, df6ApkCaches, nil) {
			return
		}
		if df6ConfigMaySet(inst, df6Config{paths: []string{"/etc/apk/config"}, key: "no-cache"}) {
			return
		}
		for _, c := range adds {
			p.ReportFix(AtCommand(inst, c), "apk add --no-cache",
				"'apk add' without --no-cache: the package index stays in /var/cache/apk and ends up in the image")
		}
	})
}

func checkApkUnpinned(p *Pass) {
	eachLinuxRun(p.File, func(inst *Instruction, cmds []*ShellCommand) {
		for _, c := range cmds {
			inv := df6Apk(c)
			if inv == nil || inv.sub != "add" || inv.xargs {
				continue
			}
			var loose []string
			for _, a := range inv.operands {
				v := a.Value
				if !a.Literal || a.Glob || a.Brace || v == "" || strings.HasPrefix(v, "-") {
					continue
				}
				if strings.ContainsAny(v, "=~<>@/!") || strings.HasSuffix(v, ".apk") {
					continue
				}
				loose = append(loose, v)
			}
			if len(loose) == 0 {
				continue
			}
			p.ReportFix(AtCommand(inst, c), loose[0]+"~<version>",
				"'apk add' does not pin %s to a version", df6List(loose))
		}
	})
}
