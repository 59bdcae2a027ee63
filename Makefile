# Makefile — build nianbao, run it over the sample corpus, run the tests.
#
#   make            build ./nianbao
#   make run        install missing Debian packages, build, audit corpus/ and print a summary
#   make test       install missing Debian packages, build with ASan+UBSan, run the whole suite
#   make install PREFIX=/usr/local
#   make eval | bench | fuzz | valgrind | gen    see README.md
#
# Libraries come through pkg-config; libcsv has no .pc file on Debian and is linked as -lcsv.

CC      ?= cc
PREFIX  ?= /usr/local
PKGS    := poppler-glib cairo zlib libpcre2-8 libxml-2.0 libzip json-c sqlite3
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)

WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
DEFS    := -D_GNU_SOURCE -DNB_VERSION='"$(VERSION)"' -Ibuild/gen
# Optional: OCR of scanned pages with Tesseract (parser/ocr.c), compiled against its headers when
# pkg-config finds them and loaded with dlopen on the first scanned page (parser/ocr.h says why).
OCR_FOUND := $(shell pkg-config --exists tesseract && echo yes)
ifeq ($(OCR_FOUND),yes)
DEFS    += -DNB_HAVE_OCR
OCR_CFLAGS = $(shell pkg-config --cflags tesseract)
OPTIONAL_BUILT += OCR (Tesseract $(shell pkg-config --modversion tesseract), loaded at run time)
else
OPTIONAL_BUILT += no OCR (libtesseract-dev not found: scanned pages stay no_text_layer)
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS)) $(OCR_CFLAGS)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lcsv -lm
# -O3 and link-time optimisation: the reader's small helpers (vectors, arena, pattern calls, table
# cells) live in other files than their callers; inlining them across files took ~5% off the
# instructions of an audit (callgrind) with byte-identical outputs. The sanitizer build keeps -O1.
OPT     ?= -O3 -g -flto=auto
# Start-up: poppler-glib brings some fifty shared libraries, most linked -z now, so every run
# resolves ~12,000 symbols, each by searching the loaded objects in order, this executable's
# DT_NEEDED list first. Naming first the libraries where most searches end (poppler, libstdc++,
# libc, glib: ~7,100 of them) cuts those searches short. callgrind, `nianbao --version`:
# 18.6M -> 16.5M instructions. Release link only. Of 11,700 bindings (LD_DEBUG=bindings) 18 move,
# all to an identical definition: C++ template instances and typeinfo, modf/frexp (libc and libm).
LINK_FIRST := -Wl,--no-as-needed -lpoppler -lstdc++ -lc -lglib-2.0 -Wl,--as-needed

SRC_LIB := $(sort $(wildcard parser/*.c rules/*.c store/*.c report/*.c)) $(filter-out cmd/main.c,$(sort $(wildcard cmd/*.c)))
SRC_MAIN := cmd/main.c
TESTS   := $(patsubst tests/%.c,%,$(sort $(wildcard tests/test_*.c)))

REL := build/rel
SAN := build/san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

.SECONDARY:

.PHONY: all run test check unit deps install clean eval bench fuzz valgrind gen

all: nianbao

deps:
	@./scripts/install-deps

nianbao: $(patsubst %.c,$(REL)/%.o,$(SRC_LIB) $(SRC_MAIN))
	@echo "  LD      $@"
	@$(CC) $(OPT) -o $@ $^ $(LINK_FIRST) $(PKG_LIBS)
	@echo "  optional parts: $(OPTIONAL_BUILT)"

$(REL)/%.o: %.c $(wildcard */*.h) parser/cjk_compat.inc
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(OPT) $(WARN) $(DEFS) $(PKG_CFLAGS) -c -o $@ $<

# The HTML report's stylesheet and script are edited as files and compiled in as strings.
build/gen/page_assets.h: report/page.css report/page.js scripts/embed-text
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	@{ ./scripts/embed-text nb_page_css report/page.css; ./scripts/embed-text nb_page_js report/page.js; } > $@.tmp && mv $@.tmp $@
$(REL)/report/html.o $(SAN)/report/html.o: build/gen/page_assets.h

# ---- sanitizer build: the binary and the unit tests ----
$(SAN)/%.o: %.c $(wildcard */*.h) parser/cjk_compat.inc
	@mkdir -p $(dir $@)
	@echo "  CC san  $<"
	@$(CC) -O1 -g $(SANFLAGS) $(WARN) $(DEFS) $(PKG_CFLAGS) -c -o $@ $<

$(SAN)/nianbao: $(patsubst %.c,$(SAN)/%.o,$(SRC_LIB) $(SRC_MAIN))
	@echo "  LD san  $@"
	@$(CC) $(SANFLAGS) -o $@ $^ $(PKG_LIBS)

$(SAN)/tests/%: $(SAN)/tests/%.o $(patsubst %.c,$(SAN)/%.o,$(SRC_LIB))
	@echo "  LD san  $@"
	@$(CC) $(SANFLAGS) -o $@ $^ $(PKG_LIBS) $(shell pkg-config --libs cmocka)

$(SAN)/tests/%.o: tests/%.c $(wildcard */*.h)
	@mkdir -p $(dir $@)
	@echo "  CC san  $<"
	@$(CC) -O1 -g $(SANFLAGS) $(WARN) $(DEFS) $(PKG_CFLAGS) $(shell pkg-config --cflags cmocka) -c -o $@ $<

# ---- the two commands of the README ----
run: deps nianbao
	./scripts/run-corpus ./nianbao corpus

test: deps nianbao gen build/nbscan $(SAN)/nianbao $(addprefix $(SAN)/tests/,$(TESTS))
	@NIANBAO=$(SAN)/nianbao TESTBIN=$(SAN)/tests ./tests/run-all $(TESTS)

check: test

install: nianbao
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 nianbao $(DESTDIR)$(PREFIX)/bin/nianbao
	install -m 644 docs/nianbao.1 $(DESTDIR)$(PREFIX)/share/man/man1/nianbao.1

clean:
	rm -rf build nianbao

# Fragments for the tools in scripts/ (the corpus generator, eval, bench, fuzz) keep their rules
# beside their sources.
-include $(sort $(wildcard scripts/*.mk))
