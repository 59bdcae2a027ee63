/*
 * store/state.c — the SQLite state of nightly runs (see state.h).
 *
 * Schema (PRAGMA user_version is its version; migrations[] brings any older one up to date, a
 * newer one is refused):
 *   runs(id, started, finished, version, catalog, options, files, reused, findings, new, resolved)
 *   files(path, sha256, size, mtime_ns, version, catalog, options, run, rows, line, head, today_from,
 *     today_until): rows is NULL from schema 2 on (file_rows holds them), head the result's counts and
 *     terminal summary; from schema 3 on, [today_from, today_until) the days (from 1970-01-01) over
 *     which the date rules' verdicts on it stay the same — the days it can be reused on (NULL: never,
 *     a row without a head). Schema 2 put the day itself in options (" now=YYYY-MM-DD"): migrated to
 *     that one day. The index files_reuse holds every column of the check whether it can be reused.
 *   file_rows(path, rows): an input's output rows, apart from files so that reading a file's
 *     metadata or summary never walks the pages of its rows
 *   findings(key, path, rule, tbl, row, col, csv, first_run, last_run, open, cross): first seen;
 *     last seen is the latest run while open, last_run once resolved; cross 1 for the rules across
 *     reports
 *   changes(run, kind, key, path, rule, tbl, row, col, csv)
 *   outputs(run, dir, name, key, dev, ino, size, mtime_ns, split, tail): the output files a run left
 *     (their identity once renamed into place), so the next run can tell they are still there
 *   stage(key, run, worst, errors, warnings, infos, findings, jsonl): from schema 3, the findings
 *     across reports of the last run (their findings.csv and findings.jsonl rows, counts), under the
 *     sha256 of everything they were worked out from: a run with the same key writes them again
 *     instead of working them out
 * A run's inputs and findings go first into temporary tables (run_inputs, run_reused,
 * run_findings); finishing compares them with the open findings and writes the changes, all in the
 * run's one transaction. The findings of an input reused from the state are its open ones: they are
 * not recorded again (run_reused says whose they are), so a rerun touches only what changed.
 */
#include "state.h"

#include "../parser/sha256.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct nb_state {
    sqlite3    *db;
    int         en, in_tx;
    long long   run;
    const char *version, *catalog, *options;
    long        today;            /* the run's day (a day number): a reused input's days hold it */
    sqlite3_stmt *get_file, *get_stat, *put_file, *put_finding, *mark_input, *touch_file, *get_rows, *put_rows, *mark_reused;
};

static char errbuf[1024];

static const char *say(int en, const char *zh, const char *enm, const char *path, const char *detail)
{
    snprintf(errbuf, sizeof errbuf, en ? enm : zh, path, detail ? detail : "");
    return errbuf;
}

/* ---- schema ---- */

static const char *const migrations[NB_STATE_SCHEMA] = {
    /* 0 → 1 */
    "CREATE TABLE runs(id INTEGER PRIMARY KEY, started TEXT, finished TEXT, version TEXT, catalog TEXT,"
    " options TEXT, files INTEGER, reused INTEGER, findings INTEGER, new INTEGER, resolved INTEGER);"
    "CREATE TABLE files(path TEXT PRIMARY KEY, sha256 TEXT, size INTEGER, mtime_ns INTEGER, version TEXT,"
    " catalog TEXT, options TEXT, run INTEGER, rows BLOB, line TEXT);"
    "CREATE TABLE findings(key TEXT PRIMARY KEY, path TEXT, rule TEXT, tbl TEXT, row TEXT, col TEXT, csv BLOB,"
    " first_run INTEGER, last_run INTEGER, open INTEGER);"
    "CREATE TABLE changes(run INTEGER, kind INTEGER, key TEXT, path TEXT, rule TEXT, tbl TEXT, row TEXT,"
    " col TEXT, csv BLOB);"
    "CREATE INDEX changes_run ON changes(run);"
    "CREATE INDEX changes_key ON changes(key, run);",
    /* 1 → 2: rows apart from the metadata; findings across reports marked (by their stable IDs);
     * an input's open findings and the open findings across reports found without a scan; the
     * outputs each run left */
    "CREATE TABLE file_rows(path TEXT PRIMARY KEY, rows BLOB);"
    "INSERT INTO file_rows SELECT path, rows FROM files WHERE rows IS NOT NULL;"
    "UPDATE files SET rows = NULL;"
    "ALTER TABLE files ADD COLUMN head BLOB;"
    "ALTER TABLE findings ADD COLUMN cross INTEGER NOT NULL DEFAULT 0;"
    "UPDATE findings SET cross = 1 WHERE rule IN ('YEAR-CARRYOVER', 'YEAR-IN-FORCE', 'YEAR-DUPLICATE', 'COPY-LAST-YEAR',"
    " 'COPY-OTHER-AGENCY', 'ROSTER-MISSING', 'ROSTER-UNLISTED');"
    "CREATE INDEX findings_cross ON findings(cross, open, path);"
    "CREATE TABLE outputs(run INTEGER, dir TEXT, name TEXT, key TEXT, dev INTEGER, ino INTEGER, size INTEGER,"
    " mtime_ns INTEGER, split INTEGER, tail TEXT, PRIMARY KEY(run, name));",
    /* 2 → 3: a kept result holds over the days its verdicts do, not the day it was made: the day
     * leaves options (" now=…", and --today's " today=…") for the days it holds over, which for a
     * result of schema 2 is the day it was made */
    "ALTER TABLE files ADD COLUMN today_from INTEGER;"
    "ALTER TABLE files ADD COLUMN today_until INTEGER;"
    "UPDATE files SET today_from = CAST(julianday(substr(options, instr(options, ' now=') + 5, 10)) - 2440587.5 AS INTEGER),"
    " today_until = CAST(julianday(substr(options, instr(options, ' now=') + 5, 10)) - 2440587.5 AS INTEGER) + 1,"
    " options = replace(options, substr(options, instr(options, ' now='), 15), '')"
    " WHERE instr(options, ' now=') > 0;"
    "UPDATE files SET options = replace(options, substr(options, instr(options, ' today='), 17), '')"
    " WHERE instr(options, ' today=') > 0;"
    "UPDATE files SET today_from = NULL, today_until = NULL WHERE head IS NULL;"
    /* what tells whether an input can be reused, in an index of its own: the check that every input
     * is (before a rerun keeps its outputs) reads it and never the table's pages of heads and summaries */
    "CREATE INDEX files_reuse ON files(path, sha256, size, mtime_ns, version, catalog, options, today_from, today_until);"
    /* and the last run's findings across reports, by what they were worked out from */
    "CREATE TABLE stage(key TEXT PRIMARY KEY, run INTEGER, worst INTEGER, errors INTEGER, warnings INTEGER,"
    " infos INTEGER, findings BLOB, jsonl BLOB);",
};

static int exec(nb_state *st, const char *sql)
{
    return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int user_version(sqlite3 *db)
{
    sqlite3_stmt *s;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* Bring the schema to NB_STATE_SCHEMA inside the run's transaction. */
static int migrate(nb_state *st, const char *path, const char **err)
{
    int v = user_version(st->db);
    if (v < 0) {
        *err = say(st->en, "%s：不是 nianbao 状态库（%s）", "%s: not a nianbao state file (%s)", path, sqlite3_errmsg(st->db));
        return -1;
    }
    if (v > NB_STATE_SCHEMA) {
        char d[64];
        snprintf(d, sizeof d, "%d > %d", v, NB_STATE_SCHEMA);
        *err = say(st->en, "%s：状态库由更新版本的 nianbao 写入（格式 %s），本版本不能使用；请升级 nianbao",
                   "%s: written by a newer nianbao (schema %s); this one cannot use it — upgrade nianbao", path, d);
        return -1;
    }
    for (; v < NB_STATE_SCHEMA; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
        if (exec(st, migrations[v]) != 0 || exec(st, pragma) != 0) {
            *err = say(st->en, "%s：无法升级状态库（%s）", "%s: cannot migrate the state (%s)", path, sqlite3_errmsg(st->db));
            return -1;
        }
    }
    return 0;
}

static int prepare(nb_state *st, sqlite3_stmt **s, const char *sql)
{
    return sqlite3_prepare_v2(st->db, sql, -1, s, NULL) == SQLITE_OK ? 0 : -1;
}

static void finalize_all(nb_state *st)
{
    sqlite3_stmt **all[] = {&st->get_file, &st->get_stat, &st->put_file, &st->put_finding, &st->mark_input, &st->touch_file,
                            &st->get_rows, &st->put_rows, &st->mark_reused};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        sqlite3_finalize(*all[i]);
        *all[i] = NULL;
    }
}

static int open_db(const char *path, int flags, int busy_ms, int en, nb_state **out, const char **err)
{
    *out = NULL;
    nb_state *st = calloc(1, sizeof *st);
    if (!st) abort();
    st->en = en;
    if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
        *err = say(en, "%s：无法打开状态库（%s）", "%s: cannot open the state (%s)", path, sqlite3_errmsg(st->db));
        sqlite3_close(st->db);
        free(st);
        return -1;
    }
    sqlite3_busy_timeout(st->db, busy_ms);
    *out = st;
    return 0;
}

int nb_state_open(const char *path, int busy_ms, int en, nb_state **out, const char **err)
{
    nb_state *st;
    if (open_db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, busy_ms, en, &st, err) != 0) return -1;
    /* the rollback journal (not WAL): a state on a network file system stays safe */
    int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_BUSY) {
        char d[32];
        snprintf(d, sizeof d, "%d ms", busy_ms);
        *err = say(en, "%s：另一次运行正在使用状态库（已等待 %s，见 --busy-timeout）",
                   "%s: another run is using the state (waited %s, see --busy-timeout)", path, d);
    } else if (rc != SQLITE_OK) {
        *err = say(en, "%s：不是 nianbao 状态库（%s）", "%s: not a nianbao state file (%s)", path, sqlite3_errmsg(st->db));
    }
    if (rc != SQLITE_OK || migrate(st, path, err) != 0) {
        nb_state_close(st);
        return -1;
    }
    st->in_tx = 1;
    /* more of the state's pages in memory than SQLite's 2 MB (a run reads its files table whole):
     * 16 MB, whatever the number of reports */
    exec(st, "PRAGMA cache_size=-16384");
    if (exec(st, "CREATE TEMP TABLE run_inputs(path TEXT PRIMARY KEY);"
                 "CREATE TEMP TABLE run_reused(path TEXT PRIMARY KEY);"
                 "CREATE TEMP TABLE run_findings(key TEXT PRIMARY KEY, path TEXT, rule TEXT, tbl TEXT, row TEXT,"
                 " col TEXT, csv BLOB, cross INTEGER)") != 0 ||
        prepare(st, &st->get_file, "SELECT sha256, size, mtime_ns, version, catalog, options,"
                                   " today_from <= ?2 AND ?2 < today_until, head, line FROM files WHERE path=?1") ||
        prepare(st, &st->get_stat, "SELECT sha256, size, mtime_ns, version, catalog, options,"
                                   " today_from <= ?2 AND ?2 < today_until FROM files INDEXED BY files_reuse WHERE path=?1") ||
        prepare(st, &st->get_rows, "SELECT rows FROM file_rows WHERE path=?") ||
        prepare(st, &st->put_file, "INSERT OR REPLACE INTO files(path, sha256, size, mtime_ns, version, catalog, options,"
                                   " run, rows, line, head, today_from, today_until) VALUES(?,?,?,?,?,?,?,?,NULL,?,?,?,?)") ||
        prepare(st, &st->put_rows, "INSERT OR REPLACE INTO file_rows(path, rows) VALUES(?,?)") ||
        prepare(st, &st->touch_file, "UPDATE files SET size=?, mtime_ns=?, run=? WHERE path=?") ||
        prepare(st, &st->put_finding, "INSERT OR REPLACE INTO run_findings VALUES(?,?,?,?,?,?,?,?)") ||
        prepare(st, &st->mark_input, "INSERT OR IGNORE INTO run_inputs VALUES(?)") ||
        prepare(st, &st->mark_reused, "INSERT OR IGNORE INTO run_reused VALUES(?)")) {
        *err = say(en, "%s：无法读取状态库（%s）", "%s: cannot read the state (%s)", path, sqlite3_errmsg(st->db));
        nb_state_close(st);
        return -1;
    }
    *out = st;
    return 0;
}

int nb_state_open_ro(const char *path, int busy_ms, int en, nb_state **out, const char **err)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        *err = say(en, "%s：状态库不存在", "%s: no such state file", path, NULL);
        return -1;
    }
    nb_state *st;
    if (open_db(path, SQLITE_OPEN_READONLY, busy_ms, en, &st, err) != 0) return -1;
    int v = user_version(st->db);
    if (v != NB_STATE_SCHEMA) {
        char d[32];
        snprintf(d, sizeof d, "%d", v);
        *err = v < 0 ? say(en, "%s：不是 nianbao 状态库%s", "%s: not a nianbao state file%s", path, "")
                     : say(en, "%s：状态库格式 %s 与本版本不符（先用本版本运行一次 audit --state 以升级）",
                           "%s: state schema %s is not this nianbao's (run audit --state once with this version to migrate)",
                           path, d);
        nb_state_close(st);
        return -1;
    }
    *out = st;
    return 0;
}

void nb_state_close(nb_state *st)
{
    if (!st) return;
    finalize_all(st);
    if (st->in_tx) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(st->db);
    free(st);
}

/* ---- a run ---- */

static void now_text(char *buf, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

long long nb_state_begin_run(nb_state *st, const char *version, const char *catalog, const char *options, long today)
{
    st->today = today;
    st->version = version;
    st->catalog = catalog;
    st->options = options;
    char now[32];
    now_text(now, sizeof now);
    sqlite3_stmt *s;
    if (prepare(st, &s, "INSERT INTO runs(started, version, catalog, options) VALUES(?,?,?,?)") != 0) return -1;
    sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, version, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, catalog, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, options, -1, SQLITE_STATIC);
    int ok = sqlite3_step(s) == SQLITE_DONE;
    sqlite3_finalize(s);
    st->run = ok ? sqlite3_last_insert_rowid(st->db) : -1;
    return st->run;
}

static int same_text(sqlite3_stmt *s, int col, const char *want)
{
    const unsigned char *v = sqlite3_column_text(s, col);
    return v && want && !strcmp((const char *)v, want);
}

static void touch(nb_state *st, const char *path, long long size, long long mtime_ns)
{
    sqlite3_stmt *t = st->touch_file;
    sqlite3_reset(t);
    sqlite3_bind_int64(t, 1, size);
    sqlite3_bind_int64(t, 2, mtime_ns);
    sqlite3_bind_int64(t, 3, st->run);
    sqlite3_bind_text(t, 4, path, -1, SQLITE_STATIC);
    sqlite3_step(t);
    sqlite3_reset(t);
}

static void *dup_column(sqlite3_stmt *s, int col, size_t *len)
{
    *len = (size_t)sqlite3_column_bytes(s, col);
    char *p = malloc(*len + 1);
    if (!p) abort();
    if (*len) memcpy(p, sqlite3_column_blob(s, col), *len);
    p[*len] = '\0';
    return p;
}

int nb_state_lookup(nb_state *st, const char *path, long long size, long long mtime_ns, int data, nb_state_file *f)
{
    memset(f, 0, sizeof *f);
    /* without data, the index alone answers (get_stat) */
    sqlite3_stmt *s = data ? st->get_file : st->get_stat;
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, st->today);
    int found = 0;
    if (sqlite3_step(s) == SQLITE_ROW && same_text(s, 3, st->version) && same_text(s, 4, st->catalog) &&
        same_text(s, 5, st->options) && sqlite3_column_int(s, 6) == 1 && (!data || sqlite3_column_type(s, 7) == SQLITE_BLOB)) {
        int same_stat = sqlite3_column_int64(s, 1) == size && sqlite3_column_int64(s, 2) == mtime_ns;
        char sha[65] = "";
        /* stat first; the bytes are hashed only when the stat changed */
        if (!same_stat && (nb_sha256_file(path, sha), *sha) && same_text(s, 0, sha)) {
            touch(st, path, size, mtime_ns);
            same_stat = 1;
        }
        if (same_stat) {
            const unsigned char *h = sqlite3_column_text(s, 0);
            snprintf(f->sha256, sizeof f->sha256, "%s", h ? (const char *)h : "");
            if (data) f->head = dup_column(s, 7, &f->head_len);
            if (data && sqlite3_column_type(s, 8) != SQLITE_NULL) f->line = dup_column(s, 8, &f->line_len);
            found = 1;
        }
    }
    sqlite3_reset(s);
    return found;
}

void nb_state_file_free(nb_state_file *f)
{
    free(f->head);
    free(f->line);
    f->head = f->line = NULL;
}

int nb_state_rows(nb_state *st, const char *path, void **rows, size_t *len)
{
    sqlite3_stmt *s = st->get_rows;
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
    int found = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) == SQLITE_BLOB;
    if (found) *rows = dup_column(s, 0, len);
    sqlite3_reset(s);
    return found;
}

void nb_state_put_file(nb_state *st, const char *path, const char *sha256, long long size, long long mtime_ns,
                       const void *head, size_t head_len, const void *rows, size_t len, const char *line,
                       long today_from, long today_until)
{
    sqlite3_stmt *s = st->put_file;
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, size);
    sqlite3_bind_int64(s, 4, mtime_ns);
    sqlite3_bind_text(s, 5, st->version, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, st->catalog, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, st->options, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 8, st->run);
    if (line) sqlite3_bind_text(s, 9, line, -1, SQLITE_STATIC);
    else sqlite3_bind_null(s, 9);
    sqlite3_bind_blob(s, 10, head, (int)head_len, SQLITE_STATIC);
    sqlite3_bind_int64(s, 11, today_from);
    sqlite3_bind_int64(s, 12, today_until);
    sqlite3_step(s);
    sqlite3_reset(s);
    s = st->put_rows;
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 2, rows, (int)len, SQLITE_STATIC);
    sqlite3_step(s);
    sqlite3_reset(s);
}

static void mark(sqlite3_stmt *s, const char *path)
{
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
    sqlite3_step(s);
    sqlite3_reset(s);
}

void nb_state_mark_reused(nb_state *st, const char *path)
{
    mark(st->mark_reused, path);
}

void nb_state_mark_input(nb_state *st, const char *path)
{
    mark(st->mark_input, path);
}

int nb_state_each_earlier_summary(nb_state *st, void (*cb)(void *ctx, long long run, const char *line, size_t len),
                                  void *ctx)
{
    sqlite3_stmt *s;
    if (prepare(st, &s, "SELECT run, line FROM files WHERE line IS NOT NULL AND path NOT IN (SELECT path FROM run_inputs)"
                        " ORDER BY path") != 0)
        return -1;
    while (sqlite3_step(s) == SQLITE_ROW)
        cb(ctx, sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1), (size_t)sqlite3_column_bytes(s, 1));
    sqlite3_finalize(s);
    return 0;
}

int nb_state_each_summary(nb_state *st, void (*cb)(void *ctx, long long run, const char *line, size_t len), void *ctx)
{
    sqlite3_stmt *s;
    if (prepare(st, &s, "SELECT run, line FROM files WHERE line IS NOT NULL ORDER BY path") != 0) return -1;
    while (sqlite3_step(s) == SQLITE_ROW)
        cb(ctx, sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1), (size_t)sqlite3_column_bytes(s, 1));
    sqlite3_finalize(s);
    return 0;
}

void nb_state_put_finding(nb_state *st, const char *path, const char *rule, const char *table, const char *row,
                          const char *col, const char *csv, size_t csv_len, int cross)
{
    char *key = g_strdup_printf("%s\x1f%s\x1f%s\x1f%s\x1f%s", path, rule, table, row, col);
    sqlite3_stmt *s = st->put_finding;
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, rule, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, row, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, col, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 7, csv, (int)csv_len, SQLITE_STATIC);
    sqlite3_bind_int(s, 8, cross != 0);
    sqlite3_step(s);
    sqlite3_reset(s);
    g_free(key);
}

/* The outputs rows sql selects (binding dir and key), up to max into v; returns how many. */
static int outputs_of(nb_state *st, const char *sql, const char *dir, const char *key, nb_state_output *v, int max)
{
    sqlite3_stmt *s;
    if (prepare(st, &s, sql) != 0) return 0;
    sqlite3_bind_text(s, 1, dir, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
    int n = 0;
    while (n < max && sqlite3_step(s) == SQLITE_ROW) {
        nb_state_output *o = &v[n++];
        const unsigned char *name = sqlite3_column_text(s, 0), *tail = sqlite3_column_text(s, 6);
        snprintf(o->name, sizeof o->name, "%s", name ? (const char *)name : "");
        o->dev = sqlite3_column_int64(s, 1);
        o->ino = sqlite3_column_int64(s, 2);
        o->size = sqlite3_column_int64(s, 3);
        o->mtime_ns = sqlite3_column_int64(s, 4);
        o->split = sqlite3_column_int64(s, 5);
        snprintf(o->tail, sizeof o->tail, "%s", tail ? (const char *)tail : "");
    }
    sqlite3_finalize(s);
    return n;
}

int nb_state_last_outputs(nb_state *st, const char *dir, const char *key, nb_state_output *v, int max)
{
    return outputs_of(st, "SELECT name, dev, ino, size, mtime_ns, split, tail FROM outputs"
                          " WHERE run = (SELECT max(id) FROM runs WHERE finished IS NOT NULL) AND dir = ?1 AND key = ?2"
                          " ORDER BY name", dir, key, v, max);
}

int nb_state_key_outputs(nb_state *st, const char *key, char *dir, size_t n, nb_state_output *v, int max)
{
    sqlite3_stmt *s;
    *dir = '\0';
    if (prepare(st, &s, "SELECT dir FROM outputs WHERE key = ? ORDER BY run DESC LIMIT 1") != 0) return 0;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        snprintf(dir, n, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    if (!*dir) return 0;
    return outputs_of(st, "SELECT name, dev, ino, size, mtime_ns, split, tail FROM outputs"
                          " WHERE run = (SELECT max(run) FROM outputs WHERE dir = ?1 AND key = ?2) AND dir = ?1 AND key = ?2"
                          " ORDER BY name", dir, key, v, max);
}

void nb_state_put_output(nb_state *st, const char *dir, const char *key, const nb_state_output *out)
{
    sqlite3_stmt *s;
    if (prepare(st, &s, "INSERT OR REPLACE INTO outputs(run, dir, name, key, dev, ino, size, mtime_ns, split, tail)"
                        " VALUES(?,?,?,?,?,?,?,?,?,?)") != 0)
        return;
    sqlite3_bind_int64(s, 1, st->run);
    sqlite3_bind_text(s, 2, dir, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, out->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 5, out->dev);
    sqlite3_bind_int64(s, 6, out->ino);
    sqlite3_bind_int64(s, 7, out->size);
    sqlite3_bind_int64(s, 8, out->mtime_ns);
    sqlite3_bind_int64(s, 9, out->split);
    sqlite3_bind_text(s, 10, out->tail, -1, SQLITE_STATIC);
    sqlite3_step(s);
    sqlite3_finalize(s);
}

int nb_state_get_stage(nb_state *st, const char *key, nb_state_stage *g)
{
    memset(g, 0, sizeof *g);
    sqlite3_stmt *s;
    if (prepare(st, &s, "SELECT worst, errors, warnings, infos, findings, jsonl FROM stage WHERE key = ?") != 0) return 0;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    int found = sqlite3_step(s) == SQLITE_ROW;
    if (found) {
        g->worst = sqlite3_column_int(s, 0);
        for (int k = 0; k < 3; k++) g->counts[2 - k] = sqlite3_column_int(s, 1 + k);
        g->csv = dup_column(s, 4, &g->csv_len);
        g->jsonl = dup_column(s, 5, &g->jsonl_len);
    }
    sqlite3_finalize(s);
    return found;
}

void nb_state_stage_free(nb_state_stage *g)
{
    free(g->csv);
    free(g->jsonl);
    g->csv = g->jsonl = NULL;
}

void nb_state_put_stage(nb_state *st, const char *key, const nb_state_stage *g)
{
    sqlite3_stmt *s;
    if (exec(st, "DELETE FROM stage") != 0 ||
        prepare(st, &s, "INSERT INTO stage(key, run, worst, errors, warnings, infos, findings, jsonl) VALUES(?,?,?,?,?,?,?,?)") != 0)
        return;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, st->run);
    sqlite3_bind_int(s, 3, g->worst);
    for (int k = 0; k < 3; k++) sqlite3_bind_int(s, 4 + k, g->counts[2 - k]);
    sqlite3_bind_blob(s, 7, g->csv ? g->csv : "", (int)g->csv_len, SQLITE_STATIC);
    sqlite3_bind_blob(s, 8, g->jsonl ? g->jsonl : "", (int)g->jsonl_len, SQLITE_STATIC);
    sqlite3_step(s);
    sqlite3_finalize(s);
}

static long long count_of(nb_state *st, const char *sql)
{
    sqlite3_stmt *s;
    long long n = -1;
    if (prepare(st, &s, sql) != 0) return -1;
    sqlite3_bind_int64(s, 1, st->run);
    if (sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

static int exec_run(nb_state *st, const char *sql)
{
    sqlite3_stmt *s;
    if (prepare(st, &s, sql) != 0) return -1;
    for (int i = 1; i <= sqlite3_bind_parameter_count(s); i++) sqlite3_bind_int64(s, i, st->run);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(s);
    return rc;
}

int nb_state_finish(nb_state *st, long files, long reused, long *nnew, long *nresolved)
{
    /* new: found now, not open before. resolved: open before, not found now, on an input of this run
     * — but an input reused from the state keeps its own findings (they are not in run_findings),
     * so only its findings across reports can be resolved — or, for a finding across reports, about
     * the run itself (no input path: ROSTER-MISSING). Each kind of candidate comes through the index
     * (cross, open, path), never from a scan of every finding. */
    int rc = exec_run(st, "INSERT INTO changes SELECT ?1, 1, r.key, r.path, r.rule, r.tbl, r.row, r.col, r.csv"
                          " FROM run_findings r LEFT JOIN findings f ON f.key = r.key AND f.open = 1 WHERE f.key IS NULL ORDER BY r.rowid");
    if (!rc) rc = exec_run(st, "INSERT INTO changes SELECT ?1, 2, key, path, rule, tbl, row, col, csv FROM ("
                               " SELECT f.* FROM findings f WHERE f.cross = 1 AND f.open = 1"
                               "  AND (f.path IN (SELECT path FROM run_inputs) OR f.path NOT IN (SELECT path FROM files))"
                               " UNION ALL SELECT f.* FROM run_inputs i CROSS JOIN findings f"
                               "  ON f.cross = 0 AND f.open = 1 AND f.path = i.path WHERE i.path NOT IN (SELECT path FROM run_reused))"
                               " WHERE key NOT IN (SELECT key FROM run_findings) ORDER BY path, key");
    /* an open finding's last_run is kept as the run that (re)opened it and read as "the latest run" while
     * it is open, so that a night on which nothing changed rewrites no row of this table */
    if (!rc) rc = exec_run(st, "UPDATE findings SET open = 0, last_run = (SELECT max(id) FROM runs WHERE id < ?1 AND finished IS NOT NULL)"
                               " WHERE key IN (SELECT key FROM changes WHERE run = ?1 AND kind = 2)");
    if (!rc) rc = exec_run(st, "INSERT INTO findings(key, path, rule, tbl, row, col, csv, first_run, last_run, open, cross)"
                               " SELECT key, path, rule, tbl, row, col, csv, ?1, ?1, 1, cross FROM run_findings WHERE true"
                               " ON CONFLICT(key) DO UPDATE SET csv = excluded.csv, open = 1, cross = excluded.cross,"
                               " first_run = CASE WHEN findings.open = 1 THEN findings.first_run ELSE ?1 END,"
                               " last_run = CASE WHEN findings.open = 1 THEN findings.last_run ELSE ?1 END"
                               " WHERE findings.open = 0 OR findings.csv IS NOT excluded.csv");
    long long n1 = count_of(st, "SELECT count(*) FROM changes WHERE run = ? AND kind = 1");
    long long n2 = count_of(st, "SELECT count(*) FROM changes WHERE run = ? AND kind = 2");
    /* the run's findings: those recorded, and the reused inputs' own, open since they were read */
    long long nf = count_of(st, "SELECT (SELECT count(*) FROM run_findings WHERE ?1 IS NOT NULL)"
                                " + (SELECT count(*) FROM run_reused r CROSS JOIN findings f"
                                " ON f.cross = 0 AND f.open = 1 AND f.path = r.path)");
    if (!rc) {
        char now[32];
        now_text(now, sizeof now);
        sqlite3_stmt *s;
        rc = prepare(st, &s, "UPDATE runs SET finished=?, files=?, reused=?, findings=?, new=?, resolved=? WHERE id=?");
        if (!rc) {
            sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(s, 2, files);
            sqlite3_bind_int64(s, 3, reused);
            sqlite3_bind_int64(s, 4, nf);
            sqlite3_bind_int64(s, 5, n1);
            sqlite3_bind_int64(s, 6, n2);
            sqlite3_bind_int64(s, 7, st->run);
            rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
            sqlite3_finalize(s);
        }
    }
    finalize_all(st);
    if (!rc) rc = exec(st, "COMMIT");
    if (rc) return -1;
    st->in_tx = 0;
    *nnew = (long)n1;
    *nresolved = (long)n2;
    return 0;
}

/* ---- reading ---- */

static const char *col_text(nb_arena *a, sqlite3_stmt *s, int i)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    return nb_strdup(a, v ? (const char *)v : "");
}

static void run_of(nb_arena *a, sqlite3_stmt *s, nb_state_run *r)
{
    r->id = sqlite3_column_int64(s, 0);
    r->started = col_text(a, s, 1);
    r->finished = col_text(a, s, 2);
    r->version = col_text(a, s, 3);
    r->files = sqlite3_column_int(s, 4);
    r->reused = sqlite3_column_int(s, 5);
    r->findings = sqlite3_column_int(s, 6);
    r->nnew = sqlite3_column_int(s, 7);
    r->nresolved = sqlite3_column_int(s, 8);
}

#define RUN_COLS "id, started, finished, version, files, reused, findings, new, resolved"

int nb_state_last_run(nb_state *st, nb_arena *a, nb_state_run *r)
{
    memset(r, 0, sizeof *r);
    sqlite3_stmt *s;
    if (prepare(st, &s, "SELECT " RUN_COLS " FROM runs WHERE finished IS NOT NULL ORDER BY id DESC LIMIT 1") != 0) return -1;
    if (sqlite3_step(s) == SQLITE_ROW) run_of(a, s, r);
    sqlite3_finalize(s);
    return 0;
}

int nb_state_each_run(nb_state *st, nb_arena *a, int (*cb)(void *ctx, const nb_state_run *r), void *ctx)
{
    sqlite3_stmt *s;
    if (prepare(st, &s, "SELECT " RUN_COLS " FROM runs WHERE finished IS NOT NULL ORDER BY id") != 0) return -1;
    while (sqlite3_step(s) == SQLITE_ROW) {
        nb_state_run r;
        run_of(a, s, &r);
        if (cb(ctx, &r)) break;
    }
    sqlite3_finalize(s);
    return 0;
}

static int each_change_row(sqlite3_stmt *s, nb_arena *a, int (*cb)(void *ctx, const nb_state_change *c), void *ctx)
{
    while (sqlite3_step(s) == SQLITE_ROW) {
        nb_state_change c;
        c.run = sqlite3_column_int64(s, 0);
        c.kind = sqlite3_column_int(s, 1);
        c.path = col_text(a, s, 2);
        c.f.rule = col_text(a, s, 3);
        c.f.table = col_text(a, s, 4);
        c.f.row = col_text(a, s, 5);
        c.f.col = col_text(a, s, 6);
        c.f.csv_len = (size_t)sqlite3_column_bytes(s, 7);
        c.f.csv = nb_strndup(a, sqlite3_column_blob(s, 7) ? sqlite3_column_blob(s, 7) : "", c.f.csv_len);
        int stop = cb(ctx, &c);
        nb_arena_free(a);
        nb_arena_init(a);
        if (stop) break;
    }
    sqlite3_finalize(s);
    return 0;
}

int nb_state_each_change(nb_state *st, long long run, nb_arena *a, int (*cb)(void *ctx, const nb_state_change *c),
                         void *ctx)
{
    sqlite3_stmt *s;
    if (prepare(st, &s, "SELECT run, kind, path, rule, tbl, row, col, csv FROM changes WHERE run = ? ORDER BY kind, rowid") != 0)
        return -1;
    sqlite3_bind_int64(s, 1, run);
    return each_change_row(s, a, cb, ctx);
}

int nb_state_each_difference(nb_state *st, long long run1, long long run2, nb_arena *a,
                             int (*cb)(void *ctx, const nb_state_change *c), void *ctx)
{
    /* a finding is open after run R when its last change up to R made it new */
    static const char *const sql =
        "WITH last1 AS (SELECT key, kind, max(run) AS r FROM changes WHERE run <= ?1 GROUP BY key),"
        " last2 AS (SELECT key, kind, max(run) AS r FROM changes WHERE run <= ?2 GROUP BY key),"
        " open1 AS (SELECT key FROM last1 WHERE kind = 1), open2 AS (SELECT key FROM last2 WHERE kind = 1),"
        " diff AS (SELECT key, 1 AS k FROM open2 WHERE key NOT IN (SELECT key FROM open1)"
        "          UNION ALL SELECT key, 2 FROM open1 WHERE key NOT IN (SELECT key FROM open2))"
        " SELECT ?2, d.k, f.path, f.rule, f.tbl, f.row, f.col, f.csv FROM diff d JOIN findings f ON f.key = d.key"
        " ORDER BY d.k, f.path, f.key";
    sqlite3_stmt *s;
    if (prepare(st, &s, sql) != 0) return -1;
    sqlite3_bind_int64(s, 1, run1);
    sqlite3_bind_int64(s, 2, run2);
    return each_change_row(s, a, cb, ctx);
}
