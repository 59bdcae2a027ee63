/*
 * scripts/gen/model.c — builds one report's model: which kinds it is rendered to, its agency and
 * dates, its template version, and table values that satisfy every declared sum; then prints each
 * number in the report's style (0, blank, —, /, full-width digits, thousands separators).
 *
 * Numbers are drawn to look like real reports: most agencies receive a handful of applications or
 * none, a few receive hundreds; natural persons dominate; most refusal rows are zero.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d) { perror("nbgen"); exit(2); }
    return d;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0) { perror("nbgen"); exit(2); }
    va_end(ap);
    return s;
}

void tag(sbuf *tags, const char *t)
{
    if (has_tag(tags, t)) return;
    if (tags->len) sb_putc(tags, ';');
    sb_put(tags, t);
}

int has_tag(const sbuf *tags, const char *t)
{
    size_t n = strlen(t);
    for (const char *p = tags->s; p && (p = strstr(p, t)); p += n)
        if ((p == tags->s || p[-1] == ';') && (p[n] == ';' || p[n] == '\0')) return 1;
    return 0;
}

int row_index(const gtable *t, const char *code)
{
    for (int i = 0; i < t->tpl->nrows; i++)
        if (strcmp(t->tpl->rows[i].code, code) == 0) return i;
    return -1;
}

int64_t cell_num(const gtable *t, int row, int col)
{
    if (row < 0 || !t->row_present[row]) return 0;
    return t->c[row][col].value[0] ? strtoll(t->c[row][col].value, NULL, 10) : 0;
}

int is_date_valid(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

int date_cmp(int y1, int m1, int d1, int y2, int m2, int d2)
{
    long a = y1 * 10000L + m1 * 100 + d1, b = y2 * 10000L + m2 * 100 + d2;
    return a < b ? -1 : a > b;
}

/* 二〇二四年一月二十日 */
void cn_date(char *buf, size_t n, int y, int m, int d)
{
    static const char *const dg[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static const char *const small[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                        "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九"};
    char ys[32] = "", ds[16];
    for (int div = 1000; div; div /= 10) strcat(ys, dg[(y / div) % 10]);
    if (d < 20) snprintf(ds, sizeof ds, "%s", small[d]);
    else snprintf(ds, sizeof ds, "%s十%s", dg[d / 10], d % 10 ? dg[d % 10] : "");
    snprintf(buf, n, "%s年%s月%s日", ys, small[m], ds);
}

/* ---- agency ---- */

static const char *const cities[] = {
    "济南市", "青岛市", "烟台市", "淮安市", "苏州市", "无锡市", "福州市", "泉州市", "合肥市", "芜湖市",
    "长沙市", "株洲市", "成都市", "绵阳市", "昆明市", "曲靖市", "兰州市", "天水市", "南昌市", "赣州市",
    "石家庄市", "保定市", "太原市", "大同市", "洛阳市", "宜昌市", "宝鸡市", "遵义市", "柳州市", "包头市",
};
static const char *const counties[] = {
    "洪泽区", "招远市", "清河区", "临江区", "青山区", "白云区", "新城区", "东山县", "南岭县", "安平县",
    "永宁县", "长丰县", "平阳县", "江宁区", "龙泉驿区", "高陵区", "宁乡市", "武夷山市", "凤台县", "金湖县",
};
static const char *const towns[] = {"石桥镇", "柳湾镇", "新集镇", "三河镇", "杨庄乡", "河口乡", "城南街道", "北关街道"};
static const char *const provinces[] = {"山东省", "江苏省", "福建省", "安徽省", "湖南省", "四川省", "云南省", "甘肃省"};
static const char *const depts[] = {
    "工业和信息化局", "生态环境局", "教育局", "民政局", "财政局", "人力资源和社会保障局", "自然资源和规划局",
    "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会",
    "应急管理局", "市场监督管理局", "统计局", "医疗保障局", "发展和改革委员会", "人民政府办公室",
    "政务服务管理办公室", "大数据中心", "公共资源交易中心", "退役军人事务局", "审计局", "司法局",
    "科学技术局", "民族宗教事务委员会", "发改委", "住建委",
};
static const char *const prov_depts[] = {"教育厅", "人民政府办公厅", "交通运输厅", "民政厅", "生态环境厅"};

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The classifier of the rule catalog: government ⇔ an organ suffix of a government, or a bare
 * place name. */
static int classify_government(const char *agency)
{
    static const char *const gov[] = {"人民政府", "政府", "管委会", "管理委员会"};
    static const char *const place[] = {"省", "市", "区", "县", "旗", "州", "盟", "镇", "乡", "街道"};
    for (size_t i = 0; i < sizeof gov / sizeof gov[0]; i++)
        if (ends_with(agency, gov[i])) return 1;
    for (size_t i = 0; i < sizeof place / sizeof place[0]; i++)
        if (ends_with(agency, place[i])) return 1;
    return 0;
}

/* How the narrative names the agency itself. */
static void choose_who(greport *g)
{
    static const struct { const char *suffix, *who; } names[] = {
        {"管委会", "管委会"}, {"管理委员会", "管委会"}, {"委员会", "我委"}, {"委", "我委"}, {"局", "我局"},
        {"办公厅", "我厅"}, {"厅", "我厅"}, {"办公室", "我办"}, {"中心", "我中心"}, {"办事处", "我街道"},
        {"区人民政府", "我区"}, {"县人民政府", "我县"}, {"市人民政府", "我市"}, {"镇人民政府", "我镇"},
        {"乡人民政府", "我乡"}, {"区", "我区"}, {"县", "我县"}, {"市", "我市"}, {"镇", "我镇"}, {"乡", "我乡"},
        {"街道", "我街道"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ends_with(g->agency, names[i].suffix)) {
            snprintf(g->who, sizeof g->who, "%s", names[i].who);
            return;
        }
    snprintf(g->who, sizeof g->who, "本机关");
}

static void choose_agency(greport *g)
{
    rng *r = &g->r;
    const char *city = RNG_PICK(r, cities), *county = RNG_PICK(r, counties);
    /* a county-level city is not named under a prefecture city here (包头市武夷山市 reads wrong) */
    int nestable = !ends_with(county, "市");
    double x = rng_unit(r);
    if (x < 0.50) {
        /* a department of a city or a county */
        const char *place = rng_chance(r, 0.5) ? city : county;
        if (rng_chance(r, 0.25) && place == county && nestable)
            snprintf(g->agency, sizeof g->agency, "%s%s%s", city, county, RNG_PICK(r, depts));
        else
            snprintf(g->agency, sizeof g->agency, "%s%s", place, RNG_PICK(r, depts));
    } else if (x < 0.55) {
        snprintf(g->agency, sizeof g->agency, "%s%s", RNG_PICK(r, provinces), RNG_PICK(r, prov_depts));
    } else if (x < 0.80) {
        if (rng_chance(r, 0.4) && nestable)
            snprintf(g->agency, sizeof g->agency, "%s%s人民政府", city, county);
        else
            snprintf(g->agency, sizeof g->agency, "%s人民政府", rng_chance(r, 0.7) ? county : city);
    } else if (x < 0.87) {
        const char *town = RNG_PICK(r, towns);
        if (ends_with(town, "街道"))
            snprintf(g->agency, sizeof g->agency, "%s%s办事处", county, town);
        else
            snprintf(g->agency, sizeof g->agency, "%s%s人民政府", county, town);
    } else if (x < 0.94) {
        snprintf(g->agency, sizeof g->agency, "%s%s", city,
                 rng_chance(r, 0.5) ? "经济技术开发区管委会" : "高新技术产业开发区管理委员会");
    } else {
        snprintf(g->agency, sizeof g->agency, "%s", county);   /* a bare place name */
    }
    g->government = classify_government(g->agency);
    choose_who(g);
}

/* ---- dates ---- */

static void add_days(int *y, int *m, int *d, int n)
{
    while (n-- > 0) {
        (*d)++;
        if (!is_date_valid(*y, *m, *d)) {
            *d = 1;
            if (++*m > 12) { *m = 1; ++*y; }
        }
    }
}

/* A signature inside the legal window: 1 January Y+1 to the deadline. */
static void choose_dates(greport *g)
{
    rng *r = &g->r;
    int last_month = g->government && !g->pre2019 ? 3 : 1;
    g->sy = g->year + 1;
    g->sm = (int)rng_range(r, 1, last_month);
    g->sd = (int)rng_range(r, g->sm == 1 ? 5 : 1, g->sm == 2 ? 28 : g->sm == 1 ? 31 : 31);
    g->has_signature = rng_chance(r, 0.82);
    g->cn_date = rng_chance(r, 0.3);
    g->py = g->sy; g->pm = g->sm; g->pd = g->sd;
    add_days(&g->py, &g->pm, &g->pd, (int)rng_range(r, 0, 6));
    if (date_cmp(g->py, g->pm, g->pd, g->sy, last_month, 31) > 0) { g->pm = last_month; g->pd = 31; g->py = g->sy; }
    g->has_period = rng_chance(r, 0.88);
    g->per_y1 = g->per_y2 = g->year;
    g->per_m1 = 1; g->per_d1 = 1; g->per_m2 = 12; g->per_d2 = 31;
}

/* ---- values ---- */

/* Spread n units over k rows by weight (a multinomial draw). */
static void spread(rng *r, int64_t n, const double *w, int k, int64_t *out)
{
    double sum = 0;
    for (int i = 0; i < k; i++) { sum += w[i]; out[i] = 0; }
    if (n <= 0 || sum <= 0) return;
    if (n > 2000) {
        /* large counts: proportional share with noise, remainder to the heaviest row */
        int64_t left = n;
        int heavy = 0;
        for (int i = 0; i < k; i++) {
            if (w[i] > w[heavy]) heavy = i;
            int64_t share = (int64_t)(n * w[i] / sum * (0.8 + 0.4 * rng_unit(r)));
            if (share > left) share = left;
            out[i] = share;
            left -= share;
        }
        out[heavy] += left;
        return;
    }
    for (int64_t u = 0; u < n; u++) {
        double x = rng_unit(r) * sum;
        int i = 0;
        while (i < k - 1 && x >= w[i]) x -= w[i++];
        out[i]++;
    }
}

static double outcome_weight(rng *r, const char *code)
{
    static const struct { const char *code; double w; } base[] = {
        {"granted", 30}, {"partial", 8}, {"denied.secret", 0.3}, {"denied.law", 0.5}, {"denied.safety", 0.3},
        {"denied.third_party", 2}, {"denied.internal", 1.5}, {"denied.process", 2}, {"denied.enforcement", 1},
        {"denied.query", 2}, {"unable.not_held", 22}, {"unable.need_create", 3}, {"unable.unclear", 4},
        {"rejected.petition", 6}, {"rejected.repeat", 4}, {"rejected.publication", 1}, {"rejected.excessive", 1},
        {"rejected.confirm", 1}, {"other.no_correction", 4}, {"other.no_fee", 0.4}, {"other.other", 4}, {"other", 8},
    };
    for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
        if (strcmp(base[i].code, code) == 0)
            return base[i].w * (rng_chance(r, 0.3) ? 0.1 : 0.5 + rng_unit(r));
    return 0;
}

static void gen_t3(greport *g)
{
    rng *r = &g->r;
    gtable *t = &g->t[T3];
    double x = rng_unit(r);
    int64_t n = x < 0.30 ? 0 : x < 0.75 ? rng_range(r, 1, 30) : x < 0.95 ? rng_range(r, 30, 300) : rng_range(r, 300, 3000);
    if (n >= 300) tag(&g->variations, "large");
    int irow_new = row_index(t, "new"), icar = row_index(t, "carried"), itot = row_index(t, "total"),
        ifwd = row_index(t, "forward");
    /* applicants: natural persons take the rest */
    static const double share[6] = {0, 0.08, 0.01, 0.01, 0.03, 0.02};
    int64_t left = n;
    for (int c = 5; c >= 1; c--) {
        int64_t k = rng_chance(r, n > 20 ? 0.6 : 0.15) ? (int64_t)(n * share[c] * 2 * rng_unit(r) + 0.5) : 0;
        if (k > left) k = left;
        t->v[irow_new][c] = k;
        left -= k;
    }
    t->v[irow_new][0] = left;
    int nout = 0, outs[MAXROWS];
    double w[MAXROWS];
    for (int i = 0; i < t->tpl->nrows; i++)
        if (t->tpl->rows[i].outcome && i != itot) { outs[nout] = i; w[nout] = outcome_weight(r, t->tpl->rows[i].code); nout++; }
    for (int c = 0; c < 6; c++) {
        int64_t nw = t->v[irow_new][c];
        int64_t car = rng_chance(r, 0.3) && n > 0 ? rng_range(r, 0, nw / 8 + (c == 0)) : 0;
        int64_t fwd = rng_chance(r, 0.3) ? rng_range(r, 0, (nw + car) / 8) : 0;
        t->v[icar][c] = car;
        t->v[ifwd][c] = fwd;
        t->v[itot][c] = nw + car - fwd;
        int64_t got[MAXROWS];
        spread(r, t->v[itot][c], w, nout, got);
        for (int k = 0; k < nout; k++) t->v[outs[k]][c] = got[k];
    }
    for (int i = 0; i < t->tpl->nrows; i++) {
        int64_t s = 0;
        for (int c = 0; c < 6; c++) s += t->v[i][c];
        t->v[i][6] = s;
    }
}

static void gen_t4(greport *g)
{
    rng *r = &g->r;
    gtable *t = &g->t[T4];
    int64_t apps = g->t[T3].v[row_index(&g->t[T3], "new")][6];
    for (int i = 0; i < 3; i++) {
        double p = i == 0 ? 0.35 : 0.15;
        int busy = apps > 0 && rng_chance(r, p);
        int64_t s = 0;
        for (int c = 0; c < 4; c++) {
            int64_t top = apps > 100 ? 12 : 3;
            t->v[i][c] = busy && rng_chance(r, c == 0 ? 0.8 : 0.35) ? rng_range(r, 1, top) : 0;
            s += t->v[i][c];
        }
        t->v[i][4] = s;
    }
}

/* Print a number in the report's style. */
void print_cell(greport *g, gcell *c, int64_t v, int is_total)
{
    rng *r = &g->r;
    if (v == 0) {
        int style = g->zero_style;
        if (style == ZERO_MIXED)
            style = rng_chance(r, 0.75) ? ZERO_DIGIT : rng_chance(r, 0.6) ? ZERO_BLANK : ZERO_DASH;
        switch (style) {
        case ZERO_BLANK: set_blank(c, ""); return;
        case ZERO_DASH:  set_blank(c, "—"); return;
        case ZERO_SLASH: set_blank(c, "/"); return;
        default: break;
        }
    }
    (void)is_total;
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", (long long)v);
    print_text_cell(g, c, digits);
}

/* Print a decimal string (digits, optional '-' and '.') in the report's style; value keeps the
 * digits, raw gets separators and full-width forms. */
void print_text_cell(greport *g, gcell *c, const char *digits)
{
    snprintf(c->value, sizeof c->value, "%s", digits);
    sbuf raw = {0};
    const char *dot = strchr(digits, '.');
    size_t intlen = dot ? (size_t)(dot - digits) : strlen(digits);
    size_t start = digits[0] == '-' ? 1 : 0;
    for (size_t i = 0; digits[i]; i++) {
        if (g->thousands && i > start && i < intlen && (intlen - i) % 3 == 0) sb_putc(&raw, ',');
        char ch = digits[i];
        if (g->fullwidth && ch >= '0' && ch <= '9') {
            char fw[4] = {(char)0xEF, (char)0xBC, (char)(0x90 + (ch - '0')), 0};
            sb_put(&raw, fw);
        } else {
            sb_putc(&raw, ch);
        }
    }
    snprintf(c->raw, sizeof c->raw, "%s", raw.s);
    sb_free(&raw);
}

void set_blank(gcell *c, const char *raw)
{
    c->value[0] = '\0';
    snprintf(c->raw, sizeof c->raw, "%s", raw);
}

static void print_table(greport *g, gtable *t, int first_total_col)
{
    for (int i = 0; i < t->tpl->nrows; i++)
        for (int c = 0; c < t->tpl->rows[i].ncols; c++)
            print_cell(g, &t->c[i][c], t->v[i][c], c >= first_total_col);
}

static void print_decimal(greport *g, gcell *c, int64_t cents, int decimals)
{
    if (cents == 0) { print_cell(g, c, 0, 0); return; }
    char buf[48];
    int64_t scale = 1;
    for (int i = 0; i < decimals; i++) scale *= 10;
    snprintf(buf, sizeof buf, "%lld.%0*lld", (long long)(cents / scale), decimals, (long long)(cents % scale));
    print_text_cell(g, c, buf);
}

static int64_t draw_big(rng *r, int64_t max)
{
    if (rng_chance(r, 0.35)) return 0;
    double u = rng_unit(r);
    return (int64_t)(max * u * u * u * u);
}

/* The unit of a money cell, as a reader finds it: printed after the number, else named by the
 * column's header; only for a cell with a value. */
static void money_unit(gcell *c, const char *head_unit)
{
    static const char *const units[] = {"万元", "元"};
    c->unit[0] = '\0';
    if (!c->value[0]) return;
    size_t n = strlen(c->raw);
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t u = strlen(units[i]);
        if (n > u && !strcmp(c->raw + n - u, units[i])) {
            snprintf(c->unit, sizeof c->unit, "%s", units[i]);
            return;
        }
    }
    snprintf(c->unit, sizeof c->unit, "%s", head_unit);
}

/* Where a report prints the unit of its 2019 procurement amount: after the number (5.77万元), in
 * the column header (采购总金额（万元）) over bare numbers, or nowhere. The report's table 2 blocks
 * carry the header as printed (the 2021 fee header always says 万元). */
static const char *choose_amount_unit(greport *g)
{
    rng *r = &g->r;
    int n;
    const t2block *tpl = template_t2_blocks(g->v2019, &n);
    g->nt2b = n < 6 ? n : 6;
    memcpy(g->t2b, tpl, (size_t)g->nt2b * sizeof *g->t2b);
    g->amount_unit_head = "";
    if (!g->v2019) return NULL;
    double x = rng_unit(r);
    if (x < 0.6) {
        tag(&g->variations, "unit_in_cell");
        return rng_chance(r, 0.6) ? "元" : "万元";
    }
    if (x < 0.9) {
        int wan = rng_chance(r, 0.7);
        g->amount_unit_head = wan ? "万元" : "元";
        for (int k = 0; k < g->nt2b; k++)
            for (int c = 0; c < g->t2b[k].ncols; c++)
                if (!strcmp(g->t2b[k].heads[c], "采购总金额"))
                    g->t2b[k].heads[c] = wan ? (rng_chance(r, 0.5) ? "采购总金额（万元）" : "采购总金额（单位：万元）")
                                             : "采购总金额（单位：元）";
        tag(&g->variations, "unit_in_header");
        return NULL;
    }
    tag(&g->variations, "unit_unprinted");
    return NULL;
}

static void gen_t2(greport *g)
{
    rng *r = &g->r;
    gtable *t = &g->t[T2];
    int gov = g->government;
    const char *cell_unit = choose_amount_unit(g);
    for (int i = 0; i < t->tpl->nrows; i++) {
        const trow *row = &t->tpl->rows[i];
        for (int c = 0; c < row->ncols; c++) {
            const char *col = row->cols[c];
            gcell *cell = &t->c[i][c];
            if (!strcmp(col, "amount_wan")) {
                print_decimal(g, cell, rng_chance(r, 0.5) ? 0 : draw_big(r, 100000000), rng_chance(r, 0.8) ? 2 : 6);
            } else if (!strcmp(col, "amount")) {
                int64_t cents = draw_big(r, 90000000000LL);
                if (cents == 0) { print_cell(g, cell, 0, 0); continue; }
                char buf[48];
                if (rng_chance(r, 0.5))
                    snprintf(buf, sizeof buf, "%lld.%02lld", (long long)(cents / 100), (long long)(cents % 100));
                else
                    snprintf(buf, sizeof buf, "%lld", (long long)(cents / 100));
                print_text_cell(g, cell, buf);
                /* the unit printed after the number, when the report prints it there; never applied:
                 * value is the number as printed, unit what it counts (FORMAT.md §5) */
                if (cell_unit) str_append(cell->raw, sizeof cell->raw, cell_unit);
            } else if (!strcmp(col, "change")) {
                int64_t v = rng_chance(r, 0.6) ? 0 : rng_range(r, -30, 30);
                print_cell(g, cell, v, 0);
            } else {
                int64_t max = 10;
                if (!strcmp(row->code, "rules")) max = gov ? 8 : 1;
                else if (!strcmp(row->code, "normative")) max = gov ? 120 : 15;
                else if (!strcmp(row->code, "license")) max = gov ? 60000 : 3000;
                else if (!strcmp(row->code, "penalty")) max = gov ? 30000 : 2000;
                else if (!strcmp(row->code, "coercion")) max = gov ? 800 : 100;
                else if (!strcmp(row->code, "other_service") || !strcmp(row->code, "fees")) max = 400;
                else if (!strcmp(row->code, "procurement")) max = 600;
                if (!strcmp(col, "in_force") || !strcmp(col, "total_published") || !strcmp(col, "prev_items")) max *= 6;
                print_cell(g, cell, draw_big(r, max), 0);
            }
        }
    }
    for (int i = 0; i < t->tpl->nrows; i++)
        for (int c = 0; c < t->tpl->rows[i].ncols; c++) {
            const char *col = t->tpl->rows[i].cols[c];
            if (!strcmp(col, "amount_wan")) money_unit(&t->c[i][c], "万元");
            else if (!strcmp(col, "amount")) money_unit(&t->c[i][c], g->amount_unit_head);
        }
}

/* Pick the number style; a report that will be flattened keeps every cell printed so that its
 * page can still be read (a blank cell vanishes from a flattened page). */
static void choose_style(greport *g)
{
    rng *r = &g->r;
    double x = rng_unit(r);
    if (g->flat_safe) g->zero_style = x < 0.88 ? ZERO_DIGIT : ZERO_DASH;
    else g->zero_style = x < 0.62 ? ZERO_DIGIT : x < 0.74 ? ZERO_BLANK : x < 0.84 ? ZERO_DASH : x < 0.89 ? ZERO_SLASH : ZERO_MIXED;
    static const char *const names[] = {NULL, "blank_zero", "dash_zero", "slash_zero", "mixed_zero"};
    if (names[g->zero_style]) tag(&g->variations, names[g->zero_style]);
    g->fullwidth = rng_chance(r, 0.07);
    g->thousands = !g->flat_safe && rng_chance(r, 0.3);
    if (g->fullwidth) tag(&g->variations, "fullwidth");
}

/* The kinds this report is written in. A flattened page cannot show a blank cell, so a report
 * rendered flat keeps every cell printed; half the multi-kind reports leave flat out instead, so
 * that blank cells still occur in reports rendered several ways. */
static void choose_kinds(greport *g, const genopts *o)
{
    rng *r = &g->r;
    g->nkinds = 0;
    if (rng_chance(r, o->multi)) {
        int drop_flat = o->nkinds > 1 && rng_chance(r, 0.5);
        for (int i = 0; i < o->nkinds; i++)
            if (!(drop_flat && !strcmp(o->kinds[i], "flat")))
                snprintf(g->kinds[g->nkinds++], sizeof g->kinds[0], "%s", o->kinds[i]);
    } else {
        snprintf(g->kinds[g->nkinds++], sizeof g->kinds[0], "%s", o->kinds[g->index % o->nkinds]);
    }
    for (int i = 0; i < g->nkinds; i++)
        if (!strcmp(g->kinds[i], "flat")) g->flat_safe = 1;
}

static void init_table(gtable *t, const ttemplate *tpl)
{
    t->present = 1;
    t->tpl = tpl;
    for (int i = 0; i < tpl->nrows; i++) t->row_present[i] = 1;
}

void model_build(greport *g, const genopts *o, int index)
{
    memset(g, 0, sizeof *g);
    g->index = index;
    int last = o->start + o->count;
    int width = last > 9999 ? snprintf(NULL, 0, "%d", last) : 4;
    snprintf(g->id, sizeof g->id, "r%0*d", width, index + 1);
    rng_seed(&g->r, o->seed, (uint64_t)index + 1);
    rng *r = &g->r;
    choose_kinds(g, o);
    double v = rng_unit(r);
    if (v < 0.03) {
        g->pre2019 = 1;
        g->version = "pre2019";
        g->year = (int)rng_range(r, 2014, 2018);
    } else if (v < 0.25) {
        g->v2019 = 1;
        g->version = "2019";
        g->year = (int)rng_range(r, 2019, 2020);
    } else {
        g->version = "2021";
        g->year = (int)rng_range(r, 2021, 2025);
        g->collapsed = rng_chance(r, 0.08);
    }
    tag(&g->variations, g->version);
    if (g->collapsed) tag(&g->variations, "collapsed_other");
    choose_agency(g);
    tag(&g->variations, g->government ? "government" : "department");
    choose_dates(g);
    choose_style(g);
    for (int k = 0; k < 6; k++) g->section_present[k] = 1;
    g->narrative_year = g->year;
    g->prose_apps = g->prose_review = g->prose_litigation = g->prose_fee = -1;
    if (g->pre2019) return;
    init_table(&g->t[T2], t2_template(g->v2019));
    init_table(&g->t[T3], t3_template(g->v2019 || g->collapsed));
    init_table(&g->t[T4], t4_template());
    gen_t3(g);
    gen_t4(g);
    gen_t2(g);
    print_table(g, &g->t[T3], 6);
    print_table(g, &g->t[T4], 4);
}

void model_free(greport *g)
{
    for (int i = 0; i < g->nblocks; i++) free(g->blocks[i].text);
    sb_free(&g->variations);
    sb_free(&g->defects);
    g->nblocks = 0;
}
