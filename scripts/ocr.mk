# scripts/ocr.mk — OCR's tools and figures. Included by the top Makefile.
#
#   make build/nbscan     the scan degrader (scripts/scan/nbscan.c) behind scripts/make-scans
#   make eval-ocr [OCR_N=6] [OCR_LEVELS="clean-300 ..."]
#                         generate OCR_N reports (cairo PDFs), turn them into scans at every level
#                         (scripts/make-scans), extract with ./nianbao and score the cells per level
#                         with build/nbeval; also times the pages against the tesseract command
#                         (scripts/eval-ocr)

SCAN_PKGS := cairo libjpeg
OCR_N ?= 6
OCR_LEVELS ?= clean-300 clean-200 noise-300 skew-300 jpeg-300 stamp-300 scan-300 scan-200

.PHONY: eval-ocr

build/nbscan: scripts/scan/nbscan.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(OPT) $(WARN) -D_GNU_SOURCE $(shell pkg-config --cflags $(SCAN_PKGS)) -o $@ $< $(shell pkg-config --libs $(SCAN_PKGS)) -lm

eval-ocr: nianbao build/nbgen build/nbeval build/nbscan
	./scripts/eval-ocr --count $(OCR_N) --levels "$(OCR_LEVELS)"

# `make eval` is every measurement: the OCR levels too (slow; make test runs only cli/ocr's one scan)
eval: eval-ocr
