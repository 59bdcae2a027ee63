/*
 * parser/ingest_html.c — crawled HTML report pages: whole pages and CMS fragments (a `content`
 * field with no <html>), through libxml2's HTML parser.
 *
 * Sniffing is by content: a file that starts (after a BOM and white space) with an HTML tag, or whose
 * first 64 KiB are dense with tags. The bytes are decoded to UTF-8 first (encoding.c: BOM, then the
 * page's <meta charset>, then detection) and libxml2 is told the input is UTF-8 and to ignore the
 * page's own declaration, so its guess cannot decode the text twice.
 *
 * Text outside tables becomes lines: one per block element (p, div, h1-h6, li, …), <br> breaks a
 * line, white space and &nbsp; collapse to one space. Scripts, styles, the <head>, navigation, page
 * footers, hidden elements and chrome lines (当前位置 breadcrumbs, 上一篇/下一篇, 打印本页 …) are
 * dropped, so that the title finder (sections.c) meets the report's title first.
 *
 * A data table becomes a grid (the HTML table model: rowspan/colspan expanded over a slot matrix,
 * grid.h, shared with the Word and OpenDocument readers) and each grid row one NB_LINE_FIELDS line
 * whose fields are the row's cells separated by tabs, at their grid columns. Nested tables follow
 * the row that holds them as grid lines of their own. A table used for page layout (one column, or
 * cells holding whole articles) is read as blocks instead.
 *
 * Everything is linear in the input: the tree is walked without recursion, spans and grid width
 * are capped, and recursion happens only per level of nested table, itself capped.
 */
#include <glib.h>
#include <limits.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

#include "encoding.h"
#include "grid.h"
#include "ingest.h"
#include "utf8.h"

#define MAX_NESTING  8           /* deeper tables are read as the text of their cell */
#define MAX_LINE     (1u << 20)  /* longer text lines are cut */

/* ---- sniffing ---------------------------------------------------------------------------- */

/* An ASCII view of the head: UTF-16 narrowed to its low bytes, else the bytes as they are. */
static size_t ascii_view(const unsigned char *s, size_t n, char *out, size_t cap)
{
    int order = nb_utf16_order(s, n);
    size_t o = 0;
    if (!order) {
        o = n < cap ? n : cap;
        memcpy(out, s, o);
        return o;
    }
    size_t i = (s[0] == 0xFF || s[0] == 0xFE) ? 2 : 0;
    for (; i + 1 < n && o < cap; i += 2) {
        unsigned char lo = order == 'L' ? s[i] : s[i + 1], hi = order == 'L' ? s[i + 1] : s[i];
        out[o++] = hi == 0 && lo < 0x80 ? (char)lo : '?';
    }
    return o;
}

/* Does p (n bytes) start with the tag or construct word, followed by a delimiter? */
static int starts_tag(const char *p, size_t n, const char *word)
{
    size_t k = strlen(word);
    if (n < k || strncasecmp(p, word, k) != 0) return 0;
    if (n == k) return 1;
    char c = p[k];
    return word[k - 1] == '-' || c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int starts_with_html(const char *p, size_t n)
{
    static const char *const tags[] = {
        "!doctype html", "html", "head", "body", "meta", "title", "link", "div", "p", "table", "span",
        "!--", "br", "font", "center", "section", "article", "main", "h1", "h2", "h3", "h4", "h5",
        "h6", "script", "style", "form", "ul", "ol", "strong", "tr", "td", "pre", "a", "img"};
    if (n < 2 || p[0] != '<') return 0;
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (starts_tag(p + 1, n - 1, tags[i])) return 1;
    /* XHTML: an XML declaration, then an html element somewhere in the head */
    if (starts_tag(p + 1, n - 1, "?xml"))
        for (size_t i = 0; i + 5 <= n; i++)
            if (strncasecmp(p + i, "<html", 5) == 0) return 1;
    return 0;
}

/* Tags that only markup has: <p>, <td, <tr, <br, <div, <span, <table, <li, and closing tags. */
static size_t count_tags(const char *s, size_t n)
{
    static const char *const open[] = {"p", "td", "tr", "br", "div", "span", "table", "li", "th"};
    size_t count = 0;
    for (size_t i = 0; i + 2 < n; i++) {
        if (s[i] != '<') continue;
        const char *p = s + i + 1;
        size_t m = n - i - 1;
        if (p[0] == '/' && ((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'z')) {
            count++;
            continue;
        }
        for (size_t k = 0; k < sizeof open / sizeof open[0]; k++)
            if (starts_tag(p, m, open[k])) {
                count++;
                break;
            }
    }
    return count;
}

static int sniff_html(const unsigned char *s, size_t n)
{
    static char view[64 * 1024];
    /* no '<' at all (in any of the encodings read, '<' is that byte): not HTML, and most text
     * reports end here without building the view */
    if (!memchr(s, '<', n)) return 0;
    size_t m = ascii_view(s, n, view, sizeof view);
    if (!nb_utf16_order(s, n) && memchr(s, 0, n)) return 0;        /* binary */
    size_t controls = 0;
    for (size_t i = 0; i < m; i++) {
        unsigned char c = (unsigned char)view[i];
        controls += (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
    }
    if (controls * 100 > m) return 0;
    const char *p = view;
    size_t left = m;
    if (left >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3, left -= 3;
    while (left && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')) p++, left--;
    if (starts_with_html(p, left)) return 1;
    /* a real density of tags: a plain-text report with a stray '<' stays text */
    size_t tags = count_tags(view, m);
    return (tags >= 8 && tags * 4096 >= m) || (tags >= 3 && tags * 256 >= m);
}

/* ---- the declared charset ---------------------------------------------------------------- */

/* The value after "charset" or "encoding" and '=' in s[0..n), copied into out (cap bytes). */
static int charset_value(const char *s, size_t n, const char *key, char *out, size_t cap)
{
    size_t k = strlen(key);
    for (size_t i = 0; i + k < n; i++) {
        if (strncasecmp(s + i, key, k) != 0) continue;
        size_t j = i + k;
        while (j < n && s[j] == ' ') j++;
        if (j >= n || s[j] != '=') continue;
        j++;
        while (j < n && (s[j] == ' ' || s[j] == '"' || s[j] == '\'')) j++;
        size_t o = 0;
        while (j < n && o + 1 < cap &&
               ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z' ? 1 : (s[j] >= '0' && s[j] <= '9') ||
                                                                  s[j] == '-' || s[j] == '_' || s[j] == '.' || s[j] == ':'))
            out[o++] = s[j++];
        out[o] = '\0';
        if (o) return 1;
    }
    return 0;
}

/* The charset a page declares in a <meta> (charset=… or a content-type's charset) or an XML
 * declaration within its first bytes; NULL when it declares none. */
static const char *declared_charset(const unsigned char *data, size_t n, char *out, size_t cap)
{
    const char *s = (const char *)data;
    size_t lim = n < 64 * 1024 ? n : 64 * 1024;
    if (lim > 5 && strncmp(s, "<?xml", 5) == 0) {
        const char *end = memchr(s, '>', lim);
        if (end && charset_value(s, (size_t)(end - s), "encoding", out, cap)) return out;
    }
    for (size_t i = 0; i + 5 < lim; i++) {
        if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4) != 0) continue;
        size_t tag = lim - i < 1024 ? lim - i : 1024;          /* a tag, not the rest of the file */
        const char *end = memchr(s + i, '>', tag);
        if (end && charset_value(s + i, (size_t)(end - (s + i)), "charset", out, cap)) return out;
    }
    return NULL;
}

/* ---- element classes --------------------------------------------------------------------- */

enum {
    E_BLOCK = 1 << 0,     /* starts and ends a line of text */
    E_SKIP = 1 << 1,      /* never report text */
    E_TABLE = 1 << 2, E_ROW = 1 << 3, E_CELL = 1 << 4, E_CAPTION = 1 << 5,
    E_BR = 1 << 6, E_PRE = 1 << 7, E_TITLE = 1 << 8, E_META = 1 << 9,
    E_STRUCT = 1 << 10,   /* headings and lists: a cell holding them is page layout */
    E_HEADER = 1 << 11,   /* <header>: skipped at page level (is_page_header) */
    E_ARTICLE = 1 << 12   /* article, main, section */
};

typedef struct elem_class { const char *name; unsigned cls; } elem_class;

/* Sorted by name for bsearch. */
static const elem_class classes[] = {
    {"address", E_BLOCK}, {"article", E_BLOCK | E_ARTICLE}, {"aside", E_SKIP}, {"audio", E_SKIP},
    {"blockquote", E_BLOCK}, {"body", E_BLOCK}, {"br", E_BR}, {"button", E_SKIP}, {"canvas", E_SKIP},
    {"caption", E_BLOCK | E_CAPTION}, {"center", E_BLOCK}, {"col", E_SKIP}, {"colgroup", E_SKIP},
    {"dd", E_BLOCK}, {"details", E_BLOCK}, {"dir", E_BLOCK}, {"div", E_BLOCK}, {"dl", E_BLOCK},
    {"dt", E_BLOCK}, {"embed", E_SKIP}, {"fieldset", E_BLOCK}, {"figcaption", E_BLOCK},
    {"figure", E_BLOCK}, {"footer", E_SKIP}, {"form", E_BLOCK}, {"frameset", E_SKIP},
    {"h1", E_BLOCK | E_STRUCT}, {"h2", E_BLOCK | E_STRUCT}, {"h3", E_BLOCK | E_STRUCT},
    {"h4", E_BLOCK | E_STRUCT}, {"h5", E_BLOCK | E_STRUCT}, {"h6", E_BLOCK | E_STRUCT},
    {"header", E_BLOCK | E_HEADER}, {"hr", E_BLOCK}, {"html", E_BLOCK}, {"iframe", E_SKIP},
    {"input", E_SKIP}, {"legend", E_BLOCK}, {"li", E_BLOCK}, {"main", E_BLOCK | E_ARTICLE},
    {"map", E_SKIP}, {"math", E_SKIP}, {"menu", E_BLOCK}, {"meta", E_META}, {"nav", E_SKIP},
    {"noframes", E_SKIP}, {"noscript", E_SKIP}, {"object", E_SKIP}, {"ol", E_BLOCK | E_STRUCT},
    {"option", E_BLOCK}, {"p", E_BLOCK}, {"pre", E_BLOCK | E_PRE}, {"script", E_SKIP},
    {"section", E_BLOCK | E_ARTICLE}, {"select", E_SKIP}, {"style", E_SKIP}, {"summary", E_BLOCK},
    {"svg", E_SKIP}, {"table", E_BLOCK | E_TABLE}, {"tbody", E_BLOCK}, {"td", E_BLOCK | E_CELL},
    {"template", E_SKIP}, {"textarea", E_SKIP}, {"tfoot", E_BLOCK}, {"th", E_BLOCK | E_CELL},
    {"thead", E_BLOCK}, {"title", E_BLOCK | E_TITLE}, {"tr", E_BLOCK | E_ROW}, {"ul", E_BLOCK | E_STRUCT},
    {"video", E_SKIP},
};

static int by_name(const void *key, const void *e)
{
    return strcmp(key, ((const elem_class *)e)->name);
}

/* The class bits of an element (0 for text and inline elements). */
static unsigned lookup_class(const xmlChar *name)
{
    const elem_class *e = bsearch(name, classes, sizeof classes / sizeof classes[0], sizeof classes[0], by_name);
    return e ? e->cls : 0;
}

/* libxml2 interns element names in the document's dictionary, so within one document a name's
 * pointer stands for the name: a small cache keyed by pointer saves the lookups. It is emptied
 * for every document (forget_classes), whose dictionary may reuse the addresses. */
#define CLASS_CACHE 64
static _Thread_local struct { const xmlChar *name; unsigned cls; } class_cache[CLASS_CACHE];

static void forget_classes(void)
{
    memset(class_cache, 0, sizeof class_cache);
}

static unsigned class_of(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || !n->name) return 0;
    size_t h = ((uintptr_t)n->name >> 4) % CLASS_CACHE;
    if (class_cache[h].name != n->name) {
        class_cache[h].name = n->name;
        class_cache[h].cls = lookup_class(n->name);
    }
    return class_cache[h].cls;
}

static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (strcasecmp((const char *)a->name, name) == 0)
            return a->children && a->children->content ? (const char *)a->children->content : "";
    return NULL;
}

/* style="display: none". */
static int style_hides(const char *st)
{
    for (const char *p = strcasestr(st, "display"); p; p = strcasestr(p + 7, "display")) {
        const char *q = p + 7;
        while (*q == ' ') q++;
        if (*q != ':') continue;
        q++;
        while (*q == ' ') q++;
        if (strncasecmp(q, "none", 4) == 0) return 1;
    }
    return 0;
}

/* class or id naming page chrome: navigation, breadcrumbs, share buttons, footers, sidebars. */
static int names_chrome(const char *v)
{
    static const char *const words[] = {"nav", "navbar", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
                                        "bdshare", "bdsharebuttonbox", "share", "footer", "sidebar",
                                        "copyright"};
    while (v && *v) {
        size_t k = strcspn(v, " \t-_");
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
            if (k == strlen(words[i]) && strncasecmp(v, words[i], k) == 0) return 1;
        v += k;
        v += strspn(v, " \t-_");
    }
    return 0;
}

/* Hidden (the hidden attribute, display: none) or named as chrome by its class or id. */
static int attrs_hide(const xmlNode *n)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        const char *v = a->children && a->children->content ? (const char *)a->children->content : "";
        if (strcasecmp(name, "hidden") == 0) return 1;
        if (strcasecmp(name, "style") == 0 && style_hides(v)) return 1;
        if ((strcasecmp(name, "class") == 0 || strcasecmp(name, "id") == 0) && names_chrome(v)) return 1;
    }
    return 0;
}

/* A <header> inside an article or section introduces it (and may hold the report's title); a
 * page-level one is the site's banner. */
static int is_page_header(const xmlNode *n)
{
    int steps = 0;
    for (const xmlNode *p = n->parent; p && steps < 64; p = p->parent, steps++)
        if (class_of(p) & E_ARTICLE) return 0;
    return 1;
}

/* Elements whose content is never report text. */
static int is_skipped(const xmlNode *n, unsigned cls)
{
    if (cls & E_SKIP) return 1;
    if ((cls & E_HEADER) && is_page_header(n)) return 1;
    return n->properties && attrs_hide(n);
}

/* ---- chrome lines ------------------------------------------------------------------------ */

static int has_prefix(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(s, p, k) == 0;
}

/* A short line made only of page-tool words: 【打印本页】【关闭窗口】, 字体：大 中 小 … */
static int is_tool_line(const char *s, size_t n)
{
    static const char *const words[] = {"打印本页", "打印此页", "关闭窗口", "关闭本页", "返回顶部", "打印", "关闭",
                                        "收藏", "分享", "字体", "字号", "默认", "大", "中", "小", "【", "】", "[",
                                        "]", "〖", "〗", "|", "｜", ":", "：", "、", " ", "\xC2\xA0", "　"};
    if (n == 0 || n > 90) return 0;
    size_t i = 0;
    while (i < n) {
        size_t k = 0;
        for (size_t w = 0; w < sizeof words / sizeof words[0] && !k; w++)
            if (has_prefix(s + i, n - i, words[w])) k = strlen(words[w]);
        if (!k) return 0;
        i += k;
    }
    return 1;
}

/* Breadcrumbs (当前位置：首页 > … > 2019年…年度报告), previous/next links, share bars: page chrome
 * that would otherwise offer the title finder another report's title. */
static int is_chrome_line(const char *s, size_t n)
{
    static const char *const prefixes[] = {"当前位置", "您的位置", "您现在的位置", "您当前的位置", "您所在的位置",
                                           "当前所在位置", "所在位置", "上一篇", "下一篇", "上一条", "下一条",
                                           "相关链接", "相关文章", "相关阅读", "相关新闻", "相关信息", "分享到",
                                           "扫一扫", "附件下载", "【打印", "【关闭", "[打印", "[关闭"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (has_prefix(s, n, prefixes[i])) return 1;
    if (n < 300 && memmem(s, n, "首页", strlen("首页"))) {
        /* 首页 > 政务公开 > …: starting with 首页, or two separators (a sentence may have one) */
        size_t seps = 0;
        for (const char *const *p = (const char *const[]){">", "＞", "»", "›", "→", NULL}; *p; p++)
            for (const char *q = memmem(s, n, *p, strlen(*p)); q; q = memmem(q + 1, n - (size_t)(q + 1 - s), *p, strlen(*p)))
                seps++;
        if (seps >= 2 || (seps && has_prefix(s, n, "首页"))) return 1;
    }
    return is_tool_line(s, n);
}

/* ---- the ingest context and line output -------------------------------------------------- */

typedef struct html_ctx {
    nb_doc  *d;
    nb_tbuf     line;       /* the text line being built */
    float    y;          /* next line's y */
    float    width;      /* widest line so far */
    int      depth;      /* levels of nested table being read */
} html_ctx;

static void add_line(html_ctx *c, const char *s, size_t n, const nb_xspan *geo, uint32_t flags)
{
    nb_line *l = nb_doc_add_line(c->d, s, n, geo, c->y, c->y + 1, flags);
    if (l->box.x1 > c->width) c->width = l->box.x1;
    c->y++;
}

/* A text line; over-long ones (a whole page in one paragraph) are cut at character boundaries. */
static void add_text_line(html_ctx *c, const char *s, size_t n, uint32_t flags)
{
    while (n > MAX_LINE) {
        size_t cut = MAX_LINE;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--;
        add_line(c, s, cut, NULL, flags);
        c->d->split_lines++;
        s += cut;
        n -= cut;
    }
    add_line(c, s, n, NULL, flags);
}

static void flush_line(html_ctx *c)
{
    GString *s = c->line.s;
    if (s->len && !is_chrome_line(s->str, s->len)) add_text_line(c, s->str, s->len, 0);
    nb_tbuf_reset(&c->line);
}

/* <pre> keeps its lines and spacing; a line with a tab is a field line, as in a text file. */
static void emit_pre(html_ctx *c, xmlNode *pre)
{
    xmlChar *text = xmlNodeGetContent(pre);
    if (!text) return;
    const char *s = (const char *)text;
    while (*s) {
        size_t k = strcspn(s, "\r\n");
        if (k) add_text_line(c, s, k, memchr(s, '\t', k) ? NB_LINE_FIELDS : 0);
        s += k;
        if (*s == '\r' && s[1] == '\n') s++;
        if (*s) s++;
    }
    xmlFree(text);
}

/* ---- walking the tree -------------------------------------------------------------------- */

typedef int (*enter_fn)(void *arg, xmlNode *n);   /* returns whether to visit n's children */
typedef void (*leave_fn)(void *arg, xmlNode *n);

/* Visit root's descendants in document order without recursion (pages nest deeply). leave is
 * called once for every node enter was called for, after its children if they were visited. */
static void walk(xmlNode *root, enter_fn enter, leave_fn leave, void *arg)
{
    xmlNode *n = root->children;
    while (n) {
        if (enter(arg, n) && n->children) {
            n = n->children;
            continue;
        }
        leave(arg, n);
        while (!n->next) {
            n = n->parent;
            if (!n || n == root) return;
            leave(arg, n);
        }
        n = n->next;
    }
}

static int handle_table(html_ctx *c, xmlNode *table, int depth);

static int is_text(const xmlNode *n)
{
    return (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content;
}

static void set_title(nb_doc *d, xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    if (!t) return;
    nb_tbuf b;
    nb_tbuf_init(&b, 0);
    nb_tbuf_text(&b, (const char *)t, strlen((const char *)t));
    if (b.s->len) d->meta.title = nb_strndup(&d->arena, b.s->str, b.s->len);
    nb_tbuf_free(&b);
    xmlFree(t);
}

/* Data: the <meta name> a government CMS gives the publication time and the publisher under. */
static const char *const pubdate_names[] = {"PubDate", "PublishDate", "pubtime", "firstpublishedtime", NULL};
static const char *const source_names[] = {"ContentSource", "Source", NULL};

static int name_in(const char *name, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (strcasecmp(name, names[i]) == 0) return 1;
    return 0;
}

/* <meta name content>: Chinese CMSs name the article in ArticleTitle (<title> wins when present),
 * its publication time in PubDate and the publisher in ContentSource. */
static void read_meta(nb_doc *d, const char *name, const char *content)
{
    if (!name || !content || !*content) return;
    if (!d->meta.title && strcasecmp(name, "ArticleTitle") == 0) d->meta.title = nb_strdup(&d->arena, content);
    else if (!d->meta.published && name_in(name, pubdate_names)) d->meta.published = nb_strdup(&d->arena, content);
    else if (!d->meta.source && name_in(name, source_names)) d->meta.source = nb_strdup(&d->arena, content);
}

/* The text walk: blocks make lines, tables go to handle_table, <title> goes to the metadata. */
static int text_enter(void *arg, xmlNode *n)
{
    html_ctx *c = arg;
    if (is_text(n)) {
        nb_tbuf_text(&c->line, (const char *)n->content, strlen((const char *)n->content));
        return 0;
    }
    unsigned cls = class_of(n);
    if (n->type != XML_ELEMENT_NODE || is_skipped(n, cls)) return 0;
    if (cls & E_TITLE) {
        if (!c->d->meta.title) set_title(c->d, n);
        return 0;
    }
    if (cls & E_META) {
        read_meta(c->d, attr(n, "name"), attr(n, "content"));
        return 0;
    }
    if (cls & E_BR) {
        flush_line(c);
        return 0;
    }
    if (cls & E_PRE) {
        flush_line(c);
        emit_pre(c, n);
        return 0;
    }
    if (cls & E_TABLE) {
        flush_line(c);
        return !handle_table(c, n, c->depth);     /* a layout table is walked as blocks */
    }
    if (cls & E_BLOCK) flush_line(c);
    return 1;
}

static void text_leave(void *arg, xmlNode *n)
{
    html_ctx *c = arg;
    if (class_of(n) & E_BLOCK) flush_line(c);
}

/* ---- tables as grids (grid.h) ------------------------------------------------------------ */

typedef struct grid {
    nb_grid    g;                /* the slots */
    GArray    *nested_at;        /* per row: uint32_t pairs (first, n) into nested */
    GPtrArray *nested;           /* nested tables, in the order of the rows that hold them */
    GPtrArray *nested_before;    /* nested tables before any row */
    nb_tbuf    before;           /* caption and stray text: a line before the grid */
    int        layout;
    int        depth;
} grid;

static void grid_init(grid *g, int depth)
{
    memset(g, 0, sizeof *g);
    nb_grid_init(&g->g);
    g->nested_at = g_array_new(FALSE, TRUE, 2 * sizeof(uint32_t));
    g->nested = g_ptr_array_new();
    g->nested_before = g_ptr_array_new();
    nb_tbuf_init(&g->before, 0);
    g->depth = depth;
}

static void grid_free(grid *g)
{
    nb_grid_free(&g->g);
    g_array_free(g->nested_at, TRUE);
    g_ptr_array_free(g->nested, TRUE);
    g_ptr_array_free(g->nested_before, TRUE);
    nb_tbuf_free(&g->before);
}

static void start_row(grid *g)
{
    nb_grid_start_row(&g->g);
    uint32_t at[2] = {g->nested->len, 0};
    g_array_append_vals(g->nested_at, at, 1);
}

/* A nested table met inside this table: emitted after the row that holds it. */
static void note_nested(grid *g, xmlNode *t)
{
    if (!g->nested_at->len) {
        g_ptr_array_add(g->nested_before, t);
        return;
    }
    g_ptr_array_add(g->nested, t);
    ((uint32_t *)(void *)g->nested_at->data)[2 * (g->nested_at->len - 1) + 1]++;
}

/* The text of a cell (or caption): its descendants' text with blocks and <br> as soft breaks;
 * nested tables are noted, not read, until the nesting is too deep to follow. */
typedef struct cell_walk {
    grid    *g;
    nb_tbuf *out;
    size_t   blocks, headings;   /* for telling a layout table from a data table */
} cell_walk;

static int cell_enter(void *arg, xmlNode *n)
{
    cell_walk *w = arg;
    if (is_text(n)) {
        nb_tbuf_text(w->out, (const char *)n->content, strlen((const char *)n->content));
        return 0;
    }
    unsigned cls = class_of(n);
    if (n->type != XML_ELEMENT_NODE || is_skipped(n, cls)) return 0;
    if ((cls & E_TABLE) && w->g->depth + 1 < MAX_NESTING) {
        note_nested(w->g, n);
        nb_tbuf_break(w->out);
        return 0;
    }
    if (cls & E_BR) {
        nb_tbuf_break(w->out);
        return 0;
    }
    if (cls & E_STRUCT) w->headings++;
    if (cls & E_BLOCK) {
        w->blocks++;
        nb_tbuf_break(w->out);
    }
    return 1;
}

static void cell_leave(void *arg, xmlNode *n)
{
    cell_walk *w = arg;
    if (class_of(n) & E_BLOCK) nb_tbuf_break(w->out);
}

static uint32_t span_attr(const xmlNode *n, const char *name, uint32_t cap)
{
    const char *v = attr(n, name);
    if (!v) return 1;
    while (*v == ' ') v++;
    unsigned long x = 0;
    for (; *v >= '0' && *v <= '9' && x <= cap; v++) x = x * 10 + (unsigned long)(*v - '0');
    if (x < 1) return 1;                   /* 0, junk: one slot (rowspan=0 is not followed) */
    return x > cap ? cap : (uint32_t)x;
}

/* Place a cell in the current row: the first column not covered by a rowspan from above. */
static void place_cell(grid *g, xmlNode *td, nb_tbuf *cell)
{
    cell_walk w = {g, cell, 0, 0};
    nb_tbuf_reset(cell);
    walk(td, cell_enter, cell_leave, &w);
    uint32_t span = span_attr(td, "colspan", NB_GRID_MAX_COLSPAN);
    uint32_t rspan = span_attr(td, "rowspan", NB_GRID_MAX_ROWSPAN);
    if (nb_grid_place(&g->g, NB_GRID_NEXT, cell->s->str, cell->s->len, span, rspan) < 0) return;
    if (nb_grid_layout_cell(cell->s->len, w.blocks, w.headings)) g->layout = 1;
}

/* The walk over a table's own rows and cells (not those of nested tables). */
typedef struct table_walk {
    grid    *g;
    nb_tbuf  cell;
    int      in_row;
} table_walk;

static int table_enter(void *arg, xmlNode *n)
{
    table_walk *t = arg;
    grid *g = t->g;
    if (is_text(n)) {
        nb_tbuf_text(&g->before, (const char *)n->content, strlen((const char *)n->content));  /* stray text */
        return 0;
    }
    unsigned cls = class_of(n);
    if (n->type != XML_ELEMENT_NODE || is_skipped(n, cls)) return 0;
    if (cls & E_TABLE) {
        if (g->depth + 1 >= MAX_NESTING) return 1;      /* too deep: its rows join this table */
        note_nested(g, n);
        return 0;
    }
    if (cls & E_ROW) {
        start_row(g);
        t->in_row = 1;
        return 1;
    }
    if (cls & E_CELL) {
        if (!t->in_row) {
            start_row(g);                  /* a cell outside any row starts one */
            t->in_row = 1;
        }
        place_cell(g, n, &t->cell);
        return 0;
    }
    if (cls & E_CAPTION) {
        cell_walk w = {g, &g->before, 0, 0};
        walk(n, cell_enter, cell_leave, &w);
        nb_tbuf_break(&g->before);
        return 0;
    }
    return 1;
}

static void table_leave(void *arg, xmlNode *n)
{
    table_walk *t = arg;
    if (class_of(n) & E_ROW) t->in_row = 0;
}

static void emit_nested(html_ctx *c, GPtrArray *tables, uint32_t first, uint32_t n, int depth)
{
    for (uint32_t k = first; k < first + n; k++) {
        xmlNode *t = g_ptr_array_index(tables, k);
        if (handle_table(c, t, depth + 1)) continue;
        int saved = c->depth;              /* a nested layout table: its content as blocks */
        c->depth = depth + 1;
        walk(t, text_enter, text_leave, c);
        flush_line(c);
        c->depth = saved;
    }
}

/* Emit the grid row by row, each followed by the tables nested in it. */
static void emit_grid(html_ctx *c, grid *g)
{
    if (g->before.s->len) {
        add_text_line(c, g->before.s->str, g->before.s->len, 0);
    }
    emit_nested(c, g->nested_before, 0, g->nested_before->len, g->depth);
    nb_grid_out o;
    nb_grid_out_init(&o);
    nb_grid_emit_begin(&g->g, &o);
    for (uint32_t ri = 0; ri < nb_grid_nrows(&g->g); ri++) {
        if (nb_grid_row_line(&g->g, ri, &o))
            add_line(c, o.raw->str, o.raw->len, (const nb_xspan *)(void *)o.geo->data, NB_LINE_FIELDS);
        const uint32_t *at = (const uint32_t *)(void *)g->nested_at->data + 2 * ri;
        emit_nested(c, g->nested, at[0], at[1], g->depth);
    }
    nb_grid_out_free(&o);
    if (g->g.width * NB_GRID_COL_W > c->width) c->width = (float)g->g.width * NB_GRID_COL_W;
}

/* Read a table: as a grid (returns 1) or, when it is there for layout, not at all (returns 0: the
 * caller walks it as blocks). */
static int handle_table(html_ctx *c, xmlNode *table, int depth)
{
    grid g;
    grid_init(&g, depth);
    table_walk t = {&g, {0}, 0};
    nb_tbuf_init(&t.cell, 1);
    walk(table, table_enter, table_leave, &t);
    nb_tbuf_free(&t.cell);
    int as_grid = !g.layout && g.g.width > 1;
    if (as_grid) emit_grid(c, &g);
    grid_free(&g);
    return as_grid;
}

/* ---- the ingester ------------------------------------------------------------------------ */

/* Text before the first tag, when it is several lines (a crawler's header before the page):
 * its lines are kept as lines, as the text ingester would. Returns where the markup starts. */
static size_t emit_prologue(html_ctx *c, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    if (i < n && s[i] == '<') return 0;
    size_t first = i;
    for (; i + 1 < n; i++)
        if (s[i] == '<' && (g_ascii_isalpha(s[i + 1]) || s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) break;
    if (i + 1 >= n || !memchr(s + first, '\n', i - first)) return 0;
    size_t a = first;
    while (a < i) {
        size_t b = a;
        while (b < i && s[b] != '\n') b++;
        size_t e = b;
        while (e > a && (s[e - 1] == '\r' || s[e - 1] == ' ')) e--;
        if (e > a) add_text_line(c, s + a, e - a, memchr(s + a, '\t', e - a) ? NB_LINE_FIELDS : 0);
        a = b + 1;
    }
    return i;
}

static void quiet_libxml(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static int ingest_html(nb_doc *d, const unsigned char *data, size_t n, const struct nb_ingest_limits *lim)
{
    (void)lim;
    static int ready;
    if (!ready) {
        xmlInitParser();
        xmlSetGenericErrorFunc(NULL, quiet_libxml);
        ready = 1;
    }
    char cs[64];
    const char *declared = nb_utf16_order(data, n) ? NULL : declared_charset(data, n, cs, sizeof cs);
    size_t len;
    char *u = nb_decode(d, data, n, declared, &len);
    if (!u) return -1;
    if (len > INT_MAX) {
        free(u);
        return nb_doc_fail(d, NB_ERR_TOO_LARGE, NULL);
    }
    for (size_t i = 0; i < len; i++)
        if (!u[i]) u[i] = ' ';                 /* a decoded U+0000 would end libxml2's input */
    html_ctx c = {.d = d};
    nb_tbuf_init(&c.line, 0);
    nb_doc_begin_page(d, 0, 0);
    forget_classes();
    size_t start = emit_prologue(&c, u, len);
    htmlDocPtr doc = htmlReadMemory(u + start, (int)(len - start), NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |
                                        HTML_PARSE_NODEFDTD);
    free(u);                                   /* libxml2 keeps its own copy of the text */
    if (doc) {
        walk((xmlNode *)doc, text_enter, text_leave, &c);
        flush_line(&c);
        xmlFreeDoc(doc);
    }
    nb_page *pg = (nb_page *)d->vpages.data + d->vpages.len - 1;
    pg->width = c.width;
    pg->height = c.y;
    nb_tbuf_free(&c.line);
    return 0;
}

const nb_ingester nb_ingest_html = {
    .name = "html",
    .kind = NB_KIND_HTML,
    .sniff = sniff_html,
    .ingest = ingest_html,
};
