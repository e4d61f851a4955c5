# tokcost: one non-recursive Makefile. `make report` sets up a fresh Debian
# machine (packages), builds, and renders scenarios/ into out/.

PACKAGES := build-essential pkg-config libyaml-dev libxlsxwriter-dev \
            libcairo2-dev libhpdf-dev libcmocka-dev libjansson-dev nettle-dev \
            fonts-dejavu-core
# What the tests use beyond the build (checkers of the outputs).
TEST_PACKAGES := gnumeric poppler-utils qpdf python3

PKGS    := yaml-0.1 cairo freetype2 xlsxwriter jansson nettle
CC      ?= cc
CSTD    := -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT     ?= -O2 -g
CFLAGS  += $(CSTD) $(WARN) $(OPT) -Iinclude
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lm
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

BUILD   ?= build
LIB_SRC := $(filter-out gen/main.c,$(wildcard gen/*.c)) $(wildcard charts/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_BIN := $(BUILD)/bench/bench_eval
DEPFLAGS = -MMD -MP

SCENARIOS := $(wildcard scenarios/*.yaml)

.PHONY: all report test asan bench clean deps test-deps check-deps

all: tokcost

# The program is built per build folder (plain, asan); ./tokcost points at the plain one.
tokcost: $(BUILD)/tokcost
	ln -sf $(BUILD)/tokcost tokcost

$(BUILD)/tokcost: $(BUILD)/gen/main.o $(BUILD)/libtokcost.a
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libtokcost.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c tests/tc_test.h $(BUILD)/libtokcost.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(BUILD)/libtokcost.a $(PKG_LIBS) $(CMOCKA_LIBS)

$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libtokcost.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(BUILD)/libtokcost.a $(PKG_LIBS)

# Installs missing packages as root, else prints the one command to run.
deps:
	@sh tests/deps.sh $(PACKAGES)

test-deps:
	@sh tests/deps.sh $(PACKAGES) $(TEST_PACKAGES)

report: deps
	@$(MAKE) --no-print-directory tokcost
	./tokcost render $(SCENARIOS) -o out

test: $(BUILD)/tokcost $(TEST_BIN)
	@sh tests/run_tests.sh $(BUILD) $(TEST_BIN)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	@$(MAKE) --no-print-directory BUILD=build-asan \
	  OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  test

bench: $(BENCH_BIN) $(BUILD)/tokcost
	@sh tests/bench/run.sh $(BUILD)

clean:
	rm -rf build build-asan tokcost out

-include $(LIB_OBJ:.o=.d) $(BUILD)/gen/main.d
