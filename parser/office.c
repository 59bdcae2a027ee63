/*
 * parser/office.c — the office zip ingester and what the Word and ODF readers share (office.h):
 * the archive within limits, safe XML, tree helpers, the output lines, number formats.
 *
 * Sniffing is by content: a zip archive (PK\3\4). Which document it is comes from inside: an ODF
 * text document names itself in its `mimetype` entry; an Office Open XML one through the package
 * relationship to its main part (_rels/.rels, officeDocument), whose root must be w:document. Any
 * other zip (a spreadsheet, a presentation, an epub, a plain archive) is one not_document error.
 */
#include "office.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "ingest.h"
#include "utf8.h"

/* ---- the archive --------------------------------------------------------------------------- */

struct nb_zip {
    zip_t   *za;
    uint64_t read;               /* bytes inflated so far */
};

static void zip_fail(nb_doc *d, nb_error e, const char *what, zip_error_t *ze)
{
    char detail[256];
    snprintf(detail, sizeof detail, "%s%s%s", what, ze ? ": " : "", ze ? zip_error_strerror(ze) : "");
    nb_doc_fail(d, e, detail);
}

nb_zip *nb_zip_open(nb_doc *d, const unsigned char *data, size_t n)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
    if (!src) {
        zip_fail(d, NB_ERR_OFFICE_DAMAGED, "zip", &ze);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!za) {
        zip_source_free(src);
        zip_fail(d, NB_ERR_OFFICE_DAMAGED, "zip", &ze);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_error_fini(&ze);
    zip_int64_t entries = zip_get_num_entries(za, 0);
    if (entries < 0 || (uint64_t)entries > NB_OFFICE_MAX_ENTRIES) {
        char detail[96];
        snprintf(detail, sizeof detail, "zip: more than %u entries", NB_OFFICE_MAX_ENTRIES);
        nb_doc_fail(d, NB_ERR_TOO_LARGE, detail);
        zip_discard(za);
        return NULL;
    }
    nb_zip *z = g_new0(nb_zip, 1);
    z->za = za;
    return z;
}

void nb_zip_close(nb_zip *z)
{
    if (!z) return;
    zip_discard(z->za);
    g_free(z);
}

static zip_int64_t locate(nb_zip *z, const char *name)
{
    while (*name == '/') name++;
    zip_int64_t i = zip_name_locate(z->za, name, 0);
    return i >= 0 ? i : zip_name_locate(z->za, name, ZIP_FL_NOCASE);
}

int nb_zip_has(nb_zip *z, const char *name)
{
    return locate(z, name) >= 0;
}

char *nb_zip_read(nb_zip *z, nb_doc *d, const char *name, size_t *len)
{
    *len = 0;
    zip_int64_t i = locate(z, name);
    if (i < 0) return NULL;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
        zip_fail(d, NB_ERR_OFFICE_DAMAGED, name, zip_get_error(z->za));
        return NULL;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        nb_doc_fail(d, NB_ERR_OFFICE_ENCRYPTED, name);
        return NULL;
    }
    if (st.size > NB_OFFICE_MAX_PART || z->read + st.size > NB_OFFICE_MAX_TOTAL) {
        char detail[160];
        snprintf(detail, sizeof detail, "%s: inflates to %llu bytes (limit %u per part, %u in all)", name,
                 (unsigned long long)st.size, NB_OFFICE_MAX_PART, NB_OFFICE_MAX_TOTAL);
        nb_doc_fail(d, NB_ERR_TOO_LARGE, detail);
        return NULL;
    }
    zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)i, 0);
    if (!f) {
        zip_error_t *ze = zip_get_error(z->za);
        int enc = zip_error_code_zip(ze) == ZIP_ER_NOPASSWD || zip_error_code_zip(ze) == ZIP_ER_WRONGPASSWD;
        zip_fail(d, enc ? NB_ERR_OFFICE_ENCRYPTED : NB_ERR_OFFICE_DAMAGED, name, enc ? NULL : ze);
        return NULL;
    }
    char *buf = g_malloc((size_t)st.size + 1);
    zip_uint64_t got = 0;
    zip_int64_t r = 0;
    while (got < st.size && (r = zip_fread(f, buf + got, st.size - got)) > 0) got += (zip_uint64_t)r;
    char extra;
    if (r >= 0 && got == st.size) r = zip_fread(f, &extra, 1);   /* the end, and the CRC checked */
    if (r != 0 || got != st.size) {
        zip_fail(d, NB_ERR_OFFICE_DAMAGED, name, r < 0 ? zip_file_get_error(f) : NULL);
        zip_fclose(f);
        g_free(buf);
        return NULL;
    }
    zip_fclose(f);
    z->read += st.size;
    buf[got] = '\0';
    *len = (size_t)got;
    return buf;
}

/* ---- XML ----------------------------------------------------------------------------------- */

/* No external entity, DTD or XInclude is ever fetched, whatever a document asks for. */
static xmlParserInputPtr refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static void quiet_xml(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void xml_ready(void)
{
    static int ready;
    if (ready) return;
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, quiet_xml);
    xmlSetExternalEntityLoader(refuse_entity);
    ready = 1;
}

xmlDoc *nb_xml_parse(nb_doc *d, const char *buf, size_t n, const char *name)
{
    xml_ready();
    if (n > INT32_MAX) {
        nb_doc_fail(d, NB_ERR_TOO_LARGE, name);
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) abort();
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, buf, (int)n, NULL, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
    if (!doc || !ctxt->wellFormed || !xmlDocGetRootElement(doc)) {
        char detail[256];
        const xmlError *e = &ctxt->lastError;
        snprintf(detail, sizeof detail, "%s: XML not well-formed (line %d)", name, e->line);
        nb_doc_fail(d, NB_ERR_OFFICE_DAMAGED, detail);
        if (doc) xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

xmlDoc *nb_zip_xml(nb_zip *z, nb_doc *d, const char *name)
{
    size_t n;
    char *buf = nb_zip_read(z, d, name, &n);
    if (!buf) return NULL;
    xmlDoc *doc = nb_xml_parse(d, buf, n, name);
    g_free(buf);
    return doc;
}

int nb_xml_is(const xmlNode *n, const char *ns, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0) return 0;
    if (!ns) return 1;
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

xmlNode *nb_xml_child(const xmlNode *n, const char *ns, const char *name)
{
    if (!n) return NULL;
    for (xmlNode *c = n->children; c; c = c->next)
        if (nb_xml_is(c, ns, name)) return c;
    return NULL;
}

const char *nb_xml_attr(const xmlNode *n, const char *ns, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE) return NULL;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0) continue;
        if (ns && !(a->ns && a->ns->href && strcmp((const char *)a->ns->href, ns) == 0)) continue;
        const xmlNode *t = a->children;
        return t && t->type == XML_TEXT_NODE && t->content ? (const char *)t->content : "";
    }
    return NULL;
}

void nb_xml_text(const xmlNode *n, GString *out)
{
    g_string_truncate(out, 0);
    if (!n) return;
    const xmlNode *c = n->children;
    while (c) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            g_string_append(out, (const char *)c->content);
        if (c->type == XML_ELEMENT_NODE && c->children) {
            c = c->children;
            continue;
        }
        while (c && !c->next) {
            c = c->parent;
            if (c == n) return;
        }
        if (c) c = c->next;
    }
}

xmlNode *nb_xml_find(xmlNode *root, const char *ns, const char *name)
{
    xmlNode *c = root;
    while (c) {
        if (nb_xml_is(c, ns, name)) return c;
        if (c->type == XML_ELEMENT_NODE && c->children) {
            c = c->children;
            continue;
        }
        while (c && c != root && !c->next) c = c->parent;
        if (!c || c == root) return NULL;
        c = c->next;
    }
    return NULL;
}

long nb_xml_long(const char *v, long dflt, long cap)
{
    if (!v) return dflt;
    while (*v == ' ') v++;
    if (*v < '0' || *v > '9') return dflt;
    long x = 0;
    for (; *v >= '0' && *v <= '9'; v++) {
        x = x * 10 + (*v - '0');
        if (x > cap) return cap;
    }
    return x;
}

/* ---- output ---------------------------------------------------------------------------------- */

void nb_office_out_init(nb_office_out *o, nb_doc *d)
{
    memset(o, 0, sizeof *o);
    o->d = d;
    nb_grid_out_init(&o->go);
    nb_doc_begin_page(d, 0, 0);
}

void nb_office_out_finish(nb_office_out *o)
{
    nb_page *pg = (nb_page *)o->d->vpages.data + o->d->vpages.len - 1;
    pg->width = o->width;
    pg->height = o->y;
    nb_grid_out_free(&o->go);
}

/* Bytes of white space at s[0..n) that a line may lose at its ends: ASCII space and tab, no-break
 * space, the ideographic space of a Chinese indent. */
static size_t lead_space(const char *s, size_t n)
{
    if (n && (s[0] == ' ' || s[0] == '\t')) return 1;
    if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) return 2;
    if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) return 3;
    return 0;
}

static size_t trail_space(const char *s, size_t n)
{
    if (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) return 1;
    if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0) return 2;
    if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0) return 3;
    return 0;
}

void nb_office_line(nb_office_out *o, const char *s, size_t n, uint32_t level, uint32_t flags)
{
    while (n) {
        const char *nl = memchr(s, '\n', n);
        size_t k = nl ? (size_t)(nl - s) : n, a = 0, b = k, t;
        while ((t = lead_space(s + a, b - a)) > 0) a += t;
        while (b > a && (t = trail_space(s + a, b - a)) > 0) b -= t;
        if (b > a) {
            uint32_t f = flags | (memchr(s + a, '\t', b - a) ? NB_LINE_FIELDS : 0);
            nb_line *l = nb_doc_add_line(o->d, s + a, b - a, NULL, o->y, o->y + 1, f);
            l->level = level;
            if (l->box.x1 > o->width) o->width = l->box.x1;
            o->y++;
        }
        if (!nl) break;
        s += k + 1;
        n -= k + 1;
    }
}

void nb_office_grid_row(nb_office_out *o, nb_grid *g, uint32_t ri, uint32_t tab, uint32_t flags)
{
    if (!nb_grid_row_line(g, ri, &o->go)) return;
    nb_line *l = nb_doc_add_line(o->d, o->go.raw->str, o->go.raw->len, (const nb_xspan *)(void *)o->go.geo->data,
                                 o->y, o->y + 1, NB_LINE_FIELDS | flags);
    o->y++;
    if (l->box.x1 > o->width) o->width = l->box.x1;
    l->src_table = tab;
    l->src_row = ri + 1;
    l->src_col = nb_alloc(&o->d->arena, (l->nwords ? l->nwords : 1) * sizeof *l->src_col);
    uint32_t nf = nb_grid_out_fields(&o->go);
    for (uint32_t k = 0; k < l->nwords && k < nf; k++) l->src_col[k] = (uint16_t)(nb_grid_out_col(&o->go, k) + 1);
}

void nb_office_table_init(nb_office_table *t)
{
    nb_grid_init(&t->g);
    t->nested = g_ptr_array_new();
    t->nested_end = g_array_new(FALSE, TRUE, sizeof(guint));
}

void nb_office_table_end_row(nb_office_table *t)
{
    g_array_append_val(t->nested_end, t->nested->len);
}

void nb_office_table_emit(nb_office_out *o, nb_office_table *t, uint32_t index, uint32_t flags,
                          void (*read_nested)(void *ctx, xmlNode *table), void *ctx)
{
    nb_grid_emit_begin(&t->g, &o->go);
    guint from = 0;
    for (guint ri = 0; ri < nb_grid_nrows(&t->g); ri++) {
        nb_office_grid_row(o, &t->g, ri, index, flags);
        guint to = ri < t->nested_end->len ? g_array_index(t->nested_end, guint, ri) : from;
        for (; from < to; from++) read_nested(ctx, g_ptr_array_index(t->nested, from));
    }
    g_array_free(t->nested_end, TRUE);
    g_ptr_array_free(t->nested, TRUE);
    nb_grid_free(&t->g);
}

#define MAX_BOX_DEPTH 4

void nb_office_boxes_init(nb_office_boxes *b)
{
    b->pending = g_ptr_array_new();
    b->depth = 0;
}

void nb_office_boxes_free(nb_office_boxes *b)
{
    g_ptr_array_free(b->pending, TRUE);
}

void nb_office_read_boxes(nb_office_boxes *b, void (*read)(void *ctx, xmlNode *box), void *ctx)
{
    if (!b->pending->len) return;
    GPtrArray *mine = b->pending;
    b->pending = g_ptr_array_new();
    if (b->depth < MAX_BOX_DEPTH) {
        b->depth++;
        for (guint k = 0; k < mine->len; k++) read(ctx, g_ptr_array_index(mine, k));
        b->depth--;
    }
    g_ptr_array_free(mine, TRUE);
}

const char *nb_office_date(nb_doc *d, const char *text)
{
    if (!text) return NULL;
    while (*text == ' ' || *text == '\n' || *text == '\t') text++;
    if (!*text) return NULL;
    GTimeZone *utc = g_time_zone_new_utc();
    GDateTime *t = g_date_time_new_from_iso8601(text, utc);
    g_time_zone_unref(utc);
    if (!t) return nb_strdup(&d->arena, text);
    char *iso = g_date_time_format(t, "%Y-%m-%dT%H:%M:%S%:z");
    const char *out = nb_strdup(&d->arena, iso);
    g_free(iso);
    g_date_time_unref(t);
    return out;
}

/* ---- number formats -------------------------------------------------------------------------- */

static void put_cp(GString *out, uint32_t c)
{
    char b[4];
    int k = nb_utf8_encode(c, b);
    g_string_append_len(out, b, k);
}

/* Chinese counting below 10,000: 十一, 二十, 一百〇五, 一千〇一十; legal uses 壹拾 forms throughout. */
static void chinese_count(GString *out, long v, int legal)
{
    static const char *const lower[10] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static const char *const upper[10] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
    static const char *const lunits[4] = {"千", "百", "十", ""};
    static const char *const uunits[4] = {"仟", "佰", "拾", ""};
    const char *const *dg = legal ? upper : lower;
    const char *const *un = legal ? uunits : lunits;
    if (v == 0) {
        g_string_append(out, dg[0]);
        return;
    }
    int digits[4] = {(int)(v / 1000), (int)(v / 100 % 10), (int)(v / 10 % 10), (int)(v % 10)};
    int started = 0, gap = 0;
    for (int k = 0; k < 4; k++) {
        int x = digits[k];
        if (!x) {
            if (started) gap = 1;
            continue;
        }
        if (gap) g_string_append(out, dg[0]);
        gap = 0;
        /* 十 alone for 10-19, 一十 once a higher unit stands before it */
        if (!(k == 2 && x == 1 && !started && !legal)) g_string_append(out, dg[x]);
        g_string_append(out, un[k]);
        started = 1;
    }
}

void nb_format_number(GString *out, long v, nb_numfmt fmt)
{
    if (v < 0) v = 0;
    switch (fmt) {
    case NB_NUM_NONE:
    case NB_NUM_BULLET:
        return;
    case NB_NUM_DECIMAL_ZERO:
        g_string_append_printf(out, "%02ld", v);
        return;
    case NB_NUM_UPPER_LETTER:
    case NB_NUM_LOWER_LETTER:
        if (v >= 1 && v <= 780) {
            for (long k = 0; k <= (v - 1) / 26; k++)
                g_string_append_c(out, (char)((fmt == NB_NUM_UPPER_LETTER ? 'A' : 'a') + (v - 1) % 26));
            return;
        }
        break;
    case NB_NUM_UPPER_ROMAN:
    case NB_NUM_LOWER_ROMAN:
        if (v >= 1 && v < 4000) {
            static const struct { int v; const char *s; } r[] = {
                {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
                {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}};
            for (size_t k = 0; k < sizeof r / sizeof r[0]; k++)
                for (; v >= r[k].v; v -= r[k].v)
                    for (const char *p = r[k].s; *p; p++)
                        g_string_append_c(out, fmt == NB_NUM_UPPER_ROMAN ? (char)(*p - 32) : *p);
            return;
        }
        break;
    case NB_NUM_CHINESE:
    case NB_NUM_CHINESE_LEGAL:
        if (v < 10000) {
            chinese_count(out, v, fmt == NB_NUM_CHINESE_LEGAL);
            return;
        }
        break;
    case NB_NUM_IDEOGRAPH_DIGITAL: {
        static const char *const dg[10] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        char b[24];
        snprintf(b, sizeof b, "%ld", v);
        for (const char *p = b; *p; p++) g_string_append(out, dg[*p - '0']);
        return;
    }
    case NB_NUM_IDEOGRAPH_TRADITIONAL:
        if (v >= 1 && v <= 10) {
            static const char *const tg[10] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
            g_string_append(out, tg[v - 1]);
            return;
        }
        break;
    case NB_NUM_ZODIAC:
        if (v >= 1 && v <= 12) {
            static const char *const dz[12] = {"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"};
            g_string_append(out, dz[v - 1]);
            return;
        }
        break;
    case NB_NUM_FULLWIDTH: {
        char b[24];
        snprintf(b, sizeof b, "%ld", v);
        for (const char *p = b; *p; p++) put_cp(out, 0xFF10u + (uint32_t)(*p - '0'));
        return;
    }
    case NB_NUM_CIRCLED:
        if (v >= 1 && v <= 20) { put_cp(out, 0x2460u + (uint32_t)v - 1); return; }
        if (v >= 21 && v <= 35) { put_cp(out, 0x3251u + (uint32_t)v - 21); return; }
        if (v >= 36 && v <= 50) { put_cp(out, 0x32B1u + (uint32_t)v - 36); return; }
        break;
    case NB_NUM_PAREN:
        if (v >= 1 && v <= 20) { put_cp(out, 0x2474u + (uint32_t)v - 1); return; }
        break;
    case NB_NUM_FULLSTOP:
        if (v >= 1 && v <= 20) { put_cp(out, 0x2488u + (uint32_t)v - 1); return; }
        break;
    case NB_NUM_DECIMAL:
        break;
    }
    g_string_append_printf(out, "%ld", v);
}

/* ---- the ingester ---------------------------------------------------------------------------- */

#define ODF_TEXT "application/vnd.oasis.opendocument.text"
#define OPC_REL  "http://schemas.openxmlformats.org/package/2006/relationships"

/* The package's main part: the target of the officeDocument relationship in _rels/.rels. */
static char *main_part(nb_zip *z, nb_doc *d)
{
    xmlDoc *rels = nb_zip_xml(z, d, "_rels/.rels");
    if (!rels) return NULL;
    char *target = NULL;
    for (xmlNode *r = xmlDocGetRootElement(rels)->children; r && !target; r = r->next) {
        if (!nb_xml_is(r, NULL, "Relationship")) continue;
        const char *type = nb_xml_attr(r, NULL, "Type"), *t = nb_xml_attr(r, NULL, "Target");
        size_t k = type ? strlen(type) : 0;
        if (t && k >= 15 && strcmp(type + k - 15, "/officeDocument") == 0) {
            while (*t == '/') t++;
            target = g_strdup(t);
        }
    }
    xmlFreeDoc(rels);
    return target;
}

/* An ODF package: a text document, or which other kind it says it is. */
static int read_odf_package(nb_doc *d, nb_zip *z, int keep_kind)
{
    size_t n;
    char *mt = nb_zip_read(z, d, "mimetype", &n);
    if (!mt) return d->status == NB_STATUS_ERROR ? -1 : nb_doc_fail(d, NB_ERR_NOT_DOCUMENT, "mimetype");
    g_strstrip(mt);
    if (strncmp(mt, ODF_TEXT, strlen(ODF_TEXT)) != 0) {
        char detail[160];
        snprintf(detail, sizeof detail, "mimetype %.100s", mt);
        g_free(mt);
        return nb_doc_fail(d, NB_ERR_NOT_DOCUMENT, detail);
    }
    g_free(mt);
    if (!keep_kind) d->kind = NB_KIND_ODT;
    return nb_read_odt(d, z);
}

int nb_read_office_zip(nb_doc *d, const unsigned char *data, size_t n, int keep_kind)
{
    if (!keep_kind) d->kind = NB_KIND_UNKNOWN;        /* until the package says what it is */
    nb_zip *z = nb_zip_open(d, data, n);
    if (!z) return -1;
    int rc;
    if (nb_zip_has(z, "mimetype")) {
        rc = read_odf_package(d, z, keep_kind);
    } else {
        char *part = nb_zip_has(z, "_rels/.rels") ? main_part(z, d) : NULL;
        if (d->status == NB_STATUS_ERROR) {
            rc = -1;
        } else {
            if (!part && nb_zip_has(z, "word/document.xml")) part = g_strdup("word/document.xml");
            if (!part || !nb_zip_has(z, part)) {
                rc = nb_doc_fail(d, NB_ERR_NOT_DOCUMENT, part ? part : "no word/document.xml, no ODF mimetype");
            } else {
                if (!keep_kind) d->kind = NB_KIND_DOCX;
                rc = nb_read_docx(d, z, part);
            }
        }
        g_free(part);
    }
    nb_zip_close(z);
    return rc;
}

static int sniff_zip(const unsigned char *s, size_t n)
{
    return n >= 4 && s[0] == 'P' && s[1] == 'K' && ((s[2] == 3 && s[3] == 4) || (s[2] == 5 && s[3] == 6));
}

static int ingest_zip(nb_doc *d, const unsigned char *data, size_t n, const struct nb_ingest_limits *lim)
{
    (void)lim;
    return nb_read_office_zip(d, data, n, 0);
}

const nb_ingester nb_ingest_office = {
    .name = "office",
    .kind = NB_KIND_DOCX,
    .sniff = sniff_zip,
    .ingest = ingest_zip,
};
