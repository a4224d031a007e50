# apiref: two commands on a fresh machine.
#   make run    installs what is missing, builds, validates the in-tree api-ref/ and renders it into site/
#   make test   installs what is missing and runs the test suite
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run serve test deps build release golden rules-doc clean

deps:
	@pkg-config --exists libcmark 2>/dev/null || { \
		echo "installing libcmark-dev"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libcmark-dev pkg-config >/dev/null; }

build: deps
	$(SWIFT) build

# The binary to install or benchmark: Swift's libraries linked in, so it starts faster
# (nothing to load and bind) and runs on machines without a Swift toolchain; generic types'
# metadata reached without demangling (flags and why: Benchmarks/release-flags.sh).
release: deps
	bash -c '. Benchmarks/release-flags.sh && $(SWIFT) build -c release "$${release_flags[@]}"'

run: build
	.build/debug/apiref build api-ref -o site

# Local preview with live reload on http://127.0.0.1:8000
serve: build
	.build/debug/apiref serve api-ref

test: deps
	$(SWIFT) test

# Re-record golden files (diagnostics output, HTML); review the diff like code.
golden: deps
	RECORD_GOLDEN=1 $(SWIFT) test

# Regenerate docs/rules.md from the rule registry.
rules-doc: build
	.build/debug/apiref rules --markdown > docs/rules.md

clean:
	rm -rf .build site
