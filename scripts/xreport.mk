# scripts/xreport.mk — `make xeval`: the rules across reports (issue 15) scored on generated series
# (scripts/xseries.py: agencies over five years with injected breaks, second reports, copies of
# another agency's report, reports rewritten from last year, a roster) by scripts/xeval.py, which
# prints each rule's precision and recall and the copy detector's at every threshold. `make eval`
# runs it first. Included by the top Makefile.
#
#   make xeval                      200 agencies (about 1,000 reports)
#   make xeval XAGENCIES=2000       about 10,000

XAGENCIES ?= 200
XSEED     ?= 16

.PHONY: xeval

xeval: build/nbgen nianbao
	@python3 scripts/xseries.py --nbgen build/nbgen --seed $(XSEED) --agencies $(XAGENCIES) --out build/xeval >/dev/null
	@python3 scripts/xeval.py --nianbao ./nianbao --dir build/xeval

eval: xeval
