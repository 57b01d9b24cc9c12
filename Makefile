# Repogen: `make demo` and `make test` are all a fresh machine needs.
# Each target first installs the Debian packages it needs when they are missing (as root),
# or prints the exact apt-get command to run (otherwise).

SHELL := /bin/bash
# postgresql depends on postgresql-client-NN, which brings the pg_dump and pg_restore RepogenBackup runs;
# pgbouncer runs the suite's transaction-pooling part (PgBouncerTests). The server package postgresql-NN ships
# pg_stat_statements, which the throwaway cluster preloads for RepogenAdvisor.
DEBIAN_PACKAGES := libpq-dev libyaml-dev postgresql pkg-config libhiredis-dev redis-server graphviz pgbouncer
SWIFT_BUILD_FLAGS ?=

.PHONY: all deps build demo test coverage clean docs

all: build

deps:
	@scripts/ensure-debian-packages $(DEBIAN_PACKAGES)

build: deps
	swift build $(SWIFT_BUILD_FLAGS)

demo: deps
	swift run $(SWIFT_BUILD_FLAGS) quotemaster demo

# Coverage (docs/testing.md): `make test` compiles everything once with coverage instrumentation, the same flags on
# every build of the run (swift build, run, test and package, and the scripts, through SWIFT_BUILD_FLAGS), so
# nothing is compiled twice; -Xswiftc rather than --enable-code-coverage because `swift package` (make docs) takes
# only the former. `swift test --enable-code-coverage` gathers the suites' profiles; every other instrumented program
# (the generator the build plugin runs, repogen, the generator fuzzer) writes its own under .build/tool-profiles, out
# of the way. COVERAGE_GATES names the gates of scripts/coverage-report that fail the run.
COVERAGE_BUILD_FLAGS := -Xswiftc -profile-generate -Xswiftc -profile-coverage-mapping
COVERAGE_GATES ?= generated,runtime,core
test coverage: export SWIFT_BUILD_FLAGS := $(SWIFT_BUILD_FLAGS) $(COVERAGE_BUILD_FLAGS)
test coverage: export LLVM_PROFILE_FILE := $(CURDIR)/.build/tool-profiles/%m.profraw

# The suites run with a throwaway redis-server on a Unix socket (scripts/with-test-redis, REPOGEN_TEST_REDIS_SOCKET),
# stopped when they end; tests that kill Redis start their own.
test: deps
	scripts/check-portability
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	scripts/with-test-redis swift test --skip-build --enable-code-coverage $(SWIFT_BUILD_FLAGS)
	scripts/coverage-report --check $(COVERAGE_GATES)
	scripts/check-doc-comments
	$(MAKE) docs
	swift run --skip-build $(SWIFT_BUILD_FLAGS) repogen migrate check
	scripts/check-schema-diagram
	scripts/check-generated-features
	scripts/check-caller-isolation
	scripts/test-generated-features
	$(MAKE) fuzz-smoke
	$(MAKE) generator-property
	scripts/check-build-plugin
	scripts/test-consumer-fixture
	scripts/check-readme-path

# Line coverage per module and per generated file of Quote Master (scripts/coverage-report), from the suites run
# with the instrumented build `make test` makes; no gate fails here.
coverage: deps
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	scripts/with-test-redis swift test --skip-build --enable-code-coverage $(SWIFT_BUILD_FLAGS)
	scripts/coverage-report

clean:
	rm -rf .build .build-*

# DocC (swift-docc-plugin): the catalogs of RepogenRuntime and RepogenTesting (Sources/*/*.docc) and every doc
# comment, built into static sites under .build/docs/; a broken symbol link or a bad article fails the build.
DOCS_TARGETS := RepogenRuntime RepogenTesting
docs: deps
	@mkdir -p .build/docs; for target in $(DOCS_TARGETS); do \
		rm -rf .build/docs/$$target; \
		swift package $(SWIFT_BUILD_FLAGS) --allow-writing-to-directory .build/docs generate-documentation \
			--target $$target \
			--warnings-as-errors --output-path .build/docs/$$target --transform-for-static-hosting \
			--hosting-base-path $$target || exit 1; \
		echo "docs: .build/docs/$$target (open index.html through a web server)"; \
	done

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

# The migration steps of the CI workflow in docs/ci.md, read from that page and run against a throwaway PostgreSQL
# (scripts/with-test-postgres): migrate check, migrate apply on an empty database, apply again (nothing to do), and
# migrate check failing on a schema change no migration covers.
.PHONY: ci-migrations
ci-migrations: deps
	swift build $(SWIFT_BUILD_FLAGS) --product repogen
	scripts/with-test-postgres scripts/ci-migrations

# Fuzzing the schema reader and validator (libFuzzer + AddressSanitizer over Parser/, Schema/, Naming/,
# Diagnostics/).
# `make fuzz` runs until stopped (FUZZ_FLAGS adds libFuzzer options); `make fuzz-smoke` runs a fixed budget.
# Crashes land in Fuzz/artifacts/; keep each as a fixture under Tests/Fixtures/schemas/fuzz/ once fixed.
.PHONY: fuzz fuzz-build fuzz-smoke
FUZZ_BINARY := .build-fuzz/schema-reader-fuzz
FUZZ_SOURCES := $(wildcard Sources/RepogenCore/Parser/*.swift Sources/RepogenCore/Schema/*.swift \
	Sources/RepogenCore/Naming/*.swift Sources/RepogenCore/Diagnostics/*.swift Sources/RepogenSQL/*.swift) \
	Fuzz/SchemaReaderFuzz.swift
FUZZ_FLAGS ?=
FUZZ_RUN = mkdir -p .build-fuzz/corpus Fuzz/artifacts && $(FUZZ_BINARY) -timeout=2 -rss_limit_mb=4096 \
	-dict=Fuzz/schema.dict -artifact_prefix=Fuzz/artifacts/ .build-fuzz/corpus Fuzz/corpus \
	Tests/Fixtures/schemas/valid Tests/Fixtures/schemas/warnings Tests/Fixtures/schemas/invalid

$(FUZZ_BINARY): $(FUZZ_SOURCES) Sources/CYAML/module.modulemap
	@mkdir -p .build-fuzz
	swiftc -sanitize=fuzzer,address -parse-as-library -swift-version 6 -O -g -use-ld=lld \
		-module-name RepogenFuzz -I Sources/CYAML -lyaml $(FUZZ_SOURCES) -o $@

fuzz-build: deps $(FUZZ_BINARY)

fuzz: fuzz-build
	$(FUZZ_RUN) $(FUZZ_FLAGS)

fuzz-smoke: fuzz-build
	$(FUZZ_RUN) -runs=20000 -max_total_time=60 $(FUZZ_FLAGS)

# The generator's soundness property (Tests/Fixtures/schemas/generator/README.md): random schemas with hostile names
# and literals are rejected with located errors, or generate Swift that type-checks with warnings as errors and SQL
# that applies (standard_conforming_strings on and off, a canary table intact) and migrates up, down and up.
# `make generator-property` replays the fixtures, then seeds from 1 within a time budget (part of `make test`);
# `make fuzz-generator` checks new seeds until stopped and records every failure as a fixture.
.PHONY: generator-property fuzz-generator
GENERATOR_PROPERTY_FLAGS ?= --first-seed 1 --count 400 --budget 150
FUZZ_GENERATOR_FLAGS ?=
GENERATOR_FUZZ = $$(swift build $(SWIFT_BUILD_FLAGS) --show-bin-path)/repogen-generator-fuzz

generator-property: deps
	swift build $(SWIFT_BUILD_FLAGS) --product repogen-generator-fuzz
	$(GENERATOR_FUZZ) $(GENERATOR_PROPERTY_FLAGS)

# A crash (exit status 128 + signal) restarts the run, which records the schema under way as a fixture.
fuzz-generator: deps
	swift build $(SWIFT_BUILD_FLAGS) --product repogen-generator-fuzz
	status=128; while [ $$status -ge 128 ]; do \
		$(GENERATOR_FUZZ) --forever $(FUZZ_GENERATOR_FLAGS); status=$$?; done; exit $$status

# Using Repogen from another package (README, docs/templates.md): the consumer fixture in Tests/Fixtures/consumer
# builds with no warnings, shows its template override, and passes its database tests. `make embed-templates`
# refreshes the default templates built into RepogenCore after a templates/ edit (TemplateSetTests checks it).
# `make check-readme` follows README.md's getting-started steps as written in an empty folder (scripts/check-readme-path).
.PHONY: test-consumer check-readme embed-templates
test-consumer: deps
	scripts/test-consumer-fixture

check-readme: deps
	scripts/check-readme-path

embed-templates:
	scripts/embed-templates

# Benchmarks (Benchmarks/, docs/performance.md): one run starts a throwaway PostgreSQL, seeds it, measures the ceilings
# (pgbench -S -M prepared with 1 and 4 clients, COPY) and the Swift workloads (release), prints the comparison table
# and writes Benchmarks/results/latest.json. Not part of `make test`; BENCH_PGBENCH_SECONDS sets pgbench's duration.
.PHONY: bench
bench: deps
	@scripts/ensure-debian-packages postgresql-contrib python3
	Benchmarks/scripts/run-bench
