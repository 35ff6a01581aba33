# SPDX-License-Identifier: GPL-3.0-or-later
# A thin wrapper around meson: `make run` and `make check` work on a fresh Debian 12.
BUILD ?= build
DEMO_DB ?= $(BUILD)/demo-clinic.sqlite
XVFB = xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session --

.PHONY: all deps build run demo check bench clean

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

# Speed goals, apart from `make check`: `make bench`, or `make bench BENCH_ROWS=2000`.
BENCH_ROWS ?= 100000

bench: build
	meson test -C $(BUILD) --benchmark --print-errorlogs --test-args '--rows $(BENCH_ROWS)'

clean:
	rm -rf $(BUILD)
