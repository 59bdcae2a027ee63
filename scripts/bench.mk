# scripts/bench.mk — `make bench`: nianbao against poppler's pdftotext and pdfminer's pdf2txt, text
# throughput, scale and workers, on this machine (scripts/bench.py says how it measures). Writes
# docs/BENCHMARKS.md. Included by the top Makefile.
#
#   make bench                        the full run (ten minutes or so on two cores)
#   make bench BENCH_ARGS=--quick     small sets, two rounds: to try the driver

BENCH_ARGS ?=

.PHONY: bench bench-deps

bench-deps:
	@./scripts/install-deps --bench

# The poppler-glib floor (scripts/bench/pgfloor.c): linked like nianbao.
build/bench/pgfloor: scripts/bench/pgfloor.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(OPT) $(WARN) $(shell pkg-config --cflags poppler-glib) -o $@ $< $(LINK_FIRST) $(shell pkg-config --libs poppler-glib)

# The binary measured is the one `make` builds (-O2), not a special one: the numbers describe what
# users run.
bench: bench-deps nianbao build/nbgen build/bench/pgfloor build/nbscan
	@python3 scripts/bench.py --nianbao ./nianbao --nbgen build/nbgen --floor build/bench/pgfloor $(BENCH_ARGS)
