/*
 * parser/table.c — the table reader: template tables out of a report's lines.
 *
 * Generic over the template declarations (template.h); nothing here names a cell. For each table:
 *
 *  1. Region: the lines of the section the table lives in (sections.c), furniture left out.
 *  2. Items: on each line, row labels found by their key words (one PCRE2 alternation per table,
 *     (*MARK) telling which row) and value tokens — numbers, explicit blanks (—, /, 无) and, on
 *     tab/pipe/HTML-grid lines, empty fields. List numbering glued to values (00000002.其他…),
 *     parenthesised numbers, and numbers with narrative units (2023年, 52条) are not values.
 *  3. Groups: the tokens of a line between two labels. A group's label is the one before it on the
 *     same line (strong), else the labels seen since the previous group (weak, for labels wrapped
 *     above their numbers).
 *  4. Rows: strong labels anchor their groups; weak ones when they keep the template order;
 *     unlabelled groups fill the rows between two anchors when the counts agree (labels split from
 *     their values, or a label too mangled to match); otherwise nothing is guessed.
 *  5. Cells: a group with as many tokens as the row has columns is read in order. With fewer, each
 *     token goes to the column its x-centre falls in, columns learned from the complete rows of the
 *     page (or the header words): a blank cell never shifts the numbers after it. Without geometry
 *     (a flattened web page) digit runs are split by glue.c, a split accepted only when it is the one
 *     the row's sums allow; rows left with several candidates are settled by the column sums, or
 *     left uncertain.
 *  Table 4 (NB_LAYOUT_WIDE) prints all its rows as one line of 15 cells and is read as one group.
 */
#include "table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glue.h"
#include "pattern.h"
#include "utf8.h"
#include "value.h"

typedef enum { TK_NUM, TK_MARK, TK_EMPTY } tk_kind;

typedef struct tok {
    uint32_t    line;
    uint32_t    rs, re;       /* raw bytes of the line */
    const char *norm;         /* normalised text (arena) */
    uint32_t    nlen;
    uint8_t     kind;
    uint8_t     geo;          /* x positions are layout, not just order */
    float       x0, x1;
} tok;

typedef struct label {
    int      row;
    uint32_t line, rs, re;    /* where its key starts: line and raw bytes there */
    uint32_t first, last;     /* the lines of its label cell (a wrapped label spans several) */
    float    x0;              /* where the cell starts: a row label stands right of a heading */
} label;

typedef struct group {
    int      first, n;        /* tokens[first .. first+n) */
    int      strong;          /* row of a label before it on the same line, or -1 */
    int      weak[4];         /* rows of labels seen since the previous group */
    int      nweak;
    int      row;             /* assigned row, or -1 */
    int      certain_row;     /* assignment sure */
    uint32_t line;
} group;

/* A text cell of the region that names no row: a column heading, perhaps (自然/人 joined). */
typedef struct hcell {
    const char *text;
    uint32_t    len;
    float       x0, x1;       /* its widest extent */
    uint32_t    last_line;    /* the line it ends on */
    int         group;        /* the cell it is a tail of: a group heading (行政诉讼) may stand
                               * above a column's own (总计), so every tail of a cell is offered */
} hcell;

typedef struct reader {
    nb_report  *r;
    nb_doc     *d;
    nb_arena   *a;
    const nb_table_def *def;
    nb_table   *t;
    nb_vec      toks;         /* tok */
    nb_vec      groups;       /* group */
    nb_vec      labels;       /* label: every label seen, for row_found */
    nb_vec      cell_labels;  /* label: found in wrapped label cells, before the line walk */
    nb_vec      hcells;       /* hcell: label cells with no row key (headings), for column centres */
    uint32_t    la, lb;       /* the region's lines */
    uint8_t    *by_cells;     /* per region line: its labels come from cell_labels */
    int         fallback;     /* the table's section was not found: the region is a guess */
    /* column centres learned from complete rows: per column, sum and count, per page and overall */
    float      *csum, *ccnt;  /* [ (npages+1) * ncols ] : index 0 = all pages */
    float      *hdr;          /* header-derived centres per column (NAN if unknown) */
} reader;

/* ---------- small helpers ---------- */

static tok *T(reader *rd, int i) { return (tok *)rd->toks.data + i; }
static group *G(reader *rd, int i) { return (group *)rd->groups.data + i; }

static int row_ncols(const nb_table_def *def, int row)
{
    int n = 0;
    for (int c = 0; c < def->ncols; c++) n += nb_row_has_col(def, row, c);
    return n;
}

/* The k-th column (0-based) a row has. */
static int row_col(const nb_table_def *def, int row, int k)
{
    for (int c = 0; c < def->ncols; c++)
        if (nb_row_has_col(def, row, c) && k-- == 0) return c;
    return -1;
}

/* Raw end of the character whose normalised bytes end at norm offset e (exclusive). */
static uint32_t raw_end_of(const nb_line *l, uint32_t e)
{
    if (e == 0) return l->norm.map[0];
    uint32_t start = l->norm.map[e - 1];
    int len;
    nb_utf8_decode(l->raw + start, l->raw_len - start, &len);
    return start + (uint32_t)len;
}

/* Does this line's geometry describe layout? PDF lines and field lines do; a long text line is a
 * flattened web page whose "columns" are only character offsets. */
static int line_has_layout(const nb_doc *d, const nb_line *l)
{
    if (d->kind == NB_KIND_PDF || (l->flags & NB_LINE_FIELDS)) return 1;
    return l->geo != NULL && l->raw_len <= 600;
}

/* ---------- region ---------- */

/* Stream range of the section holding the table; when the section was not found, the gap between
 * the neighbouring sections that were (and the return is 1: a guess). */
static int table_region(const nb_report *r, int section, size_t *a, size_t *b)
{
    int k = section - 1;
    if (k >= 0 && k < NB_NSECTIONS && r->sec[k].found) {
        *a = r->sec[k].body;
        *b = r->sec[k].end;
        return 0;
    }
    *a = 0;
    *b = r->stream.len;
    for (int j = k - 1; j >= 0; j--)
        if (r->sec[j].found) {
            *a = r->sec[j].body;
            break;
        }
    for (int j = k + 1; j < NB_NSECTIONS; j++)
        if (r->sec[j].found) {
            *b = r->sec[j].head;
            break;
        }
    return 1;
}

/* ---------- labels ---------- */

/* One alternation of every row key of a table, each branch marking its row. */
static nb_re *label_pattern(const nb_table_def *def)
{
    static const nb_table_def *keys[16];
    static nb_re *res[16];
    static char src[16][4096];     /* the pattern cache keeps a pointer to its text */
    static int n;
    for (int i = 0; i < n; i++)
        if (keys[i] == def) return res[i];
    if (n == 16) abort();          /* more table declarations than any template has */
    char *p = src[n], *end = src[n] + sizeof src[n];
    p += snprintf(p, (size_t)(end - p), "(?:");
    for (int i = 0; i < def->nrows && p < end; i++)
        p += snprintf(p, (size_t)(end - p), "%s(?:%s)(*MARK:%d)", i ? "|" : "", def->rows[i].key, i);
    if (p < end) snprintf(p, (size_t)(end - p), ")");
    keys[n] = def;
    res[n] = nb_re_get(src[n]);
    return res[n++];
}

static void add_label(reader *rd, uint32_t li, uint32_t ns, uint32_t ne, int row)
{
    const nb_line *l = &rd->d->lines[li];
    label *lb = nb_vec_push(&rd->labels);
    lb->row = row;
    lb->line = lb->first = lb->last = li;
    lb->rs = l->norm.map[ns];
    lb->re = raw_end_of(l, ne);
    lb->x0 = nb_line_x0(l, lb->rs);
}

/* ---------- tokens ---------- */

static void set_tok_geometry(reader *rd, tok *t, const nb_line *l)
{
    t->geo = (uint8_t)line_has_layout(rd->d, l);
    t->x0 = nb_line_x0(l, t->rs);
    t->x1 = t->re > t->rs ? nb_line_x1(l, t->re - 1) : t->x0;
}

static void add_tok(reader *rd, uint32_t li, uint32_t rs, uint32_t re, const char *norm, uint32_t nlen, tk_kind kind)
{
    const nb_line *l = &rd->d->lines[li];
    tok *t = nb_vec_push(&rd->toks);
    t->line = li;
    t->rs = rs;
    t->re = re;
    t->norm = nb_strndup(rd->a, norm, nlen);
    t->nlen = nlen;
    t->kind = (uint8_t)kind;
    set_tok_geometry(rd, t, l);
}

/* Is the digit run at s[a..b) a value, given what surrounds it in the normalised line? Adjusts *b
 * when the run ends in list numbering glued to the next label (00000002.其他 → 0000000). */
static int value_context_ok(const char *s, size_t n, size_t a, size_t *b)
{
    size_t e = *b;
    /* (5), （三） */
    if (a > 0 && s[a - 1] == '(' && e < n && s[e] == ')') return 0;
    /* 第20条, 20年, 52条, 33家, 100%, 8.5万 … narrative, not a cell */
    if (a >= 3 && memcmp(s + a - 3, "第", 3) == 0) return 0;
    size_t f = e;
    while (f < n && s[f] == ' ') f++;          /* 行政诉讼 0 件 */
    if (f < n) {
        static const char *const units[] = {"年", "月", "日", "号", "条", "家", "次", "人", "名", "篇", "期",
                                            "%", "个", "项", "件", "万", "亿", "位", "户", "起", NULL};
        for (int i = 0; units[i]; i++) {
            size_t u = strlen(units[i]);
            if (f + u <= n && memcmp(s + f, units[i], u) == 0) return 0;
        }
    }
    /* list numbering: one digit and '.' or '、' before a label (1.属于国家秘密, 3、其他) */
    int dot = e < n && s[e] == '.';
    int dun = e + 3 <= n && memcmp(s + e, "、", 3) == 0;
    size_t after = e + (dot ? 1 : dun ? 3 : 0);
    if ((dot || dun) && !(after < n && s[after] >= '0' && s[after] <= '9')) {
        if (e - a == 1) return 0;
        *b = e - 1;          /* the last digit is the numbering of the next label */
    }
    return 1;
}

/* The raw character behind normalised byte i of a line. */
static uint32_t raw_char_at(const nb_line *l, uint32_t i)
{
    int len;
    uint32_t r = l->norm.map[i];
    return nb_utf8_decode(l->raw + r, l->raw_len - r, &len);
}

/* A dash drawn as a cell marker (—, ―, －, –) rather than typed as a minus sign. */
static int is_wide_dash(uint32_t c)
{
    return c == 0x2014 || c == 0x2015 || c == 0xFF0D || c == 0x2013 || c == 0x2E3A || c == 0xFE58;
}

static int is_sep(const char *s, size_t i, size_t ns, size_t ne, int before)
{
    if (before ? i <= ns : i >= ne) return 1;
    char c = before ? s[i - 1] : s[i];
    return c == ' ' || c == '|';
}

/* Numbers and explicit blanks in the normalised range [ns, ne) of an ordinary line.
 * A run of dashes standing alone is one blank cell; glued between digits or words (a flattened
 * page: 153——1——154) every em-dash is a cell of its own, while an ASCII '-' before digits is a
 * minus sign (本年增/减 2648-185). */
static void scan_tokens(reader *rd, uint32_t li, uint32_t ns, uint32_t ne)
{
    static nb_re *num;
    const nb_line *l = &rd->d->lines[li];
    const char *s = l->norm.text;
    size_t pos = ns, ov[2];
    nb_re *pat = nb_re_once(&num, "[+-]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:\\s?万?元)?");
    while (pos < ne) {
        char c = s[pos];
        int sign = (c == '-' || c == '+') && pos + 1 < ne && s[pos + 1] >= '0' && s[pos + 1] <= '9' &&
                   !is_wide_dash(raw_char_at(l, (uint32_t)pos));
        if ((c >= '0' && c <= '9') || sign) {
            if (!nb_re_find(pat, s, ne, pos, ov, 1) || ov[0] != pos) { pos++; continue; }
            size_t a = ov[0], b = ov[1];
            pos = b;
            if (!value_context_ok(s, ne, a, &b) || b <= a) continue;
            add_tok(rd, li, l->norm.map[a], raw_end_of(l, (uint32_t)b), s + a, (uint32_t)(b - a), TK_NUM);
            continue;
        }
        if (c == '-' || c == '/') {
            size_t q = pos;
            /* the run stops before a minus sign of the next number (—-6—: a blank, then -6) */
            while (q < ne && s[q] == c &&
                   !(q > pos && c == '-' && q + 1 < ne && s[q + 1] >= '0' && s[q + 1] <= '9' &&
                     !is_wide_dash(raw_char_at(l, (uint32_t)q))))
                q++;
            /* on a laid-out line a dash run between spaces is one cell; a flattened page has lost
             * the cell boundaries, and each em-dash there is a cell of its own */
            int alone = is_sep(s, pos, ns, ne, 1) && is_sep(s, q, ns, ne, 0);
            if (alone && c == '-' && !line_has_layout(rd->d, l)) alone = q - pos == 1 || !is_wide_dash(raw_char_at(l, (uint32_t)pos));
            if (alone) {
                if (c == '/' ? q - pos == 1 : q - pos <= 4)
                    add_tok(rd, li, l->norm.map[pos], raw_end_of(l, (uint32_t)q), s + pos, (uint32_t)(q - pos), TK_MARK);
            } else if (c == '-') {
                for (size_t k = pos; k < q; k++)
                    if (is_wide_dash(raw_char_at(l, (uint32_t)k)))
                        add_tok(rd, li, l->norm.map[k], raw_end_of(l, (uint32_t)k + 1), s + k, 1, TK_MARK);
            }   /* a glued '/' is text: 增/减, 电话/传真 */
            pos = q;
            continue;
        }
        if (pos + 3 <= ne && !memcmp(s + pos, "无", 3) && is_sep(s, pos, ns, ne, 1) &&
            is_sep(s, pos + 3, ns, ne, 0)) {
            add_tok(rd, li, l->norm.map[pos], raw_end_of(l, (uint32_t)pos + 3), s + pos, 3, TK_MARK);
            pos += 3;
            continue;
        }
        pos++;
    }
}

/* The fields of a tab/pipe/grid line: each a number, a blank marker, empty, or text (skipped). */
static void field_tokens(reader *rd, uint32_t li, uint32_t rs_from, uint32_t rs_to)
{
    const nb_doc *d = rd->d;
    const nb_line *l = &d->lines[li];
    for (uint32_t k = 0; k < l->nwords; k++) {
        const nb_word *w = &d->words[l->first_word + k];
        if (!(w->flags & NB_WORD_FIELD)) continue;
        if (w->off < rs_from || w->off > rs_to) continue;
        nb_norm nm;
        nb_normalize(rd->a, l->raw + w->off, w->len, &nm);
        nb_value v;
        nb_vkind kind = nb_parse_value(nm.text, nm.len, &v);
        if (kind == NB_V_NONE) continue;
        tok *t = nb_vec_push(&rd->toks);
        t->line = li;
        t->rs = w->off;
        t->re = w->off + w->len;
        t->norm = nm.text;
        t->nlen = nm.len;
        t->kind = (uint8_t)(nm.len == 0 ? TK_EMPTY : kind == NB_V_BLANK ? TK_MARK : TK_NUM);
        t->geo = 1;
        t->x0 = w->box.x0;
        t->x1 = w->box.x1;
    }
}

/* ---------- items of the region, grouped ---------- */

static int is_heading(const nb_table_def *def, int row);

/* ---------- wrapped label cells ---------- */

/* A text run: words of one line that belong together (a label cell's line), in normalised offsets. */
typedef struct run {
    uint32_t line, ns, ne;
    float    x0, x1;
    int      numbered;        /* starts with list numbering: 1. （二） 三、 — a new label */
    int      single;          /* its last word is one character (letter spacing) */
    float    cw;              /* the width of one character */
} run;

/* First normalised offset whose raw offset is >= raw. */
static uint32_t norm_of_raw(const nb_line *l, uint32_t raw)
{
    uint32_t lo = 0, hi = l->norm.len;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (l->norm.map[mid] < raw) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static int starts_numbered(const char *s, size_t n)
{
    static nb_re *re;
    size_t ov[2];
    return nb_re_find(nb_re_once(&re, "^\\s*(?:\\d{1,2}\\s*[.、]|\\([一二三四五六七八九十]{1,2}\\)|[一二三四五六七八九十]{1,2}、)"),
                      s, n, 0, ov, 1);
}

/* Text runs of a laid-out line, and whether the line holds values at all. */
static int line_runs(reader *rd, uint32_t li, nb_vec *runs, int merge)
{
    const nb_doc *d = rd->d;
    const nb_line *l = &d->lines[li];
    /* a label's own words are split by letter spacing (总 计, 情 形) — about a character's width;
     * two columns stand further apart */
    int pdf = d->kind == NB_KIND_PDF;
    int values = 0;
    run *cur = NULL;
    for (uint32_t k = 0; k < l->nwords; k++) {
        const nb_word *w = &d->words[l->first_word + k];
        uint32_t ns = norm_of_raw(l, w->off), ne = norm_of_raw(l, w->off + w->len);
        nb_value v;
        if (ne <= ns) continue;
        if (nb_parse_value(l->norm.text + ns, ne - ns, &v) != NB_V_NONE) {
            values = 1;
            cur = NULL;
            continue;
        }
        int numbered = starts_numbered(l->norm.text + ns, ne - ns);
        float gap_max = 0;
        uint32_t chars = 0;
        for (uint32_t k2 = w->off; k2 < w->off + w->len; k2++) chars += ((unsigned char)l->raw[k2] & 0xC0) != 0x80;
        if (pdf) {
            /* a character's width; tight table columns stand about that far apart too, so only a
             * lone letter-spaced character (总 计) may bridge that much */
            float cw = chars ? (w->box.x1 - w->box.x0) / (float)chars : 0;
            gap_max = chars == 1 && cur && cur->single ? 1.5f * cw : 0.6f * cw;
        } else if (chars == 1 && cur && cur->single) {
            gap_max = 1.5f;          /* text: one space between two lone characters (总 计) */
        }
        if (merge && cur && !numbered && w->box.x0 - cur->x1 <= gap_max) {
            cur->ne = ne;
            cur->x1 = w->box.x1;
            cur->single = chars == 1;
            continue;
        }
        cur = nb_vec_push(runs);
        *cur = (run){li, ns, ne, w->box.x0, w->box.x1, numbered, chars == 1,
                     chars ? (w->box.x1 - w->box.x0) / (float)chars : 1};
    }
    return values;
}

/* Match the row keys in the joined text of one label cell (runs r[0..n)); each key found becomes a
 * label on the line where it starts, covering the cell's lines from there on. */
/* Record runs r[0..n) as one heading cell. */
static void add_hcell(reader *rd, const run *r, int n, int gid)
{
    size_t len = 0;
    for (int i = 0; i < n; i++) len += r[i].ne - r[i].ns;
    if (n == 0 || len >= 64) return;
    hcell *h = nb_vec_push(&rd->hcells);
    char *t = nb_alloc(rd->a, len + 1);
    size_t o = 0;
    h->x0 = r[0].x0;
    h->x1 = r[0].x1;
    for (int i = 0; i < n; i++) {
        memcpy(t + o, rd->d->lines[r[i].line].norm.text + r[i].ns, r[i].ne - r[i].ns);
        o += r[i].ne - r[i].ns;
        if (r[i].x0 < h->x0) h->x0 = r[i].x0;
        if (r[i].x1 > h->x1) h->x1 = r[i].x1;
    }
    t[o] = '\0';
    h->text = t;
    h->len = (uint32_t)o;
    h->last_line = r[n - 1].line;
    h->group = gid;
}

/* Every tail of the runs r[0..n) as a heading cell of one group. */
static void add_hcell_tails(reader *rd, const run *r, int n)
{
    static int groups;
    groups++;
    for (int i = 0; i < n; i++) add_hcell(rd, r + i, n - i, groups);
}

/* Heading cells: the runs of a cell between those naming a row (行政复议 above 其他/结果 is a
 * group heading, not part of the column's). */
static void match_headings(reader *rd, const run *r, int n)
{
    nb_re *lp = label_pattern(rd->def);
    int start = 0;
    for (int i = 0; i < n; i++) {
        const nb_line *l = &rd->d->lines[r[i].line];
        if (!nb_re_test(lp, l->norm.text + r[i].ns, r[i].ne - r[i].ns)) continue;
        add_hcell_tails(rd, r + start, i - start);
        start = i + 1;
    }
    add_hcell_tails(rd, r + start, n - start);
}

static void match_cell(reader *rd, const run *r, int n, int labels)
{
    if (!labels) {
        match_headings(rd, r, n);
        return;
    }
    size_t len = 0;
    for (int i = 0; i < n; i++) len += r[i].ne - r[i].ns;
    char *text = malloc(len + 1);
    size_t *off = malloc((size_t)(n + 1) * sizeof *off), o = 0;
    for (int i = 0; i < n; i++) {
        off[i] = o;
        memcpy(text + o, rd->d->lines[r[i].line].norm.text + r[i].ns, r[i].ne - r[i].ns);
        o += r[i].ne - r[i].ns;
    }
    off[n] = o;
    text[o] = '\0';
    nb_re *lp = label_pattern(rd->def);
    size_t pos = 0, ov[2];
    /* the previous label by index: pushing the next one may move the vector (found by fuzz_text) */
    size_t prev_at = (size_t)-1;
    while (pos < len && nb_re_find(lp, text, len, pos, ov, 1)) {
        int row = nb_re_last_mark();
        pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        label *prev = prev_at != (size_t)-1 ? (label *)rd->cell_labels.data + prev_at : NULL;
        if (row < 0 || (prev && prev->row == row)) continue;
        int k = 0, e = 0;
        while (k + 1 < n && off[k + 1] <= ov[0]) k++;
        while (e + 1 < n && off[e + 1] < ov[1]) e++;
        const nb_line *l = &rd->d->lines[r[k].line];
        label *lb = nb_vec_push(&rd->cell_labels);
        prev = prev_at != (size_t)-1 ? (label *)rd->cell_labels.data + prev_at : NULL;
        lb->row = row;
        lb->line = lb->first = r[k].line;
        lb->last = r[n - 1].line;
        lb->rs = l->norm.map[r[k].ns + (ov[0] - off[k])];
        lb->re = k == e ? raw_end_of(l, (uint32_t)(r[k].ns + (ov[1] - off[k]))) : raw_end_of(l, r[k].ne);
        lb->x0 = r[0].x0;
        if (prev && prev->last >= lb->first) prev->last = lb->first > prev->first ? lb->first - 1 : prev->first;
        prev_at = rd->cell_labels.len - 1;
    }
    free(text);
    free(off);
}

/* Join the runs of laid-out lines into label cells: a run continues the cell above it when it
 * overlaps it horizontally, does not start with numbering, and is not a second row of values. */
typedef struct text_cell {
    int      runs[24];
    int      n;
    uint32_t last_line;
    int      last_values;
} text_cell;

/* Build the cells of the region's laid-out lines and hand each to match_cell. Only cells that
 * ended within the last two lines can take a run, so the pass stays linear in the region. */
static void build_cells(reader *rd, uint32_t la, uint32_t oa, uint32_t lb, uint32_t ob, int merge, int labels)
{
    nb_doc *d = rd->d;
    nb_vec runs, cells, open, still;
    nb_vec_init(&runs, sizeof(run));
    nb_vec_init(&cells, sizeof(text_cell));
    nb_vec_init(&open, sizeof(int));
    nb_vec_init(&still, sizeof(int));
    for (uint32_t li = la; li <= lb && li < d->nlines; li++) {
        const nb_line *l = &d->lines[li];
        if (!line_has_layout(d, l) || (l->flags & (NB_LINE_FIELDS | NB_LINE_FURNITURE | NB_LINE_RULE))) continue;
        if ((li == la && oa > 0) || (li == lb && ob < l->norm.len)) continue;   /* a partial line: keep it simple */
        if (labels) rd->by_cells[li - la] = 1;
        /* cells that ended more than two lines up are closed */
        still.len = 0;
        for (size_t k = 0; k < open.len; k++) {
            int ci = ((int *)open.data)[k];
            if (li - ((text_cell *)cells.data)[ci].last_line <= 2) *(int *)nb_vec_push(&still) = ci;
        }
        nb_vec tmp = open;
        open = still;
        still = tmp;
        size_t first = runs.len, opened_before = open.len;
        int values = line_runs(rd, li, &runs, merge);
        for (size_t k = first; k < runs.len; k++) {
            const run *ru = (const run *)runs.data + k;
            int best = -1;
            for (size_t o = 0; o < opened_before && !ru->numbered; o++) {
                int ci = ((int *)open.data)[o];
                text_cell *ce = (text_cell *)cells.data + ci;
                const run *tail = (const run *)runs.data + ce->runs[ce->n - 1];
                if (ce->n >= 24 || ce->last_line == li || (values && ce->last_values)) continue;
                /* a wrapped line stands under the cell's: left-aligned with it, or centred on it */
                float cw = tail->cw > ru->cw ? tail->cw : ru->cw;
                int left = fabsf(ru->x0 - tail->x0) <= 0.25f * cw;
                int centred = fabsf((ru->x0 + ru->x1) - (tail->x0 + tail->x1)) <= 0.5f * cw;
                if (left || centred) best = ci;
            }
            if (best < 0) {
                nb_vec_push(&cells);
                best = (int)cells.len - 1;
                *(int *)nb_vec_push(&open) = best;
            }
            text_cell *ce = (text_cell *)cells.data + best;
            ce->runs[ce->n++] = (int)k;
            ce->last_line = li;
            ce->last_values = values;
        }
    }
    run buf[24];
    for (size_t c = 0; c < cells.len; c++) {
        const text_cell *ce = (const text_cell *)cells.data + c;
        for (int i = 0; i < ce->n; i++) buf[i] = ((const run *)runs.data)[ce->runs[i]];
        match_cell(rd, buf, ce->n, labels);
    }
    nb_vec_free(&runs);
    nb_vec_free(&cells);
    nb_vec_free(&open);
    nb_vec_free(&still);
}

/* Wrapped labels and headings as cells: once with a label's letter-spaced words merged (for the
 * row keys), once word by word (for column headings in tight columns: 结果维/持 | 结果纠/正). */
static void find_cell_labels(reader *rd, uint32_t la, uint32_t oa, uint32_t lb, uint32_t ob)
{
    rd->la = la;
    rd->lb = lb;
    rd->by_cells = nb_alloc(rd->a, (size_t)(lb - la + 1));
    build_cells(rd, la, oa, lb, ob, 1, 1);
    build_cells(rd, la, oa, lb, ob, 0, 0);
}

/* The label whose wrapped cell covers line li, started on an earlier line: the row label (rightmost
 * non-heading) rather than a heading column beside it. -1 if none. */
static int covering_label(const reader *rd, uint32_t li, float *x)
{
    int best = -1;
    float bx = 0;
    *x = 0;
    for (size_t i = 0; i < rd->cell_labels.len; i++) {
        const label *c = (const label *)rd->cell_labels.data + i;
        if (c->first >= li || c->last < li) continue;
        int heading = (rd->def->rows[c->row].flags & NB_ROW_HEADING) != 0;
        if (best >= 0 && heading) continue;
        if (best < 0 || c->x0 > bx || (rd->def->rows[best].flags & NB_ROW_HEADING)) {
            best = c->row;
            bx = c->x0;
        }
    }
    *x = bx;
    return best;
}

typedef struct line_item {
    int is_label;
    uint32_t rs;
    int index;            /* into labels or toks */
} line_item;

static int by_rs(const void *a, const void *b)
{
    const line_item *x = a, *y = b;
    if (x->rs != y->rs) return x->rs < y->rs ? -1 : 1;
    return y->is_label - x->is_label;    /* a label before a token at the same place */
}

/* Collect the labels and tokens of line li within normalised [ns, ne), in reading order. */
static int line_items(reader *rd, uint32_t li, uint32_t ns, uint32_t ne, line_item **out, nb_vec *buf)
{
    const nb_line *l = &rd->d->lines[li];
    nb_re *lp = label_pattern(rd->def);
    size_t first_label = rd->labels.len, first_tok = rd->toks.len, pos = ns, ov[2];
    int last_row = -1;
    uint32_t last_end = 0;
    if (rd->by_cells && li >= rd->la && li <= rd->lb && rd->by_cells[li - rd->la]) {
        for (size_t i = 0; i < rd->cell_labels.len; i++) {
            const label *c = (const label *)rd->cell_labels.data + i;
            if (c->line == li) *(label *)nb_vec_push(&rd->labels) = *c;
        }
        pos = ne;          /* the cells have found this line's labels */
    }
    while (pos < ne && nb_re_find(lp, l->norm.text, ne, pos, ov, 1)) {
        int row = nb_re_last_mark();
        pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        if (row < 0) continue;
        /* two keys of one label (危及“三安全一稳定”) name the row once */
        if (row == last_row && ov[0] <= last_end + 24) {
            last_end = (uint32_t)ov[1];
            continue;
        }
        add_label(rd, li, (uint32_t)ov[0], (uint32_t)ov[1], row);
        last_row = row;
        last_end = (uint32_t)ov[1];
    }
    if (l->flags & NB_LINE_FIELDS)
        field_tokens(rd, li, ns ? l->norm.map[ns] : 0, ne < l->norm.len ? l->norm.map[ne] : l->raw_len);
    else scan_tokens(rd, li, ns, ne);
    buf->len = 0;
    for (size_t i = first_label; i < rd->labels.len; i++) {
        line_item *it = nb_vec_push(buf);
        it->is_label = 1;
        it->rs = ((label *)rd->labels.data)[i].rs;
        it->index = (int)i;
    }
    for (size_t i = first_tok; i < rd->toks.len; i++) {
        line_item *it = nb_vec_push(buf);
        it->rs = T(rd, (int)i)->rs;
        it->index = (int)i;
    }
    if (buf->len > 1) qsort(buf->data, buf->len, sizeof(line_item), by_rs);
    *out = buf->data;
    return (int)buf->len;
}

/* Tokens inside a label's own text (a field that is a label, digits of a key) are not values. */
static int inside_label(const reader *rd, const tok *t)
{
    for (size_t i = rd->labels.len; i-- > 0;) {
        const label *lb = (const label *)rd->labels.data + i;
        if (lb->line != t->line) return 0;
        if (t->rs >= lb->rs && t->re <= lb->re) return 1;
    }
    return 0;
}

static group *open_group(reader *rd, int first_tok, uint32_t line, int strong, const int *pending, int npending)
{
    group *g = nb_vec_push(&rd->groups);
    g->first = first_tok;
    g->n = 0;
    g->strong = strong;
    g->row = -1;
    g->line = line;
    for (int i = 0; i < npending && g->nweak < 4; i++)
        if (pending[i] != strong) g->weak[g->nweak++] = pending[i];
    return g;
}

/* Walk the region's lines, building groups of tokens with their labels. Tokens are re-laid so that
 * each group's tokens are contiguous in rd->toks. */
static void collect_groups(reader *rd, size_t a, size_t b)
{
    nb_doc *d = rd->d;
    if (d->nlines == 0 || b <= a) return;
    uint32_t la, oa, lb, ob;
    nb_stream_locate(&rd->r->stream, d->nlines, a, &la, &oa);
    nb_stream_locate(&rd->r->stream, d->nlines, b, &lb, &ob);
    find_cell_labels(rd, la, oa, lb, ob);
    nb_vec items, ordered;
    nb_vec_init(&items, sizeof(line_item));
    nb_vec_init(&ordered, sizeof(tok));
    int pending[8], npending = 0;
    for (uint32_t li = la; li <= lb && li < d->nlines; li++) {
        const nb_line *l = &d->lines[li];
        if (l->flags & (NB_LINE_FURNITURE | NB_LINE_RULE) || l->norm.len == 0) continue;
        uint32_t ns = li == la ? oa : 0, ne = li == lb ? ob : l->norm.len;
        if (ns > l->norm.len) ns = l->norm.len;
        if (ne > l->norm.len) ne = l->norm.len;
        if (ns >= ne) continue;
        line_item *it;
        int n = line_items(rd, li, ns, ne, &it, &items);
        /* a wrapped label whose key stands on an earlier line of its cell still names this line */
        float cover_x;
        int cover = covering_label(rd, li, &cover_x), strong = cover;
        group *g = NULL;
        for (int i = 0; i < n; i++) {
            if (it[i].is_label) {
                const label *lb_ = (const label *)rd->labels.data + it[i].index;
                /* a heading column beside a wrapped row label (（六）其他 | 缴纳费用…) names
                 * nothing: the row label, further right, does */
                strong = cover >= 0 && (is_heading(rd->def, lb_->row) || cover_x > lb_->x0) ? cover : lb_->row;
                g = NULL;
                if (npending < 8) pending[npending++] = lb_->row;
                continue;
            }
            tok *t = T(rd, it[i].index);
            if (inside_label(rd, t)) continue;
            if (!g) {
                g = open_group(rd, (int)ordered.len, li, strong, pending, npending);
                npending = 0;
            }
            *(tok *)nb_vec_push(&ordered) = *t;
            g->n++;
        }
    }
    /* the groups index `ordered`: swap it in */
    nb_vec_free(&rd->toks);
    rd->toks = ordered;
    nb_vec_free(&items);
}

/* ---------- rows for groups ---------- */

/* A group made only of empty fields, with no label on its line, is layout (a merged cell's
 * continuation), not a row. Leading empty fields before the first value are trimmed likewise. */
static void drop_layout_groups(reader *rd)
{
    for (size_t i = 0; i < rd->groups.len; i++) {
        group *g = G(rd, (int)i);
        if (g->strong >= 0) continue;
        while (g->n > 0 && T(rd, g->first)->kind == TK_EMPTY) {
            g->first++;
            g->n--;
        }
    }
}

/* How many cells a group could fill: a run of glued digits can hold one cell per digit. */
static int group_capacity(reader *rd, const group *g)
{
    int cap = 0;
    for (int i = 0; i < g->n; i++) {
        const tok *t = T(rd, g->first + i);
        int digits = 0;
        if (t->kind == TK_NUM && !t->geo)
            for (uint32_t k = 0; k < t->nlen; k++) digits += t->norm[k] >= '0' && t->norm[k] <= '9';
        cap += digits > 1 ? digits : 1;
    }
    return cap;
}

/* Could a group be (most of) a row with nc cells, or is it a stray number? */
static int group_fits(reader *rd, const group *g, int nc)
{
    return group_capacity(rd, g) * 2 > nc;
}

static int is_heading(const nb_table_def *def, int row)
{
    return (def->rows[row].flags & NB_ROW_HEADING) != 0;
}

static int by_x0(const void *a, const void *b)
{
    float d = ((const tok *)a)->x0 - ((const tok *)b)->x0;
    return d < 0 ? -1 : d > 0;
}

/* A row's numbers printed a little lower than its label (another font, another baseline) fall on
 * a line of their own right under it. Such a group, unlabelled, closer to the label's line than a
 * line apart and sharing no column with it, is the same row: merge it, in x order. */
static void merge_offset_groups(reader *rd)
{
    const nb_doc *d = rd->d;
    for (size_t i = 0; i + 1 < rd->groups.len; i++) {
        group *a = G(rd, (int)i), *b = G(rd, (int)i + 1);
        if (a->n == 0 || b->n == 0 || a->strong < 0 || b->strong >= 0 || b->line != a->line + 1) continue;
        const nb_line *la = &d->lines[a->line], *lb = &d->lines[b->line];
        if (d->kind != NB_KIND_PDF || la->page != lb->page) continue;
        if (fabsf(lb->box.y0 - la->box.y0) >= 0.8f * (la->box.y1 - la->box.y0)) continue;
        if (a->n + b->n > row_ncols(rd->def, a->strong) || b->first != a->first + a->n) continue;
        int overlap = 0;
        for (int p = 0; p < a->n && !overlap; p++)
            for (int q = 0; q < b->n && !overlap; q++) {
                const tok *ta = T(rd, a->first + p), *tb = T(rd, b->first + q);
                overlap = tb->x0 < ta->x1 && ta->x0 < tb->x1;
            }
        if (overlap) continue;
        a->n += b->n;
        b->n = 0;
        qsort(T(rd, a->first), (size_t)a->n, sizeof(tok), by_x0);
    }
}

static void anchor_groups(reader *rd)
{
    const nb_table_def *def = rd->def;
    int ng = (int)rd->groups.len;
    int *taken = calloc((size_t)def->nrows, sizeof *taken);
    /* strong labels: always, first occurrence of a row */
    for (int i = 0; i < ng; i++) {
        group *g = G(rd, i);
        if (g->n == 0 || g->strong < 0) continue;
        if (taken[g->strong]) {
            rd->t->copies = rd->t->copies < 2 ? 2 : rd->t->copies;
            g->n = 0;      /* a second copy of the row: the first one stands */
            continue;
        }
        g->row = g->strong;
        g->certain_row = 1;
        taken[g->row] = 1;
    }
    /* weak labels: the nearest pending label that keeps the template order between strong anchors.
     * A stray group too short for the rows it could be (a lone page number) hands its labels on. */
    for (int i = 0; i < ng; i++) {
        group *g = G(rd, i);
        if (g->n == 0 || g->row >= 0 || g->nweak == 0) continue;
        int fits = 0;
        for (int k = 0; k < g->nweak; k++) fits |= group_fits(rd, g, row_ncols(def, g->weak[k]));
        if (!fits) {
            group *next = i + 1 < ng ? G(rd, i + 1) : NULL;
            for (int k = 0; next && next->strong < 0 && k < g->nweak && next->nweak < 4; k++)
                next->weak[next->nweak++] = g->weak[k];
            g->nweak = 0;
            continue;
        }
        int lo = -1, hi = def->nrows;
        for (int j = i - 1; j >= 0; j--)
            if (G(rd, j)->row >= 0) { lo = G(rd, j)->row; break; }
        for (int j = i + 1; j < ng; j++)
            if (G(rd, j)->row >= 0) { hi = G(rd, j)->row; break; }
        /* the first row in template order; a heading only when nothing else fits */
        int best = -1;
        for (int pass = 0; pass < 2 && best < 0; pass++)
            for (int k = 0; k < g->nweak; k++) {
                int r = g->weak[k];
                if (pass == 0 && is_heading(def, r)) continue;
                if (r > lo && r < hi && !taken[r] && (best < 0 || r < best)) best = r;
            }
        if (best >= 0) {
            g->row = best;
            g->certain_row = 1;
            taken[best] = 1;
        }
    }
    /* unlabelled runs between anchors fill the free rows between them when the counts agree */
    int i = 0;
    while (i < ng) {
        if (G(rd, i)->n == 0 || G(rd, i)->row >= 0) { i++; continue; }
        int j = i;
        while (j < ng && (G(rd, j)->n == 0 || G(rd, j)->row < 0)) j++;
        int lo = -1, hi = def->nrows;
        for (int k = i - 1; k >= 0; k--)
            if (G(rd, k)->row >= 0) { lo = G(rd, k)->row; break; }
        if (j < ng) hi = G(rd, j)->row;
        int slots[64], ns = 0, slots_all[64], nsa = 0;
        for (int r = lo + 1; r < hi && r >= 0; r++) {
            if (taken[r]) continue;
            if (nsa < 64) slots_all[nsa++] = r;
            if (!is_heading(def, r) && ns < 64) slots[ns++] = r;
        }
        int members[64], nm = 0, complete[64], nc = 0;
        for (int k = i; k < j; k++) {
            if (G(rd, k)->n == 0) continue;
            if (nm < 64) members[nm++] = k;
        }
        /* groups shorter than any row they could be are strays (a lone page number) */
        for (int k = 0; k < nm; k++) {
            group *g = G(rd, members[k]);
            int fits = 0;
            for (int s = 0; s < nsa; s++) fits |= group_fits(rd, g, row_ncols(def, slots_all[s]));
            if (fits && nc < 64) complete[nc++] = members[k];
        }
        const int *use = NULL, *rows = NULL;
        int count = 0;
        /* strays out first, headings only when the rows need them */
        if (nc == ns) { use = complete; rows = slots; count = nc; }
        else if (nm == ns) { use = members; rows = slots; count = nm; }
        else if (nc == nsa) { use = complete; rows = slots_all; count = nc; }
        else if (nm == nsa) { use = members; rows = slots_all; count = nm; }
        for (int k = 0; k < count; k++) {
            group *g = G(rd, use[k]);
            g->row = rows[k];
            g->certain_row = 1;
            taken[rows[k]] = 1;
        }
        i = j;
    }
    free(taken);
}

/* ---------- cells ---------- */

static void set_cell_from_tok(reader *rd, int row, int col, const tok *t, int certain, const char *why)
{
    nb_cell *c = nb_table_cell(rd->t, row, col);
    const nb_line *l = &rd->d->lines[t->line];
    c->raw = nb_strndup(rd->a, l->raw + t->rs, t->re - t->rs);
    c->page = l->page;
    c->line = t->line;
    c->box = (nb_box){t->x0, l->box.y0, t->x1, l->box.y1};
    c->has_box = t->geo && rd->d->kind == NB_KIND_PDF;
    c->certain = (uint8_t)certain;
    c->why = why;
    nb_value v;
    nb_vkind k = nb_parse_value(t->norm, t->nlen, &v);
    if (k == NB_V_NUMBER && certain) {
        c->kind = NB_CELL_NUMBER;
        c->mant = v.mant;
        c->scale = v.scale;
        c->value = nb_strdup(rd->a, v.text);
    } else {
        c->kind = k == NB_V_NUMBER ? NB_CELL_NUMBER : NB_CELL_BLANK;
        c->value = "";
        if (k == NB_V_NUMBER && !certain) c->kind = NB_CELL_BLANK;
    }
}

/* Mark every cell of a row uncertain (nothing read with confidence) with a reason. */
static void row_uncertain(reader *rd, int row, const char *why, const group *g)
{
    const nb_line *l = g ? &rd->d->lines[g->line] : NULL;
    for (int c = 0; c < rd->def->ncols; c++) {
        if (!nb_row_has_col(rd->def, row, c)) continue;
        nb_cell *cell = nb_table_cell(rd->t, row, c);
        cell->kind = NB_CELL_BLANK;
        cell->certain = 0;
        cell->why = why;
        cell->value = "";
        cell->raw = "";
        if (l) {
            cell->page = l->page;
            cell->line = g->line;
        }
    }
    if (g && g->n > 0) {
        /* keep what was printed, for whoever checks by hand */
        const tok *f = T(rd, g->first), *e = T(rd, g->first + g->n - 1);
        if (f->line == e->line) {
            const nb_line *fl = &rd->d->lines[f->line];
            const char *raw = nb_strndup(rd->a, fl->raw + f->rs, e->re - f->rs);
            for (int c = 0; c < rd->def->ncols; c++)
                if (nb_row_has_col(rd->def, row, c)) nb_table_cell(rd->t, row, c)->raw = raw;
        }
    }
}

/* Learn column centres from complete groups (as many tokens as columns, with layout geometry). */
static void learn_centres(reader *rd)
{
    const nb_table_def *def = rd->def;
    uint32_t np = rd->d->npages;
    size_t n = ((size_t)np + 1) * (size_t)def->ncols;
    rd->csum = nb_alloc(rd->a, n * sizeof(float));
    rd->ccnt = nb_alloc(rd->a, n * sizeof(float));
    for (size_t i = 0; i < rd->groups.len; i++) {
        group *g = G(rd, (int)i);
        if (g->row < 0 || g->n != row_ncols(def, g->row) || g->n < 2) continue;
        for (int k = 0; k < g->n; k++) {
            tok *t = T(rd, g->first + k);
            if (!t->geo) goto next;
        }
        for (int k = 0; k < g->n; k++) {
            tok *t = T(rd, g->first + k);
            int c = row_col(def, g->row, k);
            uint32_t page = rd->d->lines[t->line].page;
            float xc = (t->x0 + t->x1) / 2;
            rd->csum[c] += xc;
            rd->ccnt[c] += 1;
            if (page <= np) {
                rd->csum[(size_t)page * def->ncols + c] += xc;
                rd->ccnt[(size_t)page * def->ncols + c] += 1;
            }
        }
    next:;
    }
}

/* Centre of column c on a page: that page's complete rows, else all pages', else the header's. */
/* The heading of column c standing nearest above line li on its page: table 2 is several small
 * tables, each with its own headings in its own places. NAN when there is none. */
static float header_above(const reader *rd, int c, uint32_t li)
{
    nb_re *re = nb_re_get(rd->def->cols[c].header);
    const hcell *best = NULL;
    uint32_t page = rd->d->lines[li].page;
    for (size_t i = 0; i < rd->hcells.len; i++) {
        const hcell *h = (const hcell *)rd->hcells.data + i;
        if (h->last_line >= li || rd->d->lines[h->last_line].page != page) continue;
        if (!nb_re_test(re, h->text, h->len)) continue;
        if (!best || h->last_line > best->last_line || (h->last_line == best->last_line && h->len < best->len)) best = h;
    }
    return best ? (best->x0 + best->x1) / 2 : NAN;
}

/* Does the table mix rows of different columns (table 2)? Then each row's own block of headings
 * places its numbers. */
static int mixed_columns(const nb_table_def *def)
{
    for (int r = 0; r < def->nrows; r++)
        if (def->rows[r].cols) return 1;
    return 0;
}

static float centre(const reader *rd, uint32_t page, int c)
{
    size_t nc = (size_t)rd->def->ncols;
    if (page <= rd->d->npages && rd->ccnt[page * nc + c] > 0) return rd->csum[page * nc + c] / rd->ccnt[page * nc + c];
    if (rd->ccnt[c] > 0) return rd->csum[c] / rd->ccnt[c];
    return rd->hdr ? rd->hdr[c] : NAN;
}

/* Place fewer tokens than columns by x-centre. Returns 0 when a token's column is unclear. */
/* Digits and separators of line li whose characters stand within [lo, hi), or NULL when anything
 * else stands there (a label, a heading). */
static char *column_digits(reader *rd, uint32_t li, float lo, float hi, size_t *n)
{
    const nb_line *l = &rd->d->lines[li];
    char *buf = nb_alloc(rd->a, l->norm.len + 1);
    size_t o = 0;
    for (uint32_t i = 0; i < l->norm.len; i++) {
        uint32_t r = l->norm.map[i];
        float xc = (nb_line_x0(l, r) + nb_line_x1(l, r)) / 2;
        if (xc < lo || xc >= hi || l->norm.text[i] == ' ') continue;
        char ch = l->norm.text[i];
        if (!((ch >= '0' && ch <= '9') || ch == ',' || ch == '.')) return NULL;
        buf[o++] = ch;
    }
    buf[o] = '\0';
    *n = o;
    return buf;
}

static int row_relations(const reader *rd, int row, nb_glue_rel *rel, int max);

/* Is line li a line of number fragments: digits only across the value columns [lo, hi), and no
 * row of its own? (a vertical label's character or a heading may stand left of them) */
static int stray_digits_line(reader *rd, uint32_t li, uint32_t page, float y, float h, float lo, float hi)
{
    const nb_doc *d = rd->d;
    if (li >= d->nlines) return 0;
    const nb_line *l = &d->lines[li];
    if (l->page != page || (l->flags & (NB_LINE_FURNITURE | NB_LINE_FIELDS)) || l->norm.len == 0) return 0;
    /* a wrapped number's next line sits one text line away; the next row further */
    if (fabsf(l->box.y0 - y) > 1.6f * h) return 0;
    for (size_t i = 0; i < rd->groups.len; i++) {
        const group *g = G(rd, (int)i);
        if (g->line == li && g->row >= 0 && g->n > 0) return 0;
    }
    size_t n;
    return column_digits(rd, li, lo, hi, &n) != NULL && n > 0;
}

/* Is line `frag` nearer to line `own` than to line `other` (the row on its far side)? A stray line
 * of fragments between two rows belongs to the row it sits against. */
static int nearer_to(const nb_doc *d, uint32_t frag, uint32_t own, uint32_t other)
{
    if (other >= d->nlines || d->lines[other].page != d->lines[frag].page) return 1;
    return fabsf(d->lines[frag].box.y0 - d->lines[own].box.y0) <
           fabsf(d->lines[frag].box.y0 - d->lines[other].box.y0);
}

/* A number too wide for its narrow cell wraps inside it, onto the line above or below the row's
 * own (1,74 / 2 around the label; 127 above, 8 beside a label centred lower). Join each column's
 * fragments top to bottom with the row's own token; the joins stand when the row's sums then
 * hold, and are flagged wrapped_number otherwise. */
static void join_wrapped(reader *rd, const group *g, int row, const int *cols, const float *cx, int nc)
{
    const nb_doc *d = rd->d;
    if (d->kind != NB_KIND_PDF || nc < 2) return;
    const nb_line *l = &d->lines[g->line];
    float h = l->box.y1 - l->box.y0;
    float vlo = cx[0] - (cx[1] - cx[0]) / 2, vhi = cx[nc - 1] + (cx[nc - 1] - cx[nc - 2]) / 2;
    int up = g->line > 0 && stray_digits_line(rd, g->line - 1, l->page, l->box.y0, h, vlo, vhi) &&
             nearer_to(d, g->line - 1, g->line, g->line >= 2 ? g->line - 2 : UINT32_MAX);
    int down = stray_digits_line(rd, g->line + 1, l->page, l->box.y0, h, vlo, vhi) &&
               nearer_to(d, g->line + 1, g->line, g->line + 2);
    if (!up && !down) return;
    char *text[NB_GLUE_MAX_CELLS];
    nb_value v[NB_GLUE_MAX_CELLS];
    int joined = 0;
    for (int k = 0; k < nc; k++) {
        float lo = k > 0 ? (cx[k - 1] + cx[k]) / 2 : cx[k] - (cx[1] - cx[0]) / 2;
        float hi = k < nc - 1 ? (cx[k] + cx[k + 1]) / 2 : cx[k] + (cx[nc - 1] - cx[nc - 2]) / 2;
        size_t na = 0, nm = 0, nb = 0;
        char *a = up ? column_digits(rd, g->line - 1, lo, hi, &na) : NULL;
        char *b = down ? column_digits(rd, g->line + 1, lo, hi, &nb) : NULL;
        text[k] = NULL;
        if (na == 0 && nb == 0) continue;     /* this column did not wrap: its cell stands */
        char *m = column_digits(rd, g->line, lo, hi, &nm);
        if (!m) return;                       /* a marker or text beside a fragment: no join */
        text[k] = nb_sprintf(rd->a, "%s%s%s", a ? a : "", m, b ? b : "");
        if (nb_parse_value(text[k], strlen(text[k]), &v[k]) != NB_V_NUMBER) return;
        if (text[k][0] == '0' && text[k][1] >= '0' && text[k][1] <= '9') return;   /* 0 + 1 is not 01 */
        joined = 1;
    }
    if (!joined) return;
    /* the row's sums decide, over the joined columns and the cells already placed */
    for (int k = 0; k < nc; k++) {
        if (text[k]) continue;
        const nb_cell *c = nb_table_cell(rd->t, row, cols[k]);
        memset(&v[k], 0, sizeof v[k]);
        if (c->kind == NB_CELL_NUMBER && c->certain) {
            v[k].mant = c->mant;
            v[k].scale = c->scale;
        }
    }
    nb_glue_rel rel[NB_GLUE_MAX_RELS];
    int nrel = row_relations(rd, row, rel, NB_GLUE_MAX_RELS), holds = nrel > 0;
    for (int r = 0; r < nrel && holds; r++) {
        int64_t sum = 0;
        for (int k = 0; k < nc; k++)
            if ((rel[r].addends >> k) & 1u) sum += v[k].scale ? 0 : v[k].mant;
        holds = v[rel[r].target].mant == sum;
    }
    for (int k = 0; k < nc; k++) {
        if (!text[k]) continue;
        nb_cell *c = nb_table_cell(rd->t, row, cols[k]);
        c->raw = text[k];
        c->why = holds ? NULL : "wrapped_number";
        c->certain = (uint8_t)holds;
        c->kind = NB_CELL_NUMBER;
        c->mant = v[k].mant;
        c->scale = v[k].scale;
        c->value = holds ? nb_strdup(rd->a, v[k].text) : "";
    }
}

static int place_by_position(reader *rd, const group *g, int row)
{
    const nb_table_def *def = rd->def;
    int nc = row_ncols(def, row), cols[NB_GLUE_MAX_CELLS], assigned[NB_GLUE_MAX_CELLS];
    float cx[NB_GLUE_MAX_CELLS];
    if (nc > NB_GLUE_MAX_CELLS) return 0;
    uint32_t page = rd->d->lines[g->line].page;
    for (int k = 0; k < nc; k++) {
        cols[k] = row_col(def, row, k);
        cx[k] = mixed_columns(def) ? header_above(rd, cols[k], g->line) : NAN;
        if (isnan(cx[k])) cx[k] = centre(rd, page, cols[k]);
        if (isnan(cx[k])) return 0;
        if (k && cx[k] <= cx[k - 1]) return 0;
    }
    int prev = -1;
    for (int i = 0; i < g->n; i++) {
        const tok *t = T(rd, g->first + i);
        if (!t->geo) return 0;
        float xc = (t->x0 + t->x1) / 2;
        int best = -1;
        float bd = 0;
        for (int k = 0; k < nc; k++) {
            float dist = fabsf(xc - cx[k]);
            if (best < 0 || dist < bd) { best = k; bd = dist; }
        }
        /* within half the gap to the neighbouring centre, and left to right */
        float gap = nc > 1 ? (best > 0 ? cx[best] - cx[best - 1] : cx[1] - cx[0]) : 1e9f;
        if (best < nc - 1 && cx[best + 1] - cx[best] < gap) gap = cx[best + 1] - cx[best];
        if (bd > gap * 0.5f || best <= prev) return 0;
        /* a token spanning two centres is glued digits, not one cell */
        for (int k = 0; k < nc; k++)
            if (k != best && cx[k] > t->x0 && cx[k] < t->x1) return 0;
        assigned[i] = best;
        prev = best;
    }
    for (int i = 0; i < g->n; i++) set_cell_from_tok(rd, row, cols[assigned[i]], T(rd, g->first + i), 1, NULL);
    /* the columns no token reached were printed empty — unless a number wrapped (join_wrapped) */
    for (int k = 0; k < nc; k++) {
        int used = 0;
        for (int i = 0; i < g->n; i++) used |= assigned[i] == k;
        if (used) continue;
        nb_cell *c = nb_table_cell(rd->t, row, cols[k]);
        const nb_line *l = &rd->d->lines[g->line];
        c->kind = NB_CELL_BLANK;
        c->certain = 1;
        c->value = "";
        c->raw = "";
        c->page = l->page;
        c->line = g->line;
    }
    join_wrapped(rd, g, row, cols, cx, nc);
    return 1;
}

/* ---------- glued digits ---------- */

/* The relations among a row's own cells that the template declares (each = "row" sums). */
static int row_relations(const reader *rd, int row, nb_glue_rel *rel, int max)
{
    const nb_template *tm = rd->r->tables ? rd->r->tables->tmpl : NULL;
    if (!tm) return 0;
    const nb_table_def *def = rd->def;
    int n = 0, nc = row_ncols(def, row);
    for (int s = 0; s < tm->nsums && n < max; s++) {
        const nb_sum_def *sd = &tm->sums[s];
        if (strcmp(sd->table, def->code) || strcmp(sd->each, "row")) continue;
        /* lhs: a single column code; rhs: the addends */
        int target = -1;
        uint32_t mask = 0;
        const uint8_t *known = nb_sum_sides(sd, def);
        for (int k = 0; k < nc; k++) {
            int c = row_col(def, row, k);
            const char *code = def->cols[c].code;
            if (nb_code_match(sd->lhs, code)) target = k;
            if (known ? known[c] & 2 : nb_code_in_list(sd->rhs, code)) mask |= 1u << k;
        }
        if (target >= 0 && mask) rel[n++] = (nb_glue_rel){target, mask};
    }
    return n;
}

typedef struct pending_row {
    int row;
    int group;
    nb_glue_result *res;
} pending_row;

/* Write one split of a group's tokens into the row's cells. */
static void apply_split(reader *rd, const group *g, int row, const nb_glue_split *sp, int certain)
{
    int nc = row_ncols(rd->def, row);
    for (int k = 0; k < nc; k++) {
        const nb_glue_part *p = &sp->part[k];
        const tok *t = T(rd, g->first + p->tok);
        if (t->kind == TK_MARK) {
            set_cell_from_tok(rd, row, row_col(rd->def, row, k), t, certain, certain ? NULL : "glued_ambiguous");
            continue;
        }
        tok part = *t;
        /* the part's raw bytes: normalised offsets map to raw through the token's own text */
        const nb_line *l = &rd->d->lines[t->line];
        uint32_t base_norm = 0;
        /* tokens of ordinary lines: norm bytes equal raw bytes for ASCII digits; full-width digits take
         * three raw bytes each, so walk the raw text counting digits */
        uint32_t rs = t->rs, idx = 0;
        while (rs < t->re && idx < p->start) {
            int len;
            nb_utf8_decode(l->raw + rs, t->re - rs, &len);
            rs += (uint32_t)len;
            idx++;
        }
        uint32_t re = rs;
        while (re < t->re && idx < p->end) {
            int len;
            nb_utf8_decode(l->raw + re, t->re - re, &len);
            re += (uint32_t)len;
            idx++;
        }
        (void)base_norm;
        part.rs = rs;
        part.re = re;
        part.norm = nb_strndup(rd->a, t->norm + p->start, (size_t)(p->end - p->start));
        part.nlen = (uint32_t)(p->end - p->start);
        part.x0 = nb_line_x0(l, rs);
        part.x1 = nb_line_x1(l, re > rs ? re - 1 : rs);
        set_cell_from_tok(rd, row, row_col(rd->def, row, k), &part, certain, certain ? NULL : "glued_ambiguous");
    }
}

static nb_glue_result *split_group(reader *rd, const group *g, int row)
{
    int nc = row_ncols(rd->def, row);
    const char *texts[64];
    size_t lens[64];
    if (g->n > 64) return NULL;
    for (int i = 0; i < g->n; i++) {
        const tok *t = T(rd, g->first + i);
        if (t->kind == TK_EMPTY) return NULL;
        texts[i] = t->norm;
        lens[i] = t->kind == TK_MARK ? 0 : t->nlen;    /* a marker is one blank cell */
        while (lens[i] && (texts[i][lens[i] - 1] < '0' || texts[i][lens[i] - 1] > '9')) lens[i]--;  /* a unit */
    }
    nb_glue_rel rel[NB_GLUE_MAX_RELS];
    uint32_t signed_cells = 0;
    for (int k = 0; k < nc; k++)
        if (rd->def->cols[row_col(rd->def, row, k)].flags & NB_COL_SIGNED) signed_cells |= 1u << k;
    nb_glue_input in = {texts, lens, g->n, nc, signed_cells, rel, row_relations(rd, row, rel, NB_GLUE_MAX_RELS)};
    nb_glue_result *res = nb_alloc_uninit(rd->a, sizeof *res);   /* 12 KB, filled by the splitter */
    nb_glue_split_row(&in, res);
    return res;
}

/* Rows whose glued digits split several ways: try every combination against the column sums. */
typedef struct joint {
    reader *rd;
    pending_row *p;
    int np;
    int choice[32];
    int solutions, sol[32];
    long budget;
} joint;

static int64_t cell_mant_scaled(const nb_cell *c, int scale)
{
    if (c->kind != NB_CELL_NUMBER) return 0;
    int64_t v = c->mant;
    for (int k = c->scale; k < scale; k++) v *= 10;
    return v;
}

/* Do the column relations hold with the pending rows set to their chosen candidates? */
static int columns_hold(joint *j)
{
    reader *rd = j->rd;
    const nb_template *tm = rd->r->tables->tmpl;
    const nb_table_def *def = rd->def;
    /* temporarily write the choices */
    for (int i = 0; i < j->np; i++) {
        const pending_row *p = &j->p[i];
        const nb_glue_split *sp = &p->res->cand[j->choice[i]];
        int nc = row_ncols(def, p->row);
        for (int k = 0; k < nc; k++) {
            nb_cell *c = nb_table_cell(rd->t, p->row, row_col(def, p->row, k));
            c->kind = NB_CELL_NUMBER;
            c->mant = sp->part[k].mant;
            c->scale = sp->part[k].scale;
        }
    }
    for (int s = 0; s < tm->nsums; s++) {
        const nb_sum_def *sd = &tm->sums[s];
        if (strcmp(sd->table, def->code) || strcmp(sd->each, "col")) continue;
        /* which side each row adds to is the same in every column, and for every combination the
         * joint search tries: template.c works it out once per sum and declaration */
        uint8_t side[256];
        const uint8_t *known = nb_sum_sides(sd, def);
        for (int row = 0; row < def->nrows && row < 256; row++)
            side[row] = known ? known[row]
                              : (uint8_t)(nb_code_in_list(sd->lhs, def->rows[row].code) |
                                          nb_code_in_list(sd->rhs, def->rows[row].code) << 1);
        for (int c = 0; c < def->ncols; c++) {
            int64_t l = 0, r = 0;
            int uncertain = 0;
            for (int row = 0; row < def->nrows && row < 256; row++) {
                const nb_cell *cell = nb_table_cell(rd->t, row, c);
                int in_l = side[row] & 1, in_r = side[row] >> 1;
                if (!in_l && !in_r) continue;
                int pend = 0;
                for (int i = 0; i < j->np; i++) pend |= j->p[i].row == row;
                if (!cell->certain && !pend && cell->kind != NB_CELL_ABSENT) uncertain = 1;
                if (in_l) l += cell_mant_scaled(cell, 0);
                if (in_r) r += cell_mant_scaled(cell, 0);
            }
            if (!uncertain && l != r) return 0;
        }
    }
    return 1;
}

static void joint_search(joint *j, int i)
{
    if (j->solutions > 1 || --j->budget < 0) return;
    if (i == j->np) {
        if (columns_hold(j)) {
            if (++j->solutions == 1) memcpy(j->sol, j->choice, sizeof j->sol);
        }
        return;
    }
    for (int k = 0; k < j->p[i].res->ncand; k++) {
        j->choice[i] = k;
        joint_search(j, i + 1);
    }
}

/* ---------- reading a table ---------- */

/* A complete row can still have a number wrapped onto the next line: check it with the row's own
 * token positions as the columns. */
static void wrapped_in_complete_row(reader *rd, const group *g, int row)
{
    int nc = row_ncols(rd->def, row), cols[NB_GLUE_MAX_CELLS];
    float cx[NB_GLUE_MAX_CELLS];
    if (nc < 2 || nc > NB_GLUE_MAX_CELLS) return;
    for (int k = 0; k < nc; k++) {
        const tok *t = T(rd, g->first + k);
        if (!t->geo) return;
        cols[k] = row_col(rd->def, row, k);
        cx[k] = (t->x0 + t->x1) / 2;
        if (k && cx[k] <= cx[k - 1]) return;
    }
    join_wrapped(rd, g, row, cols, cx, nc);
}

/* Do two rows have the same columns (so that they are laid out alike)? */
static int same_columns(const nb_table_def *def, int a, int b)
{
    for (int c = 0; c < def->ncols; c++)
        if (nb_row_has_col(def, a, c) != nb_row_has_col(def, b, c)) return 0;
    return 1;
}

/* Fields from the end of line up to the token at raw offset rs (0: the last field). */
static int fields_to_end(const nb_line *l, uint32_t rs)
{
    char sep = memchr(l->raw, '\t', l->raw_len) ? '\t' : '|';
    uint32_t end = l->raw_len;
    while (sep == '|' && end > 0 && (l->raw[end - 1] == ' ' || l->raw[end - 1] == '|')) end--;
    int n = 0;
    for (uint32_t i = rs; i < end; i++) n += l->raw[i] == sep;
    return n;
}

/* A field line with more fields than the row has cells: which empty fields are layout (a label
 * spanning two columns before the values, a border after them)? The table's complete rows show
 * where its values end relative to the line's end; keep that alignment. Returns how many leading
 * fields to drop, or -1 when only empty fields cannot make up the difference. */
static int layout_fields_before(reader *rd, const group *g, int nc)
{
    int extra = g->n - nc;
    /* where complete rows of this table end, counted from the end of their lines */
    int votes[8] = {0};
    for (size_t i = 0; i < rd->groups.len; i++) {
        const group *o = G(rd, (int)i);
        if (o->row < 0 || o->n != row_ncols(rd->def, o->row) || !same_columns(rd->def, o->row, g->row)) continue;
        const tok *last = T(rd, o->first + o->n - 1);
        const nb_line *l = &rd->d->lines[last->line];
        if (!(l->flags & NB_LINE_FIELDS)) continue;
        int e = fields_to_end(l, last->rs);
        if (e >= 0 && e < 8) votes[e]++;
    }
    int modal = -1;
    for (int e = 0; e < 8; e++)
        if (votes[e] && (modal < 0 || votes[e] > votes[modal])) modal = e;
    int fallback = -1;
    for (int lead = 0; lead <= extra; lead++) {
        int trail = extra - lead, ok = 1;
        for (int i = 0; i < lead && ok; i++) ok = T(rd, g->first + i)->kind == TK_EMPTY;
        for (int i = 0; i < trail && ok; i++) ok = T(rd, g->first + g->n - 1 - i)->kind == TK_EMPTY;
        if (!ok) continue;
        const tok *last = T(rd, g->first + g->n - 1 - trail);
        const nb_line *l = &rd->d->lines[last->line];
        if (modal >= 0 && (l->flags & NB_LINE_FIELDS) && fields_to_end(l, last->rs) == modal) return lead;
        if (fallback < 0) fallback = lead;    /* without a rule to follow, drop the trailing ones first */
    }
    return fallback;
}

/* A number printed with a leading zero (012) is two cells glued together, not one. */
static int has_glued_token(reader *rd, const group *g)
{
    for (int i = 0; i < g->n; i++) {
        const tok *t = T(rd, g->first + i);
        const char *p = t->norm;
        if (t->kind != TK_NUM) continue;
        if (*p == '-' || *p == '+') p++;
        if (p[0] == '0' && p[1] >= '0' && p[1] <= '9') return 1;
    }
    return 0;
}

static void fill_group(reader *rd, group *g, pending_row *pend, int *npend)
{
    int row = g->row, nc = row_ncols(rd->def, row);
    rd->t->row_found[row] = 1;
    if (g->n == nc && !has_glued_token(rd, g)) {
        for (int k = 0; k < nc; k++) set_cell_from_tok(rd, row, row_col(rd->def, row, k), T(rd, g->first + k), 1, NULL);
        wrapped_in_complete_row(rd, g, row);
        return;
    }
    if (g->n > nc) {
        /* empty fields beyond the row's cells are layout: a merged cell's border leaves one after
         * the values, a label spanning two columns one before them */
        int lead = layout_fields_before(rd, g, nc);
        if (lead >= 0) {
            g->first += lead;
            g->n = nc;
            fill_group(rd, g, pend, npend);
            return;
        }
        row_uncertain(rd, row, "extra_values", g);
        return;
    }
    if (place_by_position(rd, g, row)) return;
    nb_glue_result *res = split_group(rd, g, row);
    if (!res || res->ncand == 0) {
        row_uncertain(rd, row, res && res->by_count ? "glued_no_split" : "column_unclear", g);
        return;
    }
    if (res->ncand == 1 && !res->more) {
        apply_split(rd, g, row, &res->cand[0], 1);
        return;
    }
    if (*npend < 32 && !res->more) {
        pend[*npend] = (pending_row){row, (int)(g - G(rd, 0)), res};
        (*npend)++;
        row_uncertain(rd, row, "glued_ambiguous", g);
        return;
    }
    row_uncertain(rd, row, "glued_ambiguous", g);
}

static void settle_pending(reader *rd, pending_row *pend, int np)
{
    if (np == 0 || !rd->r->tables || !rd->r->tables->tmpl) return;
    joint j = {.rd = rd, .p = pend, .np = np, .budget = 100000};
    joint_search(&j, 0);
    for (int i = 0; i < np; i++) {
        group *g = G(rd, pend[i].group);
        if (j.solutions == 1 && j.budget >= 0) apply_split(rd, g, pend[i].row, &pend[i].res->cand[j.sol[i]], 1);
        else row_uncertain(rd, pend[i].row, "glued_ambiguous", g);
    }
}

/* Header-derived column centres: where each column's header words stand, on layout lines. */
static void header_centres(reader *rd, size_t a, size_t b)
{
    const nb_table_def *def = rd->def;
    rd->hdr = nb_alloc(rd->a, (size_t)def->ncols * sizeof(float));
    for (int c = 0; c < def->ncols; c++) rd->hdr[c] = NAN;
    uint32_t la, oa, lb, ob;
    nb_stream_locate(&rd->r->stream, rd->d->nlines, a, &la, &oa);
    nb_stream_locate(&rd->r->stream, rd->d->nlines, b, &lb, &ob);
    for (int c = 0; c < def->ncols; c++) {
        nb_re *re = nb_re_get(def->cols[c].header);
        /* a heading cell joined across its lines (自然/人); of several, the tightest (其他, not
         * 法人或其他组织) */
        const hcell *best = NULL;
        for (size_t i = 0; i < rd->hcells.len; i++) {
            const hcell *h = (const hcell *)rd->hcells.data + i;
            if (nb_re_test(re, h->text, h->len) && (!best || h->len < best->len)) best = h;
        }
        if (best) {
            rd->hdr[c] = (best->x0 + best->x1) / 2;
            continue;
        }
        for (uint32_t li = la; li <= lb && li < rd->d->nlines; li++) {
            const nb_line *l = &rd->d->lines[li];
            if (!line_has_layout(rd->d, l) || l->norm.len == 0) continue;
            size_t ov[2];
            if (!nb_re_find(re, l->norm.text, l->norm.len, 0, ov, 1)) continue;
            float x0 = nb_line_x0(l, l->norm.map[ov[0]]), x1 = nb_line_x1(l, raw_end_of(l, (uint32_t)ov[1]) - 1);
            rd->hdr[c] = (x0 + x1) / 2;
            break;
        }
    }
}

static int label_seen(const reader *rd, int row)
{
    for (size_t i = 0; i < rd->labels.len; i++)
        if (((const label *)rd->labels.data)[i].row == row) return 1;
    return 0;
}

static void read_rows_table(reader *rd, size_t a, size_t b)
{
    collect_groups(rd, a, b);
    drop_layout_groups(rd);
    merge_offset_groups(rd);
    anchor_groups(rd);
    learn_centres(rd);
    header_centres(rd, a, b);
    pending_row pend[32];
    int np = 0;
    for (size_t i = 0; i < rd->groups.len; i++) {
        group *g = G(rd, (int)i);
        if (g->row < 0 || g->n == 0) continue;
        fill_group(rd, g, pend, &np);
    }
    settle_pending(rd, pend, np);
    /* labels found with no values: a row printed with every cell empty — and, when the table's
     * section was not found, only among rows that do have values (a label mentioned in the
     * narrative is not a row). A heading counts
     * only when none of the rows it heads is there: then it is the collapsed row itself */
    uint32_t span_first = UINT32_MAX, span_last = 0;
    for (size_t i = 0; i < rd->groups.len; i++) {
        const group *g = G(rd, (int)i);
        if (g->row < 0 || g->n == 0) continue;
        if (g->line < span_first) span_first = g->line;
        if (g->line > span_last) span_last = g->line;
    }
    for (size_t i = 0; i < rd->labels.len; i++) {
        const label *lb = (const label *)rd->labels.data + i;
        if (rd->t->row_found[lb->row]) continue;
        if (rd->fallback && (span_first == UINT32_MAX || lb->line + 8 < span_first || lb->line > span_last + 8))
            continue;
        if (is_heading(rd->def, lb->row)) {
            int sub = 0;
            for (int r = lb->row + 1; r < rd->def->nrows && (rd->def->rows[r].flags & NB_ROW_OPTIONAL); r++)
                sub |= rd->t->row_found[r] || label_seen(rd, r);
            if (sub) continue;
        }
        rd->t->row_found[lb->row] = 1;
        for (int c = 0; c < rd->def->ncols; c++) {
            if (!nb_row_has_col(rd->def, lb->row, c)) continue;
            nb_cell *cell = nb_table_cell(rd->t, lb->row, c);
            cell->kind = NB_CELL_BLANK;
            cell->certain = 1;
            cell->value = "";
            cell->raw = "";
            cell->page = rd->d->lines[lb->line].page;
            cell->line = lb->line;
        }
    }
}

/* Where a wide table's column headings (结果维持 … 总计) end: the last line holding at least three of
 * them, and the raw offset just past the last one there (a flattened page has the values on the
 * same line). *line = UINT32_MAX when the region shows no headings. */
static void header_end(reader *rd, size_t a, size_t b, uint32_t *line, uint32_t *raw)
{
    static nb_re *re;
    uint32_t la, oa, lb, ob;
    nb_stream_locate(&rd->r->stream, rd->d->nlines, a, &la, &oa);
    nb_stream_locate(&rd->r->stream, rd->d->nlines, b, &lb, &ob);
    *line = UINT32_MAX;
    *raw = 0;
    for (uint32_t li = la; li <= lb && li < rd->d->nlines; li++) {
        const nb_line *l = &rd->d->lines[li];
        size_t pos = 0, ov[2], end = 0;
        int hits = 0;
        while (nb_re_find(nb_re_once(&re, "维持|纠正|审结|总\\s*计"), l->norm.text, l->norm.len, pos, ov, 1)) {
            pos = end = ov[1];
            hits++;
        }
        if (hits >= 3) {
            *line = li;
            *raw = raw_end_of(l, (uint32_t)end);
        }
    }
    /* headings wrapped over lines (结果维/持) are whole only as cells */
    int cells = 0;
    uint32_t last = 0;
    for (size_t i = 0; i < rd->hcells.len; i++) {
        const hcell *h = (const hcell *)rd->hcells.data + i;
        if (!nb_re_test(re, h->text, h->len)) continue;
        cells++;
        if (h->last_line > last) last = h->last_line;
    }
    if (cells >= 3 && (*line == UINT32_MAX || last > *line)) {
        *line = last;
        *raw = rd->d->lines[last].raw_len;
    }
}

/* Every cell of a wide table printed empty: the headings stand with nothing under them. */
static void wide_all_blank(reader *rd, uint32_t line)
{
    const nb_table_def *def = rd->def;
    for (int r = 0; r < def->nrows; r++) {
        rd->t->row_found[r] = 1;
        for (int c = 0; c < def->ncols; c++) {
            nb_cell *cell = nb_table_cell(rd->t, r, c);
            cell->kind = NB_CELL_BLANK;
            cell->certain = 1;
            cell->value = "";
            cell->raw = "";
            cell->page = rd->d->lines[line].page;
            cell->line = line;
        }
    }
}

/* Table 4: one printed line of every row's cells (15 numbers), read as one group. */
static void read_wide_table(reader *rd, size_t a, size_t b)
{
    const nb_table_def *def = rd->def;
    int ncells = def->nrows * def->ncols;
    collect_groups(rd, a, b);
    /* labels are header words here. The values follow the column headings (结果维持 … 总计): take
     * the first line with a number or marker after them, and the next line if it is short. */
    uint32_t after, after_raw;
    header_end(rd, a, b, &after, &after_raw);
    /* no column headings, no table 4: numbers elsewhere in the region are not its cells */
    if (after == UINT32_MAX) return;
    int first = -1, count = 0;
    uint32_t line = 0;
    for (size_t i = 0; i < rd->toks.len && count < ncells; i++) {
        tok *t = T(rd, (int)i);
        if (first < 0) {
            if (after != UINT32_MAX && (t->line < after || (t->line == after && t->rs < after_raw))) continue;
            if (t->kind == TK_EMPTY && !(rd->d->lines[t->line].flags & NB_LINE_FIELDS)) continue;
            /* the value line: one that holds a number or a marker */
            int has_value = 0;
            for (size_t k = i; k < rd->toks.len && T(rd, (int)k)->line == t->line; k++)
                has_value |= T(rd, (int)k)->kind != TK_EMPTY;
            if (!has_value) continue;
            first = (int)i;
            line = t->line;
        }
        if (t->line != line && t->line != line + 1) break;
        count++;
    }
    if (first < 0) {
        /* the headings are there and nothing under them: every cell printed empty */
        if (after != UINT32_MAX) wide_all_blank(rd, after);
        return;
    }
    rd->t->found = 1;
    /* a virtual wide row: cells index r*ncols + c; relations: each row's total */
    group g = {.first = first, .n = count, .row = 0, .line = line};
    const nb_line *l = &rd->d->lines[line];
    if (count > ncells) {
        for (int r = 0; r < def->nrows; r++) row_uncertain(rd, r, "extra_values", &g);
        return;
    }
    int placed[64];
    for (int i = 0; i < 64; i++) placed[i] = -1;
    int ok = 0;
    if (count == ncells) {
        for (int i = 0; i < count; i++) placed[i] = i;
        ok = 1;
    } else if (line_has_layout(rd->d, l)) {
        /* fewer than 15: place by the header columns, clustered from the header words' x */
        float xs[64];
        int nx = 0;
        uint32_t la, oa;
        nb_stream_locate(&rd->r->stream, rd->d->nlines, a, &la, &oa);
        /* the column headings, joined across their lines (结果维/持), each a printed column */
        (void)la;
        (void)oa;
        for (size_t i = 0; i < rd->hcells.len && nx < 64; i++) {
            const hcell *h = (const hcell *)rd->hcells.data + i, *best = NULL;
            if (i > 0 && h->group == ((const hcell *)rd->hcells.data)[i - 1].group) continue;
            /* of a cell's tails, the shortest that names a column */
            for (size_t k = i; k < rd->hcells.len; k++) {
                const hcell *t = (const hcell *)rd->hcells.data + k;
                if (t->group != h->group) break;
                if (t->last_line >= line) continue;
                for (int c = 0; c < def->ncols; c++)
                    if (nb_re_test(nb_re_get(def->cols[c].header), t->text, t->len) && (!best || t->len < best->len))
                        best = t;
            }
            if (best) xs[nx++] = (best->x0 + best->x1) / 2;
        }
        /* cluster the x positions: one cluster per printed column */
        for (int i = 1; i < nx; i++)
            for (int k = i; k > 0 && xs[k] < xs[k - 1]; k--) {
                float tmp = xs[k];
                xs[k] = xs[k - 1];
                xs[k - 1] = tmp;
            }
        float cen[64];
        int ncen = 0, members = 0;
        float sum = 0, width = (l->box.y1 - l->box.y0) * 0.9f;
        if (width <= 0) width = 1;
        for (int i = 0; i < nx; i++) {
            if (members && xs[i] - sum / (float)members > width) {
                cen[ncen++] = sum / (float)members;
                sum = 0;
                members = 0;
            }
            sum += xs[i];
            members++;
        }
        if (members) cen[ncen++] = sum / (float)members;
        if (ncen == ncells) {
            ok = 1;
            int prev = -1;
            for (int i = 0; i < count && ok; i++) {
                const tok *t = T(rd, first + i);
                float xc = (t->x0 + t->x1) / 2;
                int best = 0;
                for (int k = 1; k < ncen; k++)
                    if (fabsf(xc - cen[k]) < fabsf(xc - cen[best])) best = k;
                float gap = best > 0 ? cen[best] - cen[best - 1] : cen[1] - cen[0];
                if (best <= prev || fabsf(xc - cen[best]) > gap * 0.5f) ok = 0;
                placed[i] = best;
                prev = best;
            }
        }
    }
    if (ok) {
        for (int i = 0; i < count; i++) {
            int cell = placed[i];
            set_cell_from_tok(rd, cell / def->ncols, cell % def->ncols, T(rd, first + i), 1, NULL);
        }
        for (int cell = 0; cell < ncells; cell++) {
            nb_cell *c = nb_table_cell(rd->t, cell / def->ncols, cell % def->ncols);
            if (c->kind != NB_CELL_ABSENT) continue;
            c->kind = NB_CELL_BLANK;
            c->certain = 1;
            c->value = "";
            c->raw = "";
            c->page = l->page;
            c->line = line;
        }
        for (int r = 0; r < def->nrows; r++) rd->t->row_found[r] = 1;
        return;
    }
    /* glued: split the digits into 15 cells with the three row sums */
    const char *texts[64];
    size_t lens[64];
    int glueable = count <= 64;
    for (int i = 0; i < count && glueable; i++) {
        const tok *t = T(rd, first + i);
        glueable = t->kind != TK_EMPTY;
        texts[i] = t->norm;
        lens[i] = t->kind == TK_MARK ? 0 : t->nlen;    /* a marker is one blank cell */
    }
    if (glueable && ncells <= NB_GLUE_MAX_CELLS) {
        nb_glue_rel rel[NB_GLUE_MAX_RELS];
        int nrel = 0;
        for (int r = 0; r < def->nrows && nrel < NB_GLUE_MAX_RELS; r++) {
            nb_glue_rel one[NB_GLUE_MAX_RELS];
            int k = row_relations(rd, r, one, NB_GLUE_MAX_RELS);
            for (int i = 0; i < k && nrel < NB_GLUE_MAX_RELS; i++) {
                uint32_t mask = 0;
                for (int c = 0; c < def->ncols; c++)
                    if ((one[i].addends >> c) & 1u) mask |= 1u << (r * def->ncols + c);
                rel[nrel++] = (nb_glue_rel){r * def->ncols + one[i].target, mask};
            }
        }
        nb_glue_input in = {texts, lens, count, ncells, 0, rel, nrel};
        nb_glue_result *res = nb_alloc_uninit(rd->a, sizeof *res);   /* 12 KB, filled by the splitter */
        nb_glue_split_row(&in, res);
        if (res->ncand == 1 && !res->more) {
            for (int cell = 0; cell < ncells; cell++) {
                nb_glue_split one;
                memset(&one, 0, sizeof one);
                /* apply_split works per table row: hand it that row's slice */
                int r = cell / def->ncols;
                if (cell % def->ncols) continue;
                for (int c = 0; c < def->ncols; c++) one.part[c] = res->cand[0].part[r * def->ncols + c];
                apply_split(rd, &g, r, &one, 1);
            }
            for (int r = 0; r < def->nrows; r++) rd->t->row_found[r] = 1;
            return;
        }
    }
    for (int r = 0; r < def->nrows; r++) {
        row_uncertain(rd, r, glueable ? "glued_ambiguous" : "column_unclear", &g);
        rd->t->row_found[r] = 1;
    }
}

static void read_table(nb_report *r, nb_table *t)
{
    reader rd = {.r = r, .d = r->doc, .a = &r->doc->arena, .def = t->def, .t = t};
    nb_vec_init(&rd.toks, sizeof(tok));
    nb_vec_init(&rd.groups, sizeof(group));
    nb_vec_init(&rd.labels, sizeof(label));
    nb_vec_init(&rd.cell_labels, sizeof(label));
    nb_vec_init(&rd.hcells, sizeof(hcell));
    size_t a, b;
    rd.fallback = table_region(r, t->def->section, &a, &b);
    if (t->def->layout == NB_LAYOUT_WIDE) read_wide_table(&rd, a, b);
    else read_rows_table(&rd, a, b);
    for (int i = 0; i < t->def->nrows; i++) t->found |= t->row_found[i];
    for (int i = 0; i < t->def->nrows * t->def->ncols; i++) {
        const nb_cell *c = &t->cells[i];
        if (c->kind == NB_CELL_ABSENT || !c->page) continue;
        if (!t->first_page || c->page < t->first_page) t->first_page = c->page;
        if (c->page > t->last_page) t->last_page = c->page;
    }
    if (t->found && !t->copies) t->copies = 1;
    nb_vec_free(&rd.toks);
    nb_vec_free(&rd.groups);
    nb_vec_free(&rd.labels);
    nb_vec_free(&rd.cell_labels);
    nb_vec_free(&rd.hcells);
}

/* A table whose rows mostly hold more numbers than the template has columns, or whose numbers
 * could not be put in columns at all, is not the template's: say so rather than pass it off. */
static void judge_shape(nb_doc *d, nb_table *t)
{
    int rows = 0, extra = 0, unclear = 0;
    for (int r = 0; r < t->def->nrows; r++) {
        if (!t->row_found[r]) continue;
        rows++;
        for (int c = 0; c < t->def->ncols; c++) {
            const nb_cell *cell = nb_table_cell(t, r, c);
            if (cell->kind == NB_CELL_ABSENT || cell->certain || !cell->why) continue;
            if (!strcmp(cell->why, "extra_values")) extra++;
            else if (!strcmp(cell->why, "column_unclear")) unclear++;
            break;
        }
    }
    if (rows == 0) return;
    if (extra * 2 >= rows) t->note = "extra_columns";
    else if (unclear * 2 >= rows) t->note = "fewer_columns";
    if (t->note && d->status == NB_STATUS_OK) d->status = NB_STATUS_NOT_TEMPLATE;
}

/* ---------- version ---------- */

/* Score each template by its markers; no markers but table 3's rows present: decide by the （六）
 * rows, then by the year; nothing of table 3 at all: pre2019. */
static const nb_template *detect_version(const nb_report *r, const char **why)
{
    const char *s = r->stream.text;
    size_t n = r->stream.len;
    const nb_template *best = NULL;
    int best_score = 0, tie = 0;
    for (int i = 0; nb_templates[i]; i++) {
        int score = 0;
        for (int k = 0; nb_templates[i]->markers[k]; k++)
            score += nb_re_test(nb_re_get(nb_templates[i]->markers[k]), s, n);
        if (score > best_score) { best = nb_templates[i]; best_score = score; tie = 0; }
        else if (score == best_score && score > 0) tie = 1;
    }
    if (best && !tie) {
        *why = "markers";
        return best;
    }
    /* table 3's rows, by the same keys the reader uses: three different rows make a table 3 */
    const nb_table_def *t3 = NULL;
    for (int i = 0; i < nb_template_2021.ntables; i++)
        if (!strcmp(nb_template_2021.tables[i].code, "t3")) t3 = &nb_template_2021.tables[i];
    uint8_t seen[64] = {0};
    int rows = 0;
    size_t pos = 0, ov[2];
    nb_re *keys = label_pattern(t3);
    while (rows < 3 && pos < n && nb_re_find(keys, s, n, pos, ov, 1)) {
        int row = nb_re_last_mark();
        pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        if (row >= 0 && row < 64 && !seen[row] && !is_heading(t3, row)) {
            seen[row] = 1;
            rows++;
        }
    }
    if (rows < 3) {
        *why = "no template tables";
        return NULL;
    }
    static nb_re *subrows;
    if (nb_re_test(nb_re_once(&subrows, "逾期不补正|收费通知"), s, n)) {
        *why = "table 3 rows";
        return &nb_template_2021;
    }
    *why = "report year";
    return r->id.year >= 2021 ? &nb_template_2021 : &nb_template_2019;
}

void nb_read_tables(nb_report *r)
{
    nb_doc *d = r->doc;
    nb_tables *ts = nb_alloc(&d->arena, sizeof *ts);
    r->tables = ts;
    if (d->status == NB_STATUS_ERROR || d->status == NB_STATUS_NO_TEXT_LAYER) {
        ts->version = "unknown";
        return;
    }
    const char *why;
    ts->tmpl = detect_version(r, &why);
    if (!ts->tmpl) {
        ts->version = "pre2019";
        d->status = NB_STATUS_PRE2019;
        return;
    }
    ts->version = ts->tmpl->version;
    ts->ntables = ts->tmpl->ntables < NB_MAX_TABLES ? ts->tmpl->ntables : NB_MAX_TABLES;
    for (int i = 0; i < ts->ntables; i++) {
        nb_table *t = &ts->t[i];
        t->def = &ts->tmpl->tables[i];
        t->cells = nb_alloc(&d->arena, (size_t)t->def->nrows * (size_t)t->def->ncols * sizeof(nb_cell));
        for (int k = 0; k < t->def->nrows * t->def->ncols; k++) {
            t->cells[k].value = "";
            t->cells[k].raw = "";
            t->cells[k].certain = 1;
        }
        t->row_found = nb_alloc(&d->arena, (size_t)t->def->nrows);
        read_table(r, t);
        for (int k = 0; k < t->def->nrows * t->def->ncols; k++)
            if (t->cells[k].kind != NB_CELL_ABSENT && !t->cells[k].certain) ts->uncertain++;
        judge_shape(d, t);
    }
}

nb_table *nb_tables_get(const nb_tables *ts, const char *code)
{
    if (!ts) return NULL;
    for (int i = 0; i < ts->ntables; i++)
        if (strcmp(ts->t[i].def->code, code) == 0) return (nb_table *)&ts->t[i];
    return NULL;
}

double nb_cell_number(const nb_cell *c)
{
    if (c->kind != NB_CELL_NUMBER || !c->certain) return 0;
    double v = (double)c->mant;
    for (int i = 0; i < c->scale; i++) v /= 10;
    return v;
}
