/*
 * parser/ingest_odt.c — OpenDocument text (.odt, written by LibreOffice, WPS, Word) read from the
 * zip opened by office.c into the document model, in the same shape as the Word reader's.
 *
 * Paragraphs (text:p) and headings (text:h, whose text:outline-level is the line's level) become
 * lines. ODF collapses white space as markup does; text:s, text:tab and text:line-break say where
 * spaces, tabs and breaks are. Numbering: a text:number element gives the number as the producer
 * rendered it; otherwise it is computed from the list style (text:list-level-style-number: format,
 * prefix, suffix, display-levels, start-value) of the enclosing text:list, or, for a heading, from
 * the document's outline style, with counters per list (text:continue-numbering and
 * text:continue-list carry them on). Notes, annotations, tracked deletions and indexes (a table of
 * contents repeats the headings) are not read.
 *
 * Tables: table:table-cell with table:number-columns-spanned / number-rows-spanned at explicit
 * grid columns, table:covered-table-cell only advancing the column, repeated columns and rows
 * capped; each grid row a field line with its table index, row and columns (grid.h, office.h).
 * A one-column table, or one whose cells hold articles, is page layout and read as paragraphs.
 * Frames with text boxes follow the paragraph that anchors them; headers and footers of the master
 * pages (styles.xml) follow the body as furniture. meta.xml gives the document properties.
 */
#include <string.h>

#include "office.h"

#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define TEXT_NS   "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define TABLE_NS  "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define STYLE_NS  "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define DRAW_NS   "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define META_NS   "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define DC_NS     "http://purl.org/dc/elements/1.1/"
#define MANIFEST_NS "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
#define NLEVELS   10
#define MAX_REPEAT_ROWS 64

/* ---- list styles and counters ---------------------------------------------------------------- */

typedef struct olevel {
    int       set;
    nb_numfmt fmt;
    char     *prefix, *suffix;
    int       display;       /* display-levels */
    long      start;
} olevel;

typedef struct list_style { olevel lv[NLEVELS]; } list_style;

typedef struct counters {
    long cnt[NLEVELS];
    int  on[NLEVELS];
} counters;

typedef struct odt {
    nb_doc       *d;
    nb_office_out o;
    GHashTable   *lists;         /* list style name → list_style */
    GHashTable   *para_lists;    /* paragraph style name → list style name (style:list-style-name) */
    GHashTable   *last_by_style; /* list style name → counters of the last list with that style */
    GHashTable   *by_id;         /* xml:id of a list → its counters */
    GPtrArray    *all_counters;
    list_style   *outline;
    counters      outline_cnt;
    nb_tbuf       para, cell;
    nb_office_boxes boxes;
} odt;

/* The list being read: its style, counters and level, and whether the current item has had its
 * numbered paragraph yet. */
typedef struct list_ctx {
    list_style *style;
    counters   *cnt;
    int         level;       /* 1-based */
    int         numbered;    /* the item's first paragraph is numbered (not a list-header) */
    long        start_value; /* text:start-value of the item, or -1 */
} list_ctx;

static int ist(const xmlNode *n, const char *name) { return nb_xml_is(n, TEXT_NS, name); }

static nb_numfmt odf_format(const char *f)
{
    if (!f || !*f) return NB_NUM_NONE;
    if (!strcmp(f, "1")) return NB_NUM_DECIMAL;
    if (!strcmp(f, "a")) return NB_NUM_LOWER_LETTER;
    if (!strcmp(f, "A")) return NB_NUM_UPPER_LETTER;
    if (!strcmp(f, "i")) return NB_NUM_LOWER_ROMAN;
    if (!strcmp(f, "I")) return NB_NUM_UPPER_ROMAN;
    static const struct { const char *head; nb_numfmt f; } map[] = {
        {"一", NB_NUM_CHINESE}, {"壹", NB_NUM_CHINESE_LEGAL}, {"①", NB_NUM_CIRCLED}, {"⑴", NB_NUM_PAREN},
        {"⒈", NB_NUM_FULLSTOP}, {"甲", NB_NUM_IDEOGRAPH_TRADITIONAL}, {"子", NB_NUM_ZODIAC},
        {"１", NB_NUM_FULLWIDTH}, {"〇", NB_NUM_IDEOGRAPH_DIGITAL},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strncmp(f, map[i].head, strlen(map[i].head))) return map[i].f;
    return NB_NUM_DECIMAL;
}

static void free_list_style(gpointer p)
{
    list_style *s = p;
    for (int k = 0; k < NLEVELS; k++) {
        g_free(s->lv[k].prefix);
        g_free(s->lv[k].suffix);
    }
    g_free(s);
}

/* A text:list-style or text:outline-style. */
static list_style *read_list_style(const xmlNode *n)
{
    list_style *s = g_new0(list_style, 1);
    for (xmlNode *c = n->children; c; c = c->next) {
        int number = ist(c, "list-level-style-number") || ist(c, "outline-level-style");
        if (!number && !ist(c, "list-level-style-bullet") && !ist(c, "list-level-style-image")) continue;
        long k = nb_xml_long(nb_xml_attr(c, TEXT_NS, "level"), 0, NLEVELS) - 1;
        if (k < 0 || k >= NLEVELS || s->lv[k].set) continue;
        olevel *l = &s->lv[k];
        l->set = 1;
        l->fmt = number ? odf_format(nb_xml_attr(c, STYLE_NS, "num-format")) : NB_NUM_BULLET;
        const char *p = nb_xml_attr(c, STYLE_NS, "num-prefix"), *q = nb_xml_attr(c, STYLE_NS, "num-suffix");
        l->prefix = g_strdup(p ? p : "");
        l->suffix = g_strdup(q ? q : "");
        l->display = (int)nb_xml_long(nb_xml_attr(c, TEXT_NS, "display-levels"), 1, NLEVELS);
        l->start = nb_xml_long(nb_xml_attr(c, TEXT_NS, "start-value"), 1, 1000000);
    }
    return s;
}

/* List styles, outline style and the paragraph styles that name a list style, from one part's
 * office:styles and office:automatic-styles. */
static void read_styles(odt *x, xmlNode *root)
{
    for (xmlNode *sec = root->children; sec; sec = sec->next) {
        if (!nb_xml_is(sec, OFFICE_NS, "styles") && !nb_xml_is(sec, OFFICE_NS, "automatic-styles")) continue;
        for (xmlNode *s = sec->children; s; s = s->next) {
            const char *name = nb_xml_attr(s, STYLE_NS, "name");
            if (ist(s, "list-style") && name && !g_hash_table_contains(x->lists, name)) {
                g_hash_table_insert(x->lists, g_strdup(name), read_list_style(s));
            } else if (ist(s, "outline-style") && !x->outline) {
                x->outline = read_list_style(s);
            } else if (nb_xml_is(s, STYLE_NS, "style") && name) {
                const char *ls = nb_xml_attr(s, STYLE_NS, "list-style-name");
                if (ls && *ls && !g_hash_table_contains(x->para_lists, name))
                    g_hash_table_insert(x->para_lists, g_strdup(name), g_strdup(ls));
            }
        }
    }
}

static counters *new_counters(odt *x)
{
    counters *c = g_new0(counters, 1);
    g_ptr_array_add(x->all_counters, c);
    return c;
}

/* Count a numbered paragraph at level (1-based) of style s and append its number text. */
static void count_and_format(const list_style *s, counters *c, int level, long start_value, GString *out)
{
    if (level < 1) level = 1;
    if (level > NLEVELS) level = NLEVELS;
    int k = level - 1;
    const olevel *l = &s->lv[k];
    long start = l->set ? l->start : 1;
    if (start_value >= 0) c->cnt[k] = start_value;
    else c->cnt[k] = c->on[k] ? c->cnt[k] + 1 : start;
    c->on[k] = 1;
    for (int j = k + 1; j < NLEVELS; j++) c->on[j] = 0;
    if (!l->set || l->fmt == NB_NUM_BULLET || l->fmt == NB_NUM_NONE) return;
    int from = k - (l->display > 0 ? l->display : 1) + 1;
    if (from < 0) from = 0;
    g_string_append(out, l->prefix);
    for (int j = from; j <= k; j++) {
        if (j > from) g_string_append_c(out, '.');
        long v = c->on[j] ? c->cnt[j] : (s->lv[j].set ? s->lv[j].start : 1);
        nb_format_number(out, v, s->lv[j].set ? s->lv[j].fmt : NB_NUM_DECIMAL);
    }
    g_string_append(out, l->suffix);
}

/* ---- paragraphs ---------------------------------------------------------------------------- */

typedef struct para_walk {
    odt     *x;
    nb_tbuf *t;
    int      cell;
    int      had_number;     /* a text:number was met */
} para_walk;

static int is_frame(const xmlNode *n)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, DRAW_NS) == 0;
}

/* Frames and shapes that hold text: their text boxes are read after the paragraph. */
static void note_box(odt *x, xmlNode *frame)
{
    xmlNode *tb = nb_xml_child(frame, DRAW_NS, "text-box");
    if (tb) g_ptr_array_add(x->boxes.pending, tb);
    else if (nb_xml_child(frame, TEXT_NS, "p")) g_ptr_array_add(x->boxes.pending, frame);   /* a shape's own text */
}

static void walk_inline(para_walk *pw, xmlNode *n)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            nb_tbuf_text(pw->t, (const char *)c->content, strlen((const char *)c->content));
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_frame(c)) {
            note_box(pw->x, c);
            continue;
        }
        if (!c->ns || !c->ns->href || strcmp((const char *)c->ns->href, TEXT_NS) != 0) continue;
        const char *name = (const char *)c->name;
        if (!strcmp(name, "s")) {
            nb_tbuf_space(pw->t);
        } else if (!strcmp(name, "tab")) {
            if (pw->cell) nb_tbuf_space(pw->t);
            else nb_tbuf_literal(pw->t, '\t');
        } else if (!strcmp(name, "line-break")) {
            if (pw->cell) nb_tbuf_break(pw->t);
            else nb_tbuf_literal(pw->t, '\n');
        } else if (!strcmp(name, "number")) {
            /* the number as the producer rendered it */
            GString *s = g_string_new(NULL);
            nb_xml_text(c, s);
            nb_tbuf_text(pw->t, s->str, s->len);
            nb_tbuf_space(pw->t);
            g_string_free(s, TRUE);
            pw->had_number = 1;
        } else if (!strcmp(name, "note") || !strcmp(name, "ruby-text") || !strcmp(name, "bookmark") ||
                   !strcmp(name, "bookmark-start") || !strcmp(name, "bookmark-end") ||
                   !strcmp(name, "soft-page-break") || !strcmp(name, "change") ||
                   !strcmp(name, "change-start") || !strcmp(name, "change-end") ||
                   !strcmp(name, "reference-mark") || !strcmp(name, "toc-mark") || !strcmp(name, "toc-mark-start")) {
            continue;
        } else {
            walk_inline(pw, c);          /* span, a, meta, ruby-base, fields with their text */
        }
    }
}

/* Does the paragraph carry its own text:number? */
static int has_number(const xmlNode *p)
{
    for (xmlNode *c = p->children; c; c = c->next)
        if (ist(c, "number")) return 1;
    return 0;
}

static int is_list_header(const xmlNode *h)
{
    const char *v = nb_xml_attr(h, TEXT_NS, "is-list-header");
    return v && !strcmp(v, "true");
}

/* A paragraph's or heading's text, its number first, into t. Returns the heading level (0 body). */
static int para_text(odt *x, xmlNode *p, list_ctx *lc, nb_tbuf *t, int cell)
{
    int heading = ist(p, "h");
    int level = heading ? (int)nb_xml_long(nb_xml_attr(p, TEXT_NS, "outline-level"), 1, NLEVELS) : 0;
    if (heading && level < 1) level = 1;
    GString *num = g_string_new(NULL);
    int own = has_number(p);
    if (lc && lc->numbered) {
        list_style *s = lc->style;
        if (!s) {
            const char *ps = nb_xml_attr(p, TEXT_NS, "style-name");
            const char *ls = ps ? g_hash_table_lookup(x->para_lists, ps) : NULL;
            s = ls ? g_hash_table_lookup(x->lists, ls) : NULL;
        }
        if (s) count_and_format(s, lc->cnt, lc->level, lc->start_value, num);
        lc->numbered = 0;
        lc->start_value = -1;
    } else if (heading && !lc && x->outline && !is_list_header(p)) {
        count_and_format(x->outline, &x->outline_cnt, level, -1, num);
    }
    if (num->len && !own) {
        nb_tbuf_text(t, num->str, num->len);
        nb_tbuf_space(t);
    }
    g_string_free(num, TRUE);
    para_walk pw = {x, t, cell, 0};
    walk_inline(&pw, p);
    return level;
}

static void read_blocks(odt *x, xmlNode *container, list_ctx *lc, int depth, uint32_t flags);

static void read_para(odt *x, xmlNode *p, list_ctx *lc, uint32_t flags)
{
    nb_tbuf_reset(&x->para);
    int level = para_text(x, p, lc, &x->para, 0);
    nb_office_line(&x->o, x->para.s->str, x->para.s->len, (uint32_t)level, flags);
}

/* A text:list: its style (or the enclosing list's), its counters (fresh, or carried on). */
static void read_list(odt *x, xmlNode *list, list_ctx *outer, int depth, uint32_t flags)
{
    list_ctx lc = {NULL, NULL, outer ? outer->level + 1 : 1, 0, -1};
    const char *sn = nb_xml_attr(list, TEXT_NS, "style-name");
    lc.style = sn ? g_hash_table_lookup(x->lists, sn) : NULL;
    if (!lc.style && outer) lc.style = outer->style;
    if (outer) {
        lc.cnt = outer->cnt;
    } else {
        const char *cont = nb_xml_attr(list, TEXT_NS, "continue-list");
        const char *cn = nb_xml_attr(list, TEXT_NS, "continue-numbering");
        if (cont) lc.cnt = g_hash_table_lookup(x->by_id, cont);
        if (!lc.cnt && cn && !strcmp(cn, "true") && sn) lc.cnt = g_hash_table_lookup(x->last_by_style, sn);
        if (!lc.cnt) lc.cnt = new_counters(x);
        if (sn) g_hash_table_insert(x->last_by_style, g_strdup(sn), lc.cnt);
        const char *id = nb_xml_attr(list, NULL, "id");
        if (id) g_hash_table_insert(x->by_id, g_strdup(id), lc.cnt);
    }
    for (xmlNode *item = list->children; item; item = item->next) {
        int header = ist(item, "list-header");
        if (!header && !ist(item, "list-item")) continue;
        lc.numbered = !header;
        lc.start_value = header ? -1 : nb_xml_long(nb_xml_attr(item, TEXT_NS, "start-value"), -1, 1000000);
        read_blocks(x, item, &lc, depth, flags);
        lc.numbered = 0;
    }
}

/* ---- tables ---------------------------------------------------------------------------------- */

typedef struct ocell {
    xmlNode *tc;
    uint32_t col, span, rspan;
} ocell;

typedef struct orow { uint32_t first, n; } orow;

/* Rows and cells at their grid columns. Every slot of the grid is an element: a cell, or a
 * covered-table-cell under a span from the left or above; so each advances the column by one.
 * Repeats are capped. */
static void collect(xmlNode *parent, GArray *rows, GArray *cells, int *guard)
{
    for (xmlNode *r = parent->children; r; r = r->next) {
        if (nb_xml_is(r, TABLE_NS, "table-header-rows") || nb_xml_is(r, TABLE_NS, "table-rows") ||
            nb_xml_is(r, TABLE_NS, "table-row-group")) {
            if ((*guard)++ < 64) collect(r, rows, cells, guard);
            continue;
        }
        if (!nb_xml_is(r, TABLE_NS, "table-row")) continue;
        long repeat = nb_xml_long(nb_xml_attr(r, TABLE_NS, "number-rows-repeated"), 1, MAX_REPEAT_ROWS);
        for (long k = 0; k < repeat; k++) {
            orow row = {cells->len, 0};
            uint32_t col = 0;
            for (xmlNode *c = r->children; c && col < NB_GRID_MAX_COLS; c = c->next) {
                long rep = nb_xml_long(nb_xml_attr(c, TABLE_NS, "number-columns-repeated"), 1, NB_GRID_MAX_COLS);
                if (nb_xml_is(c, TABLE_NS, "covered-table-cell")) {
                    col += (uint32_t)rep;
                    continue;
                }
                if (!nb_xml_is(c, TABLE_NS, "table-cell")) continue;
                uint32_t span = (uint32_t)nb_xml_long(nb_xml_attr(c, TABLE_NS, "number-columns-spanned"), 1, NB_GRID_MAX_COLSPAN);
                uint32_t rspan = (uint32_t)nb_xml_long(nb_xml_attr(c, TABLE_NS, "number-rows-spanned"), 1, NB_GRID_MAX_ROWSPAN);
                if (span < 1) span = 1;
                if (rspan < 1) rspan = 1;
                for (long j = 0; j < rep && col < NB_GRID_MAX_COLS; j++) {
                    ocell oc = {c, col, span, rspan};
                    g_array_append_val(cells, oc);
                    row.n++;
                    col++;       /* the slots it spans are covered-table-cells of their own */
                }
            }
            g_array_append_val(rows, row);
        }
    }
}

typedef struct cell_shape { size_t bytes, paras, headings; } cell_shape;

static void shape_of(xmlNode *n, cell_shape *s)
{
    xmlNode *c = n->children;
    while (c) {
        if (ist(c, "p")) s->paras++;
        else if (ist(c, "h")) s->paras++, s->headings++;
        else if ((c->type == XML_TEXT_NODE) && c->content) s->bytes += strlen((const char *)c->content);
        if (c->type == XML_ELEMENT_NODE && c->children && !nb_xml_is(c, TABLE_NS, "table")) {
            c = c->children;
            continue;
        }
        while (c && c != n && !c->next) c = c->parent;
        if (!c || c == n) return;
        c = c->next;
    }
}

static int is_layout(GArray *rows, GArray *cells)
{
    uint32_t width = 0;
    for (guint k = 0; k < cells->len; k++) {
        const ocell *c = &g_array_index(cells, ocell, k);
        if (c->col + c->span > width) width = c->col + c->span;
    }
    (void)rows;
    if (width <= 1) return 1;
    for (guint k = 0; k < cells->len; k++) {
        cell_shape s = {0, 0, 0};
        shape_of(g_array_index(cells, ocell, k).tc, &s);
        if (nb_grid_layout_cell(s.bytes, s.paras, s.headings)) return 1;
    }
    return 0;
}

static void cell_text(odt *x, xmlNode *n, list_ctx *lc, int depth, GPtrArray *nested)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (ist(c, "p") || ist(c, "h")) {
            nb_tbuf_break(&x->cell);
            para_text(x, c, lc, &x->cell, 1);
            nb_tbuf_break(&x->cell);
        } else if (ist(c, "list")) {
            list_ctx inner = {NULL, NULL, lc ? lc->level + 1 : 1, 0, -1};
            const char *sn = nb_xml_attr(c, TEXT_NS, "style-name");
            inner.style = sn ? g_hash_table_lookup(x->lists, sn) : lc ? lc->style : NULL;
            inner.cnt = lc ? lc->cnt : new_counters(x);
            for (xmlNode *item = c->children; item; item = item->next) {
                if (!ist(item, "list-item") && !ist(item, "list-header")) continue;
                inner.numbered = ist(item, "list-item");
                cell_text(x, item, &inner, depth, nested);
            }
        } else if (nb_xml_is(c, TABLE_NS, "table")) {
            if (depth + 1 < NB_OFFICE_MAX_NESTING) g_ptr_array_add(nested, c);
        } else if (ist(c, "section")) {
            cell_text(x, c, lc, depth, nested);
        }
    }
}

/* Where a nested table or a text box is read: the reader, its depth and the lines' flags. */
typedef struct nested_reader { odt *x; int depth; uint32_t flags; } nested_reader;

static void read_table(odt *x, xmlNode *tbl, int depth, uint32_t flags);

static void read_nested(void *ctx, xmlNode *tbl)
{
    nested_reader *nr = ctx;
    read_table(nr->x, tbl, nr->depth, nr->flags);
}

static void read_table(odt *x, xmlNode *tbl, int depth, uint32_t flags)
{
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(orow)), *cells = g_array_new(FALSE, TRUE, sizeof(ocell));
    int guard = 0;
    collect(tbl, rows, cells, &guard);
    if (is_layout(rows, cells)) {
        for (guint k = 0; k < cells->len; k++) {
            xmlNode *tc = g_array_index(cells, ocell, k).tc;
            if (k && g_array_index(cells, ocell, k - 1).tc == tc) continue;    /* a repeated cell once */
            read_blocks(x, tc, NULL, depth + 1, flags);
        }
        g_array_free(rows, TRUE);
        g_array_free(cells, TRUE);
        return;
    }
    uint32_t index = ++x->o.tables;
    nb_office_table t;
    nb_office_table_init(&t);
    for (guint ri = 0; ri < rows->len; ri++) {
        const orow *r = &g_array_index(rows, orow, ri);
        nb_grid_start_row(&t.g);
        for (uint32_t k = 0; k < r->n; k++) {
            const ocell *c = &g_array_index(cells, ocell, r->first + k);
            nb_tbuf_reset(&x->cell);
            cell_text(x, c->tc, NULL, depth, t.nested);
            nb_grid_place(&t.g, c->col, x->cell.s->str, x->cell.s->len, c->span, c->rspan);
        }
        nb_office_table_end_row(&t);
    }
    nested_reader nr = {x, depth + 1, flags};
    nb_office_table_emit(&x->o, &t, index, flags, read_nested, &nr);
    g_array_free(rows, TRUE);
    g_array_free(cells, TRUE);
}

/* ---- blocks ---------------------------------------------------------------------------------- */

static void read_box(void *ctx, xmlNode *box)
{
    nested_reader *nr = ctx;
    read_blocks(nr->x, box, NULL, nr->depth, nr->flags);
}

/* The frames the last block anchored, each read as blocks of its own. */
static void read_boxes(odt *x, int depth, uint32_t flags)
{
    nested_reader nr = {x, depth, flags};
    nb_office_read_boxes(&x->boxes, read_box, &nr);
}

static void read_blocks(odt *x, xmlNode *container, list_ctx *lc, int depth, uint32_t flags)
{
    for (xmlNode *c = container->children; c; c = c->next) {
        if (ist(c, "p") || ist(c, "h")) {
            read_para(x, c, lc, flags);
            read_boxes(x, depth, flags);
        } else if (ist(c, "list")) {
            read_list(x, c, lc, depth, flags);
        } else if (nb_xml_is(c, TABLE_NS, "table")) {
            if (depth < NB_OFFICE_MAX_NESTING) read_table(x, c, depth, flags);
            read_boxes(x, depth, flags);
        } else if (ist(c, "section")) {
            read_blocks(x, c, lc, depth, flags);
        } else if (is_frame(c)) {
            note_box(x, c);
            read_boxes(x, depth, flags);
        }
        /* indexes (a table of contents), tracked changes, declarations, forms: not the body */
    }
}

/* ---- parts ----------------------------------------------------------------------------------- */

/* Does the manifest say content.xml is encrypted? */
static int content_encrypted(nb_zip *z, nb_doc *d)
{
    nb_status st = d->status;
    xmlDoc *m = nb_zip_xml(z, d, "META-INF/manifest.xml");
    d->status = st;
    d->err = NB_ERR_NONE;
    d->detail = NULL;
    if (!m) return 0;
    int enc = 0;
    for (xmlNode *e = xmlDocGetRootElement(m)->children; e && !enc; e = e->next) {
        const char *path = nb_xml_attr(e, MANIFEST_NS, "full-path");
        if (path && !strcmp(path, "content.xml") && nb_xml_child(e, MANIFEST_NS, "encryption-data")) enc = 1;
    }
    xmlFreeDoc(m);
    return enc;
}

static xmlDoc *optional_xml(odt *x, nb_zip *z, const char *name)
{
    nb_status st = x->d->status;
    nb_error err = x->d->err;
    const char *detail = x->d->detail;
    xmlDoc *doc = nb_zip_xml(z, x->d, name);
    x->d->status = st;
    x->d->err = err;
    x->d->detail = detail;
    return doc;
}

static const char *meta_text(nb_doc *d, xmlNode *meta, const char *ns, const char *name, GString *tmp)
{
    xmlNode *n = nb_xml_child(meta, ns, name);
    if (!n) return NULL;
    nb_xml_text(n, tmp);
    g_strstrip(tmp->str);
    return *tmp->str ? nb_strdup(&d->arena, tmp->str) : NULL;
}

static void read_meta(odt *x, nb_zip *z)
{
    xmlDoc *doc = optional_xml(x, z, "meta.xml");
    if (!doc) return;
    xmlNode *meta = nb_xml_child(xmlDocGetRootElement(doc), OFFICE_NS, "meta");
    GString *tmp = g_string_new(NULL);
    if (meta) {
        nb_meta *m = &x->d->meta;
        m->title = meta_text(x->d, meta, DC_NS, "title", tmp);
        m->author = meta_text(x->d, meta, META_NS, "initial-creator", tmp);
        m->last_author = meta_text(x->d, meta, DC_NS, "creator", tmp);
        m->creator = meta_text(x->d, meta, META_NS, "generator", tmp);
        m->creation_date = nb_office_date(x->d, meta_text(x->d, meta, META_NS, "creation-date", tmp));
        m->mod_date = nb_office_date(x->d, meta_text(x->d, meta, DC_NS, "date", tmp));
    }
    g_string_free(tmp, TRUE);
    xmlFreeDoc(doc);
}

/* Headers and footers of the master pages: furniture lines. */
static void read_furniture(odt *x, xmlNode *styles_root)
{
    xmlNode *ms = nb_xml_child(styles_root, OFFICE_NS, "master-styles");
    for (xmlNode *mp = ms ? ms->children : NULL; mp; mp = mp->next) {
        if (!nb_xml_is(mp, STYLE_NS, "master-page")) continue;
        for (xmlNode *hf = mp->children; hf; hf = hf->next)
            if (hf->ns && hf->ns->href && !strcmp((const char *)hf->ns->href, STYLE_NS)) {
                read_blocks(x, hf, NULL, 0, NB_LINE_FURNITURE);
                read_boxes(x, 0, NB_LINE_FURNITURE);
            }
    }
}

int nb_read_odt(nb_doc *d, nb_zip *z)
{
    if (content_encrypted(z, d)) return nb_doc_fail(d, NB_ERR_OFFICE_ENCRYPTED, "content.xml");
    xmlDoc *content = nb_zip_xml(z, d, "content.xml");
    if (!content) return d->status == NB_STATUS_ERROR ? -1 : nb_doc_fail(d, NB_ERR_OFFICE_DAMAGED, "no content.xml");
    xmlNode *root = xmlDocGetRootElement(content);
    odt x = {.d = d};
    x.lists = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_list_style);
    x.para_lists = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    x.last_by_style = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    x.by_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    x.all_counters = g_ptr_array_new_with_free_func(g_free);
    nb_office_boxes_init(&x.boxes);
    nb_tbuf_init(&x.para, 0);
    nb_tbuf_init(&x.cell, 1);
    read_styles(&x, root);
    xmlDoc *styles = optional_xml(&x, z, "styles.xml");
    if (styles) read_styles(&x, xmlDocGetRootElement(styles));
    read_meta(&x, z);
    nb_office_out_init(&x.o, d);
    xmlNode *body = nb_xml_child(root, OFFICE_NS, "body");
    xmlNode *text = body ? nb_xml_child(body, OFFICE_NS, "text") : NULL;
    if (text) read_blocks(&x, text, NULL, 0, 0);
    read_boxes(&x, 0, 0);
    if (styles) read_furniture(&x, xmlDocGetRootElement(styles));
    nb_office_out_finish(&x.o);
    if (styles) xmlFreeDoc(styles);
    xmlFreeDoc(content);
    nb_tbuf_free(&x.para);
    nb_tbuf_free(&x.cell);
    nb_office_boxes_free(&x.boxes);
    g_ptr_array_free(x.all_counters, TRUE);
    g_hash_table_destroy(x.lists);
    g_hash_table_destroy(x.para_lists);
    g_hash_table_destroy(x.last_by_style);
    g_hash_table_destroy(x.by_id);
    if (x.outline) free_list_style(x.outline);
    return 0;
}
