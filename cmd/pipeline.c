/*
 * cmd/pipeline.c — run one document through ingest, report, tables (and the audit step), and
 * format its rows for every output file (see pipeline.h for the shape, FORMAT.md for the codes).
 */
#include "pipeline.h"

#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../parser/report.h"
#include "../parser/sha256.h"
#include "../parser/table.h"
#include "../rules/metrics.h"
#include "../rules/xreport.h"

static const char *const out_names[NB_OUT__COUNT] = {
    "documents.csv", "cells.csv", "t2.csv", "t3.csv", "t4.csv", "findings.csv", "findings.jsonl", "metrics.csv",
    "xreport.tsv", "shard-index.tsv",
};

const char *nb_out_name(int k) { return out_names[k]; }

/* The columns of the output files: the CSV header rows and datapackage.json come from here. */
typedef struct out_col {
    const char *name, *type, *desc;
} out_col;

/* Every per-report file starts with these. */
static const out_col key_cols[] = {
    {"file", "string", "the input path as given"},
    {"sha256", "string", "SHA-256 of the input file's bytes"},
    {"agency", "string", "the reporting agency, from the title"},
    {"year", "integer", "the report year, from the title"},
    {"version", "string", "template version: 2021, 2019, pre2019 or unknown"},
    {NULL, NULL, NULL},
};

static const out_col document_cols[] = {
    {"file", "string", "the input path as given"},
    {"sha256", "string", "SHA-256 of the input file's bytes"},
    {"kind", "string", "pdf, pdf-ocr (some pages read by OCR), text, html, docx, odt, doc or wps (by content)"},
    {"pages", "integer", "pages read"},
    {"agency", "string", "the reporting agency, from the title"},
    {"year", "integer", "the report year, from the title"},
    {"version", "string", "template version: 2021, 2019, pre2019 or unknown"},
    {"signed_date", "date", "the date under the signature, as printed (may be impossible)"},
    {"published_date", "date", "when the report was published, as its source states it (see published_source)"},
    {"published_source", "string", "where published_date was read: meta (a page's <meta name=PubDate>), header "
                                   "(a crawler's 发布时间), text (a 发布日期/发布时间 line of the page), pdf-creation "
                                   "(the PDF's creation date, a last resort, never judged by the deadline rules)"},
    {"status", "string", "ok, error, no_text_layer, pre2019, not_template, not_report"},
    {"message", "string", "why a file failed, or what a reader should know"},
    {"ocr_confidence", "number", "pdf-ocr: the mean confidence (0-100) of the characters recognised; empty otherwise"},
    {NULL, NULL, NULL},
};

/* cells.csv: key_cols, then these */
static const out_col cell_cols[] = {
    {"table", "string", "t2, t3 or t4 (FORMAT.md section 4)"},
    {"row", "string", "row code, e.g. new, denied.secret"},
    {"col", "string", "column code, e.g. natural, total"},
    {"value", "number", "the number as printed, normalised; empty for a blank or a cell not read with certainty"},
    {"unit", "string", "a money cell's unit as printed in the cell or its column header (元, 万元), never applied "
                       "to value; empty for counts, blanks and money whose unit is not printed"},
    {"raw", "string", "the text exactly as extracted ('' for an empty cell, or —, /, 无)"},
    {"certain", "string", "yes: read without doubt; no: value left empty rather than guessed"},
    {"page", "integer", "1-based page"},
    {"x0", "number", "left, PDF points (PDF input only)"},
    {"y0", "number", "top, PDF points from the page top"},
    {"x1", "number", "right"},
    {"y1", "number", "bottom"},
    {"src_table", "integer", "Word/ODF input: the table the cell is in, 1-based in document order (empty for other kinds)"},
    {"src_row", "integer", "Word/ODF input: the cell's row in that table, 1-based"},
    {"src_col", "integer", "Word/ODF input: the cell's first grid column in that table, 1-based"},
    {NULL, NULL, NULL},
};

static const out_col finding_cols[] = {
    {"file", "string", "the input path as given"},
    {"sha256", "string", "SHA-256 of the input file's bytes"},
    {"rule", "string", "stable rule ID (nianbao explain ID)"},
    {"severity", "string", "error, warning or info"},
    {"table", "string", "t2, t3, t4, section, or empty"},
    {"row", "string", "row code, or section number"},
    {"col", "string", "column code"},
    {"page", "integer", "1-based page"},
    {"expected", "string", "what the rule expected"},
    {"actual", "string", "what the report says"},
    {"message", "string", "the finding in words, in the chosen language"},
    {"waived", "string", "the waiver's reason when a waiver applies"},
    {NULL, NULL, NULL},
};

static void header_cols(nb_buf *b, const out_col *c, int first)
{
    for (int i = 0; c[i].name; i++) nb_csv_field(b, c[i].name, first && i == 0);
}

int nb_out_enabled(const nb_run *run, int k)
{
    if (k == NB_OUT_SHARD) return run->shard_head != NULL;
    return run->audit || (k != NB_OUT_FINDINGS && k != NB_OUT_JSONL && k != NB_OUT_METRICS && k != NB_OUT_XSUM);
}

int nb_out_internal(int k)
{
    return k == NB_OUT_XSUM;
}

/* ---- wide tables: the union of every version's cells, as row.col, in template order ---- */

/* A money cell (NB_COL_DECIMAL) has a second column beside it, row.col.unit (FORMAT.md §5). */
typedef struct wide_cols {
    const char *name[256];
    const char *row[256], *col[256];
    uint8_t unit[256];          /* 1: the unit column of the cell before it */
    int n;
} wide_cols;

static const wide_cols *wide_columns(const char *table)
{
    static wide_cols cache[3];
    static int ready[3];
    int k = table[1] - '2';          /* t2, t3, t4 */
    if (k < 0 || k > 2) return NULL;
    if (ready[k]) return &cache[k];
    wide_cols *w = &cache[k];
    static char names[3][256][72];
    for (int v = 0; nb_templates[v]; v++) {
        const nb_template *tm = nb_templates[v];
        for (int t = 0; t < tm->ntables; t++) {
            const nb_table_def *def = &tm->tables[t];
            if (strcmp(def->code, table)) continue;
            for (int r = 0; r < def->nrows; r++)
                for (int c = 0; c < def->ncols; c++) {
                    if (!nb_row_has_col(def, r, c) || w->n >= 256) continue;
                    char name[64];
                    snprintf(name, sizeof name, "%s.%s", def->rows[r].code, def->cols[c].code);
                    int dup = 0;
                    for (int i = 0; i < w->n && !dup; i++) dup = strcmp(w->name[i], name) == 0;
                    if (dup) continue;
                    int money = (def->cols[c].flags & NB_COL_DECIMAL) != 0;
                    for (int u = 0; u <= money && w->n < 256; u++) {
                        snprintf(names[k][w->n], sizeof names[k][w->n], "%s%s", name, u ? ".unit" : "");
                        w->name[w->n] = names[k][w->n];
                        w->row[w->n] = def->rows[r].code;
                        w->col[w->n] = def->cols[c].code;
                        w->unit[w->n] = (uint8_t)u;
                        w->n++;
                    }
                }
        }
    }
    ready[k] = 1;
    return w;
}

void nb_out_header(int k, nb_buf *b)
{
    switch (k) {
    case NB_OUT_DOCUMENTS: header_cols(b, document_cols, 1); break;
    case NB_OUT_CELLS:
        header_cols(b, key_cols, 1);
        header_cols(b, cell_cols, 0);
        break;
    case NB_OUT_FINDINGS: header_cols(b, finding_cols, 1); break;
    case NB_OUT_JSONL:
    case NB_OUT_XSUM:
    case NB_OUT_SHARD: return;       /* no header row (shard-index.tsv's first line: output.c) */
    case NB_OUT_METRICS:
        header_cols(b, key_cols, 1);
        for (int i = 0; i < nb_nmetrics; i++) nb_csv_field(b, nb_metrics[i].name, 0);
        break;
    default: {
        const wide_cols *w = wide_columns(k == NB_OUT_T2 ? "t2" : k == NB_OUT_T3 ? "t3" : "t4");
        header_cols(b, key_cols, 1);
        for (int i = 0; i < w->n; i++) nb_csv_field(b, w->name[i], 0);
        break;
    }
    }
    nb_csv_end(b);
}

void nb_result_clear(nb_result *r)
{
    for (int k = 0; k < NB_OUT__COUNT; k++) nb_buf_clear(&r->out[k]);
    nb_buf_clear(&r->summary);
    r->unreadable = 0;
    r->worst = -1;
    memset(r->counts, 0, sizeof r->counts);
    r->status = NB_STATUS_OK;
    r->err = NB_ERR_NONE;
    r->detail[0] = '\0';
    r->today_from = r->today_until = 0;
}

void nb_result_fill(nb_result *r, const char *at, const uint64_t len[NB_OUT__COUNT + 2])
{
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        nb_buf_put(&r->out[k], at, len[k]);
        at += len[k];
    }
    nb_buf_put(&r->summary, at, len[NB_OUT__COUNT]);
    at += len[NB_OUT__COUNT];
    size_t dl = len[NB_OUT__COUNT + 1] < sizeof r->detail ? len[NB_OUT__COUNT + 1] : sizeof r->detail - 1;
    memcpy(r->detail, at, dl);
    r->detail[dl] = '\0';
}

void nb_result_free(nb_result *r)
{
    for (int k = 0; k < NB_OUT__COUNT; k++) nb_buf_free(&r->out[k]);
    nb_buf_free(&r->summary);
}

static void year_field(nb_buf *b, int year)
{
    if (year) nb_csv_int(b, year, 0);
    else nb_csv_field(b, NULL, 0);
}

static void date_text(const nb_date *d, char *buf, size_t n)
{
    if (d->found) snprintf(buf, n, "%04d-%02d-%02d", d->y, d->m, d->d);
    else buf[0] = '\0';
}

/* The documents.csv message: why a file failed, or what a reader should know. */
static void document_message(const nb_run *run, const nb_doc *d, const nb_tables *ts, char *buf, size_t n)
{
    const char *lang = run->en ? "en" : "zh";
    if (d->status == NB_STATUS_ERROR) {
        snprintf(buf, n, "%s: %s%s%s", nb_error_code(d->err), nb_error_message(d->err, lang),
                 d->detail ? " - " : "", d->detail ? d->detail : "");
        return;
    }
    buf[0] = '\0';
    size_t o = 0;
    if (d->status == NB_STATUS_NO_TEXT_LAYER)
        o += (size_t)snprintf(buf + o, n - o, "%s", run->en ? "no text layer (scanned); " : "没有文字层（扫描件）；");
    else if (d->ocr_pages)
        o += (size_t)snprintf(buf + o, n - o, run->en ? "%u pages read by OCR; " : "%u 页由文字识别读取；", d->ocr_pages);
    else if (d->pages_without_text)
        o += (size_t)snprintf(buf + o, n - o, run->en ? "%u pages without text; " : "%u 页没有文字层；", d->pages_without_text);
    if (d->mixed_direction_pages && o < n)
        o += (size_t)snprintf(buf + o, n - o,
                              run->en ? "%u pages with text running two ways (read as most of it runs, cells in doubt); "
                                      : "%u 页文字横竖混排（按多数方向读取，单元格未能确定）；",
                              d->mixed_direction_pages);
    if (d->status == NB_STATUS_PRE2019 && o < n)
        o += (size_t)snprintf(buf + o, n - o, "%s", run->en ? "no template tables (pre-2019 report); " : "没有模板表格（2019 年以前的报告）；");
    for (int i = 0; ts && i < ts->ntables; i++) {
        const char *note = ts->t[i].note;
        if (!note || o >= n) continue;
        int extra = !strcmp(note, "extra_columns");
        o += (size_t)snprintf(buf + o, n - o, run->en ? "%s has %s columns than the template; " : "%s 的列数%s于模板；",
                              ts->t[i].def->code, run->en ? (extra ? "more" : "fewer") : (extra ? "多" : "少"));
    }
    if (ts && ts->uncertain && o < n)
        o += (size_t)snprintf(buf + o, n - o, run->en ? "%d cells read with doubt; " : "%d 个单元格未能确定读取；", ts->uncertain);
    if (d->ocr_note && d->pages_without_text && o < n)
        o += (size_t)snprintf(buf + o, n - o, run->en ? "not recognised: %s; " : "未识别：%s；", d->ocr_note);
    if (d->ocr_turn_note && d->ocr_pages && o < n)
        o += (size_t)snprintf(buf + o, n - o, run->en ? "pages read as they lie: %s; " : "页面未作方向校正：%s；", d->ocr_turn_note);
    if (d->invalid_bytes && o < n)
        o += (size_t)snprintf(buf + o, n - o, run->en ? "%u undecodable bytes replaced; " : "%u 个无法解码的字节已替换；", d->invalid_bytes);
    /* drop the trailing separator */
    while (o > 0 && (buf[o - 1] == ' ' || buf[o - 1] == ';')) buf[--o] = '\0';
    if (o >= 3 && !strcmp(buf + o - 3, "；")) buf[o - 3] = '\0';
}

static void documents_row(const nb_run *run, const nb_doc *d, const nb_report *r, nb_buf *b)
{
    char date[16] = "", pub[16] = "", msg[512];
    const nb_tables *ts = r ? r->tables : NULL;
    if (r) date_text(&r->id.signed_on, date, sizeof date);
    if (r) date_text(&r->id.published, pub, sizeof pub);
    document_message(run, d, ts, msg, sizeof msg);
    nb_csv_field(b, d->path, 1);
    nb_csv_field(b, d->sha256, 0);
    nb_csv_field(b, d->ocr_pages ? "pdf-ocr" : nb_kind_name(d->kind), 0);
    if (d->status == NB_STATUS_ERROR) nb_csv_field(b, NULL, 0);
    else nb_csv_int(b, d->npages, 0);
    nb_csv_field(b, r ? r->id.agency : NULL, 0);
    year_field(b, r ? r->id.year : 0);
    nb_csv_field(b, ts ? ts->version : NULL, 0);
    nb_csv_field(b, date, 0);
    nb_csv_field(b, pub, 0);
    nb_csv_field(b, r && r->id.published.found ? r->id.published_source : NULL, 0);
    nb_csv_field(b, nb_status_name(d->status), 0);
    nb_csv_field(b, msg, 0);
    char conf[16] = "";
    if (d->ocr_pages && d->ocr_chars) snprintf(conf, sizeof conf, "%.1f", d->ocr_conf_sum / d->ocr_chars);
    nb_csv_field(b, conf, 0);
    nb_csv_end(b);
}

static void doc_key(const nb_doc *d, const nb_report *r, nb_buf *b)
{
    nb_csv_field(b, d->path, 1);
    nb_csv_field(b, d->sha256, 0);
    nb_csv_field(b, r->id.agency, 0);
    year_field(b, r->id.year);
    nb_csv_field(b, r->tables ? r->tables->version : NULL, 0);
}

/* Where a cell of a Word or ODF table was: the table, row and grid column of the field it was read
 * from (the word of its line whose box holds the cell's centre). 0s for other cells. */
static void table_source(const nb_doc *d, const nb_cell *cell, uint32_t *tab, uint32_t *row, uint32_t *col)
{
    *tab = *row = *col = 0;
    if (cell->line >= d->nlines) return;
    const nb_line *l = &d->lines[cell->line];
    if (!l->src_table || !l->src_col) return;
    float x = (cell->box.x0 + cell->box.x1) / 2;
    for (uint32_t k = 0; k < l->nwords; k++) {
        const nb_box *b = &d->words[l->first_word + k].box;
        if (x >= b->x0 && x <= b->x1) {
            *tab = l->src_table;
            *row = l->src_row;
            *col = l->src_col[k];
            return;
        }
    }
}

static void cells_rows(const nb_doc *d, const nb_report *r, nb_buf *b)
{
    const nb_tables *ts = r->tables;
    /* the five key fields are the same on each of the document's ~200 rows: formatted once */
    nb_buf key = {0};
    doc_key(d, r, &key);
    for (int i = 0; ts && i < ts->ntables; i++) {
        const nb_table *t = &ts->t[i];
        for (int row = 0; row < t->def->nrows; row++)
            for (int c = 0; c < t->def->ncols; c++) {
                const nb_cell *cell = nb_table_cell(t, row, c);
                if (cell->kind == NB_CELL_ABSENT || !nb_row_has_col(t->def, row, c)) continue;
                nb_buf_put(b, key.p, key.len);
                nb_csv_field(b, t->def->code, 0);
                nb_csv_field(b, t->def->rows[row].code, 0);
                nb_csv_field(b, t->def->cols[c].code, 0);
                nb_csv_field(b, cell->certain ? cell->value : "", 0);
                nb_csv_field(b, cell->certain ? cell->unit : "", 0);
                nb_csv_field(b, cell->raw, 0);
                nb_csv_field(b, cell->certain ? "yes" : "no", 0);
                if (cell->page) nb_csv_int(b, cell->page, 0);
                else nb_csv_field(b, NULL, 0);
                if (cell->has_box) {
                    nb_csv_fixed1(b, cell->box.x0, 0);
                    nb_csv_fixed1(b, cell->box.y0, 0);
                    nb_csv_fixed1(b, cell->box.x1, 0);
                    nb_csv_fixed1(b, cell->box.y1, 0);
                } else {
                    for (int k = 0; k < 4; k++) nb_csv_field(b, NULL, 0);
                }
                uint32_t st, sr, sc;
                table_source(d, cell, &st, &sr, &sc);
                if (st) {
                    nb_csv_int(b, st, 0);
                    nb_csv_int(b, sr, 0);
                    nb_csv_int(b, sc, 0);
                } else {
                    for (int k = 0; k < 3; k++) nb_csv_field(b, NULL, 0);
                }
                nb_csv_end(b);
            }
    }
    nb_buf_free(&key);
}

/* Row and column index in one table declaration of each column of its wide table (-1: the
 * declaration has no such row or column): looked up by name once per declaration, of which a
 * template has three, rather than for every column of every report. */
typedef struct wide_index {
    const nb_table_def *def;
    short row[256], col[256];
} wide_index;

static const wide_index *wide_indices(const wide_cols *w, const nb_table_def *def)
{
    static wide_index cache[16];
    static int n;
    for (int i = 0; i < n; i++)
        if (cache[i].def == def) return &cache[i];
    wide_index *x = n < 16 ? &cache[n++] : &cache[15];      /* full: the last slot is recomputed */
    x->def = def;
    for (int i = 0; i < w->n; i++) {
        x->row[i] = (short)nb_row_index(def, w->row[i]);
        x->col[i] = (short)nb_col_index(def, w->col[i]);
    }
    return x;
}

static void wide_row(const nb_doc *d, const nb_report *r, const char *code, nb_buf *b)
{
    const wide_cols *w = wide_columns(code);
    const nb_table *t = nb_tables_get(r->tables, code);
    const wide_index *ix = t ? wide_indices(w, t->def) : NULL;
    doc_key(d, r, b);
    for (int i = 0; i < w->n; i++) {
        const char *v = NULL;
        if (t) {
            int row = ix->row[i], c = ix->col[i];
            if (row >= 0 && c >= 0) {
                const nb_cell *cell = nb_table_cell(t, row, c);
                if (cell->kind == NB_CELL_NUMBER && cell->certain) v = w->unit[i] ? cell->unit : cell->value;
            }
        }
        nb_csv_field(b, v, 0);
    }
    nb_csv_end(b);
}

/* metrics.csv: the report's key, then each indicator (empty where it has no value). */
static void metrics_row(const nb_run *run, const nb_doc *d, const nb_report *r, nb_buf *b)
{
    double v[32];
    int have[32];
    nb_metrics_compute(r, &run->aopts, v, have);
    doc_key(d, r, b);
    for (int i = 0; i < nb_nmetrics; i++) {
        if (!have[i]) nb_csv_field(b, NULL, 0);
        else if (nb_metrics[i].integer) nb_csv_int(b, (long long)v[i], 0);
        else nb_buf_printf(b, ",%.4f", v[i]);
    }
    nb_csv_end(b);
}

static nb_doc *error_doc(const nb_input *in)
{
    nb_doc *d = nb_doc_new(in->path);
    if (in->err != NB_ERR_LOOP && in->err != NB_ERR_IS_DIR) nb_sha256_file(in->path, d->sha256);
    nb_doc_fail(d, in->err, in->detail);
    nb_doc_finish(d);
    return d;
}

void nb_process_doc(const nb_run *run, nb_doc *d, nb_result *res)
{
    nb_result_clear(res);
    res->status = d->status;
    nb_report r;
    int readable = d->status != NB_STATUS_ERROR;
    if (readable) {
        nb_report_init(&r, d);
        nb_read_tables(&r);
    } else {
        res->unreadable = 1;
        res->err = d->err;
        snprintf(res->detail, sizeof res->detail, "%s", d->detail ? d->detail : "");
        memset(&r, 0, sizeof r);
        r.doc = d;
    }
    documents_row(run, d, readable ? &r : NULL, &res->out[NB_OUT_DOCUMENTS]);
    if (readable) {
        cells_rows(d, &r, &res->out[NB_OUT_CELLS]);
        if (r.tables && r.tables->tmpl) {
            wide_row(d, &r, "t2", &res->out[NB_OUT_T2]);
            wide_row(d, &r, "t3", &res->out[NB_OUT_T3]);
            wide_row(d, &r, "t4", &res->out[NB_OUT_T4]);
        }
    }
    if (run->audit) {
        run->audit(run, &r, res);
        if (readable) {
            metrics_row(run, d, &r, &res->out[NB_OUT_METRICS]);
            char *line;
            size_t len;
            nb_xdoc_line(&r, &line, &len);
            nb_buf_put(&res->out[NB_OUT_XSUM], line, len);
            g_free(line);
        }
    }
}

void nb_process_input(const nb_run *run, const nb_input *in, nb_result *res)
{
    nb_doc *d = in->err ? error_doc(in) : nb_ingest(in->path, &run->limits);
    nb_process_doc(run, d, res);
    nb_doc_free(d);
}

/* ---- datapackage.json ---- */

static void dp_field(nb_buf *b, int *first, const char *name, const char *type, const char *desc)
{
    nb_buf_puts(b, *first ? "\n        " : ",\n        ");
    *first = 0;
    nb_buf_puts(b, "{\"name\": ");
    nb_json_string(b, name);
    nb_buf_printf(b, ", \"type\": \"%s\"", type);
    if (desc) {
        nb_buf_puts(b, ", \"description\": ");
        nb_json_string(b, desc);
    }
    nb_buf_puts(b, "}");
}

static void dp_resource(nb_buf *b, const char *name, const char *path, const char *desc)
{
    nb_buf_puts(b, "    {\n      \"name\": ");
    nb_json_string(b, name);
    nb_buf_puts(b, ",\n      \"path\": ");
    nb_json_string(b, path);
    nb_buf_puts(b, ",\n      \"profile\": \"tabular-data-resource\",\n      \"format\": \"csv\",\n"
                   "      \"mediatype\": \"text/csv\",\n      \"encoding\": \"utf-8\",\n      \"description\": ");
    nb_json_string(b, desc);
    nb_buf_puts(b, ",\n      \"schema\": {\"fields\": [");
}

static void dp_end_resource(nb_buf *b, int last)
{
    nb_buf_puts(b, last ? "\n      ]}\n    }\n" : "\n      ]}\n    },\n");
}

static void dp_fields(nb_buf *b, int *first, const out_col *c)
{
    for (int i = 0; c[i].name; i++) dp_field(b, first, c[i].name, c[i].type, c[i].desc);
}

void nb_datapackage(const nb_run *run, nb_buf *b)
{
    int first;
    nb_buf_puts(b, "{\n  \"profile\": \"tabular-data-package\",\n  \"name\": \"nianbao-output\",\n"
                   "  \"title\": \"政府信息公开工作年度报告 tables and findings extracted by nianbao\",\n"
                   "  \"resources\": [\n");
    dp_resource(b, "documents", "documents.csv", "one row per input file");
    first = 1;
    dp_fields(b, &first, document_cols);
    dp_end_resource(b, 0);
    dp_resource(b, "cells", "cells.csv", "one row per table cell read, with its provenance");
    first = 1;
    dp_fields(b, &first, key_cols);
    dp_fields(b, &first, cell_cols);
    dp_end_resource(b, 0);
    static const char *const wide[3] = {"t2", "t3", "t4"};
    static const char *const wide_desc[3] = {
        "table 2 (主动公开政府信息情况), one row per report, a column per cell row.col",
        "table 3 (收到和处理政府信息公开申请情况), one row per report, a column per cell row.col",
        "table 4 (政府信息公开行政复议、行政诉讼情况), one row per report, a column per cell row.col",
    };
    for (int k = 0; k < 3; k++) {
        char path[16];
        snprintf(path, sizeof path, "%s.csv", wide[k]);
        dp_resource(b, wide[k], path, wide_desc[k]);
        first = 1;
        dp_fields(b, &first, key_cols);
        const wide_cols *w = wide_columns(wide[k]);
        for (int i = 0; i < w->n; i++)
            dp_field(b, &first, w->name[i], w->unit[i] ? "string" : "number",
                     w->unit[i] ? "the unit of the money cell before it (元, 万元), as printed; never applied" : NULL);
        dp_end_resource(b, k == 2 && !run->audit);
    }
    if (run->audit) {
        dp_resource(b, "findings", "findings.csv", "one row per finding of the audit rules (nianbao rules)");
        first = 1;
        dp_fields(b, &first, finding_cols);
        dp_end_resource(b, 0);
        dp_resource(b, "metrics", "metrics.csv", "one row per report: the indicators of docs/RULES.md (Indicators)");
        first = 1;
        dp_fields(b, &first, key_cols);
        for (int i = 0; i < nb_nmetrics; i++)
            dp_field(b, &first, nb_metrics[i].name, nb_metrics[i].integer ? "integer" : "number", nb_metrics[i].desc);
        dp_end_resource(b, 1);
    }
    nb_buf_puts(b, "  ]\n}\n");
}
