# Repogen: `make demo` and `make test` are all a fresh machine needs.
# Each target first installs the Debian packages it needs when they are missing (as root),
# or prints the exact apt-get command to run (otherwise).

SHELL := /bin/bash
DEBIAN_PACKAGES := libpq-dev libyaml-dev postgresql pkg-config
SWIFT_BUILD_FLAGS ?=

.PHONY: all deps build demo test clean

all: build

deps:
	@scripts/ensure-debian-packages $(DEBIAN_PACKAGES)

build: deps
	swift build $(SWIFT_BUILD_FLAGS)

demo: deps
	swift run $(SWIFT_BUILD_FLAGS) quotemaster demo

test: deps
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	swift test --skip-build $(SWIFT_BUILD_FLAGS)
	swift run --skip-build $(SWIFT_BUILD_FLAGS) repogen migrate check
	scripts/check-generated-features
	scripts/test-generated-features
	scripts/check-build-plugin

clean:
	rm -rf .build .build-*

# Feature fixtures (Tests/Fixtures/features): rewrite their expected output on purpose, type-check the
# generated Swift of every fixture with warnings as errors, and run the fixtures' database tests.
.PHONY: regen-references check-generated test-generated
regen-references: deps
	REPOGEN_UPDATE_GOLDEN=1 swift test $(SWIFT_BUILD_FLAGS) --filter 'GoldenGenerationTests|FeatureGoldenTests'
	git status --short Tests/Fixtures

check-generated: deps
	scripts/check-generated-features

test-generated: deps
	scripts/test-generated-features

# Migrations (docs/migrations.md): fail when schema.yaml has changes no committed migration covers or Generated/
# is stale; the committed history is replayed on a fresh PostgreSQL and reverted by QuoteMasterHistoryTests.
.PHONY: check-migrations
check-migrations: deps
	swift run $(SWIFT_BUILD_FLAGS) repogen migrate check
	swift test $(SWIFT_BUILD_FLAGS) --filter QuoteMasterHistoryTests
