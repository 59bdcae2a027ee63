# scripts/html.mk — `make bench-html`: the HTML report's page size and open time at 1,000 reports
# (scripts/bench-html; needs chromium and node).
.PHONY: bench-html
bench-html: nianbao gen
	./scripts/bench-html $(or $(N),1000)
