/*
 * scripts/gen/render_print.c — a report as an agency's web page meant for printing, which headless
 * Chromium prints to PDF (convert.c), as agencies print their pages: CSS faces by family name,
 * sizes in pt, a unitless line-height (a pitch in em, however tall the face's glyph boxes are) or
 * `normal`, A4 pages, bordered tables with rowspan/colspan and fixed column widths.
 *
 * What varies per report: the body face (six Debian CJK faces), heading faces, size 10.5–16 pt,
 * line-height 1.0–2.0 or normal, margins, the table font size, header rows in <thead> (Chromium
 * repeats them on every page a table crosses) or not, table 2 as one table or one per item, the
 * merged 三、本年度办理结果 label in a narrow column or set with writing-mode vertical-rl, the site's
 * navigation and footer, a 发布日期 line, the browser's own print header and footer (date,
 * title, address, page numbers), sections 二–四 on landscape pages (a CSS named page). The page's print settings go to print_opts as the parameters of
 * the DevTools Page.printToPDF call (JSON members).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

typedef struct pr {
    sbuf *o;
    rng *r;
    int thead, t2_split, letter_spaced, vertical_rl;
    int landscape, in_landscape, landscape_used;   /* sections 二–四 on landscape pages (CSS named page) */
} pr;

static void font_list(sbuf *o, const genface *f)
{
    sb_printf(o, "'%s', %s", f->family, f->generic);
}

static void style_sheet(pr *p, const genface *body, const genface *head, double size, double table_size, double line,
                        double title_size)
{
    sbuf *o = p->o;
    sb_put(o, "<style>\n@page { size: A4; }\n");
    if (p->landscape) sb_put(o, "@page wide { size: A4 landscape; }\n.wide { page: wide; }\n");
    sb_put(o, "body { margin: 0; font-family: ");
    font_list(o, body);
    sb_printf(o, "; font-size: %gpt; ", size);
    if (line > 0) sb_printf(o, "line-height: %g; }\n", line);
    else sb_put(o, "line-height: normal; }\n");
    sb_printf(o, "h1 { font-size: %.1fpt; text-align: center; font-weight: %s; margin: 0.6em 0; font-family: ", title_size,
              rng_chance(p->r, 0.5) ? "bold" : "normal");
    font_list(o, rng_chance(p->r, 0.5) ? head : body);
    sb_put(o, "; }\np { margin: 0; text-indent: 2em; text-align: justify; }\n.head { font-family: ");
    font_list(o, head);
    sb_printf(o, "; font-weight: %s; }\n", rng_chance(p->r, 0.4) ? "bold" : "normal");
    sb_put(o, ".center { text-align: center; text-indent: 0; }\n.sign { text-align: right; text-indent: 0; }\n");
    sb_printf(o, "table { border-collapse: collapse; table-layout: fixed; width: 100%%; margin: 0.5em 0; font-size: %gpt; line-height: 1.25; }\n",
              table_size);
    sb_put(o, "td { border: 1px solid #000; padding: 2px 3px; text-align: center; vertical-align: middle; word-break: break-all; }\n"
              "td.label { text-align: left; }\n.vrl { writing-mode: vertical-rl; }\n");
    sb_put(o, ".nav, .crumb, .footer { font-size: 10pt; text-indent: 0; color: #333; }\n</style>\n");
}

/* ---- tables ---- */

static void cell(pr *p, const gridcell *c)
{
    sb_put(p->o, "<td");
    if (c->rowspan > 1) sb_printf(p->o, " rowspan=\"%d\"", c->rowspan);
    if (c->colspan > 1) sb_printf(p->o, " colspan=\"%d\"", c->colspan);
    if (c->role == CR_LABEL) sb_put(p->o, " class=\"label\"");
    sb_put(p->o, ">");
    if (c->role == CR_VERTICAL && p->vertical_rl) {
        sb_put(p->o, "<span class=\"vrl\">");
        sb_xml(p->o, c->text);
        sb_put(p->o, "</span>");
    } else {
        sb_xml(p->o, c->text);
    }
    sb_put(p->o, "</td>");
}

static void rows(pr *p, const grid *gr, int a, int b)
{
    for (int r = a; r < b; r++) {
        sb_put(p->o, "<tr>");
        for (int k = 0; k < gr->ncells; k++)
            if (gr->cells[k].row == r) cell(p, &gr->cells[k]);
        sb_put(p->o, "</tr>\n");
    }
}

static void table(pr *p, const grid *gr)
{
    sb_put(p->o, "<table><colgroup>");
    for (int c = 0; c < gr->ncols; c++) sb_printf(p->o, "<col style=\"width: %.2f%%\">", gr->width[c] * 100);
    sb_put(p->o, "</colgroup>\n");
    if (p->thead && gr->nhead) {
        sb_put(p->o, "<thead>");
        rows(p, gr, 0, gr->nhead);
        sb_put(p->o, "</thead><tbody>");
        rows(p, gr, gr->nhead, gr->nrows);
    } else {
        sb_put(p->o, "<tbody>");
        rows(p, gr, 0, gr->nrows);
    }
    sb_put(p->o, "</tbody></table>\n");
}

static void draw_table(pr *p, greport *g, int which)
{
    static grid gr;
    if (which == T2) {
        int nb;
        t2_blocks(g, &nb);
        for (int k = 0; k < (p->t2_split ? nb : 1); k++) {
            grid_t2(g, &gr, p->t2_split ? k : 0, p->t2_split ? k + 1 : nb);
            table(p, &gr);
        }
    } else if (which == T3) {
        grid_t3(g, &gr, 0.28 + 0.12 * rng_unit(p->r), p->letter_spaced);
        table(p, &gr);
    } else {
        grid_t4(g, &gr, p->letter_spaced);
        table(p, &gr);
    }
}

/* ---- text ---- */

static void para(pr *p, const char *cls, const char *text)
{
    sb_printf(p->o, "<p%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    sb_xml(p->o, text);
    sb_put(p->o, "</p>\n");
}

/* The landscape pages hold sections 二 to 四 (the tables), in a block of the named page `wide`. */
static void turn_pages(pr *p, const gblock *b)
{
    if (p->landscape && !p->landscape_used && b->kind == BK_HEAD && b->section >= 1 && b->section <= 3) {
        sb_put(p->o, "<div class=\"wide\">\n");
        p->in_landscape = p->landscape_used = 1;
    } else if (p->in_landscape && b->section > 3) {
        sb_put(p->o, "</div>\n");
        p->in_landscape = 0;
    }
}

static void body(pr *p, greport *g, int pub_line)
{
    for (int k = 0; k < g->nblocks; k++) {
        const gblock *b = &g->blocks[k];
        turn_pages(p, b);
        switch (b->kind) {
        case BK_TITLE: {
            int br = rng_chance(p->r, 0.5);
            sb_put(p->o, "<h1>");
            for (const char *s = b->text; s;) {
                const char *nl = strchr(s, '\n');
                char *line = strndup(s, nl ? (size_t)(nl - s) : strlen(s));
                sb_xml(p->o, line);
                free(line);
                if (nl && br) sb_put(p->o, "<br>");
                s = nl ? nl + 1 : NULL;
            }
            sb_put(p->o, "</h1>\n");
            if (pub_line) {
                char date[48];
                snprintf(date, sizeof date, "发布日期：%04d-%02d-%02d", g->py, g->pm, g->pd);
                para(p, "center", date);
            }
            break;
        }
        case BK_SIGN: {
            para(p, "sign", "");
            for (const char *s = b->text; s;) {
                const char *nl = strchr(s, '\n');
                char *line = strndup(s, nl ? (size_t)(nl - s) : strlen(s));
                para(p, "sign", line);
                free(line);
                s = nl ? nl + 1 : NULL;
            }
            break;
        }
        case BK_HEAD: para(p, "head", b->text); break;
        case BK_TABLE: draw_table(p, g, b->table); break;
        default: para(p, NULL, b->text); break;
        }
    }
}

/* The browser's print header and footer, as DevTools templates: a print date, the title, the
 * page's address and page numbers (fixed text, so the same model prints the same bytes). */
static void header_footer(greport *g, sbuf *opts)
{
    char date[40];
    snprintf(date, sizeof date, "%d/%d/%d 10:%02d", g->py, g->pm, g->pd, (int)rng_range(&g->r, 0, 59));
    sb_printf(opts, ",\"displayHeaderFooter\":true,\"headerTemplate\":\"<div style='font-size:8px;width:100%%;display:flex;"
                    "justify-content:space-between;margin:0 10mm'><span>%s</span><span class='title'></span></div>\","
                    "\"footerTemplate\":\"<div style='font-size:8px;width:100%%;display:flex;justify-content:space-between;"
                    "margin:0 10mm'><span>http://www.example.gov.cn/zwgk/ndbg/%s.html</span><span><span class='pageNumber'></span>/"
                    "<span class='totalPages'></span></span></div>\"",
              date, g->id);
}

void render_print(greport *g, sbuf *out, sbuf *vars, sbuf *print_opts)
{
    rng *r = &g->r;
    pr p = {.o = out, .r = r};
    const genface *bodyf = face_pick(r);
    static const char *const sans[] = {"Noto Sans CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"};
    const genface *headf = rng_chance(r, 0.5) ? bodyf : face_by_family(RNG_PICK(r, sans));
    double size = size_pick(r);
    static const double table_sizes[] = {9, 10, 10.5, 10.5, 12};
    double table_size = RNG_PICK(r, table_sizes);
    if (table_size > size) table_size = size;
    double line = rng_chance(r, 0.2) ? 0 : 1.0 + (int)(rng_unit(r) * 21) * 0.05;
    double pitch_em = line > 0 ? line : face_line_em(bodyf->family);
    p.thead = rng_chance(r, 0.6);
    p.t2_split = rng_chance(r, 0.4);
    p.letter_spaced = rng_chance(r, 0.3);
    p.vertical_rl = rng_chance(r, 0.15);
    int chrome = rng_chance(r, 0.25), pub_line = rng_chance(r, 0.5), browser_hf = rng_chance(r, 0.3);
    /* drawn from a stream of its own, so that adding it changed no other choice */
    rng turn;
    rng_seed(&turn, r->s[0] ^ 0x6c616e64ull, (uint64_t)g->index);
    p.landscape = g->t[T3].present && rng_chance(&turn, 0.1);

    sb_put(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    for (const char *s = g->blocks[0].text; *s; s++)
        if (*s != '\n') sb_putc(out, *s);
    sb_put(out, "</title>\n");
    style_sheet(&p, bodyf, headf, size, table_size, line, 18 + 4 * rng_unit(r));
    sb_put(out, "</head>\n<body>\n");
    if (chrome)
        sb_put(out, "<p class=\"nav\">首页 | 政务公开 | 互动交流</p>\n<p class=\"crumb\">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</p>\n");
    body(&p, g, pub_line);
    if (p.in_landscape) sb_put(out, "</div>\n");
    if (chrome) put_site_footer(g, out, "<p class=\"footer\">", "</p>\n");
    sb_put(out, "</body>\n</html>\n");

    double mt = 15 + 15 * rng_unit(r), mb = 15 + 12 * rng_unit(r), ml = 15 + 13 * rng_unit(r), mr = 15 + 13 * rng_unit(r);
    sb_printf(print_opts, "\"paperWidth\":8.27,\"paperHeight\":11.69,\"marginTop\":%.3f,\"marginBottom\":%.3f,"
                          "\"marginLeft\":%.3f,\"marginRight\":%.3f,\"printBackground\":true",
              mt / 25.4, mb / 25.4, ml / 25.4, mr / 25.4);
    if (browser_hf) header_footer(g, print_opts);
    if (p.landscape_used) sb_put(print_opts, ",\"preferCSSPageSize\":true");

    tag_producer(vars, "chromium");
    tag_face(vars, bodyf->family);
    tag_size(vars, size);
    tag_pitch(vars, pitch_em);
    tag(vars, line > 0 ? "line_proportional" : "line_normal");
    if (headf != bodyf) tag(vars, "mixed_fonts");
    if (g->t[T2].present && p.t2_split) tag(vars, "t2_subtables");
    if (g->t[T3].present) tag(vars, p.vertical_rl ? "vertical_tbrl" : "vertical_label");
    if (p.thead && (g->t[T3].present || g->t[T4].present)) tag(vars, "header_rows");
    if (p.letter_spaced && (g->t[T3].present || g->t[T4].present)) tag(vars, "letter_spaced");
    if (chrome) tag(vars, "chrome");
    if (pub_line) tag(vars, "pubdate_line");
    if (browser_hf) tag(vars, "print_header");
    if (p.landscape_used) tag(vars, "landscape");
}
