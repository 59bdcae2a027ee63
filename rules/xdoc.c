/*
 * rules/xdoc.c — the compact summary of a report for the rules across reports (xreport.h): made
 * from the document model in the worker, as one line of text, and read back in the parent or
 * from the state.
 *
 * Line: file, sha256, agency, year, version, t3 page, t2 page, the compared numbers (comma
 * separated, '?' unknown), the sketch (hex, empty when the narrative is too short), the content
 * hash (hex), the sketches of parts 一 and 五 alone (hex, comma-separated, each may be empty). Tab-separated; \t, \n and \ in strings escaped.
 */
#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "xrun.h"

const char *const nb_x_t3_cols[7] = {"natural", "commercial", "research", "ngo", "legal", "other_org", "total"};

const char *nb_agency_key(nb_arena *a, const char *agency)
{
    if (!agency) return "";
    GString *s = g_string_new(NULL);
    for (const char *p = agency; *p;) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2) break;
        if (!g_unichar_isspace(c) && !g_unichar_ispunct(c)) g_string_append_unichar(s, c);
        p = g_utf8_next_char(p);
    }
    /* the long and short names of one government */
    static const char *const same[][2] = {{"管理委员会", "管委会"}};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        char *at;
        while ((at = strstr(s->str, same[i][0])) != NULL) {
            size_t pos = (size_t)(at - s->str);
            g_string_erase(s, (gssize)pos, (gssize)strlen(same[i][0]));
            g_string_insert(s, (gssize)pos, same[i][1]);
        }
    }
    const char *out = nb_strndup(a, s->str, s->len);
    g_string_free(s, TRUE);
    return out;
}

/* ---- making the line ---- */

static void put_escaped(GString *s, const char *v)
{
    for (const char *p = v ? v : ""; *p; p++) {
        if (*p == '\t') g_string_append(s, "\\t");
        else if (*p == '\n') g_string_append(s, "\\n");
        else if (*p == '\\') g_string_append(s, "\\\\");
        else g_string_append_c(s, *p);
    }
}

/* A count as the template means it: a number read without doubt, a printed blank as 0. */
static int64_t count_of(const nb_table *t, const char *row, const char *col)
{
    const nb_cell *c = t ? nb_rules_cell(t, row, col) : NULL;
    if (!c || !c->certain) return NB_X_UNKNOWN;
    if (c->kind == NB_CELL_BLANK) return 0;
    if (c->kind != NB_CELL_NUMBER || c->scale) return NB_X_UNKNOWN;
    return c->mant;
}

static void compared_numbers(const nb_report *r, int64_t num[NB_X__COUNT], uint32_t *t3_page, uint32_t *t2_page)
{
    for (int i = 0; i < NB_X__COUNT; i++) num[i] = NB_X_UNKNOWN;
    const nb_table *t3 = nb_rules_table(r, "t3"), *t2 = nb_rules_table(r, "t2");
    *t3_page = t3 ? nb_rules_table_page(t3) : 0;
    *t2_page = t2 ? nb_rules_table_page(t2) : 0;
    for (int c = 0; c < 7; c++) {
        num[NB_X_CARRIED + c] = count_of(t3, "carried", nb_x_t3_cols[c]);
        num[NB_X_FORWARD + c] = count_of(t3, "forward", nb_x_t3_cols[c]);
    }
    num[NB_X_NEW_TOTAL] = count_of(t3, "new", "total");
    num[NB_X_CONCLUDED_TOTAL] = count_of(t3, "total", "total");
    num[NB_X_GRANTED_TOTAL] = count_of(t3, "granted", "total");
    const nb_table *t4 = nb_rules_table(r, "t4");
    num[NB_X_REVIEW_TOTAL] = count_of(t4, "review", "total");
    num[NB_X_SUIT_DIRECT_TOTAL] = count_of(t4, "suit_direct", "total");
    num[NB_X_SUIT_AFTER_TOTAL] = count_of(t4, "suit_after_review", "total");
    /* the 2021 table 2's in-force counts; the 2019 table has none */
    if (r->tables && r->tables->version && !strcmp(r->tables->version, "2021")) {
        static const char *const rows[2] = {"rules", "normative"};
        for (int k = 0; k < 2; k++) {
            num[NB_X_RULES_ISSUED + 3 * k] = count_of(t2, rows[k], "issued");
            num[NB_X_RULES_REPEALED + 3 * k] = count_of(t2, rows[k], "repealed");
            num[NB_X_RULES_IN_FORCE + 3 * k] = count_of(t2, rows[k], "in_force");
        }
    }
}

/* FNV-1a over the cells' values and the narrative: two reports with the same numbers and text
 * are the same report, whatever their bytes (a PDF and its web page). */
static uint64_t content_hash(const nb_report *r, const char *text, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    const nb_tables *ts = r->tables;
    for (int i = 0; ts && i < ts->ntables; i++) {
        const nb_table *t = &ts->t[i];
        for (int k = 0; k < t->def->nrows * t->def->ncols; k++) {
            const char *v = t->cells[k].value ? t->cells[k].value : "";
            for (const char *p = v; *p; p++) h = (h ^ (uint8_t)*p) * 1099511628211ull;
            h = (h ^ 0x1f) * 1099511628211ull;
        }
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)text[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
        h = (h ^ c) * 1099511628211ull;
    }
    return h;
}

static int part_found(const nb_report *r, int k)
{
    const nb_section *sec = &r->sec[k];
    return sec->found && sec->end > sec->body && sec->end <= r->stream.len;
}

/* The parts narrative_sections joins, as pieces of the stream; parts 一 and 五 are also sketched
 * alone (alone[] 0 and 1, else -1). Returns how many. */
static int narrative_parts(const nb_report *r, const char *text[3], size_t len[3], int alone[3])
{
    static const int parts[3] = {0, 4, 5}, solo[3] = {0, 1, -1};
    int n = 0;
    for (int k = 0; k < 3; k++) {
        if (!part_found(r, parts[k])) continue;
        const nb_section *sec = &r->sec[parts[k]];
        text[n] = r->stream.text + sec->body;
        len[n] = sec->end - sec->body;
        alone[n++] = solo[k];
    }
    return n;
}

/* The parts that are all narrative — 一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项 —
 * from the stream: 二 to 四 are mostly the tables, which every report shares and each format lays
 * out differently (a PDF's table is lines of text, a web page's is fields). Empty when none of the
 * three was found (then the whole narrative is compared). */
static GString *narrative_sections(const nb_report *r)
{
    static const int parts[3] = {0, 4, 5};
    GString *s = g_string_new(NULL);
    for (int k = 0; k < 3; k++) {
        const nb_section *sec = &r->sec[parts[k]];
        if (!sec->found || sec->end <= sec->body || sec->end > r->stream.len) continue;
        g_string_append_len(s, r->stream.text + sec->body, (gssize)(sec->end - sec->body));
        g_string_append_c(s, '\n');
    }
    return s;
}

void nb_xdoc_line(const nb_report *r, char **out, size_t *len)
{
    const nb_doc *d = r->doc;
    int64_t num[NB_X__COUNT];
    uint32_t t3p, t2p;
    compared_numbers(r, num, &t3p, &t2p);
    nb_prose p;
    memset(&p, 0, sizeof p);
    if (d->status == NB_STATUS_OK || d->status == NB_STATUS_NOT_TEMPLATE) nb_rules_prose(r, (nb_arena *)&d->arena, &p);
    uint32_t sk[NB_XSKETCH], psk[2][NB_XSKETCH];
    int phas[2] = {0, 0}, has;
    const char *agency = r->id.agency;
    const char *text[3];
    size_t tlen[3];
    int alone[3], n = narrative_parts(r, text, tlen, alone);
    if (n && !(agency && strchr(agency, '\n')))
        has = nb_copy_sketch_parts(text, tlen, n, agency, alone, sk, phas, psk);
    else {
        GString *narr = narrative_sections(r);
        has = narr->len ? nb_copy_sketch(narr->str, narr->len, agency, sk) : p.s && nb_copy_sketch(p.s, p.n, agency, sk);
        g_string_free(narr, TRUE);
        for (int k = 0; k < 2; k++) {
            const nb_section *sec = &r->sec[k ? 4 : 0];
            phas[k] = sec->found && sec->end > sec->body && sec->end <= r->stream.len &&
                      nb_copy_sketch_min(r->stream.text + sec->body, sec->end - sec->body, agency, NB_PART_MIN_CHARS, psk[k]);
        }
    }
    nb_xdoc x;
    memset(&x, 0, sizeof x);
    x.file = d->path;
    x.sha256 = d->sha256;
    x.agency = r->id.agency;
    x.year = r->id.year;
    x.version = r->tables ? r->tables->version : "";
    x.t3_page = t3p;
    x.t2_page = t2p;
    memcpy(x.num, num, sizeof num);
    x.has_sketch = has;
    if (has) memcpy(x.sketch, sk, sizeof sk);
    x.content = content_hash(r, p.s ? p.s : "", p.s ? p.n : 0);
    for (int k = 0; k < 2; k++) {
        x.has_part[k] = phas[k];
        if (phas[k]) memcpy(x.part[k], psk[k], sizeof psk[k]);
    }
    nb_xdoc_format(&x, out, len);
}

void nb_xdoc_format(const nb_xdoc *d, char **out, size_t *len)
{
    GString *s = g_string_new(NULL);
    put_escaped(s, d->file);
    g_string_append_c(s, '\t');
    g_string_append(s, d->sha256 ? d->sha256 : "");
    g_string_append_c(s, '\t');
    put_escaped(s, d->agency);
    g_string_append_printf(s, "\t%d\t", d->year);
    put_escaped(s, d->version);
    g_string_append_printf(s, "\t%u\t%u\t", d->t3_page, d->t2_page);
    for (int i = 0; i < NB_X__COUNT; i++) {
        if (i) g_string_append_c(s, ',');
        if (d->num[i] == NB_X_UNKNOWN) g_string_append_c(s, '?');
        else g_string_append_printf(s, "%" PRId64, d->num[i]);
    }
    g_string_append_c(s, '\t');
    for (int i = 0; d->has_sketch && i < NB_XSKETCH; i++) g_string_append_printf(s, "%08x", d->sketch[i]);
    g_string_append_printf(s, "\t%016" PRIx64 "\t", d->content);
    for (int k = 0; k < 2; k++) {
        if (k) g_string_append_c(s, ',');
        for (int i = 0; d->has_part[k] && i < NB_XSKETCH; i++) g_string_append_printf(s, "%08x", d->part[k][i]);
    }
    g_string_append_c(s, '\n');
    *len = s->len;
    *out = g_string_free(s, FALSE);
}

/* ---- reading it back ---- */

static const char *unescape(nb_arena *a, const char *p, size_t n)
{
    char *o = nb_alloc(a, n + 1), *q = o;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\' && i + 1 < n) {
            i++;
            *q++ = p[i] == 't' ? '\t' : p[i] == 'n' ? '\n' : p[i];
        } else *q++ = p[i];
    }
    *q = '\0';
    return o;
}

static int hexval(const char *p, int digits, uint64_t *v)
{
    uint64_t x = 0;
    for (int i = 0; i < digits; i++) {
        unsigned c = (uint8_t)p[i], d = c - '0', h = c - 'a';
        if (d >= 10 && h >= 6) return -1;
        x = x << 4 | (d < 10 ? d : h + 10);
    }
    *v = x;
    return 0;
}

/* A sketch of NB_XSKETCH 8-digit hex values. */
static int hex_sketch(const char *p, uint32_t *sk)
{
    for (int i = 0; i < NB_XSKETCH; i++) {
        uint64_t v;
        if (hexval(p + 8 * i, 8, &v) != 0) return -1;
        sk[i] = (uint32_t)v;
    }
    return 0;
}

int nb_xdoc_parse(const char *line, size_t len, nb_arena *a, nb_xdoc *d)
{
    memset(d, 0, sizeof *d);
    const char *f[11];
    size_t fl[11];
    int nf = 0;
    const char *start = line, *end = line + len;
    for (const char *p = line; p <= end && nf < 11; p++) {
        if (p == end || *p == '\t') {
            f[nf] = start;
            fl[nf++] = (size_t)(p - start);
            start = p + 1;
        }
    }
    if (nf != 11) return -1;
    d->file = unescape(a, f[0], fl[0]);
    d->sha256 = unescape(a, f[1], fl[1]);
    d->agency = unescape(a, f[2], fl[2]);
    d->key = nb_agency_key(a, d->agency);
    d->year = atoi(unescape(a, f[3], fl[3]));
    d->version = unescape(a, f[4], fl[4]);
    d->t3_page = (uint32_t)strtoul(unescape(a, f[5], fl[5]), NULL, 10);
    d->t2_page = (uint32_t)strtoul(unescape(a, f[6], fl[6]), NULL, 10);
    const char *nums = unescape(a, f[7], fl[7]);
    for (int i = 0; i < NB_X__COUNT; i++) {
        if (*nums == '?') {
            d->num[i] = NB_X_UNKNOWN;
            nums++;
        } else {
            char *e;
            d->num[i] = strtoll(nums, &e, 10);
            if (e == nums) return -1;
            nums = e;
        }
        if (i + 1 < NB_X__COUNT && *nums++ != ',') return -1;
    }
    if (fl[8] == NB_XSKETCH * 8) {
        if (hex_sketch(f[8], d->sketch) != 0) return -1;
        d->has_sketch = 1;
    } else if (fl[8]) return -1;
    if (fl[9] != 16 || hexval(f[9], 16, &d->content) != 0) return -1;
    const char *q = f[10], *qend = f[10] + fl[10];
    for (int k = 0; k < 2; k++) {
        const char *comma = memchr(q, ',', (size_t)(qend - q));
        const char *e = k == 0 ? comma : qend;
        if (!e) return -1;
        if (e - q == NB_XSKETCH * 8) {
            if (hex_sketch(q, d->part[k]) != 0) return -1;
            d->has_part[k] = 1;
        } else if (e != q) return -1;
        q = e + 1;
    }
    return 0;
}

/* ---- findings ---- */

void nb_xfindings_init(nb_xfindings *f, nb_arena *a)
{
    memset(f, 0, sizeof *f);
    f->a = a;
}

void nb_xfindings_free(nb_xfindings *f)
{
    free(f->v);
    memset(f, 0, sizeof *f);
}

nb_xfinding *nb_xfinding_add(nb_xfindings *f, const char *rule_id, const nb_xdoc *doc)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 64;
        f->v = realloc(f->v, (size_t)f->cap * sizeof *f->v);
        if (!f->v) abort();
    }
    nb_xfinding *x = &f->v[f->n++];
    memset(x, 0, sizeof *x);
    x->rule = nb_rule_find(rule_id);
    if (!x->rule) abort();
    x->doc = doc;
    x->table = x->row = x->col = x->expected = x->actual = "";
    return x;
}

/* Findings in a stable order: by report (its position), then catalog order, then place. */
int nb_xfinding_cmp(const nb_xfinding *a, const nb_xfinding *b)
{
    int oa = a->doc ? a->doc->order : -1, ob = b->doc ? b->doc->order : -1;
    if (oa != ob) return oa < ob ? -1 : 1;
    if (a->rule != b->rule) return a->rule < b->rule ? -1 : 1;
    int c = strcmp(a->row, b->row);
    if (!c) c = strcmp(a->col, b->col);
    if (!c) c = strcmp(a->msg_en, b->msg_en);
    return c;
}
