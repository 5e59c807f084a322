# dflint — common developer tasks. `make help` lists them.

GO            ?= go
BIN           := bin/dflint
VERSION       ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS       := -s -w -X main.buildVersion=$(VERSION)
GOLANGCI_VERSION := v2.15.0
GOLANGCI      := $(CURDIR)/bin/golangci-lint-$(GOLANGCI_VERSION)
FUZZTIME      ?= 30s

.PHONY: help build test lint bench fuzz run clean docs

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

build: ## build bin/dflint
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/dflint

test: ## run every test with the race detector
	$(GO) test -race ./...

$(GOLANGCI):
	GOBIN=$(CURDIR)/bin $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_VERSION)
	mv $(CURDIR)/bin/golangci-lint $(GOLANGCI)

lint: $(GOLANGCI) ## gofmt, go vet and golangci-lint (installed at a pinned version)
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GOLANGCI) run ./...

bench: ## benchmarks: lint vs parse-only over ../shared/corpus, engine, shell
	$(GO) test -run '^$$' -bench . -benchmem ./rules/ ./internal/engine/ ./internal/shell/

fuzz: ## a short bounded fuzz run of parse -> model -> every rule
	$(GO) test ./rules/ -run '^$$' -fuzz FuzzLint -fuzztime $(FUZZTIME)

run: build ## build, then lint the bundled examples
	./$(BIN) testdata/examples || test $$? -eq 1

docs: ## regenerate rules/README.md from the rule docs
	$(GO) test ./rules/ -run TestCatalogue -update

clean: ## remove build output
	rm -rf bin
