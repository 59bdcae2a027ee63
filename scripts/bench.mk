# scripts/bench.mk — `make bench`: nianbao against poppler's pdftotext and pdfminer's pdf2txt, text
# throughput, scale and workers, on this machine (scripts/bench.py says how it measures). Writes
# docs/BENCHMARKS.md. Also the rules across reports (issue 15): peak RSS of an audit of scripts/xseries.py
# series at two sizes (~1,000 and ~10,000 reports, --no-fork) and the stage's share of the audit's CPU
# (bench_xstage). Included by the top Makefile.
#
#   make bench                        the full run (ten minutes or so on two cores), then bench-rerun
#   make bench BENCH_ARGS=--quick     small sets, two rounds: to try the driver
#   make bench-rerun                  nightly reruns with --state against the first run (issue 15):
#                                     about 1,000 text reports and 100 PDFs (scripts/bench-rerun)
#   make bench-rerun RERUN_REPORTS=10000 RERUN_PDFS=300   the issue's figure (generating the 10,000
#                                     takes some minutes the first time; kept in build/bench/rerun)

BENCH_ARGS ?=
RERUN_REPORTS ?= 1000
RERUN_PDFS ?= 100
RERUN_ROUNDS ?= 3

.PHONY: bench bench-deps bench-rerun

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
	@$(MAKE) --no-print-directory bench-rerun

bench-rerun: nianbao build/nbgen
	@python3 scripts/bench-rerun --nianbao ./nianbao --nbgen build/nbgen --reports $(RERUN_REPORTS) --pdfs $(RERUN_PDFS) \
	    --rounds $(RERUN_ROUNDS)
