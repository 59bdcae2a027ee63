/*
 * scripts/gen/render_fodt.c — a report as a LibreOffice Writer document in flat ODF (.fodt, one XML
 * file), which `soffice --headless --convert-to pdf` turns into the PDF an agency's office suite
 * makes (convert.c). LibreOffice lays it out: where lines wrap (CJK anywhere, titles included),
 * where pages break (a table may start in the last lines of a page and continue on the next, with
 * its header rows repeated or not), how glyph boxes sit at the chosen line pitch.
 *
 * What varies per report, as office documents do: the body face (six Debian CJK faces), a heading
 * face (黑体-like) and a sub-heading face (楷体-like) that may differ, a Latin face for digits,
 * body size 10.5–16 pt, line spacing proportional 100–200 % or a fixed pitch (固定值), margins,
 * table font size, ruled or unruled tables, table 2 as one table or one per item, the merged
 * 三、本年度办理结果 label in a narrow column or written top to bottom, rows that may or may not
 * break across pages, the page number style, the pages of sections 二–四 turned to landscape.
 * Every choice is tagged (faces.c names the tags).
 * Tables are real ODF tables: merged cells with table:number-columns-spanned / rows-spanned and
 * covered cells, as the suite writes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

typedef struct fodt {
    sbuf *o;
    rng *r;
    const genface *body, *head, *sub, *title;
    const char *latin;          /* the face of Latin letters and digits */
    double size, title_size, table_size, text_cm;
    int fixed_pitch;            /* fo:line-height as a length, not a percentage */
    double spacing;             /* proportional factor, or the fixed pitch in pt */
    int ruled, repeat_header, t2_split, letter_spaced, vertical_tbrl, rows_keep, shaded;
    int landscape, in_landscape, landscape_used;   /* the tables' pages turned, as a section of their own */
    double portrait_cm, landscape_cm;
    int ntables;
} fodt;

/* ---- styles ---- */

static void font_face(sbuf *o, const char *name, const char *family, const char *generic)
{
    sb_printf(o, "  <style:font-face style:name=\"%s\" svg:font-family=\"&apos;%s&apos;\" style:font-family-generic=\"%s\" style:font-pitch=\"variable\"/>\n",
              name, family, !strcmp(generic, "serif") ? "roman" : "swiss");
}

/* Text properties naming one CJK face (and the Latin face for digits) at one size. */
static void text_props(fodt *f, const char *asian, double pt, int bold)
{
    sb_printf(f->o, "<style:text-properties style:font-name=\"%s\" fo:font-size=\"%gpt\" style:font-name-asian=\"%s\" "
                    "style:font-size-asian=\"%gpt\" style:language-asian=\"zh\" style:country-asian=\"CN\" fo:language=\"zh\" fo:country=\"CN\"%s/>",
              f->latin ? "Latin" : asian, pt, asian, pt,
              bold ? " fo:font-weight=\"bold\" style:font-weight-asian=\"bold\"" : "");
}

static void line_height(fodt *f)
{
    if (f->fixed_pitch) sb_printf(f->o, " fo:line-height=\"%gpt\"", f->spacing);
    else sb_printf(f->o, " fo:line-height=\"%d%%\"", (int)(f->spacing * 100 + 0.5));
}

static void para_style(fodt *f, const char *name, const char *face, double pt, int bold, const char *align, double indent_em,
                       int keep_next, double above_pt)
{
    sb_printf(f->o, "  <style:style style:name=\"%s\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
                    "<style:paragraph-properties fo:text-align=\"%s\" fo:text-indent=\"%gpt\" fo:margin-top=\"%gpt\" fo:margin-bottom=\"0pt\"",
              name, align, indent_em * pt, above_pt);
    line_height(f);
    if (keep_next) sb_put(f->o, " fo:keep-with-next=\"always\"");
    sb_put(f->o, "/>");
    text_props(f, face, pt, bold);
    sb_put(f->o, "</style:style>\n");
}

static void cell_para_style(fodt *f, const char *name, const char *align, double pt, int vertical)
{
    sb_printf(f->o, "  <style:style style:name=\"%s\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
                    "<style:paragraph-properties fo:text-align=\"%s\" fo:text-indent=\"0pt\" fo:line-height=\"100%%\"%s/>",
              name, align, vertical ? " style:writing-mode=\"tb-rl\"" : "");
    text_props(f, "Table", pt, 0);
    sb_put(f->o, "</style:style>\n");
}

static void cell_style(fodt *f, const char *name, const char *background)
{
    sb_printf(f->o, "  <style:style style:name=\"%s\" style:family=\"table-cell\"><style:table-cell-properties style:vertical-align=\"middle\" "
                    "fo:padding=\"0.05cm\" fo:border=\"%s\"%s%s%s/></style:style>\n",
              name, f->ruled ? "0.5pt solid #000000" : "none", background ? " fo:background-color=\"" : "",
              background ? background : "", background ? "\"" : "");
}

static void styles(fodt *f, const char *title_text, const greport *g)
{
    sbuf *o = f->o;
    sb_put(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
              "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
              "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
              "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
              "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "
              "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "
              "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
              "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
              "office:version=\"1.3\" office:mimetype=\"application/vnd.oasis.opendocument.text\">\n");
    sb_put(o, " <office:meta><meta:generator>nbgen</meta:generator><dc:title>");
    sb_xml(o, title_text);
    sb_printf(o, "</dc:title><meta:creation-date>%04d-%02d-%02dT09:00:00</meta:creation-date></office:meta>\n", g->py, g->pm,
              g->pd > 28 ? 28 : g->pd);
    sb_put(o, " <office:font-face-decls>\n");
    font_face(o, "Body", f->body->family, f->body->generic);
    font_face(o, "Head", f->head->family, f->head->generic);
    font_face(o, "Sub", f->sub->family, f->sub->generic);
    font_face(o, "TitleFace", f->title->family, f->title->generic);
    font_face(o, "Table", f->body->family, f->body->generic);
    if (f->latin) font_face(o, "Latin", f->latin, strstr(f->latin, "Serif") ? "serif" : "sans-serif");
    sb_put(o, " </office:font-face-decls>\n <office:styles>\n");
    sb_put(o, "  <style:default-style style:family=\"paragraph\"><style:paragraph-properties style:punctuation-wrap=\"hanging\" "
              "style:line-break=\"strict\" style:writing-mode=\"lr-tb\"/>");
    text_props(f, "Body", f->size, 0);
    sb_put(o, "</style:default-style>\n");
    sb_put(o, "  <style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>\n");
    int keep = rng_chance(f->r, 0.6);
    para_style(f, "Body", "Body", f->size, 0, "justify", 2, 0, 0);
    para_style(f, "Head", "Head", f->size, rng_chance(f->r, 0.3), "justify", 2, keep, f->size * 0.3);
    para_style(f, "Sub", "Sub", f->size, 0, "justify", 2, keep, 0);
    para_style(f, "Title", "TitleFace", f->title_size, rng_chance(f->r, 0.5), "center", 0, 1, 0);
    para_style(f, "Sign", "Body", f->size, 0, "end", 0, 0, 0);
    para_style(f, "Footer", "Body", 10.5, 0, "center", 0, 0, 0);
    cell_para_style(f, "CellH", "center", f->table_size, 0);
    cell_para_style(f, "CellL", "start", f->table_size, 0);
    cell_para_style(f, "CellN", "center", f->table_size, 0);
    cell_para_style(f, "CellV", "center", f->table_size, f->vertical_tbrl);
    sb_put(o, " </office:styles>\n <office:automatic-styles>\n");
    double ml = 2.6 + 0.6 * rng_unit(f->r), mr = 2.6 + 0.6 * rng_unit(f->r);
    double mt = 2.5 + 1.2 * rng_unit(f->r), mb = 2.5 + 1.0 * rng_unit(f->r);
    f->text_cm = f->portrait_cm = 21.0 - ml - mr;
    f->landscape_cm = 29.7 - ml - mr;
    for (int turned = 0; turned < 1 + f->landscape; turned++)
        sb_printf(o, "  <style:page-layout style:name=\"%s\"><style:page-layout-properties fo:page-width=\"%s\" fo:page-height=\"%s\" "
                     "style:print-orientation=\"%s\" fo:margin-top=\"%.2fcm\" fo:margin-bottom=\"%.2fcm\" fo:margin-left=\"%.2fcm\" "
                     "fo:margin-right=\"%.2fcm\"/><style:footer-style><style:header-footer-properties fo:min-height=\"0.6cm\" "
                     "fo:margin-top=\"0.3cm\"/></style:footer-style></style:page-layout>\n",
                  turned ? "A4L" : "A4", turned ? "29.7cm" : "21cm", turned ? "21cm" : "29.7cm", turned ? "landscape" : "portrait",
                  mt, mb, ml, mr);
    /* empty paragraphs that start the turned pages and come back: a page style changes at a paragraph */
    if (f->landscape)
        sb_put(o, "  <style:style style:name=\"ToLandscape\" style:family=\"paragraph\" style:parent-style-name=\"Body\" "
                  "style:master-page-name=\"Landscape\"/>\n"
                  "  <style:style style:name=\"ToPortrait\" style:family=\"paragraph\" style:parent-style-name=\"Body\" "
                  "style:master-page-name=\"Standard\"/>\n");
    cell_style(f, "C", NULL);
    cell_style(f, "CI", f->shaded ? "#dae3f3" : NULL);
    sb_printf(o, "  <style:style style:name=\"R\" style:family=\"table-row\"><style:table-row-properties fo:keep-together=\"%s\"/></style:style>\n",
              f->rows_keep ? "always" : "auto");
    sb_put(o, " </office:automatic-styles>\n");
}

static void master(fodt *f)
{
    static const char *const before[] = {"-", "— ", "第 ", "- "}, *const after[] = {"-", " —", " 页", " -"};
    char footer[256] = "";
    if (rng_chance(f->r, 0.9)) {
        int k = (int)rng_range(f->r, 0, 3);
        snprintf(footer, sizeof footer, "<style:footer><text:p text:style-name=\"Footer\">%s<text:page-number text:select-page=\"current\">1"
                                        "</text:page-number>%s</text:p></style:footer>", before[k], after[k]);
    }
    sb_printf(f->o, " <office:master-styles><style:master-page style:name=\"Standard\" style:page-layout-name=\"A4\">%s</style:master-page>", footer);
    if (f->landscape)
        sb_printf(f->o, "<style:master-page style:name=\"Landscape\" style:page-layout-name=\"A4L\">%s</style:master-page>", footer);
    sb_put(f->o, "</office:master-styles>\n");
}

/* ---- tables ---- */

static void table_styles(fodt *f, const grid *gr, const char *name)
{
    sb_printf(f->o, "<table:table table:name=\"%s\" table:style-name=\"%s\">", name, name);
    for (int c = 0; c < gr->ncols; c++) sb_printf(f->o, "<table:table-column table:style-name=\"%s.%c\"/>", name, 'A' + c);
}

static void cell(fodt *f, const gridcell *c)
{
    static const char *const para[] = {"CellH", "CellH", "CellL", "CellV", "CellN"};
    sb_printf(f->o, "<table:table-cell table:style-name=\"%s\" office:value-type=\"string\"", c->role == CR_ITEM ? "CI" : "C");
    if (c->colspan > 1) sb_printf(f->o, " table:number-columns-spanned=\"%d\"", c->colspan);
    if (c->rowspan > 1) sb_printf(f->o, " table:number-rows-spanned=\"%d\"", c->rowspan);
    sb_printf(f->o, "><text:p text:style-name=\"%s\">", para[c->role]);
    /* ODF collapses runs of spaces: a letter-spaced 总 计 keeps its one space as text */
    sb_xml(f->o, c->text);
    sb_put(f->o, "</text:p></table:table-cell>");
}

static void table_rows(fodt *f, const grid *gr, int a, int b)
{
    for (int r = a; r < b; r++) {
        sb_put(f->o, "<table:table-row table:style-name=\"R\">");
        for (int c = 0; c < gr->ncols; c++) {
            int k = gr->occ[r][c];
            if (k >= 0 && gr->cells[k].row == r && gr->cells[k].col == c) cell(f, &gr->cells[k]);
            else sb_put(f->o, "<table:covered-table-cell/>");
        }
        sb_put(f->o, "</table:table-row>");
    }
}

/* One table; its width and column widths are automatic styles, collected in autos and spliced into
 * office:automatic-styles by render_fodt (the body is written before they are all known). */
static void table(fodt *f, sbuf *autos, const grid *gr, int repeat_header)
{
    char name[16];
    snprintf(name, sizeof name, "Table%d", ++f->ntables);
    sb_printf(autos, "  <style:style style:name=\"%s\" style:family=\"table\"><style:table-properties style:width=\"%.3fcm\" "
                     "table:align=\"center\" style:may-break-between-rows=\"true\"/></style:style>\n",
              name, f->text_cm);
    for (int c = 0; c < gr->ncols; c++)
        sb_printf(autos, "  <style:style style:name=\"%s.%c\" style:family=\"table-column\"><style:table-column-properties "
                         "style:column-width=\"%.3fcm\"/></style:style>\n",
                  name, 'A' + c, gr->width[c] * f->text_cm);
    table_styles(f, gr, name);
    if (repeat_header && gr->nhead) {
        sb_put(f->o, "<table:table-header-rows>");
        table_rows(f, gr, 0, gr->nhead);
        sb_put(f->o, "</table:table-header-rows>");
        table_rows(f, gr, gr->nhead, gr->nrows);
    } else {
        table_rows(f, gr, 0, gr->nrows);
    }
    sb_put(f->o, "</table:table>\n");
}

static void draw_table(fodt *f, sbuf *autos, greport *g, int which)
{
    static grid gr;
    if (which == T2) {
        int nb;
        t2_blocks(g, &nb);
        if (f->t2_split) {
            for (int k = 0; k < nb; k++) {
                grid_t2(g, &gr, k, k + 1);
                table(f, autos, &gr, 0);
            }
        } else {
            grid_t2(g, &gr, 0, nb);
            table(f, autos, &gr, 0);
        }
    } else if (which == T3) {
        grid_t3(g, &gr, 0.28 + 0.12 * rng_unit(f->r), f->letter_spaced);
        table(f, autos, &gr, f->repeat_header);
    } else {
        grid_t4(g, &gr, f->letter_spaced);
        table(f, autos, &gr, f->repeat_header);
    }
}

/* ---- text ---- */

static void para(fodt *f, const char *style, const char *text)
{
    sb_printf(f->o, "<text:p text:style-name=\"%s\">", style);
    sb_xml(f->o, text);
    sb_put(f->o, "</text:p>\n");
}

/* The turned pages hold sections 二 to 四 (the tables), as cairo's landscape reports do. */
static void turn_pages(fodt *f, const gblock *b)
{
    if (f->landscape && !f->landscape_used && b->kind == BK_HEAD && b->section >= 1 && b->section <= 3) {
        para(f, "ToLandscape", "");
        f->in_landscape = f->landscape_used = 1;
        f->text_cm = f->landscape_cm;
    } else if (f->in_landscape && b->section > 3) {
        para(f, "ToPortrait", "");
        f->in_landscape = 0;
        f->text_cm = f->portrait_cm;
    }
}

static void body(fodt *f, greport *g, sbuf *autos)
{
    for (int k = 0; k < g->nblocks; k++) {
        const gblock *b = &g->blocks[k];
        turn_pages(f, b);
        switch (b->kind) {
        case BK_TITLE:
        case BK_SIGN: {
            /* the title's and the signature's lines are paragraphs of their own */
            const char *style = b->kind == BK_TITLE ? "Title" : "Sign";
            if (b->kind == BK_SIGN) para(f, "Body", "");
            for (const char *s = b->text; s;) {
                const char *nl = strchr(s, '\n');
                char *line = strndup(s, nl ? (size_t)(nl - s) : strlen(s));
                para(f, style, line);
                free(line);
                s = nl ? nl + 1 : NULL;
            }
            if (b->kind == BK_TITLE) para(f, "Body", "");
            break;
        }
        case BK_HEAD: para(f, "Head", b->text); break;
        case BK_SUB: para(f, "Sub", b->text); break;
        case BK_TABLE: draw_table(f, autos, g, b->table); break;
        default: para(f, "Body", b->text); break;
        }
    }
}

/* Faces for headings: the body face, or one of the sans (黑体-like) faces. */
static const genface *sans_face(rng *r)
{
    static const char *const sans[] = {"Noto Sans CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"};
    return face_by_family(RNG_PICK(r, sans));
}

void render_fodt(greport *g, sbuf *out, sbuf *vars)
{
    rng *r = &g->r;
    fodt f = {.o = NULL, .r = r};
    f.body = face_pick(r);
    f.head = rng_chance(r, 0.5) ? f.body : sans_face(r);
    f.sub = rng_chance(r, 0.3) ? face_by_family("AR PL UKai CN") : f.body;
    f.title = rng_chance(r, 0.5) ? f.body : rng_chance(r, 0.5) ? f.head : sans_face(r);
    static const char *const latins[] = {"DejaVu Serif", "DejaVu Sans"};
    f.latin = rng_chance(r, 0.35) ? RNG_PICK(r, latins) : NULL;
    f.size = size_pick(r);
    f.title_size = 18 + 4 * rng_unit(r);
    static const double table_sizes[] = {9, 10, 10.5, 10.5, 12};
    f.table_size = RNG_PICK(r, table_sizes);
    if (f.table_size > f.size) f.table_size = f.size;
    f.fixed_pitch = rng_chance(r, 0.25);
    double pitch_em;
    if (f.fixed_pitch) {
        pitch_em = 1.05 + 0.95 * rng_unit(r);
        f.spacing = (int)(f.size * pitch_em * 2 + 0.5) / 2.0;   /* whole or half points, as typed in a dialog */
        pitch_em = f.spacing / f.size;
    } else {
        static const double common[] = {1.0, 1.15, 1.5, 2.0};
        f.spacing = rng_chance(r, 0.5) ? RNG_PICK(r, common) : 1.0 + (int)(rng_unit(r) * 20) * 0.05;
        pitch_em = f.spacing * face_line_em(f.body->family);
    }
    f.ruled = rng_chance(r, 0.95);
    f.repeat_header = rng_chance(r, 0.5);
    f.t2_split = rng_chance(r, 0.4);
    f.letter_spaced = rng_chance(r, 0.3);
    f.vertical_tbrl = rng_chance(r, 0.15);
    f.rows_keep = rng_chance(r, 0.5);
    f.shaded = rng_chance(r, 0.3);
    /* drawn from a stream of its own, so that adding it changed no other choice */
    rng turn;
    rng_seed(&turn, r->s[0] ^ 0x6c616e64ull, (uint64_t)g->index);
    f.landscape = g->t[T3].present && rng_chance(&turn, 0.1);

    sbuf head = {0}, text = {0}, autos = {0};
    char *title = xstrdup(g->blocks[0].text), *nl = strchr(title, '\n');
    if (nl) memmove(nl, nl + 1, strlen(nl));
    f.o = &head;
    styles(&f, title, g);
    free(title);
    f.o = &text;
    body(&f, g, &autos);
    /* the tables' automatic styles join the others before the document's end tag */
    head.len -= strlen(" </office:automatic-styles>\n");
    head.s[head.len] = '\0';
    sb_putn(&head, autos.s ? autos.s : "", autos.len);
    sb_put(&head, " </office:automatic-styles>\n");
    f.o = &head;
    master(&f);
    sb_putn(out, head.s, head.len);
    sb_put(out, " <office:body><office:text>\n");
    sb_putn(out, text.s ? text.s : "", text.len);
    sb_put(out, " </office:text></office:body>\n</office:document>\n");
    sb_free(&head);
    sb_free(&text);
    sb_free(&autos);

    tag_producer(vars, "lo");
    tag_face(vars, f.body->family);
    tag_size(vars, f.size);
    tag_pitch(vars, pitch_em);
    tag(vars, f.fixed_pitch ? "line_fixed" : "line_proportional");
    if (f.head != f.body || f.sub != f.body) tag(vars, "mixed_fonts");
    if (f.latin) tag(vars, "latin_font");
    if (g->t[T2].present || g->t[T3].present) tag(vars, f.ruled ? "ruled" : "unruled");
    if (g->t[T2].present && f.t2_split) tag(vars, "t2_subtables");
    if (g->t[T3].present) tag(vars, f.vertical_tbrl ? "vertical_tbrl" : "vertical_label");
    if (f.repeat_header && (g->t[T3].present || g->t[T4].present)) tag(vars, "header_rows");
    if (f.letter_spaced && (g->t[T3].present || g->t[T4].present)) tag(vars, "letter_spaced");
    if (f.rows_keep) tag(vars, "rows_unsplit");
    if (f.landscape_used) tag(vars, "landscape");
}
