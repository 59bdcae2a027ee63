# scripts/valgrind.mk — `make valgrind`: the release build under valgrind memcheck over corpus/ and
# the real reports, in-process and with workers; fails on definite leaks and invalid accesses
# (scripts/valgrind-run, suppressions in scripts/valgrind.supp).

.PHONY: valgrind

valgrind: nianbao
	@./scripts/valgrind-run ./nianbao
