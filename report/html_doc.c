/*
 * report/html_doc.c — one report's section of the page: identity and deadline margin, its
 * findings with their evidence (the image of its table region, or its source lines quoted), and
 * its tables 2–4 as extracted, uncertain cells marked and the cells of each finding highlighted.
 *
 * Every element that belongs to a finding carries data-f="I …" (its index in the findings), so
 * that the page's script picks out one finding's cells in the tables and on the images at once.
 */
#include "html_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/template.h"
#include "../rules/audit_opts.h"
#include "hstr.h"

#define TR(o, zh, en_) ((o)->en ? (en_) : (zh))

/* What the page knows of a document's cells: the findings involving each, and how. */
typedef struct involvement {
    GString **fs;       /* per cell: " I J" finding indexes, NULL when none */
    uint8_t  *rep, *op; /* per cell: some finding's reported cell / an operand */
    const char **tip;   /* per cell: "reported 0 · computed 11" for the reported cell of a sum */
} involvement;

static void involvement_build(const nb_rundata *run, const nb_rdoc *d, nb_focus *foci, involvement *iv,
                              const nb_html_opts *o)
{
    int n = d->ncells;
    iv->fs = g_new0(GString *, n + 1);
    iv->rep = g_new0(uint8_t, n + 1);
    iv->op = g_new0(uint8_t, n + 1);
    iv->tip = g_new0(const char *, n + 1);
    for (int i = 0; i < d->nfindings; i++) {
        const nb_rfinding *x = &run->findings[d->findings[i]];
        nb_focus *fo = &foci[i];
        nb_focus_of(d, &x->f, fo);
        for (int j = 0; j < fo->n; j++) {
            int c = fo->cell[j];
            if (!iv->fs[c]) iv->fs[c] = g_string_new(NULL);
            g_string_append_printf(iv->fs[c], "%s%d", iv->fs[c]->len ? " " : "", d->findings[i]);
            if (fo->side[j]) {
                iv->rep[c] = 1;
                if (*x->f.expected && !iv->tip[c])
                    iv->tip[c] = nb_sprintf((nb_arena *)&run->arena, o->en ? "%s: reported %s, computed %s" : "%s：报告值 %s，计算值 %s",
                                            x->f.rule->id, x->f.actual, x->f.expected);
            } else iv->op[c] = 1;
        }
    }
}

static void involvement_free(involvement *iv, int n)
{
    for (int i = 0; i < n; i++)
        if (iv->fs[i]) g_string_free(iv->fs[i], TRUE);
    g_free(iv->fs);
    g_free(iv->rep);
    g_free(iv->op);
    g_free(iv->tip);
}

/* ---------- identity ---------- */

static void dd(GString *s, const char *dt, const char *value)
{
    g_string_append(s, "<dt>");
    g_string_append(s, dt);
    g_string_append(s, "</dt><dd>");
    nb_h_text(s, value && *value ? value : "—");
    g_string_append(s, "</dd>");
}

static void identity(GString *s, const nb_rdoc *d, const nb_html_opts *o)
{
    g_string_append(s, "<dl class=\"id\">");
    dd(s, TR(o, "机关", "agency"), d->agency);
    char year[16];
    snprintf(year, sizeof year, "%d", d->year);
    dd(s, TR(o, "年度", "year"), d->year ? year : NULL);
    dd(s, TR(o, "模板版本", "template"), d->version);
    dd(s, TR(o, "落款日期", "signed"), d->signed_date);
    if (*d->published_date) dd(s, TR(o, "发布日期", "published"), d->published_date);
    g_string_append_printf(s, "<dt>%s</dt><dd>", TR(o, "截止日期", "deadline"));
    if (d->year) {
        nb_deadline dl = nb_deadline_for(o->aopts, *d->agency ? d->agency : NULL, NULL, d->year);
        g_string_append_printf(s, "%04d-%02d-%02d", d->year + 1, dl.m, dl.d);
    } else g_string_append(s, "—");
    int ok;
    const char *which = NULL;
    int margin = nb_html_margin(d, o, &ok, NULL, NULL, &which);
    if (ok) {
        const char *w = !strcmp(which, "signed") ? TR(o, "落款", "signed") : TR(o, "发布", "published");
        if (margin > 0)
            g_string_append_printf(s, " · <span class=\"late\">%s%s %d %s</span>", w, TR(o, "逾期", " late by"), margin,
                                   TR(o, "天", "days"));
        else
            g_string_append_printf(s, " · <span class=\"early\">%s%s %d %s</span>", w, TR(o, "早于截止", " ahead by"), -margin,
                                   TR(o, "天", "days"));
    }
    g_string_append_printf(s, "</dd><dt>%s</dt><dd>", TR(o, "类型 / 页数", "kind / pages"));
    nb_h_text(s, d->kind);
    g_string_append_printf(s, " / %d</dd>", d->pages);
    dd(s, TR(o, "状态", "status"), d->status);
    if (*d->message) dd(s, TR(o, "说明", "note"), d->message);
    dd(s, TR(o, "文件", "file"), d->file);
    dd(s, "SHA-256", d->sha256);
    g_string_append(s, "</dl>");
}

/* ---------- findings ---------- */

/* A finding's words: severity, rule, place, message, reported and computed values, waiver. In a
 * large run's sections the page's script writes them from the findings' data instead (data-fill),
 * so that a message is not carried twice (page.js: fill). */
static void finding_words(GString *s, const nb_rfinding *x, const nb_html_opts *o)
{
    int sev = (int)x->f.rule->severity;
    g_string_append_printf(s, "<span class=\"sev\">%s</span> <code>%s</code> ", nb_html_sev_word(o, sev), x->f.rule->id);
    GString *code = g_string_new(NULL);
    nb_html_cell_code(code, &x->f);
    if (code->len) {
        g_string_append(s, "<code class=\"muted\">");
        nb_h_text(s, code->str);
        g_string_append(s, "</code> ");
    }
    g_string_free(code, TRUE);
    nb_h_text(s, x->message);
    if (*x->f.expected || *x->f.actual) {
        int sum = !strncmp(x->f.rule->id, "SUM-", 4);
        g_string_append(s, "<div class=\"rc\">");
        if (*x->f.actual) {
            g_string_append_printf(s, "%s <b>", sum ? TR(o, "报告值", "reported") : TR(o, "实为", "found"));
            nb_h_text(s, x->f.actual);
            g_string_append(s, "</b>");
        }
        if (*x->f.expected) {
            g_string_append_printf(s, "%s%s <b>", *x->f.actual ? " · " : "", sum ? TR(o, "计算值", "computed") : TR(o, "应为", "expected"));
            nb_h_text(s, x->f.expected);
            g_string_append(s, "</b>");
        }
        if (x->f.page) g_string_append_printf(s, " · %s %u", TR(o, "页", "page"), x->f.page);
        g_string_append(s, "</div>");
    }
    if (x->f.waived) {
        g_string_append_printf(s, "<div class=\"note\">%s: ", TR(o, "已豁免", "waived"));
        nb_h_text(s, x->f.waived);
        g_string_append(s, "</div>");
    }
}

static void finding_item(GString *s, const nb_rundata *run, const nb_rdoc *d, int fi, const nb_focus *fo,
                         const nb_evidence *ev, nb_evtext *txt, const nb_html_opts *o, int compact)
{
    const nb_rfinding *x = &run->findings[fi];
    static const char *const sev_class[3] = {"info", "warning", "error"};
    g_string_append_printf(s, "<li class=\"f sev-%s%s\" id=\"f-%d\" data-i=\"%d\" tabindex=\"-1\"%s>",
                           sev_class[x->f.rule->severity], x->f.waived ? " waived" : "", fi, fi, compact ? " data-fill" : "");
    if (!compact) finding_words(s, x, o);
    /* evidence: the images it is drawn on, or its lines quoted */
    if (fo->n) {
        int imgs[8];
        int ni = nb_evidence_images_of(ev, fi, imgs, 8);
        for (int j = 0; j < ni; j++)
            g_string_append_printf(s, "<div class=\"note\"><a href=\"#img-%d\">%s %d %s · %s</a></div>", imgs[j],
                                   TR(o, "证据图：第", "evidence: page"), ev->img[imgs[j]].page, TR(o, "页", ""),
                                   ev->img[imgs[j]].table);
        if (!ni && strncmp(d->kind, "pdf", 3) == 0) {
            const char *why = NULL;
            for (int i = 0; i < ev->nimg && !why; i++)
                if (ev->img[i].doc == x->doc && !ev->img[i].rendered) why = ev->img[i].why_not;
            if (why)
                g_string_append_printf(s, "<div class=\"note\">%s（%s）</div>", TR(o, "未附证据图", "no evidence image"),
                                       !strcmp(why, "budget") ? TR(o, "超出图片总量上限 --evidence-budget", "over --evidence-budget")
                                       : !strcmp(why, "changed") ? TR(o, "文件已改动", "the file has changed since the run")
                                                                 : TR(o, "文件无法读取", "the file cannot be read"));
        } else if (txt) {
            const char *q = nb_evtext_quote(txt, (nb_arena *)&run->arena, d, fo);
            if (q) g_string_append(s, q);
        }
    }
    g_string_append(s, "</li>");
}

/* ---------- tables ---------- */

static const char *const table_name_zh[] = {"", "", "表二 主动公开", "表三 申请的收到和处理", "表四 行政复议、行政诉讼"};
static const char *const table_name_en[] = {"", "", "Table 2: proactive disclosure", "Table 3: applications",
                                            "Table 4: reviews and suits"};

/* One field of a compact cell: its text escaped, the format's separators written as spaces. */
static void grid_field(GString *s, const char *v)
{
    const char *run = v;
    for (const char *p = v; *p; p++) {
        if (*p != '|' && *p != '\t' && *p != '\n' && *p != '\r') continue;
        nb_h_textn(s, run, (size_t)(p - run));
        g_string_append_c(s, ' ');
        run = p + 1;
    }
    nb_h_text(s, run);
}

/* A cell for the page's script (page.js: grid): shown|classes|findings|title|unit, trailing empty
 * fields left out. Classes: u in doubt, h involved in a finding, r its reported cell, o an operand. */
static void grid_cell(GString *s, const nb_rdoc *d, int ci, const involvement *iv, const nb_html_opts *o)
{
    const nb_rcell *c = &d->cells[ci];
    size_t start = s->len;
    grid_field(s, (*c->value ? c->value : c->raw));
    g_string_append_c(s, '|');
    if (!c->certain) g_string_append_c(s, 'u');
    if (iv->fs[ci]) g_string_append_c(s, 'h');
    if (iv->rep[ci]) g_string_append_c(s, 'r');
    else if (iv->op[ci]) g_string_append_c(s, 'o');
    g_string_append_c(s, '|');
    if (iv->fs[ci]) g_string_append(s, iv->fs[ci]->str);
    g_string_append_c(s, '|');
    /* a title for a finding's reported cell, a cell in doubt, and a number printed otherwise than
     * its value (1,234 or １２); a blank shows as printed and needs none */
    const char *tip = iv->tip[ci];
    int differs = *c->value && strcmp(c->raw, c->value) != 0;
    if (tip) grid_field(s, tip);
    if (differs || !c->certain) {
        if (tip) g_string_append(s, "; ");
        g_string_append(s, !c->certain ? TR(o, "读取存疑，原文：", "read with doubt, printed: ") : TR(o, "原文：", "printed: "));
        grid_field(s, (*c->raw ? c->raw : TR(o, "（空白）", "(blank)")));
    }
    g_string_append_c(s, '|');
    if (*c->unit) grid_field(s, c->unit);
    while (s->len > start && s->str[s->len - 1] == '|') g_string_truncate(s, s->len - 1);
}

/* A table as extracted, as compact text that the page's script draws against the template's
 * labels (in the page's data once, not in every report): one line per row shown, "code<TAB>cell
 * <TAB>cell…", a cell "" when not read and "~" when the row has no such column. Some 600 bytes for
 * a table 3 that is 4 KB of markup, a thousand times over in a large run. */
static void table_grid(GString *s, const nb_rdoc *d, const nb_table_def *t, const involvement *iv, const nb_html_opts *o)
{
    int *grid = g_new(int, t->nrows * t->ncols + 1), any = 0;
    for (int i = 0; i < t->nrows * t->ncols; i++) grid[i] = -1;
    for (int i = 0; i < d->ncells; i++) {
        const nb_rcell *c = &d->cells[i];
        if (strcmp(c->table, t->code)) continue;
        int r = nb_row_index(t, c->row), k = nb_col_index(t, c->col);
        if (r < 0 || k < 0) continue;
        grid[r * t->ncols + k] = i;
        any = 1;
    }
    int sec = t->section >= 2 && t->section <= 4 ? t->section : 0;
    g_string_append_printf(s, "<h4>%s</h4>", o->en ? table_name_en[sec] : table_name_zh[sec]);
    if (!any) {
        g_string_append_printf(s, "<p class=\"note\">%s</p>", TR(o, "未读到此表。", "This table was not read."));
        g_free(grid);
        return;
    }
    g_string_append_printf(s, "<pre class=\"grid\" hidden data-v=\"%s\" data-t=\"%s\">", d->version, t->code);
    for (int r = 0; r < t->nrows; r++) {
        int found = 0;
        for (int k = 0; k < t->ncols && !found; k++) found = grid[r * t->ncols + k] >= 0;
        /* optional rows (the collapsed or the split （六）) are shown only when the report has them */
        if (!found && (t->rows[r].flags & (NB_ROW_OPTIONAL | NB_ROW_HEADING))) continue;
        g_string_append(s, t->rows[r].code);
        for (int k = 0; k < t->ncols; k++) {
            int ci = grid[r * t->ncols + k];
            g_string_append_c(s, '\t');
            if (ci >= 0) grid_cell(s, d, ci, iv, o);
            else if (!nb_row_has_col(t, r, k)) g_string_append_c(s, '~');
        }
        g_string_append_c(s, '\n');
    }
    g_string_append(s, "</pre>");
    g_free(grid);
}

static void legend(GString *s, const nb_html_opts *o)
{
    g_string_append_printf(s, "<p class=\"legend\"><span><i class=\"box\" style=\"background:#ffe3c2\"></i>%s</span>"
                              "<span><i class=\"box\" style=\"background:#fff1a8;outline:2px solid #db1414\"></i>%s</span>"
                              "<span><i class=\"box\" style=\"background:#fff1a8;outline:1px solid #1a59e6\"></i>%s</span></p>",
                           TR(o, "读取存疑（值留空）", "read with doubt (value left empty)"),
                           TR(o, "发现所指的单元格（报告值）", "a finding's cell (reported)"),
                           TR(o, "参与计算的单元格", "cells of the computed side"));
}

/* ---------- evidence images ---------- */

static void figure(GString *s, const nb_evidence *ev, int ii, const nb_rdoc *d, const nb_html_opts *o)
{
    const nb_evimage *img = &ev->img[ii];
    g_string_append_printf(s, "<figure class=\"ev\" id=\"img-%d\" data-page=\"%d\" data-table=\"%s\" data-region=\"%.1f %.1f %.1f %.1f\" "
                              "data-scale=\"%.2f\" data-pad=\"%.1f\"><div class=\"evw\"><img alt=\"%s %d\" width=\"%d\" height=\"%d\" "
                              "loading=\"lazy\" decoding=\"async\" src=\"data:image/png;base64,",
                           ii, img->page, img->table, img->rx0, img->ry0, img->rx1, img->ry1, img->scale, NB_EVIDENCE_PAD,
                           TR(o, "第", "page"), img->page, img->width, img->height);
    g_string_append(s, img->png_base64);
    g_string_append(s, "\">");
    for (int m = 0; m < img->nmarks; m++) {
        const nb_evmark *mk = &img->marks[m];
        const nb_rcell *c = &d->cells[mk->cell];
        g_string_append_printf(s, "<i class=\"ov %s\" data-f=\"%d\" data-cell=\"%s.%s.%s\" data-box=\"%.1f %.1f %.1f %.1f\" "
                                  "data-px=\"%d %d %d %d\" style=\"left:%.2f%%;top:%.2f%%;width:%.2f%%;height:%.2f%%\"></i>",
                               mk->reported ? "rep" : "op", mk->finding, c->table, c->row, c->col, c->x0, c->y0, c->x1, c->y1,
                               mk->px, mk->py, mk->pw, mk->ph, 100.0 * mk->px / img->width, 100.0 * mk->py / img->height,
                               100.0 * mk->pw / img->width, 100.0 * mk->ph / img->height);
    }
    g_string_append_printf(s, "</div><figcaption>%s %d · %s · %s</figcaption></figure>", TR(o, "页", "page"), img->page, img->table,
                           TR(o, "红框：报告值；蓝框：参与计算的单元格；黄色：求和的行或列",
                                 "red: the reported cell; blue: the cells it is computed from; yellow: the row or column of the sum"));
}

/* ---------- the section ---------- */

static void heading(GString *s, const nb_rundata *run, const nb_rdoc *d, const nb_html_opts *o)
{
    int c[3] = {0};
    for (int i = 0; i < d->nfindings; i++) {
        const nb_rfinding *x = &run->findings[d->findings[i]];
        if (!x->f.waived) c[x->f.rule->severity]++;
    }
    g_string_append(s, "<h3>");
    nb_h_text(s, *d->agency ? d->agency : d->file);
    if (d->year) g_string_append_printf(s, " %d", d->year);
    for (int k = 2; k >= 0; k--)
        if (c[k]) g_string_append_printf(s, " <span class=\"sev %s\">%s %d</span>", k == 2 ? "error" : k ? "warning" : "info",
                                         nb_html_sev_word(o, k), c[k]);
    g_string_append(s, " <small class=\"muted\">");
    const char *base = strrchr(d->file, '/');
    nb_h_text(s, base ? base + 1 : d->file);
    g_string_append(s, "</small></h3>");
}

static void section_body(GString *s, const nb_rundata *run, int k, const nb_evidence *ev, const nb_html_opts *o, int compact)
{
    const nb_rdoc *d = &run->docs[k];
    heading(s, run, d, o);
    identity(s, d, o);
    nb_focus *foci = g_new0(nb_focus, d->nfindings + 1);
    involvement iv;
    involvement_build(run, d, foci, &iv, o);
    nb_evtext *txt = NULL;
    if (strncmp(d->kind, "pdf", 3) != 0)
        for (int i = 0; i < d->nfindings && !txt; i++)
            if (foci[i].n) {
                txt = nb_evtext_open(d);
                break;
            }
    if (d->nfindings) {
        g_string_append_printf(s, "<h4>%s</h4><ol class=\"flist\">", TR(o, "发现", "Findings"));
        for (int i = 0; i < d->nfindings; i++) finding_item(s, run, d, d->findings[i], &foci[i], ev, txt, o, compact);
        g_string_append(s, "</ol>");
    } else {
        g_string_append_printf(s, "<p class=\"note\">%s</p>", TR(o, "没有发现。", "No findings."));
    }
    nb_evtext_close(txt);
    int figs = 0;
    for (int i = 0; i < ev->nimg; i++) {
        if (ev->img[i].doc != k || ev->img[i].rendered != 1) continue;
        if (!figs++) g_string_append_printf(s, "<h4>%s</h4>", TR(o, "证据图", "Evidence"));
        figure(s, ev, i, d, o);
    }
    const nb_template *t = nb_template_find(d->version);
    if (t && d->ncells) {
        legend(s, o);
        for (int i = 0; i < t->ntables; i++) table_grid(s, d, &t->tables[i], &iv, o);
    } else if (d->ncells == 0 && !strcmp(d->status, "ok")) {
        g_string_append_printf(s, "<p class=\"note\">%s</p>", TR(o, "没有读到模板表格。", "No template table was read."));
    }
    involvement_free(&iv, d->ncells);
    g_free(foci);
}

void nb_html_reports(GString *s, const nb_rundata *run, const nb_html_opts *o, const nb_evidence *ev)
{
    int lazy = run->ndocs > o->open_reports;
    g_string_append_printf(s, "<section id=\"reports\"><h2>%s</h2>", TR(o, "各报告", "Reports"));
    if (lazy)
        g_string_append_printf(s, "<p class=\"note\">%s <button type=\"button\" id=\"show-all\">%s</button></p>",
                               TR(o, "报告较多，点开或从发现表跳转时才展开；打印时全部展开。",
                                     "Many reports: each opens when clicked or reached from the findings table; printing opens all."),
                               TR(o, "全部展开", "open all"));
    GString *body = g_string_new(NULL);
    for (int k = 0; k < run->ndocs; k++) {
        if (!lazy) {
            g_string_append_printf(s, "<section class=\"report\" id=\"r-%d\">", k);
            section_body(s, run, k, ev, o, 0);
            g_string_append(s, "</section>\n");
            continue;
        }
        g_string_append_printf(s, "<section class=\"report lazy\" id=\"r-%d\" data-lazy=\"1\">", k);
        heading(s, run, &run->docs[k], o);
        g_string_append_printf(s, "<button type=\"button\" class=\"show\" data-k=\"%d\">%s</button></section>", k,
                               TR(o, "展开", "open"));
        /* raw text: nothing in it can close the script element, every '<' of the body being ours
         * and no text of ours starting with "/script" */
        g_string_truncate(body, 0);
        section_body(body, run, k, ev, o, 1);
        g_string_append_printf(s, "<script type=\"text/x-nb-report\" id=\"rt-%d\">", k);
        g_string_append_len(s, body->str, (gssize)body->len);
        g_string_append(s, "</script>\n");
    }
    g_string_free(body, TRUE);
    g_string_append(s, "</section>");
}
