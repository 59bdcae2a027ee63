# scripts/mutate.mk — `make mutate`: the small mutants of tests/mutants.txt, each applied to a scratch
# copy and run against its suites (scripts/mutate); every one must be killed. Slow, so not part of
# `make test`: run it before resolving a change to core logic or to the tests. Included by the top
# Makefile.
.PHONY: mutate

mutate:
	./scripts/mutate tests/mutants.txt
