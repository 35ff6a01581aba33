# SPDX-License-Identifier: GPL-3.0-or-later
# A thin wrapper around meson: `make run` and `make check` work on a fresh Debian 12.
BUILD ?= build
DEMO_DB ?= $(BUILD)/demo-clinic.sqlite
XVFB = xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session --

.PHONY: all deps build run demo check check-sanitized bench fuzz flatpak screenshots clean

all: build

deps:
	@build-aux/install-deps

$(BUILD)/build.ninja:
	@build-aux/install-deps
	meson setup $(BUILD)

build: deps $(BUILD)/build.ninja
	meson compile -C $(BUILD)

# The demo clinic lives in the build folder, apart from real clinic data.
$(DEMO_DB): | build
	$(BUILD)/src/limber --database $(DEMO_DB) demo

demo: build $(DEMO_DB)

run: demo
	GSETTINGS_SCHEMA_DIR=$(BUILD)/data $(BUILD)/src/limber --database $(DEMO_DB)

check: build
	$(XVFB) meson test -C $(BUILD) --print-errorlogs --num-processes 2; \
	  status=$$?; build-aux/test-totals $(BUILD); exit $$status

# The test suites again with ASan, LSan and UBSan in SANITIZE_BUILD, any report a
# failure (all but the crash sweep; see build-aux/check-sanitized).
SANITIZE_BUILD ?= build-sanitize

check-sanitized: deps
	build-aux/check-sanitized $(SANITIZE_BUILD)

# Speed goals, apart from `make check`: `make bench` (a clinic of 10 000 patients), or
# `make bench BENCH_PATIENTS=1000`. The generated clinic is kept in BENCH_DATA.
BENCH_PATIENTS ?= 10000
BENCH_DATA ?= $(abspath $(BUILD))/bench-data

bench: build
	$(XVFB) meson test -C $(BUILD) --benchmark --print-errorlogs \
	  --test-args '--patients $(BENCH_PATIENTS) --data-dir $(BENCH_DATA)'

# The libFuzzer harnesses of tests/fuzz/ with ASan and UBSan, FUZZ_SECONDS each, in a
# build folder of their own (needs clang; says what is missing): `make fuzz
# FUZZ_SECONDS=600`. New corpus entries and findings stay in FUZZ_BUILD.
FUZZ_SECONDS ?= 60
FUZZ_BUILD ?= build-fuzz

fuzz:
	build-aux/run-fuzzers $(FUZZ_BUILD) $(FUZZ_SECONDS)

# Needs flatpak-builder and the GNOME runtime the manifest names; says which is missing.
flatpak:
	@build-aux/build-flatpak $(BUILD)

# The software centre's screenshots in data/screenshots/, from the demo clinic.
screenshots: build
	build-aux/take-screenshots $(BUILD)

clean:
	rm -rf $(BUILD)
