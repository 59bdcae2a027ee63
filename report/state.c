/*
 * report/state.c — the page's view of the run's history (see state.h), from the SQLite store of
 * issue 15 (store/state.h) when it is in the build.
 *
 * What the last run recorded as changes (store: nb_state_each_change) becomes the page's "new" and
 * "resolved" lists; a new finding is tied to the same finding of this run's folder (path, rule and
 * place), a resolved one keeps the message of its findings.csv row as the store kept it. The
 * roster's missing reports reach the page without this file: they are ROSTER-MISSING findings of the
 * run itself in findings.csv. Without the store in the build, --state is a clear error.
 */
#include "state.h"

#include <glib.h>
#include <string.h>

#if defined(__has_include)
#if __has_include("../store/state.h")
#define NB_HAVE_STORE 1
#endif
#endif

#ifdef NB_HAVE_STORE
#include "../rules/xreport.h"
#include "../store/state.h"

/* The figures of every report the store keeps, for the plots across years. */
typedef struct history {
    nb_arena *a;
    nb_vec    points;           /* nb_view_point */
} history;

static void on_summary(void *ctx, long long run, const char *line, size_t len)
{
    (void)run;
    history *h = ctx;
    static const struct { int num; const char *series; } figures[] = {
        {NB_X_NEW_TOTAL, "t3.new"}, {NB_X_GRANTED_TOTAL, "t3.granted"},
        {NB_X_REVIEW_TOTAL, "t4.review"}, {NB_X_SUIT_DIRECT_TOTAL, "t4.suit_direct"},
    };
    nb_xdoc d;
    if (nb_xdoc_parse(line, len, h->a, &d) != 0 || !*d.agency || !d.year) return;
    for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
        if (d.num[figures[i].num] == NB_X_UNKNOWN) continue;
        nb_view_point *p = nb_vec_push(&h->points);
        *p = (nb_view_point){d.agency, figures[i].series, d.year, (double)d.num[figures[i].num]};
    }
}

typedef struct collect {
    const nb_rundata *run;
    nb_arena *a;
    nb_vec added, resolved;     /* nb_view_finding */
} collect;

/* Field n (0-based) of one CSV row, unquoted, in the arena. */
static const char *csv_field(nb_arena *a, const char *row, size_t len, int n)
{
    const char *p = row, *end = row + len;
    for (int k = 0; p <= end; k++) {
        GString *f = g_string_new(NULL);
        int quoted = p < end && *p == '"';
        if (quoted) p++;
        while (p < end) {
            if (quoted && *p == '"' && p + 1 < end && p[1] == '"') g_string_append_c(f, '"'), p += 2;
            else if (quoted && *p == '"') quoted = 0, p++;
            else if (!quoted && (*p == ',' || *p == '\n' || *p == '\r')) break;
            else g_string_append_c(f, *p++);
        }
        if (k == n) {
            const char *out = nb_strndup(a, f->str, f->len);
            g_string_free(f, TRUE);
            return out;
        }
        g_string_free(f, TRUE);
        if (p >= end || *p != ',') break;
        p++;
    }
    return "";
}

static int doc_at_path(const nb_rundata *run, const char *path)
{
    for (int k = 0; k < run->ndocs; k++)
        if (!strcmp(run->docs[k].file, path)) return k;
    return -1;
}

static int on_change(void *ctx, const nb_state_change *c)
{
    collect *cl = ctx;
    if (c->kind != NB_CHANGE_NEW && c->kind != NB_CHANGE_RESOLVED) return 0;
    nb_view_finding *v = nb_vec_push(c->kind == NB_CHANGE_NEW ? &cl->added : &cl->resolved);
    const nb_state_finding *f = &c->f;
    int k = doc_at_path(cl->run, c->path);
    const char *base = strrchr(c->path, '/');
    v->agency = k >= 0 ? cl->run->docs[k].agency : nb_strdup(cl->a, base ? base + 1 : c->path);
    v->year = k >= 0 ? cl->run->docs[k].year : 0;
    v->sha256 = k >= 0 ? cl->run->docs[k].sha256 : "";
    v->rule = nb_strdup(cl->a, f->rule);
    v->cell = nb_sprintf(cl->a, "%s%s%s%s%s", f->table, *f->row ? "." : "", f->row, *f->col ? "." : "", f->col);
    v->message = f->csv ? csv_field(cl->a, f->csv, f->csv_len, 10) : "";
    v->finding = -1;
    if (c->kind == NB_CHANGE_NEW && k >= 0)
        for (int i = 0; i < cl->run->docs[k].nfindings && v->finding < 0; i++) {
            const nb_rfinding *x = &cl->run->findings[cl->run->docs[k].findings[i]];
            if (!strcmp(x->f.rule->id, f->rule) && !strcmp(x->f.table, f->table) && !strcmp(x->f.row, f->row) &&
                !strcmp(x->f.col, f->col))
                v->finding = cl->run->docs[k].findings[i];
        }
    return 0;
}

static nb_view_finding *freeze(nb_arena *a, nb_vec *v, int *n)
{
    *n = (int)v->len;
    nb_view_finding *out = nb_alloc(a, v->len * sizeof *out + 1);
    if (v->len) memcpy(out, v->data, v->len * sizeof *out);
    nb_vec_free(v);
    return out;
}

int nb_state_view_load(const char *path, const nb_rundata *run, int en, nb_state_view *v, const char **err)
{
    memset(v, 0, sizeof *v);
    nb_arena *a = (nb_arena *)&run->arena;
    nb_state *st = NULL;
    const char *e = NULL;
    if (nb_state_open_ro(path, 5000, en, &st, &e) != 0) {
        *err = nb_strdup(a, e ? e : path);
        return -1;
    }
    nb_state_run r;
    memset(&r, 0, sizeof r);
    int rc = nb_state_last_run(st, a, &r);
    if (rc == 0 && r.id > 0) {
        v->previous_run = nb_sprintf(a, en ? "run %lld, %s" : "第 %lld 次运行，%s", (long long)r.id, r.started ? r.started : "");
        collect cl = {run, a, {0}, {0}};
        nb_vec_init(&cl.added, sizeof(nb_view_finding));
        nb_vec_init(&cl.resolved, sizeof(nb_view_finding));
        /* the store resets its arena after each change: what is kept is copied into the run's */
        nb_arena scratch;
        nb_arena_init(&scratch);
        rc = nb_state_each_change(st, r.id, &scratch, on_change, &cl);
        nb_arena_free(&scratch);
        v->added = freeze(a, &cl.added, &v->nadded);
        v->resolved = freeze(a, &cl.resolved, &v->nresolved);
    }
    if (rc == 0) {
        history h = {a, {0}};
        nb_vec_init(&h.points, sizeof(nb_view_point));
        rc = nb_state_each_summary(st, on_summary, &h);
        v->nhistory = (int)h.points.len;
        v->history = nb_alloc(a, h.points.len * sizeof *v->history + 1);
        if (h.points.len) memcpy(v->history, h.points.data, h.points.len * sizeof *v->history);
        nb_vec_free(&h.points);
    }
    nb_state_close(st);
    if (rc != 0) {
        *err = nb_sprintf(a, en ? "%s: cannot read the state" : "%s：无法读取状态库", path);
        memset(v, 0, sizeof *v);
        return -1;
    }
    return 0;
}

#else

int nb_state_view_load(const char *path, const nb_rundata *run, int en, nb_state_view *v, const char **err)
{
    memset(v, 0, sizeof *v);
    nb_arena *a = (nb_arena *)&run->arena;
    *err = nb_sprintf(a, en ? "%s: this build has no state store yet (--state needs store/, issue 15)"
                            : "%s：本版本尚无状态库（--state 需要 store/，见 issue 15）", path);
    return -1;
}

#endif
