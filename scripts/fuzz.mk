# scripts/fuzz.mk — `make fuzz`: build the libFuzzer targets in tests/fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined) and run each for FUZZ_SECONDS.
#
#   make fuzz                       every target, FUZZ_SECONDS (60) each, one after the other
#   make fuzz FUZZ_SECONDS=900 FUZZ_TARGETS=fuzz_pdf
#   make fuzz-build                 only build them (build/fuzz/fuzz_*)
#
# Targets: fuzz_text, fuzz_pdf, fuzz_html (the whole pipeline from bytes of each kind), fuzz_docx
# (Word and ODF: the zip and the XML in it; seeded with generated .docx/.odt when build/nbgen is
# built) and fuzz_journal (the --resume journal reader). Seeds: the project's corpus/, the real reports in
# ../shared/corpus (read in place, never copied), tests/fuzz/KIND-seeds and the regressions. New inputs go to build/fuzz/corpus-TARGET, crashes to
# build/fuzz/artifacts/. A crash found becomes a file in tests/fuzz/regressions/TARGET/, which
# tests/test_fuzz_regress.c replays under `make test`.

FUZZ         := build/fuzz
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 1
FUZZ_SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_ALL     := $(patsubst tests/fuzz/%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_TARGETS ?= $(FUZZ_ALL)
# text reports are tens of KB; the real PDFs up to ~300 KB
FUZZ_MAXLEN_fuzz_text := 131072
FUZZ_MAXLEN_fuzz_pdf  := 524288
FUZZ_MAXLEN_fuzz_html := 65536
FUZZ_MAXLEN_fuzz_journal := 4096
FUZZ_MAXLEN_fuzz_docx := 262144
FUZZ_MAXLEN_fuzz_ocr  := 65536
# a page of OCR is seconds of Tesseract, tens under ASan on a loaded machine: a hang is much longer
FUZZ_TIMEOUT_fuzz_ocr := 180
FUZZ_SEEDS   := $(firstword $(wildcard corpus/docs corpus)) $(wildcard ../shared/corpus/seed ../shared/corpus/real)

.PHONY: fuzz fuzz-build

fuzz-build: $(addprefix $(FUZZ)/,$(FUZZ_ALL))

$(FUZZ)/%.o: %.c $(wildcard */*.h) $(wildcard tests/fuzz/*.h) parser/cjk_compat.inc
	@mkdir -p $(dir $@)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) -O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN) $(WARN) $(DEFS) $(PKG_CFLAGS) -c -o $@ $<

$(FUZZ)/fuzz_%: $(FUZZ)/tests/fuzz/fuzz_%.o $(patsubst %.c,$(FUZZ)/%.o,$(SRC_LIB))
	@echo "  LD fuzz $@"
	@$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(PKG_LIBS)

fuzz: $(addprefix $(FUZZ)/,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ)/corpus-$$t $(FUZZ)/artifacts; \
	  dict=; [ -f tests/fuzz/$${t#fuzz_}.dict ] && dict=-dict=tests/fuzz/$${t#fuzz_}.dict; \
	  maxlen=; case $$t in fuzz_text) maxlen=$(FUZZ_MAXLEN_fuzz_text);; fuzz_pdf) maxlen=$(FUZZ_MAXLEN_fuzz_pdf);; \
	    fuzz_html) maxlen=$(FUZZ_MAXLEN_fuzz_html);; fuzz_journal) maxlen=$(FUZZ_MAXLEN_fuzz_journal);; \
	    fuzz_docx) maxlen=$(FUZZ_MAXLEN_fuzz_docx);; fuzz_ocr) maxlen=$(FUZZ_MAXLEN_fuzz_ocr);; esac; \
	  timeout=30; [ $$t = fuzz_ocr ] && timeout=$(FUZZ_TIMEOUT_fuzz_ocr); \
	  reg=; [ -d tests/fuzz/regressions/$$t ] && reg=tests/fuzz/regressions/$$t; \
	  own=; [ -d tests/fuzz/$${t#fuzz_}-seeds ] && own=tests/fuzz/$${t#fuzz_}-seeds; \
	  seeds="$(FUZZ_SEEDS)"; [ $$t = fuzz_journal ] || [ $$t = fuzz_ocr ] && seeds=; \
	  if [ $$t = fuzz_docx ]; then seeds=$(FUZZ)/docx-gen/docs; [ -x build/nbgen ] && \
	    build/nbgen --seed 7 --count 12 --kinds docx,odt --multi 0 --out $(FUZZ)/docx-gen >/dev/null 2>&1; fi; \
	  echo "== $$t for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  $(FUZZ)/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=$$timeout -rss_limit_mb=2560 -max_len=$${maxlen:-262144} \
	    $(if $(filter-out 1,$(FUZZ_JOBS)),-jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS)) -print_final_stats=1 $$dict \
	    -artifact_prefix=$(FUZZ)/artifacts/$$t- \
	    $(FUZZ)/corpus-$$t $$seeds $$own $$reg || exit 1; \
	done
