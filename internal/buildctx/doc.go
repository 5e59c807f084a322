// Package buildctx models a Docker build context on disk the way BuildKit
// reads it, so that lint rules can ask whether a path is in the context,
// whether the build would leave it out, what a COPY/ADD source matches and
// which secret-looking files would be sent to the builder.
//
// The package only reads: it never creates, changes or removes a file. A
// [Context] is immutable once loaded (its lazily computed caches are guarded)
// and safe for concurrent use; a [Cache] shares one Context among the
// Dockerfiles that have the same context directory and ignore file.
//
// # Which ignore file is in effect
//
// BuildKit's Dockerfile frontend (frontend/dockerui, ReadEntrypoint and
// dockerIgnorePatterns) first reads "<filename>.dockerignore" from the
// Dockerfile's own directory, where <filename> is the base name of the
// Dockerfile as given ("Dockerfile.dockerignore", "Dockerfile.dev.dockerignore",
// "app.Dockerfile.dockerignore"). Only when that file is missing does it
// fall back to ".dockerignore" at the root of the context. Consequently:
//
//   - the Dockerfile-specific file wins even when it is empty (an empty one
//     means "exclude nothing", and the root .dockerignore is not consulted);
//   - a directory with either name counts as no file (BuildKit's read of it
//     fails and is treated as "missing");
//   - for a Dockerfile named "dockerfile" (lower case), "dockerfile.dockerignore"
//     is tried first, then "Dockerfile.dockerignore": a plain `docker build .`
//     sends filename=Dockerfile and BuildKit falls back to the lower-case
//     Dockerfile while still looking for "Dockerfile.dockerignore";
//   - a Dockerfile read from standard input ("" or "-") has no specific file;
//   - an ignore file that exists but cannot be read fails the build (the
//     client cannot send it), so Load returns an error;
//   - an ignore file larger than 16 MiB is an error, as in BuildKit (which
//     refuses files larger than containerd's default gRPC message size).
//
// The file is parsed with ignorefile.ReadAll and compiled with
// patternmatcher.New, exactly as BuildKit does; a pattern that those reject,
// or that cannot be compiled, makes Load fail.
//
// # Two views of "excluded"
//
// [Context.Ignored] answers with patternmatcher's MatchesOrParentMatches, the
// function BuildKit's own CopyIgnoredFile check uses. The context sender
// (fsutil's filter walk) instead matches each path with
// MatchesUsingParentResults, carrying the results down from the parent
// directory, and skips whole excluded directories when no exception pattern
// can re-include anything inside them. For a few pattern orders the two
// disagree (for example "x/y" then "!x": the sender still excludes x/y).
// What is actually transferred — [Context.Sent], [Context.Secrets] and the
// "nothing survives" half of [Source.AllIgnored] — follows the sender.
//
// # COPY and ADD sources
//
// [Context.Resolve] follows BuildKit's Dockerfile frontend and fsutil's
// copy: the source is joined to "/" (so "../x" is the context's "x"; the
// Docker documentation says parent directories are stripped), a source
// with an unescaped *, ? or [ is split before its first wildcard segment,
// and the rest is matched with path.Match segment by segment, without
// following symlinks below the split.
//
// # Limits
//
// Paths are looked at lexically: a symlink inside a queried path is taken
// as the directory it points to by os.Lstat, whereas BuildKit sends the
// link itself and resolves it, inside the context, only when copying. Walks
// of the tree are bounded (see [Context.Secrets] and [Context.Sent]).
// Answers about the tree (Ignored, Sent, Resolve, Secrets) are memoised for
// the Context's lifetime, and a [Cache] also remembers which directories
// exist and hold a .dockerignore: both describe the tree as it was when
// first asked, so load afresh (a new Cache) after changing it.
package buildctx
