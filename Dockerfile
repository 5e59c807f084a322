# syntax=docker/dockerfile:1
# dflint's own image: a static binary on a distroless, non-root base.
#   docker build -t dflint .
#   docker run --rm -i dflint - < Dockerfile

FROM golang:1.26-alpine AS build
WORKDIR /src
# Dependencies first, so source edits don't invalidate the module download.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
ARG VERSION=devel
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.buildVersion=${VERSION}" -o /out/dflint ./cmd/dflint

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/dflint /usr/local/bin/dflint
USER nonroot:nonroot
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/dflint"]
