/*
 * cmd/dump.c — `nianbao dump FILE...`: print the document model as the parser saw it.
 *
 * Per page, every line with its page/line number, its vertical position and its words, each word
 * prefixed by its x position (@x); then the sections with the lines they span, the title's agency and
 * year, the signature and the other dates. It is how people and tests see what the parser saw.
 * The format is for reading; its line prefixes (== , -- page, L, section, agency:, year:, signed:) are
 * stable so tests can grep them.
 */
#include <stdio.h>
#include <string.h>

#include "../parser/ingest.h"
#include "../parser/report.h"
#include "../parser/table.h"
#include "cli.h"
#include "inputs.h"

static void print_line(const nb_doc *d, uint32_t i)
{
    const nb_line *l = &d->lines[i];
    printf("L%-5u y=%-7.1f%s", i + 1, l->box.y0,
           l->flags & NB_LINE_FURNITURE ? " [furniture]" : l->flags & NB_LINE_RULE ? " [rule]" : "");
    if (l->level) printf(" [h%u]", l->level);
    if (l->src_table) printf(" [table %u row %u]", l->src_table, l->src_row);
    for (uint32_t k = 0; k < l->nwords; k++) {
        const nb_word *w = &d->words[l->first_word + k];
        printf(" @%.1f", w->box.x0);
        if (w->flags & NB_WORD_FIELD) printf("|%.*s|", (int)w->len, nb_word_text(d, w));
        else printf(" %.*s", (int)w->len, nb_word_text(d, w));
    }
    putchar('\n');
}

static void print_date(const char *label, const nb_date *dt)
{
    if (!dt->found) return;
    printf("%s %04d-%02d-%02d (%s)\n", label, dt->y, dt->m, dt->d, dt->text ? dt->text : "");
}

static uint32_t line_of(const nb_report *r, size_t at)
{
    uint32_t line, off;
    nb_stream_locate(&r->stream, r->doc->nlines, at, &line, &off);
    return line + 1;
}

static void dump_report(const nb_report *r)
{
    static const char *num[NB_NSECTIONS] = {"一", "二", "三", "四", "五", "六"};
    for (int k = 0; k < NB_NSECTIONS; k++) {
        const nb_section *s = &r->sec[k];
        if (!s->found) {
            printf("section %s %s: not found\n", num[k], nb_section_name(k));
            continue;
        }
        printf("section %s %s: lines %u-%u \"%s\"\n", num[k], nb_section_name(k), line_of(r, s->head),
               line_of(r, s->end > s->head ? s->end - 1 : s->head), s->heading);
    }
    printf("title: %s [%s]\n", r->id.title ? r->id.title : "(not found)",
           r->id.title_source ? r->id.title_source : "-");
    printf("agency: %s\n", r->id.agency ? r->id.agency : "(not found)");
    if (r->id.year) printf("year: %d\n", r->id.year);
    else printf("year: (not found)\n");
    if (r->id.signed_on.found) {
        print_date("signed:", &r->id.signed_on);
        if (r->id.signed_by) printf("signed by: %s\n", r->id.signed_by);
    } else {
        printf("signed: (not found)\n");
    }
    print_date("published:", &r->id.published);
    if (r->id.published.found) printf("published from: %s\n", r->id.published_source);
    print_date("period from:", &r->id.period_from);
    print_date("period to:", &r->id.period_to);
    const nb_tables *ts = r->tables;
    if (!ts) return;
    printf("version: %s\n", ts->version);
    for (int i = 0; i < ts->ntables; i++) {
        const nb_table *t = &ts->t[i];
        printf("table %s: %s", t->def->code, t->found ? "found" : "not found");
        if (t->found) printf(", pages %u-%u", t->first_page, t->last_page);
        if (t->copies > 1) printf(", %d copies", t->copies);
        putchar('\n');
        for (int row = 0; row < t->def->nrows; row++) {
            if (!t->row_found[row]) continue;
            printf("  %-22s", t->def->rows[row].code);
            for (int c = 0; c < t->def->ncols; c++) {
                if (!nb_row_has_col(t->def, row, c)) continue;
                const nb_cell *cell = nb_table_cell(t, row, c);
                if (cell->kind == NB_CELL_ABSENT) printf(" .");
                else if (!cell->certain) printf(" ?(%s)", cell->why ? cell->why : "");
                else if (cell->kind == NB_CELL_BLANK) printf(" [%s]", cell->raw);
                else printf(" %s", cell->value);
            }
            putchar('\n');
        }
    }
}

static int dump_one(const nb_opts *o, const char *path)
{
    nb_ingest_limits lim = {0};
    lim.ocr = o->ocr;
    lim.ocr_dpi = (unsigned)o->ocr_dpi;
    nb_doc *d = nb_ingest(path, &lim);
    printf("== %s\n", path);
    printf("kind: %s  pages: %u  lines: %u  words: %u  sha256: %s\n", *nb_kind_name(d->kind) ? nb_kind_name(d->kind) : "unknown", d->npages,
           d->nlines, d->nwords, d->sha256);
    if (d->ocr_pages)
        printf("ocr: %u pages, %u characters, mean confidence %.1f\n", d->ocr_pages, d->ocr_chars,
               d->ocr_chars ? d->ocr_conf_sum / d->ocr_chars : 0.0);
    if (d->ocr_regions) printf("ocr pictures: %u read on pages with a text layer\n", d->ocr_regions);
    if (d->ocr_pages)
        printf("ocr orientation: %u upright, %u turned 90, %u turned 180, %u turned 270%s%s\n", d->ocr_turned[0],
               d->ocr_turned[1], d->ocr_turned[2], d->ocr_turned[3], d->ocr_turn_note ? "; " : "",
               d->ocr_turn_note ? d->ocr_turn_note : "");
    else if (d->ocr_note)
        printf("ocr: not run: %s\n", d->ocr_note);
    if (d->status == NB_STATUS_ERROR) {
        const char *msg = nb_error_message(d->err, o->en ? "en" : "zh");
        printf("error: %s: %s%s%s\n", nb_error_code(d->err), msg, d->detail ? " - " : "", d->detail ? d->detail : "");
        nb_warn_file(o, path, msg, d->detail);
        nb_doc_free(d);
        return 1;
    }
    if (d->meta.encoding) printf("encoding: %s\n", d->meta.encoding);
    if (d->invalid_bytes) printf("invalid bytes replaced: %u\n", d->invalid_bytes);
    if (d->meta.title) printf("meta title: %s\n", d->meta.title);
    if (d->meta.producer) printf("meta producer: %s\n", d->meta.producer);
    if (d->meta.creator) printf("meta creator: %s\n", d->meta.creator);
    if (d->meta.creation_date) printf("meta created: %s\n", d->meta.creation_date);
    if (d->meta.mod_date) printf("meta modified: %s\n", d->meta.mod_date);
    if (d->meta.author) printf("meta author: %s\n", d->meta.author);
    if (d->meta.last_author) printf("meta last author: %s\n", d->meta.last_author);
    if (d->status == NB_STATUS_NO_TEXT_LAYER) {
        printf("status: no_text_layer\n");
        nb_warn_file(o, path, NB_TR(o, "PDF 没有文字层（扫描件）", "the PDF has no text layer (scanned)"), NULL);
    }
    for (uint32_t p = 0; p < d->npages; p++) {
        const nb_page *pg = &d->pages[p];
        printf("-- page %u (%.0fx%.0f)\n", p + 1, pg->width, pg->height);
        for (uint32_t i = pg->first_line; i < pg->first_line + pg->nlines; i++)
            if (d->lines[i].raw_len) print_line(d, i);
    }
    nb_report r;
    nb_report_init(&r, d);
    nb_read_tables(&r);
    dump_report(&r);
    nb_doc_free(d);
    return 0;
}

int cmd_dump(int argc, char **argv, nb_opts *o)
{
    (void)argc;
    (void)argv;
    nb_inputs in;
    if (nb_inputs_collect(o, &in) != 0) return NB_EXIT_TROUBLE;
    if (in.n == 0) {
        fprintf(stderr, "%s", NB_TR(o, "nianbao dump: 需要至少一个文件\n", "nianbao dump: at least one file is needed\n"));
        nb_inputs_free(&in);
        return NB_EXIT_TROUBLE;
    }
    int failed = 0;
    for (size_t i = 0; i < in.n; i++) {
        if (in.v[i].err) {
            printf("== %s\nerror: %s: %s\n", in.v[i].path, nb_error_code(in.v[i].err),
                   nb_error_message(in.v[i].err, o->en ? "en" : "zh"));
            nb_warn_file(o, in.v[i].path, nb_error_message(in.v[i].err, o->en ? "en" : "zh"), in.v[i].detail);
            failed = 1;
            continue;
        }
        failed |= dump_one(o, in.v[i].path);
        fflush(stdout);
    }
    nb_inputs_free(&in);
    return failed ? NB_EXIT_TROUBLE : NB_EXIT_OK;
}
