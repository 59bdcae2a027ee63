# scripts/gen.mk — the corpus generator (build/nbgen), the evaluation harness (build/nbeval) and
# their targets. Included by the top Makefile.
#
#   make gen              build build/nbgen and build/nbeval
#   make corpus           regenerate the committed sample corpus/ (deterministic)
#   make eval [N=300]     generate N reports, audit them with ./nianbao, score; then the real reports
#   make eval-fast        a fixed slice of ~30 reports; fails on a cell wrong, missing or uncertain (but a flat
#                         page's known ambiguity), and on finding recall or precision below 100%

GEN_SRC   := $(sort $(wildcard scripts/gen/*.c))
EVAL_SRC  := $(sort $(wildcard scripts/eval/*.c))
GEN_PKGS  := pangocairo poppler-glib libzip
GEN_FLAGS  = $(OPT) $(WARN) -D_GNU_SOURCE $(shell pkg-config --cflags $(GEN_PKGS))
N         ?= 300

.PHONY: gen corpus eval eval-fast

gen: build/nbgen build/nbeval

build/nbgen: $(patsubst %.c,build/gen/%.o,$(GEN_SRC))
	$(CC) $(OPT) -o $@ $^ $(shell pkg-config --libs $(GEN_PKGS)) -lcsv -lm

build/nbeval: $(patsubst %.c,build/gen/%.o,$(EVAL_SRC))
	$(CC) $(OPT) -o $@ $^ -lcsv -lm

build/gen/scripts/%.o: scripts/%.c $(wildcard scripts/gen/*.h scripts/eval/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(GEN_FLAGS) -c -o $@ $<

corpus: build/nbgen
	./scripts/make-corpus build/nbgen corpus

eval: build/nbgen build/nbeval nianbao
	./scripts/eval.sh --count $(N)

eval-fast: build/nbgen build/nbeval nianbao
	./scripts/eval.sh --fast
