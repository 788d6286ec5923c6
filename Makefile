# The two commands of the README, and the targets behind them.
#   make run   set up, build, and run the reference portfolio into its outbox
#   make test  set up, build with ASan+UBSan, and run every test
# Both builds treat warnings as errors (QUARTERDECK_WERROR); a plain
# `cmake -DCMAKE_BUILD_TYPE=Release` build does not.
JOBS ?= 2
BUILD ?= build
TEST_BUILD ?= build-asan
PORTFOLIO ?= examples/portfolio

.PHONY: setup build fixtures run test test-build golden bench screenshots fuzz format check-format clean

setup:
	@scripts/setup

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUARTERDECK_TESTS=OFF -DQUARTERDECK_WERROR=ON >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

# The example portfolio's repositories are plain files in repo-fixtures/,
# made into git repositories (with their history) here.
fixtures: setup
	@scripts/build-fixture-repos examples/portfolio/repo-fixtures examples/portfolio/repos

run: build fixtures
	$(BUILD)/quarterdeck run $(PORTFOLIO)

test-build: setup
	@cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DQUARTERDECK_SANITIZE=ON -DQUARTERDECK_WERROR=ON >/dev/null
	@cmake --build $(TEST_BUILD) -j$(JOBS)

test: test-build fixtures
	cd $(TEST_BUILD) && ctest --output-on-failure -j$(JOBS)

# Rewrites the golden reports in tests/golden/ from the current code;
# review the diff before committing it.
golden: test-build fixtures
	tests/golden/check.sh $(TEST_BUILD)/quarterdeck --update

# Side-by-side benchmarks (minutes, not part of make test); see docs/benchmarks.md.
bench: build
	bench/ledger/run.py $(BUILD)/quarterdeck $(BUILD)/bench-data
	bench/delivery/run.py $(BUILD)/quarterdeck $(BUILD)/bench-delivery
	bench/scan/run.py $(BUILD)/quarterdeck $(BUILD)/bench-scan
	bench/generate/run.py $(BUILD)/quarterdeck $(BUILD)/bench-generate
	bench/generate/entities.py $(BUILD)/quarterdeck $(BUILD)/bench-entities
	bench/render/run.py $(BUILD)/quarterdeck $(BUILD)/bench-render

# The docs' pictures of the reference reports (phone, desktop, first PDF
# page) in docs/screenshots/, with headless Chromium and pdftoppm.
screenshots: build fixtures
	scripts/screenshots $(BUILD)/quarterdeck docs/screenshots

# Fuzzes the journal reader, the secret scanner (rules and input), the
# handoff Markdown reader and the CSV readers (records and bank CSV with its
# rules) with AFL++ (ASan+UBSan), FUZZ_SECONDS each (default 120).
fuzz:
	@scripts/setup fuzz
	@CXX=afl-g++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUARTERDECK_SANITIZE=ON \
		-DQUARTERDECK_TESTS=OFF -DQUARTERDECK_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j$(JOBS) --target journal_fuzz scan_fuzz handoffs_fuzz csv_fuzz
	fuzz/run.sh build-fuzz

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

check-format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD) $(TEST_BUILD) build-fuzz
