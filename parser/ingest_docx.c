/*
 * parser/ingest_docx.c — Word documents (Office Open XML, .docx/.docm, transitional or strict) read
 * from the zip opened by office.c into the document model.
 *
 * Paragraphs become lines. A paragraph's line starts with the numbering text Word shows for it:
 * numbering.xml's abstractNum/lvl (start, numFmt, lvlText, suff, isLgl, lvlRestart) through the
 * w:num instance the paragraph or its style names, with counters kept per abstract definition in
 * document order (so 一、 … 六、 come out of a heading list whose numbers nobody typed). A heading's
 * level comes from its outline level (the paragraph's or its style chain's, styles.xml) or a
 * "heading N" style name. Runs: w:t text, w:tab a tab (a field line, as in a text file), w:br and
 * w:cr break the line; deleted, hidden (w:vanish) and field-instruction text is not read, nor a
 * table of contents (its paragraphs repeat the headings).
 *
 * Each table becomes a grid (grid.h, as the HTML reader builds one): w:gridSpan spans columns,
 * w:vMerge restart/continue spans rows, w:gridBefore/w:gridAfter are holes, and every grid row is a
 * field line that carries its table index, row and columns (nb_line.src_*) for provenance. A table
 * of one column, or one whose cells hold whole articles, is page layout: its cells are read as
 * paragraphs. Nested tables follow the row that holds them.
 *
 * Text boxes (w:txbxContent, in a drawing or VML shape; of mc:AlternateContent only the first
 * Choice) are kept apart from the paragraph that anchors them: their paragraphs follow it as lines
 * of their own. Headers and footers follow the body as furniture lines (seen by dump, skipped by
 * the readers). Document properties (docProps/core.xml, app.xml) go to nb_meta.
 */
#include <string.h>
#include <strings.h>

#include "office.h"

#define W_MAIN   "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS    "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define NLEVELS  9
#define MAX_STYLE_CHAIN 16

/* ---- numbering and styles ------------------------------------------------------------------ */

typedef struct lvl {
    int       set;
    long      start;
    nb_numfmt fmt;
    char     *text;          /* lvlText, %1..%9 (NULL: none) */
    int       suff;          /* 0 tab, 1 space, 2 nothing */
    int       legal;         /* isLgl */
    int       restart;       /* lvlRestart: -1 default, 0 never, N after level N (1-based) */
    char     *pstyle;        /* the paragraph style this level belongs to */
} lvl;

typedef struct abstract_num {
    lvl   lv[NLEVELS];
    char *num_style_link;    /* its definition lives in this numbering style */
    long  cnt[NLEVELS], start_at[NLEVELS];
    int   on[NLEVELS];
} abstract_num;

typedef struct num {
    char *abstract_id;
    long  override_start[NLEVELS];   /* -1: none */
    lvl   override[NLEVELS];
    int   used;
} num;

typedef struct pstyle {
    char *based_on;
    char *name;
    int   outline;           /* 0-8, 9 body, -1 unset */
    char *num_id;            /* NULL unset; "0" removes numbering */
    int   ilvl;              /* -1 unset */
} pstyle;

typedef struct docx {
    nb_doc       *d;
    nb_zip       *z;
    const char   *w;         /* the WordprocessingML namespace of this document */
    nb_office_out o;
    GHashTable   *styles, *abstracts, *nums;   /* id → pstyle, abstract_num, num */
    char         *default_style;
    nb_tbuf       para, cell;
    nb_office_boxes boxes;   /* text boxes met in the block being read */
} docx;

static int isw(const docx *x, const xmlNode *n, const char *name) { return nb_xml_is(n, x->w, name); }
static xmlNode *wchild(const docx *x, const xmlNode *n, const char *name) { return nb_xml_child(n, x->w, name); }
static const char *wval(const docx *x, const xmlNode *n) { return n ? nb_xml_attr(n, x->w, "val") : NULL; }

/* w:b, w:vanish …: on unless w:val says 0, false or off. */
static int on_off(const docx *x, const xmlNode *n)
{
    const char *v = n ? wval(x, n) : NULL;
    if (!n) return 0;
    return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

static nb_numfmt numfmt_of(const char *v)
{
    static const struct { const char *name; nb_numfmt f; } map[] = {
        {"decimal", NB_NUM_DECIMAL}, {"decimalZero", NB_NUM_DECIMAL_ZERO},
        {"upperLetter", NB_NUM_UPPER_LETTER}, {"lowerLetter", NB_NUM_LOWER_LETTER},
        {"upperRoman", NB_NUM_UPPER_ROMAN}, {"lowerRoman", NB_NUM_LOWER_ROMAN},
        {"chineseCounting", NB_NUM_CHINESE}, {"chineseCountingThousand", NB_NUM_CHINESE},
        {"japaneseCounting", NB_NUM_CHINESE}, {"taiwaneseCounting", NB_NUM_CHINESE},
        {"taiwaneseCountingThousand", NB_NUM_CHINESE}, {"chineseLegalSimplified", NB_NUM_CHINESE_LEGAL},
        {"ideographLegalTraditional", NB_NUM_CHINESE_LEGAL}, {"ideographDigital", NB_NUM_IDEOGRAPH_DIGITAL},
        {"taiwaneseDigital", NB_NUM_IDEOGRAPH_DIGITAL}, {"ideographTraditional", NB_NUM_IDEOGRAPH_TRADITIONAL},
        {"ideographZodiac", NB_NUM_ZODIAC}, {"decimalFullWidth", NB_NUM_FULLWIDTH},
        {"decimalFullWidth2", NB_NUM_FULLWIDTH}, {"decimalEnclosedCircle", NB_NUM_CIRCLED},
        {"decimalEnclosedCircleChinese", NB_NUM_CIRCLED}, {"decimalEnclosedParen", NB_NUM_PAREN},
        {"decimalEnclosedFullstop", NB_NUM_FULLSTOP}, {"none", NB_NUM_NONE}, {"bullet", NB_NUM_BULLET},
    };
    if (!v) return NB_NUM_DECIMAL;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(v, map[i].name) == 0) return map[i].f;
    return NB_NUM_DECIMAL;
}

static void read_lvl(docx *x, const xmlNode *n, lvl *l)
{
    memset(l, 0, sizeof *l);
    l->set = 1;
    l->start = 1;
    l->restart = -1;
    for (xmlNode *c = n->children; c; c = c->next) {
        const char *v = wval(x, c);
        if (isw(x, c, "start")) l->start = nb_xml_long(v, 1, 1000000);
        else if (isw(x, c, "numFmt")) l->fmt = numfmt_of(v);
        else if (isw(x, c, "lvlText") && v) l->text = g_strdup(v);
        else if (isw(x, c, "suff")) l->suff = v && !strcmp(v, "space") ? 1 : v && !strcmp(v, "nothing") ? 2 : 0;
        else if (isw(x, c, "isLgl")) l->legal = on_off(x, c);
        else if (isw(x, c, "lvlRestart")) l->restart = (int)nb_xml_long(v, -1, NLEVELS);
        else if (isw(x, c, "pStyle") && v) l->pstyle = g_strdup(v);
        else if (nb_xml_is(c, MC_NS, "AlternateContent")) {
            /* Word 2010's custom formats: the Fallback says what older readers show */
            xmlNode *fb = nb_xml_child(c, MC_NS, "Fallback");
            xmlNode *nf = fb ? wchild(x, fb, "numFmt") : NULL;
            if (nf) l->fmt = numfmt_of(wval(x, nf));
        }
    }
}

static void free_lvl(lvl *l)
{
    g_free(l->text);
    g_free(l->pstyle);
}

static void free_abstract(gpointer p)
{
    abstract_num *a = p;
    for (int k = 0; k < NLEVELS; k++) free_lvl(&a->lv[k]);
    g_free(a->num_style_link);
    g_free(a);
}

static void free_num(gpointer p)
{
    num *m = p;
    for (int k = 0; k < NLEVELS; k++) free_lvl(&m->override[k]);
    g_free(m->abstract_id);
    g_free(m);
}

static void free_style(gpointer p)
{
    pstyle *s = p;
    g_free(s->based_on);
    g_free(s->name);
    g_free(s->num_id);
    g_free(s);
}

static void read_numbering(docx *x, xmlDoc *doc)
{
    for (xmlNode *n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        if (isw(x, n, "abstractNum")) {
            const char *id = nb_xml_attr(n, x->w, "abstractNumId");
            if (!id || g_hash_table_contains(x->abstracts, id)) continue;
            abstract_num *a = g_new0(abstract_num, 1);
            for (xmlNode *c = n->children; c; c = c->next) {
                if (isw(x, c, "lvl")) {
                    long k = nb_xml_long(nb_xml_attr(c, x->w, "ilvl"), -1, NLEVELS);
                    if (k >= 0 && k < NLEVELS && !a->lv[k].set) read_lvl(x, c, &a->lv[k]);
                } else if (isw(x, c, "numStyleLink") && wval(x, c)) {
                    a->num_style_link = g_strdup(wval(x, c));
                }
            }
            for (int k = 0; k < NLEVELS; k++) a->start_at[k] = a->lv[k].set ? a->lv[k].start : 1;
            g_hash_table_insert(x->abstracts, g_strdup(id), a);
        } else if (isw(x, n, "num")) {
            const char *id = nb_xml_attr(n, x->w, "numId");
            xmlNode *an = wchild(x, n, "abstractNumId");
            if (!id || !an || !wval(x, an) || g_hash_table_contains(x->nums, id)) continue;
            num *m = g_new0(num, 1);
            m->abstract_id = g_strdup(wval(x, an));
            for (int k = 0; k < NLEVELS; k++) m->override_start[k] = -1;
            for (xmlNode *c = n->children; c; c = c->next) {
                if (!isw(x, c, "lvlOverride")) continue;
                long k = nb_xml_long(nb_xml_attr(c, x->w, "ilvl"), -1, NLEVELS);
                if (k < 0 || k >= NLEVELS) continue;
                xmlNode *so = wchild(x, c, "startOverride"), *lv = wchild(x, c, "lvl");
                if (so) m->override_start[k] = nb_xml_long(wval(x, so), 1, 1000000);
                if (lv && !m->override[k].set) read_lvl(x, lv, &m->override[k]);
            }
            g_hash_table_insert(x->nums, g_strdup(id), m);
        }
    }
}

static void read_styles(docx *x, xmlDoc *doc)
{
    for (xmlNode *n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        if (!isw(x, n, "style")) continue;
        const char *type = nb_xml_attr(n, x->w, "type"), *id = nb_xml_attr(n, x->w, "styleId");
        if (!id || (type && strcmp(type, "paragraph") && strcmp(type, "numbering"))) continue;
        if (g_hash_table_contains(x->styles, id)) continue;
        pstyle *s = g_new0(pstyle, 1);
        s->outline = -1;
        s->ilvl = -1;
        xmlNode *c;
        if ((c = wchild(x, n, "basedOn")) && wval(x, c)) s->based_on = g_strdup(wval(x, c));
        if ((c = wchild(x, n, "name")) && wval(x, c)) s->name = g_strdup(wval(x, c));
        xmlNode *ppr = wchild(x, n, "pPr");
        if ((c = wchild(x, ppr, "outlineLvl"))) s->outline = (int)nb_xml_long(wval(x, c), 9, 9);
        if ((c = wchild(x, ppr, "numPr"))) {
            xmlNode *nid = wchild(x, c, "numId"), *il = wchild(x, c, "ilvl");
            if (nid && wval(x, nid)) s->num_id = g_strdup(wval(x, nid));
            if (il) s->ilvl = (int)nb_xml_long(wval(x, il), 0, NLEVELS - 1);
        }
        const char *def = nb_xml_attr(n, x->w, "default");
        if (def && (!type || !strcmp(type, "paragraph")) && !x->default_style &&
            (strcmp(def, "1") == 0 || strcmp(def, "true") == 0 || strcmp(def, "on") == 0))
            x->default_style = g_strdup(id);
        g_hash_table_insert(x->styles, g_strdup(id), s);
    }
}

/* "heading 3", "Heading3", "标题 3" → 3; 0 otherwise. */
static int heading_by_name(const char *name)
{
    if (!name) return 0;
    const char *p = NULL;
    if (strncasecmp(name, "heading", 7) == 0) p = name + 7;
    else if (strncmp(name, "标题", strlen("标题")) == 0) p = name + strlen("标题");
    if (!p) return 0;
    while (*p == ' ') p++;
    return p[0] >= '1' && p[0] <= '9' && !p[1] ? p[0] - '0' : 0;
}

/* A table-of-contents paragraph style (toc 1, TOC1, Contents 1, 目录 1). */
static int is_toc_style(const char *id, const pstyle *s)
{
    const char *name = s && s->name ? s->name : "";
    return strncasecmp(id, "toc", 3) == 0 || strncasecmp(name, "toc", 3) == 0 ||
           strncasecmp(name, "contents", 8) == 0 || strncmp(name, "目录", strlen("目录")) == 0;
}

/* What a paragraph inherits from its style chain: outline level, numbering, being a TOC entry. */
typedef struct para_style {
    int         level;       /* 1-9, 0 body */
    const char *num_id;      /* from the style chain (NULL: none) */
    int         ilvl;        /* -1: find the level linked to the style */
    const char *style_id;
    int         toc;
} para_style;

static void resolve_style(const docx *x, const char *id, para_style *ps)
{
    memset(ps, 0, sizeof *ps);
    ps->ilvl = -1;
    ps->style_id = id;
    int outline = -1, by_name = 0, have_num = 0;
    for (int hop = 0; id && hop < MAX_STYLE_CHAIN; hop++) {
        const pstyle *s = g_hash_table_lookup(x->styles, id);
        if (hop == 0) ps->toc = is_toc_style(id, s);
        if (!s) break;
        if (outline < 0 && s->outline >= 0) outline = s->outline;
        if (!by_name) by_name = heading_by_name(s->name);
        if (!have_num && s->num_id) {
            have_num = 1;
            ps->num_id = s->num_id;
            ps->ilvl = s->ilvl;
        }
        if (ps->ilvl < 0 && have_num && s->ilvl >= 0) ps->ilvl = s->ilvl;
        id = s->based_on;
    }
    ps->level = outline >= 0 ? (outline < 9 ? outline + 1 : 0) : by_name;
}

/* The abstract definition behind a num, following numStyleLink through a numbering style. */
static abstract_num *abstract_of(const docx *x, const num *m)
{
    abstract_num *a = g_hash_table_lookup(x->abstracts, m->abstract_id);
    for (int hop = 0; a && a->num_style_link && hop < 4; hop++) {
        const pstyle *s = g_hash_table_lookup(x->styles, a->num_style_link);
        const num *linked = s && s->num_id ? g_hash_table_lookup(x->nums, s->num_id) : NULL;
        abstract_num *b = linked ? g_hash_table_lookup(x->abstracts, linked->abstract_id) : NULL;
        if (!b || b == a) break;
        a = b;
    }
    return a;
}

static const lvl *level_def(const num *m, const abstract_num *a, int k)
{
    return m->override[k].set ? &m->override[k] : &a->lv[k];
}

/* Count the paragraph in and append the text Word shows before it ("一、", "（三）", "1.2 "). */
static void number_text(docx *x, const char *num_id, int ilvl, const char *style_id, GString *out)
{
    num *m = num_id ? g_hash_table_lookup(x->nums, num_id) : NULL;
    abstract_num *a = m ? abstract_of(x, m) : NULL;
    if (!a) return;
    if (ilvl < 0) {                          /* the level that names this paragraph's style */
        ilvl = 0;
        for (int k = 0; style_id && k < NLEVELS; k++)
            if (a->lv[k].pstyle && strcmp(a->lv[k].pstyle, style_id) == 0) { ilvl = k; break; }
    }
    if (ilvl >= NLEVELS) ilvl = NLEVELS - 1;
    if (!m->used) {                          /* a "restart numbering" instance starts afresh */
        m->used = 1;
        for (int k = 0; k < NLEVELS; k++)
            if (m->override_start[k] >= 0) {
                a->on[k] = 0;
                a->start_at[k] = m->override_start[k];
            }
    }
    a->cnt[ilvl] = a->on[ilvl] ? a->cnt[ilvl] + 1 : a->start_at[ilvl];
    a->on[ilvl] = 1;
    for (int k = ilvl + 1; k < NLEVELS; k++) {
        int r = level_def(m, a, k)->restart;
        if (r != 0 && (r < 0 || ilvl < r)) a->on[k] = 0;
    }
    const lvl *l = level_def(m, a, ilvl);
    if (!l->set || !l->text || l->fmt == NB_NUM_BULLET) return;
    size_t before = out->len;
    for (const char *p = l->text; *p; p++) {
        if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            long v = a->on[k] ? a->cnt[k] : a->start_at[k];
            nb_numfmt f = level_def(m, a, k)->fmt;
            if (l->legal && k < ilvl) f = NB_NUM_DECIMAL;
            nb_format_number(out, v, f);
            p++;
        } else {
            g_string_append_c(out, *p);
        }
    }
    if (out->len > before && l->suff != 2) g_string_append_c(out, ' ');
}

/* ---- paragraphs ---------------------------------------------------------------------------- */

typedef struct para_walk {
    docx    *x;
    nb_tbuf *t;
    int      cell;           /* inside a table cell: tabs and breaks are soft */
} para_walk;

static int is_toc_sdt(const docx *x, const xmlNode *sdt)
{
    xmlNode *pr = wchild(x, sdt, "sdtPr");
    xmlNode *dp = pr ? wchild(x, pr, "docPartObj") : NULL;
    xmlNode *gal = dp ? wchild(x, dp, "docPartGallery") : NULL;
    const char *v = wval(x, gal);
    return v && strcmp(v, "Table of Contents") == 0;
}

/* The first Choice of an mc:AlternateContent (its Fallback repeats it for older readers). */
static xmlNode *alt_choice(const xmlNode *n)
{
    return nb_xml_child(n, MC_NS, "Choice");
}

/* Text boxes inside a drawing, shape or object: noted, read after the block that anchors them. */
static void note_boxes(docx *x, xmlNode *n)
{
    xmlNode *c = n->children;
    while (c) {
        if (nb_xml_is(c, MC_NS, "Fallback")) {          /* the same box again */
            while (c && !c->next && c != n) c = c->parent;
            if (!c || c == n) return;
            c = c->next;
            continue;
        }
        if (isw(x, c, "txbxContent")) {
            g_ptr_array_add(x->boxes.pending, c);
        } else if (c->type == XML_ELEMENT_NODE && c->children) {
            c = c->children;
            continue;
        }
        while (c && c != n && !c->next) c = c->parent;
        if (!c || c == n) return;
        c = c->next;
    }
}

static void walk_run(para_walk *pw, xmlNode *r);

/* Paragraph content: runs and the containers around them. */
static void walk_inline(para_walk *pw, xmlNode *n)
{
    docx *x = pw->x;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (nb_xml_is(c, MC_NS, "AlternateContent")) {
            xmlNode *ch = alt_choice(c);
            if (ch) walk_inline(pw, ch);
            continue;
        }
        if (!c->ns || !c->ns->href || strcmp((const char *)c->ns->href, x->w) != 0) continue;
        const char *name = (const char *)c->name;
        if (!strcmp(name, "r")) walk_run(pw, c);
        else if (!strcmp(name, "hyperlink") || !strcmp(name, "smartTag") || !strcmp(name, "customXml") ||
                 !strcmp(name, "ins") || !strcmp(name, "moveTo") || !strcmp(name, "fldSimple") ||
                 !strcmp(name, "dir") || !strcmp(name, "bdo"))
            walk_inline(pw, c);
        else if (!strcmp(name, "sdt")) {
            xmlNode *content = wchild(x, c, "sdtContent");
            if (content) walk_inline(pw, content);
        }
        /* del, moveFrom, pPr, bookmarks, comments, proofErr …: no text */
    }
}

static void walk_run(para_walk *pw, xmlNode *r)
{
    docx *x = pw->x;
    xmlNode *rpr = wchild(x, r, "rPr");
    if (rpr && on_off(x, wchild(x, rpr, "vanish"))) return;       /* hidden text */
    for (xmlNode *c = r->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (nb_xml_is(c, MC_NS, "AlternateContent")) {
            xmlNode *ch = alt_choice(c);
            if (ch) walk_run(pw, ch);
            continue;
        }
        if (!c->ns || !c->ns->href || strcmp((const char *)c->ns->href, x->w) != 0) {
            if (c->children) note_boxes(x, c);                  /* a wps:wsp, v:shape … outside w: */
            continue;
        }
        const char *name = (const char *)c->name;
        if (!strcmp(name, "t")) {
            for (xmlNode *t = c->children; t; t = t->next)
                if (t->type == XML_TEXT_NODE && t->content)
                    nb_tbuf_text(pw->t, (const char *)t->content, strlen((const char *)t->content));
        } else if (!strcmp(name, "tab") || !strcmp(name, "ptab")) {
            if (pw->cell) nb_tbuf_space(pw->t);
            else nb_tbuf_literal(pw->t, '\t');
        } else if (!strcmp(name, "br") || !strcmp(name, "cr")) {
            if (pw->cell) nb_tbuf_break(pw->t);
            else nb_tbuf_literal(pw->t, '\n');
        } else if (!strcmp(name, "noBreakHyphen")) {
            nb_tbuf_text(pw->t, "-", 1);
        } else if (!strcmp(name, "drawing") || !strcmp(name, "pict") || !strcmp(name, "object")) {
            note_boxes(x, c);
        } else if (!strcmp(name, "ruby")) {
            xmlNode *base = wchild(x, c, "rubyBase");
            if (base) walk_inline(pw, base);
        }
        /* delText, instrText, fldChar, sym, footnote references …: no text of the body */
    }
}

/* The paragraph's style and numbering as its pPr says (or its style chain). */
static void para_props(docx *x, xmlNode *p, para_style *ps, const char **num_id, int *ilvl)
{
    xmlNode *ppr = wchild(x, p, "pPr");
    xmlNode *st = wchild(x, ppr, "pStyle");
    const char *sid = st && wval(x, st) ? wval(x, st) : x->default_style;
    resolve_style(x, sid, ps);
    xmlNode *ol = wchild(x, ppr, "outlineLvl");
    if (ol) {
        long v = nb_xml_long(wval(x, ol), 9, 9);
        ps->level = v < 9 ? (int)v + 1 : 0;
    }
    *num_id = ps->num_id;
    *ilvl = ps->ilvl;
    xmlNode *np = wchild(x, ppr, "numPr");
    if (np) {
        xmlNode *nid = wchild(x, np, "numId"), *il = wchild(x, np, "ilvl");
        if (nid && wval(x, nid)) {
            *num_id = wval(x, nid);
            *ilvl = il ? (int)nb_xml_long(wval(x, il), 0, NLEVELS - 1) : -1;
        } else if (il) {
            *ilvl = (int)nb_xml_long(wval(x, il), 0, NLEVELS - 1);
        }
    }
    if (*num_id && strcmp(*num_id, "0") == 0) *num_id = NULL;    /* numbering removed */
}

/* A paragraph's text (numbering first) into t. Returns its heading level, or -1 for a TOC entry. */
static int para_text(docx *x, xmlNode *p, nb_tbuf *t, int cell)
{
    para_style ps;
    const char *num_id;
    int ilvl;
    para_props(x, p, &ps, &num_id, &ilvl);
    if (ps.toc) return -1;
    if (num_id) {
        GString *nt = g_string_new(NULL);
        number_text(x, num_id, ilvl, ps.style_id, nt);
        if (nt->len) {
            int space = nt->str[nt->len - 1] == ' ';
            nb_tbuf_text(t, nt->str, nt->len - (size_t)space);
            if (space) nb_tbuf_space(t);
        }
        g_string_free(nt, TRUE);
    }
    para_walk pw = {x, t, cell};
    walk_inline(&pw, p);
    return ps.level;
}

static void read_blocks(docx *x, xmlNode *container, int depth, uint32_t flags);

static void read_para(docx *x, xmlNode *p, uint32_t flags)
{
    nb_tbuf_reset(&x->para);
    int level = para_text(x, p, &x->para, 0);
    if (level < 0) return;
    nb_office_line(&x->o, x->para.s->str, x->para.s->len, (uint32_t)level, flags);
}

/* ---- tables ---------------------------------------------------------------------------------- */

typedef struct tcell {
    xmlNode *tc;
    uint32_t col, span, rspan;
    int      vmerge;         /* 0 none, 1 restart, 2 continue */
    int      covered;        /* a vMerge continuation under a restart: no cell of its own */
} tcell;

typedef struct trow {
    uint32_t first, n;       /* cells */
    uint32_t before, after;  /* gridBefore, gridAfter */
} trow;

/* The element whose children stand in for a wrapper: a content control's w:sdtContent, or the
 * custom XML element itself; NULL for anything else. */
static xmlNode *wrapped(const docx *x, xmlNode *c)
{
    if (isw(x, c, "sdt")) return wchild(x, c, "sdtContent");
    return isw(x, c, "customXml") ? c : NULL;
}

/* Rows (w:tr) and cells (w:tc) of a table, through the content controls and custom XML that may
 * wrap them. */
static void collect_cells(docx *x, xmlNode *tr, GArray *cells, trow *row)
{
    for (xmlNode *c = tr->children; c; c = c->next) {
        xmlNode *inner = wrapped(x, c);
        if (inner) {
            collect_cells(x, inner, cells, row);
            continue;
        }
        if (!isw(x, c, "tc")) continue;
        xmlNode *pr = wchild(x, c, "tcPr");
        tcell tc = {c, 0, (uint32_t)nb_xml_long(wval(x, wchild(x, pr, "gridSpan")), 1, NB_GRID_MAX_COLSPAN), 1, 0, 0};
        if (tc.span < 1) tc.span = 1;
        xmlNode *vm = wchild(x, pr, "vMerge");
        if (vm) tc.vmerge = wval(x, vm) && strcmp(wval(x, vm), "restart") == 0 ? 1 : 2;
        xmlNode *hm = wchild(x, pr, "hMerge");
        if (hm && !(wval(x, hm) && strcmp(wval(x, hm), "restart") == 0) && row->n > 0) {
            /* a legacy horizontal merge: this cell widens the one before it */
            g_array_index(cells, tcell, cells->len - 1).span += tc.span;
            continue;
        }
        g_array_append_val(cells, tc);
        row->n++;
    }
}

static void collect_rows(docx *x, xmlNode *parent, GArray *rows, GArray *cells)
{
    for (xmlNode *c = parent->children; c; c = c->next) {
        xmlNode *inner = wrapped(x, c);
        if (inner) {
            collect_rows(x, inner, rows, cells);
            continue;
        }
        if (!isw(x, c, "tr")) continue;
        trow r = {cells->len, 0, 0, 0};
        xmlNode *pr = wchild(x, c, "trPr");
        r.before = (uint32_t)nb_xml_long(wval(x, wchild(x, pr, "gridBefore")), 0, NB_GRID_MAX_COLS);
        r.after = (uint32_t)nb_xml_long(wval(x, wchild(x, pr, "gridAfter")), 0, NB_GRID_MAX_COLS);
        collect_cells(x, c, cells, &r);
        g_array_append_val(rows, r);
    }
}

/* Grid columns of every cell, then the rows each vMerge restart spans. */
static void lay_out(GArray *rows, GArray *cells)
{
    for (guint ri = 0; ri < rows->len; ri++) {
        const trow *r = &g_array_index(rows, trow, ri);
        uint32_t col = r->before;
        for (uint32_t k = 0; k < r->n; k++) {
            tcell *tc = &g_array_index(cells, tcell, r->first + k);
            tc->col = col;
            col += tc->span;
        }
    }
    for (guint ri = 0; ri < rows->len; ri++) {
        const trow *r = &g_array_index(rows, trow, ri);
        for (uint32_t k = 0; k < r->n; k++) {
            tcell *tc = &g_array_index(cells, tcell, r->first + k);
            if (tc->vmerge != 1) continue;
            for (guint below = ri + 1; below < rows->len && tc->rspan < NB_GRID_MAX_ROWSPAN; below++) {
                const trow *b = &g_array_index(rows, trow, below);
                tcell *cont = NULL;
                for (uint32_t j = 0; j < b->n && !cont; j++) {
                    tcell *cand = &g_array_index(cells, tcell, b->first + j);
                    if (cand->col == tc->col && cand->vmerge == 2 && !cand->covered) cont = cand;
                }
                if (!cont) break;
                cont->covered = 1;
                tc->rspan++;
            }
        }
    }
}

/* What a cell holds, seen before reading it: text bytes, paragraphs, headings. */
typedef struct cell_shape { size_t bytes, paras, headings; } cell_shape;

static void shape_of(docx *x, xmlNode *n, cell_shape *s)
{
    xmlNode *c = n->children;
    while (c) {
        if (isw(x, c, "p")) {
            s->paras++;
            para_style ps;
            const char *num_id;
            int ilvl;
            para_props(x, c, &ps, &num_id, &ilvl);
            if (ps.level > 0) s->headings++;
        } else if (isw(x, c, "t")) {
            for (xmlNode *t = c->children; t; t = t->next)
                if (t->type == XML_TEXT_NODE && t->content) s->bytes += strlen((const char *)t->content);
        }
        if (c->type == XML_ELEMENT_NODE && c->children && !isw(x, c, "tbl")) {
            c = c->children;
            continue;
        }
        while (c && c != n && !c->next) c = c->parent;
        if (!c || c == n) return;
        c = c->next;
    }
}

/* A table there for page layout: one column, or cells holding articles or headings (as the HTML
 * reader decides). */
static int is_layout(docx *x, GArray *rows, GArray *cells)
{
    uint32_t width = 0;
    for (guint ri = 0; ri < rows->len; ri++) {
        const trow *r = &g_array_index(rows, trow, ri);
        uint32_t w = r->before + r->after;
        for (uint32_t k = 0; k < r->n; k++) w += g_array_index(cells, tcell, r->first + k).span;
        if (w > width) width = w;
    }
    if (width <= 1) return 1;
    for (guint k = 0; k < cells->len; k++) {
        cell_shape s = {0, 0, 0};
        shape_of(x, g_array_index(cells, tcell, k).tc, &s);
        if (nb_grid_layout_cell(s.bytes, s.paras, s.headings)) return 1;
    }
    return 0;
}

/* A cell's text: its paragraphs joined by soft breaks; nested tables are noted for after the row
 * (or, too deep, read as text of the cell). */
static void cell_text(docx *x, xmlNode *n, int depth, GPtrArray *nested)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (isw(x, c, "p")) {
            nb_tbuf_break(&x->cell);
            para_text(x, c, &x->cell, 1);
            nb_tbuf_break(&x->cell);
        } else if (isw(x, c, "tbl")) {
            if (depth + 1 < NB_OFFICE_MAX_NESTING) {
                g_ptr_array_add(nested, c);
            } else {
                xmlNode *row = c->children;
                for (; row; row = row->next)
                    if (isw(x, row, "tr"))
                        for (xmlNode *tc = row->children; tc; tc = tc->next)
                            if (isw(x, tc, "tc")) cell_text(x, tc, depth + 1, nested);
            }
        } else if (wrapped(x, c)) {
            cell_text(x, wrapped(x, c), depth, nested);
        } else if (nb_xml_is(c, MC_NS, "AlternateContent")) {
            xmlNode *ch = alt_choice(c);
            if (ch) cell_text(x, ch, depth, nested);
        }
    }
}

/* Where a nested table or a text box is read: the reader, its depth and the lines' flags. */
typedef struct nested_reader { docx *x; int depth; uint32_t flags; } nested_reader;

static void read_table(docx *x, xmlNode *tbl, int depth, uint32_t flags);

static void read_nested(void *ctx, xmlNode *tbl)
{
    nested_reader *nr = ctx;
    read_table(nr->x, tbl, nr->depth, nr->flags);
}

static void read_table(docx *x, xmlNode *tbl, int depth, uint32_t flags)
{
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(trow)), *cells = g_array_new(FALSE, TRUE, sizeof(tcell));
    collect_rows(x, tbl, rows, cells);
    if (is_layout(x, rows, cells)) {
        for (guint k = 0; k < cells->len; k++) read_blocks(x, g_array_index(cells, tcell, k).tc, depth + 1, flags);
        g_array_free(rows, TRUE);
        g_array_free(cells, TRUE);
        return;
    }
    lay_out(rows, cells);
    uint32_t index = ++x->o.tables;
    nb_office_table t;
    nb_office_table_init(&t);
    for (guint ri = 0; ri < rows->len; ri++) {
        const trow *r = &g_array_index(rows, trow, ri);
        nb_grid_start_row(&t.g);
        if (r->before) nb_grid_hole(&t.g, 0, r->before);
        for (uint32_t k = 0; k < r->n; k++) {
            tcell *tc = &g_array_index(cells, tcell, r->first + k);
            if (tc->covered) continue;
            nb_tbuf_reset(&x->cell);
            cell_text(x, tc->tc, depth, t.nested);
            nb_grid_place(&t.g, tc->col, x->cell.s->str, x->cell.s->len, tc->span, tc->rspan);
        }
        if (r->after) {
            const tcell *last = r->n ? &g_array_index(cells, tcell, r->first + r->n - 1) : NULL;
            nb_grid_hole(&t.g, last ? last->col + last->span : r->before, r->after);
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
    read_blocks(nr->x, box, nr->depth, nr->flags);
}

/* The text boxes the last block anchored, each read as blocks of its own. */
static void read_boxes(docx *x, int depth, uint32_t flags)
{
    nested_reader nr = {x, depth, flags};
    nb_office_read_boxes(&x->boxes, read_box, &nr);
}

static void read_blocks(docx *x, xmlNode *container, int depth, uint32_t flags)
{
    for (xmlNode *c = container->children; c; c = c->next) {
        if (isw(x, c, "p")) {
            read_para(x, c, flags);
            read_boxes(x, depth, flags);
        } else if (isw(x, c, "tbl")) {
            if (depth < NB_OFFICE_MAX_NESTING) read_table(x, c, depth, flags);
            read_boxes(x, depth, flags);
        } else if (wrapped(x, c)) {
            if (!is_toc_sdt(x, c)) read_blocks(x, wrapped(x, c), depth, flags);
        } else if (isw(x, c, "ins") || isw(x, c, "moveTo")) {
            read_blocks(x, c, depth, flags);
        } else if (nb_xml_is(c, MC_NS, "AlternateContent")) {
            xmlNode *ch = alt_choice(c);
            if (ch) read_blocks(x, ch, depth, flags);
        }
    }
}

/* ---- parts ----------------------------------------------------------------------------------- */

/* A part's relationships (Type suffix → targets, resolved against the part's folder). */
static char *resolve_target(const char *part, const char *target)
{
    if (*target == '/') return g_strdup(target + 1);
    const char *slash = strrchr(part, '/');
    GString *p = g_string_new(NULL);
    if (slash) g_string_append_len(p, part, slash - part + 1);
    const char *t = target;
    while (strncmp(t, "../", 3) == 0) {
        t += 3;
        if (p->len) g_string_truncate(p, p->len - 1);           /* the trailing '/' */
        char *up = strrchr(p->str, '/');
        g_string_truncate(p, up ? (gsize)(up - p->str + 1) : 0);
    }
    if (strncmp(t, "./", 2) == 0) t += 2;
    g_string_append(p, t);
    return g_string_free(p, FALSE);
}

static char *rels_name(const char *part)
{
    const char *slash = strrchr(part, '/');
    if (!slash) return g_strdup_printf("_rels/%s.rels", part);
    return g_strdup_printf("%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1);
}

/* Parse a part that the document can do without (styles, numbering, properties, headers): when it
 * is missing or broken the document is read all the same. */
static xmlDoc *optional_xml(docx *x, const char *name)
{
    nb_status st = x->d->status;
    nb_error err = x->d->err;
    const char *detail = x->d->detail;
    xmlDoc *doc = nb_zip_xml(x->z, x->d, name);
    x->d->status = st;
    x->d->err = err;
    x->d->detail = detail;
    return doc;
}

/* Targets of a part's relationships whose Type ends with suffix, in the order listed. */
static GPtrArray *related(docx *x, const char *part, const char *suffix)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    char *rn = rels_name(part);
    xmlDoc *rels = optional_xml(x, rn);
    g_free(rn);
    if (!rels) return out;
    size_t k = strlen(suffix);
    for (xmlNode *r = xmlDocGetRootElement(rels)->children; r; r = r->next) {
        const char *type = nb_xml_attr(r, NULL, "Type"), *t = nb_xml_attr(r, NULL, "Target");
        const char *mode = nb_xml_attr(r, NULL, "TargetMode");
        size_t n = type ? strlen(type) : 0;
        if (!t || n < k || strcmp(type + n - k, suffix) != 0 || (mode && strcmp(mode, "External") == 0)) continue;
        g_ptr_array_add(out, resolve_target(part, t));
    }
    xmlFreeDoc(rels);
    return out;
}

static const char *first_related(GPtrArray *a, const char *dflt)
{
    return a->len ? g_ptr_array_index(a, 0) : dflt;
}

static const char *prop(nb_doc *d, xmlNode *root, const char *ns, const char *name, GString *tmp)
{
    xmlNode *n = nb_xml_child(root, ns, name);
    if (!n) return NULL;
    nb_xml_text(n, tmp);
    g_strstrip(tmp->str);
    return *tmp->str ? nb_strdup(&d->arena, tmp->str) : NULL;
}

#define DC_NS      "http://purl.org/dc/elements/1.1/"
#define DCTERMS_NS "http://purl.org/dc/terms/"
#define CP_NS      "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
#define EP_NS      "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

static void read_properties(docx *x)
{
    GPtrArray *core = related(x, "", "/core-properties"), *app = related(x, "", "/extended-properties");
    GString *tmp = g_string_new(NULL);
    xmlDoc *doc = optional_xml(x, first_related(core, "docProps/core.xml"));
    if (doc) {
        xmlNode *root = xmlDocGetRootElement(doc);
        nb_meta *m = &x->d->meta;
        m->title = prop(x->d, root, DC_NS, "title", tmp);
        m->author = prop(x->d, root, DC_NS, "creator", tmp);
        m->last_author = prop(x->d, root, CP_NS, "lastModifiedBy", tmp);
        m->creation_date = nb_office_date(x->d, prop(x->d, root, DCTERMS_NS, "created", tmp));
        m->mod_date = nb_office_date(x->d, prop(x->d, root, DCTERMS_NS, "modified", tmp));
        xmlFreeDoc(doc);
    }
    doc = optional_xml(x, first_related(app, "docProps/app.xml"));
    if (doc) {
        xmlNode *root = xmlDocGetRootElement(doc);
        const char *a = prop(x->d, root, EP_NS, "Application", tmp);
        const char *v = prop(x->d, root, EP_NS, "AppVersion", tmp);
        if (a) x->d->meta.creator = v ? nb_sprintf(&x->d->arena, "%s %s", a, v) : a;
        xmlFreeDoc(doc);
    }
    g_string_free(tmp, TRUE);
    g_ptr_array_free(core, TRUE);
    g_ptr_array_free(app, TRUE);
}

/* Headers and footers: furniture lines after the body. */
static void read_furniture(docx *x, const char *part, const char *suffix)
{
    GPtrArray *parts = related(x, part, suffix);
    for (guint k = 0; k < parts->len; k++) {
        xmlDoc *doc = optional_xml(x, g_ptr_array_index(parts, k));
        if (!doc) continue;
        read_blocks(x, xmlDocGetRootElement(doc), 0, NB_LINE_FURNITURE);
        read_boxes(x, 0, NB_LINE_FURNITURE);
        xmlFreeDoc(doc);
    }
    g_ptr_array_free(parts, TRUE);
}

int nb_read_docx(nb_doc *d, nb_zip *z, const char *main_part)
{
    xmlDoc *doc = nb_zip_xml(z, d, main_part);
    if (!doc) return -1;
    xmlNode *root = xmlDocGetRootElement(doc);
    const char *ns = root->ns && root->ns->href ? (const char *)root->ns->href : "";
    if (strcmp((const char *)root->name, "document") != 0 || (strcmp(ns, W_MAIN) && strcmp(ns, W_STRICT))) {
        xmlFreeDoc(doc);
        d->kind = NB_KIND_UNKNOWN;
        return nb_doc_fail(d, NB_ERR_NOT_DOCUMENT, main_part);
    }
    /* the namespace outlives this part: headers and footers are read after it is freed */
    docx x = {.d = d, .z = z, .w = strcmp(ns, W_MAIN) ? W_STRICT : W_MAIN};
    x.styles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_style);
    x.abstracts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_abstract);
    x.nums = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_num);
    nb_office_boxes_init(&x.boxes);
    nb_tbuf_init(&x.para, 0);
    nb_tbuf_init(&x.cell, 1);
    GPtrArray *styles = related(&x, main_part, "/styles"), *numbering = related(&x, main_part, "/numbering");
    xmlDoc *sd = optional_xml(&x, first_related(styles, "word/styles.xml"));
    if (sd) {
        read_styles(&x, sd);
        xmlFreeDoc(sd);
    }
    xmlDoc *nd = optional_xml(&x, first_related(numbering, "word/numbering.xml"));
    if (nd) {
        read_numbering(&x, nd);
        xmlFreeDoc(nd);
    }
    g_ptr_array_free(styles, TRUE);
    g_ptr_array_free(numbering, TRUE);
    read_properties(&x);
    nb_office_out_init(&x.o, d);
    xmlNode *body = nb_xml_child(root, ns, "body");
    if (body) read_blocks(&x, body, 0, 0);
    read_boxes(&x, 0, 0);
    xmlFreeDoc(doc);
    read_furniture(&x, main_part, "/header");
    read_furniture(&x, main_part, "/footer");
    nb_office_out_finish(&x.o);
    nb_tbuf_free(&x.para);
    nb_tbuf_free(&x.cell);
    nb_office_boxes_free(&x.boxes);
    g_hash_table_destroy(x.styles);
    g_hash_table_destroy(x.abstracts);
    g_hash_table_destroy(x.nums);
    g_free(x.default_style);
    return 0;
}
