/*
 * tests/test_scale.c — the pieces of scale-out (cmd/shard.c, cmd/jsonl.c) on their own: --shard's
 * spec and split, shard-index.tsv written and read back, and a document's JSON Lines record turned
 * back into the very rows it was made from, for fields that CSV and JSON both have to escape.
 * The whole round trips over real inputs are tests/cli/scale.sh.
 */
#include "testutil.h"

#include <unistd.h>

#include "../cmd/jsonl.h"
#include "../cmd/shard.h"

static void shard_spec(void **state)
{
    (void)state;
    int k = 0, n = 0;
    assert_int_equal(nb_shard_parse("3/7", &k, &n), 0);
    assert_int_equal(k, 3);
    assert_int_equal(n, 7);
    assert_int_equal(nb_shard_parse("1/1", &k, &n), 0);
    static const char *const bad[] = {"0/2", "3/2", "a/b", "1/", "/2", "1/2x", "-1/2", "2", "", "1/0"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (nb_shard_parse(bad[i], &k, &n) == 0) fail_msg("'%s' taken as a shard", bad[i]);
}

/* The shard of a file depends on its path below the folder named, not on where that folder is. */
static void shard_by_relative_path(void **state)
{
    (void)state;
    char a[] = "corpus/docs/r0001.pdf", b[] = "/mnt/other/place/docs/r0001.pdf", c[] = "./docs/r0001.pdf",
         d[] = "docs/r0001.pdf";
    nb_input x = {a, NB_ERR_NONE, NULL, 7}, y = {b, NB_ERR_NONE, NULL, 17}, z = {c, NB_ERR_NONE, NULL, 0},
             w = {d, NB_ERR_NONE, NULL, 0};
    for (int n = 1; n <= 64; n++) {
        int s = nb_shard_of(&x, n);
        assert_true(s >= 1 && s <= n);
        assert_int_equal(nb_shard_of(&y, n), s);
        assert_int_equal(nb_shard_of(&z, n), s);
        assert_int_equal(nb_shard_of(&w, n), s);
    }
    /* and the split is not lopsided: 8,000 names in 4 shards, each within 10% of a quarter */
    int count[5] = {0};
    for (int i = 0; i < 8000; i++) {
        char name[64];
        snprintf(name, sizeof name, "2025/%04d-report.pdf", i);
        nb_input in = {name, NB_ERR_NONE, NULL, 0};
        count[nb_shard_of(&in, 4)]++;
    }
    for (int s = 1; s <= 4; s++)
        if (count[s] < 1800 || count[s] > 2200) fail_msg("shard %d/4 holds %d of 8000", s, count[s]);
}

/* A D line with a path and a detail that hold every character the index escapes. */
static void shard_index_round_trip(void **state)
{
    (void)state;
    char dir[] = "/tmp/nb-test-scale.XXXXXX";
    assert_non_null(mkdtemp(dir));
    nb_result res = {0};
    nb_result_clear(&res);
    res.unreadable = 1;
    res.worst = 2;
    res.counts[0] = 3, res.counts[1] = 4, res.counts[2] = 5;
    res.status = NB_STATUS_ERROR;
    res.err = NB_ERR_CRASH;
    snprintf(res.detail, sizeof res.detail, "signal 11\tat %%0A\n");
    nb_buf_puts(&res.out[NB_OUT_DOCUMENTS], "row\n");
    nb_buf_puts(&res.out[NB_OUT_CELLS], "cells\ncells\n");
    long long off[NB_OUT__COUNT] = {10, 20, 30, 40, 50, 60, 70, 80};
    nb_buf b = {0};
    nb_shard_head(&b, 2, 3, 41, "audit lang=en bom=0 version=x waivers=a%b\tc");
    nb_shard_line(&b, 40, &res, off, "报告/a\tb\nc%25d.pdf");
    char path[64];
    snprintf(path, sizeof path, "%s/%s", dir, NB_SHARD_INDEX);
    FILE *f = fopen(path, "w");
    fwrite(b.p, 1, b.len, f);
    fclose(f);
    nb_shard_index x;
    char err[256];
    assert_int_equal(nb_shard_index_load(dir, 1, &x, err, sizeof err), 0);
    assert_int_equal(x.k, 2);
    assert_int_equal(x.n, 3);
    assert_int_equal((int)x.total, 41);
    assert_string_equal(x.options, "audit lang=en bom=0 version=x waivers=a%b\tc");
    assert_int_equal((int)x.ndocs, 1);
    const nb_shard_doc *d = &x.docs[0];
    assert_int_equal((int)d->index, 40);
    assert_int_equal(d->shard, 1);
    assert_int_equal(d->unreadable, 1);
    assert_int_equal(d->worst, 2);
    assert_int_equal(d->counts[2], 5);
    assert_int_equal(d->err, NB_ERR_CRASH);
    assert_string_equal(d->detail, "signal 11\tat %0A\n");
    assert_string_equal(d->path, "报告/a\tb\nc%25d.pdf");
    assert_int_equal((int)d->off[NB_OUT_CELLS], 20);
    assert_int_equal((int)d->len[NB_OUT_CELLS], 12);
    nb_shard_index_free(&x);
    /* an index whose last line was cut (a shard killed while writing) is refused */
    f = fopen(path, "w");
    fwrite(b.p, 1, b.len - 3, f);
    fclose(f);
    assert_int_equal(nb_shard_index_load(dir, 0, &x, err, sizeof err), -1);
    unlink(path);
    rmdir(dir);
    nb_buf_free(&b);
    nb_result_free(&res);
}

/* n fields made with the CSV writer, then the end of the record. */
static void csv_row(nb_buf *b, const char *const *f, int n)
{
    for (int i = 0; i < n; i++) nb_csv_field(b, f[i], i == 0);
    nb_csv_end(b);
}

static int header_columns(int k)
{
    nb_buf h = {0};
    nb_out_header(k, &h);
    int n = 1;
    for (size_t i = 0; i < h.len; i++) n += h.p[i] == ',';
    nb_buf_free(&h);
    return n;
}

/* A document whose fields need quoting in CSV and escaping in JSON comes back byte for byte. */
static void record_round_trip(void **state)
{
    (void)state;
    nb_result res = {0};
    nb_result_clear(&res);
    const char *file = "dir/a,b \"c\"\nd.pdf", *sha = "abc123";
    const char *doc[] = {file, sha, "pdf", "3", " 某局, 2024", "2024", "2021", "2025-01-20", "", "", "ok",
                         "2 cells read with doubt; \"quoted\"", "96.5"};
    csv_row(&res.out[NB_OUT_DOCUMENTS], doc, 13);
    const char *cell1[] = {file, sha, " 某局, 2024", "2024", "2021", "t3", "new", "natural", "", "", " 1,2\n3",
                           "no", "2", "-0.0", "10.5", "595.3", "841.9", "", "", ""};
    const char *cell2[] = {file, sha, " 某局, 2024", "2024", "2021", "t2", "fees", "amount_wan", "5.77", "万元",
                           "5.77万元", "yes", "", "", "", "", "", "1", "12", "3"};
    csv_row(&res.out[NB_OUT_CELLS], cell1, 20);
    csv_row(&res.out[NB_OUT_CELLS], cell2, 20);
    static const int wide[3] = {NB_OUT_T2, NB_OUT_T3, NB_OUT_T4};
    for (int t = 0; t < 3; t++) {
        int n = header_columns(wide[t]);
        const char *f[256];
        f[0] = file, f[1] = sha, f[2] = " 某局, 2024", f[3] = "2024", f[4] = "2021";
        for (int i = 5; i < n; i++) f[i] = i % 3 ? "" : i % 2 ? "7" : "万元";
        csv_row(&res.out[wide[t]], f, n);
    }
    const char *fin[] = {file, sha, "SUM-T3-ROW", "error", "t3", "total", "", "", "12", "1\"1", "总计 \\ 12\t",
                         "known, see \"memo\""};
    csv_row(&res.out[NB_OUT_FINDINGS], fin, 12);
    nb_buf *js = &res.out[NB_OUT_JSONL];
    nb_buf_puts(js, "{\"file\":");
    nb_json_string(js, file);
    nb_buf_puts(js, ",\"sha256\":\"abc123\",\"rule\":\"SUM-T3-ROW\",\"severity\":\"error\",\"table\":\"t3\","
                    "\"row\":\"total\",\"col\":\"\",\"page\":0,\"expected\":\"12\",\"actual\":\"1\\\"1\","
                    "\"message\":\"总计 \\\\ 12\\t\",\"waived\":\"known, see \\\"memo\\\"\","
                    "\"args\":{\"z\":\"\\u0001 ctl\",\"a\":\"\\\"\",\"m@zh\":\"中\"}}\n");
    res.worst = 2;
    res.counts[2] = 1;
    res.status = NB_STATUS_OK;

    nb_buf rec = {0};
    nb_jsonl_record(&rec, "audit lang=en bom=0 version=t", 4, 9, &res);
    assert_true(rec.len > 0 && rec.p[rec.len - 1] == '\n');
    assert_null(memchr(rec.p, '\n', rec.len - 1));          /* one line */
    long long index, total;
    char *options, *path, msg[256];
    assert_int_equal(nb_jsonl_peek(rec.p, rec.len - 1, &index, &total, &options, &path, msg, sizeof msg), 0);
    assert_int_equal((int)index, 4);
    assert_int_equal((int)total, 9);
    assert_string_equal(options, "audit lang=en bom=0 version=t");
    assert_string_equal(path, file);
    free(options);
    free(path);
    nb_result back = {0};
    if (nb_jsonl_to_result(rec.p, rec.len - 1, &back, msg, sizeof msg) != 0) fail_msg("%s", msg);
    for (int k = 0; k < NB_OUT__COUNT; k++)
        if (res.out[k].len != back.out[k].len || (res.out[k].len && memcmp(res.out[k].p, back.out[k].p, res.out[k].len)))
            fail_msg("%s differs:\n%.*s\nback:\n%.*s", nb_out_name(k), (int)res.out[k].len, res.out[k].p,
                     (int)back.out[k].len, back.out[k].p);
    assert_int_equal(back.worst, 2);
    assert_int_equal(back.counts[2], 1);
    assert_int_equal(back.unreadable, 0);
    /* a record that lacks the document is refused, not turned into empty rows */
    assert_int_equal(nb_jsonl_to_result("{\"file\":\"a\",\"sha256\":\"\"}", 25, &back, msg, sizeof msg), -1);
    nb_buf_free(&rec);
    nb_result_free(&res);
    nb_result_free(&back);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shard_spec),
        cmocka_unit_test(shard_by_relative_path),
        cmocka_unit_test(shard_index_round_trip),
        cmocka_unit_test(record_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
