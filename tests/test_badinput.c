/*
 * tests/test_badinput.c — the bad and unusual input suite, at batch level.
 *
 * The files are generated at run time (nothing binary is committed) into one directory, beside a
 * good report, and the nianbao binary under test ($NIANBAO, the sanitizer build) is run over the
 * directory as a user would. Then documents.csv must hold one clear row per file:
 *
 *   unreadable (status error, the reason; exit status 2): empty, one byte of binary, a ZIP and a
 *   JPEG named .pdf, binary noise, PDFs truncated at several offsets, a PDF that needs a user
 *   password, a dangling symbolic link, a symlink loop (reported once), an unreadable file
 *   (chmod 000; as root, run as nobody through setpriv), a named pipe given by name (a real
 *   hang: the worker is killed at --timeout);
 *
 *   readable but unusual (processed): GB18030, UTF-16LE/BE, a UTF-8 BOM, CRLF line ends, invalid
 *   UTF-8 bytes in good text, text named .pdf, a PDF with a broken cross-reference table, a PDF
 *   encrypted with an owner password only, a PDF with no text layer, a 500-page PDF, a page of
 *   20,000 words, a 50 MB line, a report whose tables are all empty, a report with two copies of
 *   table 3, a directory named like a file.
 *
 * And the good report beside all of them gives the same cells.csv rows as when it is alone, and
 * so does it beside each light kind in turn. Cases that need the real reports in ../shared/corpus
 * or a tool (qpdf, setpriv) skip with a message when those are absent.
 */
#include <iconv.h>
#include <sys/types.h>

#include "testutil.h"
#include "batchutil.h"
#include "pdfmini.h"

static char suite[512], outdir[512];
static char *good_text;           /* the seed report (UTF-8), or NULL without the shared corpus */
static size_t good_len;
static char *good_pdf;            /* a real PDF report, or NULL */
static size_t good_pdf_len;
static nb_csv docs, cells, findings; /* the whole suite's outputs */
static int suite_rc;

static const char *in_suite(const char *name)
{
    static char buf[4][1024];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", suite, name);
    return buf[k];
}

static int have(const char *tool) { return nb_test_have_tool(tool); }

#define NEED_GOOD_PDF() do { if (!good_pdf) NB_SKIP("the real PDF this case is built from is absent (no shared corpus)"); } while (0)
#define NEED_GOOD_TEXT() do { if (!good_text) NB_SKIP("the real text this case is built from is absent (no shared corpus)"); } while (0)

/* ---------------------------------------------------------------- generators */

static void put(const char *name, const void *data, size_t n) { nb_write_file(in_suite(name), data, n); }

static char *convert(const char *to, const char *s, size_t n, size_t *out_len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    size_t cap = n * 4 + 16, left = cap, in_left = n;
    char *out = malloc(cap), *op = out, *ip = (char *)s;
    if (cd == (iconv_t)-1 || iconv(cd, &ip, &in_left, &op, &left) == (size_t)-1) abort();
    iconv_close(cd);
    *out_len = cap - left;
    return out;
}

static void noise(unsigned char *b, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        b[i] = (unsigned char)(seed >> 16);
    }
}

static void gen_binary(void)
{
    put("empty.pdf", "", 0);
    put("one-byte-nul.pdf", "\0", 1);
    put("one-byte-ff.pdf", "\xff", 1);
    unsigned char b[8192];
    noise(b, sizeof b, 7);
    put("noise.pdf", b, sizeof b);
    memcpy(b, "PK\x03\x04\x14\x00\x06\x00", 8);          /* a .docx saved as .pdf */
    put("zip-named.pdf", b, sizeof b);
    memcpy(b, "\xff\xd8\xff\xe0\x00\x10JFIF\x00", 11);   /* a scan saved as .pdf */
    put("jpeg-named.pdf", b, sizeof b);
}

static void gen_links(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/loop", suite);
    mkdir(dir, 0755);
    symlinkat(".", AT_FDCWD, in_suite("loop/again"));           /* loop/again -> loop */
    if (symlink("self.pdf", in_suite("self.pdf")) != 0) abort(); /* a link to itself */
    if (symlink("no-such-file.pdf", in_suite("dangling.pdf")) != 0) abort();
    snprintf(dir, sizeof dir, "%s/reports.pdf", suite);          /* a directory named like a file */
    mkdir(dir, 0755);
    if (good_text) put("reports.pdf/inner.txt", good_text, good_len);
}

/* The good text report, transformed. */
static void gen_text_variants(void)
{
    if (!good_text) return;
    put("good.txt", good_text, good_len);
    put("text-named.pdf", good_text, good_len);
    size_t n;
    char *g = convert("GB18030", good_text, good_len, &n);
    put("gbk.txt", g, n);
    free(g);
    char *u = convert("UTF-16LE", good_text, good_len, &n);
    char *b = malloc(n + 2);
    memcpy(b, "\xff\xfe", 2);
    memcpy(b + 2, u, n);
    put("utf16le.txt", b, n + 2);
    free(u);
    u = convert("UTF-16BE", good_text, good_len, &n);
    memcpy(b, "\xfe\xff", 2);
    memcpy(b + 2, u, n);
    put("utf16be.txt", b, n + 2);
    free(u);
    free(b);
    b = malloc(good_len * 2 + 3);
    memcpy(b, "\xEF\xBB\xBF", 3);
    memcpy(b + 3, good_text, good_len);
    put("bom.txt", b, good_len + 3);
    size_t m = 0;                                            /* CRLF line ends */
    for (size_t i = 0; i < good_len; i++) {
        if (good_text[i] == '\n') b[m++] = '\r';
        b[m++] = good_text[i];
    }
    put("crlf.txt", b, m);
    free(b);
}

/* Good text with a few bytes that are not UTF-8 in the prose of section one. */
static void gen_invalid_utf8(void)
{
    if (!good_text) return;
    const char *at = strstr(good_text, "认真贯彻落实");
    assert_non_null(at);
    size_t k = (size_t)(at - good_text);
    char *b = malloc(good_len + 4);
    memcpy(b, good_text, k);
    memcpy(b + k, "\xff\xfe\xc0", 3);
    memcpy(b + k + 3, good_text + k, good_len - k);
    put("invalid-utf8.txt", b, good_len + 3);
    free(b);
}

/* The good report with a huge extra line in section six: a flattened page, a dump gone wrong. */
static void gen_long_lines(void)
{
    if (!good_text) return;
    const char *six = strstr(good_text, "六、其他需要报告的事项");
    assert_non_null(six);
    size_t k = (size_t)(six - good_text), big = 50u << 20;
    char *b = malloc(good_len + big + 2);
    memcpy(b, good_text, k);
    size_t m = k;
    static const char word[] = "信息公开 ";                      /* 13 bytes, a space after each */
    while (m + sizeof word - 1 < k + big) {
        memcpy(b + m, word, sizeof word - 1);
        m += sizeof word - 1;
    }
    b[m++] = '\n';
    memcpy(b + m, good_text + k, good_len - k);
    put("line-50mb.txt", b, m + good_len - k);
    /* 20,000 words on one line of the same report (a page of words, as text) */
    m = k;
    for (int i = 0; i < 20000; i++) m += (size_t)sprintf(b + m, "w%d ", i);
    b[m++] = '\n';
    memcpy(b + m, good_text + k, good_len - k);
    put("words-20000.txt", b, m + good_len - k);
    free(b);
}

/* Every number in a tab-separated cell blanked: a report whose tables are all empty. */
static void gen_empty_tables(void)
{
    if (!good_text) return;
    char *b = malloc(good_len + 1);
    size_t m = 0, i = 0;
    while (i < good_len) {
        size_t e = i;
        while (e < good_len && good_text[e] != '\n') e++;
        int fields = memchr(good_text + i, '\t', e - i) != NULL;
        for (size_t f = i; f < e;) {
            size_t g = f;
            while (g < e && good_text[g] != '\t') g++;
            int number = fields && g > f;
            for (size_t c = f; c < g && number; c++)
                number = (good_text[c] >= '0' && good_text[c] <= '9') || good_text[c] == '.';
            if (!number) {
                memcpy(b + m, good_text + f, g - f);
                m += g - f;
            }
            if (g < e) b[m++] = '\t';
            f = g + 1;
        }
        if (e < good_len) b[m++] = '\n';
        i = e + 1;
    }
    put("empty-tables.txt", b, m);
    free(b);
}

/* Table 3 (the whole of section three) twice. */
static void gen_two_t3(void)
{
    if (!good_text) return;
    const char *three = strstr(good_text, "三、收到和处理政府信息公开申请情况");
    const char *four = strstr(good_text, "四、");
    assert_true(three && four && four > three);
    size_t a = (size_t)(three - good_text), len = (size_t)(four - three);
    char *b = malloc(good_len + len);
    memcpy(b, good_text, a + len);
    memcpy(b + a + len, three, len);
    memcpy(b + a + 2 * len, four, good_len - (a + len));
    put("two-t3.txt", b, good_len + len);
    free(b);
}

static void gen_pdfs(void)
{
    size_t n;
    char *p = nb_pdfmini("0.5 g 72 72 400 600 re f", &n);
    put("scanned.pdf", p, n);
    free(p);
    /* a page of 20,000 words: 200 lines of 100 */
    size_t cap = 400000, m = 0;
    char *c = malloc(cap);
    m += (size_t)snprintf(c + m, cap - m, "BT /F1 3 Tf 3 TL 10 830 Td ");
    for (int line = 0; line < 200; line++) {
        c[m++] = '(';
        for (int w = 0; w < 100; w++) m += (size_t)snprintf(c + m, cap - m, "w%d ", line * 100 + w);
        m += (size_t)snprintf(c + m, cap - m, ") Tj T* ");
    }
    snprintf(c + m, cap - m, "ET");
    p = nb_pdfmini(c, &n);
    put("words-20000.pdf", p, n);
    free(p);
    free(c);
    if (!good_pdf) return;
    put("good.pdf", good_pdf, good_pdf_len);
    /* truncated at several offsets */
    static const struct { const char *name; long at; } cuts[] = {
        {"cut-9.pdf", 9}, {"cut-1000.pdf", 1000}, {"cut-25pct.pdf", -25}, {"cut-50pct.pdf", -50},
        {"cut-90pct.pdf", -90}, {"cut-tail.pdf", -100000},
    };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        long at = cuts[i].at;
        if (at == -100000) at = (long)good_pdf_len - 100;
        else if (at < 0) at = (long)good_pdf_len * -at / 100;
        put(cuts[i].name, good_pdf, (size_t)at);
    }
    if (!have("qpdf")) {
        /* the cases made with qpdf skip themselves, each saying so */
        return;
    }
    char cmd[8192];
    char src[1024];
    snprintf(src, sizeof src, "%s", in_suite("good.pdf"));
    /* a broken cross-reference table: the startxref offset pointing nowhere, or the file cut
     * just before it. poppler rebuilds it by scanning for objects, which works when the objects are not in
     * compressed object streams (WPS writes them there): rewrite the report without them first */
    char plain[600];
    snprintf(plain, sizeof plain, "%s/plain.pdf", nb_test_tmpdir());
    snprintf(cmd, sizeof cmd, "qpdf --object-streams=disable '%s' '%s'", src, plain);
    assert_int_equal(system(cmd), 0);
    size_t pn;
    char *b = nb_test_slurp(plain, &pn);
    char *sx = NULL;
    for (char *s = b; (s = memmem(s, pn - (size_t)(s - b), "startxref", 9)); s += 9) sx = s;
    assert_non_null(sx);
    put("cut-before-startxref.pdf", b, (size_t)(sx - b));
    for (char *d = sx + 10; d < b + pn && *d >= '0' && *d <= '9'; d++) *d = '1';
    put("broken-xref.pdf", b, pn);
    free(b);
    unlink(plain);
    snprintf(cmd, sizeof cmd, "qpdf --encrypt user owner 256 -- '%s' '%s'", src, in_suite("encrypted-user.pdf"));
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "qpdf --encrypt '' owner 256 -- '%s' '%s'", src, in_suite("encrypted-owner.pdf"));
    assert_int_equal(system(cmd), 0);
    /* 500 pages: the five-page report a hundred times */
    m = (size_t)snprintf(cmd, sizeof cmd, "qpdf --empty --pages");
    for (int i = 0; i < 100; i++) m += (size_t)snprintf(cmd + m, sizeof cmd - m, " '%s' 1-z", src);
    snprintf(cmd + m, sizeof cmd - m, " -- '%s'", in_suite("pages-500.pdf"));
    assert_int_equal(system(cmd), 0);
}

/* ---------------------------------------------------------------- the run */

static const char *row_field(char **row, int k)
{
    for (int i = 0; i < k; i++)
        if (!row[i]) return "";
    return row[k] ? row[k] : "";
}

/* documents.csv columns; findings.csv's rule */
enum { D_FILE = 0, D_SHA = 1, D_KIND = 2, D_PAGES = 3, D_STATUS = 10, D_MESSAGE = 11, F_RULE = 2 };

/* How many findings of rule the file has. */
static int findings_of(const char *name, const char *rule)
{
    int n = 0;
    for (int i = 1; i < findings.nrows; i++) {
        char **r = findings.rows[i];
        n += r[0] && r[1] && r[2] && !strcmp(r[0], in_suite(name)) && !strcmp(r[F_RULE], rule);
    }
    return n;
}

static char **doc_row(const char *name)
{
    return nb_csv_find(&docs, D_FILE, in_suite(name));
}

static int setup(void **state)
{
    (void)state;
    snprintf(suite, sizeof suite, "%s/bad suite 坏文件", nb_test_tmpdir());
    snprintf(outdir, sizeof outdir, "%s/bad-out", nb_test_tmpdir());
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", suite, outdir);
    if (system(cmd) != 0) return -1;
    mkdir(suite, 0755);
    const char *seed = nb_test_corpus("seed/zhaoyuan-gxj-2023.txt");
    good_text = nb_test_slurp(seed, &good_len);
    const char *pdf = nb_test_corpus("real/2024_huaian_hongze_district_gov.pdf");
    good_pdf = nb_test_slurp(pdf, &good_pdf_len);
    if (!good_text || !good_pdf) print_message("note: ../shared/corpus is absent: the cases built from real reports are skipped\n");
    gen_binary();
    gen_links();
    gen_text_variants();
    gen_invalid_utf8();
    gen_long_lines();
    gen_empty_tables();
    gen_two_t3();
    gen_pdfs();
    /* A generous --timeout: this suite asserts what is read, not how fast; under a sanitizer on a loaded
     * machine the 50 MB line took over the default 60 s (the timeout itself is tested by the fifo case). */
    char *argv[] = {"nianbao", "audit", "--today", "2025-06-01", "--timeout", "900", "-o", outdir, suite, NULL};
    char err[600];
    snprintf(err, sizeof err, "%s/bad-suite.stderr", nb_test_tmpdir());
    suite_rc = nb_run_cli(argv, err);
    char path[700];
    snprintf(path, sizeof path, "%s/documents.csv", outdir);
    if (nb_csv_load(&docs, path) != 0) return -1;
    snprintf(path, sizeof path, "%s/cells.csv", outdir);
    if (nb_csv_load(&cells, path) != 0) return -1;
    snprintf(path, sizeof path, "%s/findings.csv", outdir);
    if (nb_csv_load(&findings, path) != 0) return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    nb_csv_free(&docs);
    nb_csv_free(&cells);
    nb_csv_free(&findings);
    free(good_text);
    free(good_pdf);
    return 0;
}

static void expect_error(const char *name, const char *code)
{
    char **row = doc_row(name);
    if (!row) fail_msg("%s: no row in documents.csv", name);
    if (strcmp(row_field(row, D_STATUS), "error"))
        fail_msg("%s: status %s, expected error", name, row_field(row, D_STATUS));
    size_t n = strlen(code);
    if (strncmp(row_field(row, D_MESSAGE), code, n) || row_field(row, D_MESSAGE)[n] != ':')
        fail_msg("%s: message '%s', expected the reason %s", name, row_field(row, D_MESSAGE), code);
    assert_int_equal(nb_csv_count(&docs, D_FILE, in_suite(name)), 1);
}

static void expect_status(const char *name, const char *status)
{
    char **row = doc_row(name);
    if (!row) fail_msg("%s: no row in documents.csv", name);
    if (strcmp(row_field(row, D_STATUS), status))
        fail_msg("%s: status %s (%s), expected %s", name, row_field(row, D_STATUS), row_field(row, D_MESSAGE), status);
}

/* The cells of file, without the file and sha256 columns, as text: agency,year,version,table,... */
static char *cells_of(const nb_csv *c, const char *file)
{
    size_t cap = 4096, len = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    for (int i = 1; i < c->nrows; i++) {
        char **r = c->rows[i];
        if (!r[0] || strcmp(r[0], file) || !r[1]) continue;
        for (int j = 2; r[j]; j++) {
            size_t fl = strlen(r[j]);
            while (len + fl + 4 > cap) out = realloc(out, cap *= 2);
            memcpy(out + len, r[j], fl);
            len += fl;
            out[len++] = r[j + 1] ? ',' : '\n';
        }
        out[len] = '\0';
    }
    return out;
}

static void expect_same_cells(const char *name, const char *as)
{
    char *a = cells_of(&cells, in_suite(name)), *b = cells_of(&cells, in_suite(as));
    if (!*b) fail_msg("%s: no cells", as);
    if (strcmp(a, b)) fail_msg("%s: cells differ from %s's", name, as);
    free(a);
    free(b);
}

/* Run `nianbao audit -q --today 2025-06-01 [opt...]` over files (a --files-from list, in this order) into
 * NB_TMP/<tag>-out and load its output `name` (documents.csv, cells.csv) into c. Returns the exit
 * status. */
static int run_list(const char *tag, const char *const *files, int nfiles, const char *opt1,
                    const char *opt2, const char *name, nb_csv *c)
{
    char out[600], list[600], path[700];
    snprintf(out, sizeof out, "%s/%s-out", nb_test_tmpdir(), tag);
    snprintf(list, sizeof list, "%s/%s-list", nb_test_tmpdir(), tag);
    FILE *f = fopen(list, "w");
    for (int i = 0; i < nfiles; i++) fprintf(f, "%s\n", files[i]);
    fclose(f);
    char *argv[14] = {"nianbao", "audit", "-q", "--today", "2025-06-01", "-o", out, "--files-from", list};
    int n = 9;
    if (opt1) argv[n++] = (char *)opt1;
    if (opt2) argv[n++] = (char *)opt2;
    argv[n] = NULL;
    int rc = nb_run_cli(argv, NULL);
    snprintf(path, sizeof path, "%s/%s", out, name);
    assert_int_equal(nb_csv_load(c, path), 0);
    return rc;
}

/* ---------------------------------------------------------------- unreadable */

static void exit_status_is_2(void **state)
{
    (void)state;
    assert_int_equal(suite_rc, 2);
}

static void unreadable_binary(void **state)
{
    (void)state;
    expect_error("empty.pdf", "empty");
    expect_error("one-byte-nul.pdf", "unknown_format");
    expect_error("one-byte-ff.pdf", "encoding");
    expect_error("noise.pdf", "unknown_format");
    expect_error("zip-named.pdf", "office_damaged");     /* a zip header, no archive behind it */
    expect_error("jpeg-named.pdf", "unknown_format");
}

static void unreadable_truncated_pdf(void **state)
{
    (void)state;
    NEED_GOOD_PDF();
    expect_error("cut-9.pdf", "pdf_damaged");
    expect_error("cut-1000.pdf", "pdf_damaged");
    /* cut later: the real report keeps its objects in compressed object streams, indexed by
     * the cross-reference stream at the end, so poppler has nothing to rebuild from */
    expect_error("cut-25pct.pdf", "pdf_damaged");
    expect_error("cut-50pct.pdf", "pdf_damaged");
    expect_error("cut-90pct.pdf", "pdf_damaged");
    expect_error("cut-tail.pdf", "pdf_damaged");
}

static void unreadable_encrypted(void **state)
{
    (void)state;
    NEED_GOOD_PDF();
    NB_NEED_TOOL("qpdf");
    expect_error("encrypted-user.pdf", "pdf_encrypted");
}

static void unreadable_links(void **state)
{
    (void)state;
    expect_error("dangling.pdf", "open");
    expect_error("self.pdf", "symlink_loop");
    /* the loop inside a directory: reported once, not followed */
    expect_error("loop/again", "symlink_loop");
    int n = 0;
    for (int i = 1; i < docs.nrows; i++) n += strstr(docs.rows[i][0], "/loop/") != NULL;
    assert_int_equal(n, 1);
}

static void directory_named_like_a_file(void **state)
{
    (void)state;
    NEED_GOOD_TEXT();
    assert_null(doc_row("reports.pdf"));
    expect_status("reports.pdf/inner.txt", "ok");
    expect_same_cells("reports.pdf/inner.txt", "good.txt");
}

/* chmod 000: as root permissions do not bite, so run nianbao as nobody (setpriv). */
static void unreadable_permissions(void **state)
{
    (void)state;
    char dir[600], out[600], cmd[4096];
    snprintf(dir, sizeof dir, "%s/perm", nb_test_tmpdir());
    snprintf(out, sizeof out, "%s/perm-out", nb_test_tmpdir());
    mkdir(dir, 0777);
    chmod(dir, 0777);
    mkdir(out, 0777);
    chmod(out, 0777);
    chmod(nb_test_tmpdir(), 0755);
    char secret[700];
    snprintf(secret, sizeof secret, "%s/secret.pdf", dir);
    nb_write_file(secret, "%PDF-1.4\n", 9);
    chmod(secret, 0);
    const char *as_nobody = "";
    if (geteuid() == 0) {
        if (!have("setpriv")) NB_SKIP("running as root and setpriv is absent, chmod 000 does not bite");
        as_nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    }
    snprintf(cmd, sizeof cmd, "%s'%s' extract -q -o '%s' '%s' 2>/dev/null", as_nobody, nb_bin(), out, dir);
    int rc = system(cmd);
    assert_int_equal(WEXITSTATUS(rc), 2);
    nb_csv d;
    char path[700];
    snprintf(path, sizeof path, "%s/documents.csv", out);
    assert_int_equal(nb_csv_load(&d, path), 0);
    char **row = nb_csv_find(&d, 0, secret);
    assert_non_null(row);
    assert_string_equal(row_field(row, D_STATUS), "error");
    assert_true(strstr(row_field(row, D_MESSAGE), "open:") == row_field(row, D_MESSAGE));
    assert_non_null(strstr(row_field(row, D_MESSAGE), "ermission"));
    nb_csv_free(&d);
}

/* A named pipe given by name: opening it blocks for ever. The worker is killed at --timeout and
 * the file gets its row; the good file after it is processed as usual. */
static void named_pipe_times_out(void **state)
{
    (void)state;
    NEED_GOOD_TEXT();
    char fifo[600], good[1024];
    snprintf(fifo, sizeof fifo, "%s/pipe.pdf", nb_test_tmpdir());
    snprintf(good, sizeof good, "%s", in_suite("good.txt"));
    unlink(fifo);
    assert_int_equal(mkfifo(fifo, 0644), 0);
    const char *files[] = {fifo, good};
    nb_csv d;
    assert_int_equal(run_list("fifo", files, 2, "--timeout", "2", "documents.csv", &d), 2);
    char **row = nb_csv_find(&d, D_FILE, fifo);
    assert_non_null(row);
    assert_string_equal(row_field(row, D_STATUS), "error");
    assert_true(!strncmp(row_field(row, D_MESSAGE), "timeout:", 8));
    row = nb_csv_find(&d, D_FILE, good);
    assert_non_null(row);
    assert_string_equal(row_field(row, D_STATUS), "ok");
    nb_csv_free(&d);
    unlink(fifo);
}

/* ---------------------------------------------------------------- readable but unusual */

static void readable_encodings(void **state)
{
    (void)state;
    NEED_GOOD_TEXT();
    static const char *const same[] = {"gbk.txt", "utf16le.txt", "utf16be.txt", "bom.txt", "crlf.txt",
                                       "text-named.pdf", "invalid-utf8.txt"};
    expect_status("good.txt", "ok");
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        expect_status(same[i], "ok");
        expect_same_cells(same[i], "good.txt");
    }
    assert_string_equal(row_field(doc_row("text-named.pdf"), D_KIND), "text");
    assert_non_null(strstr(row_field(doc_row("invalid-utf8.txt"), D_MESSAGE), "3 个无法解码的字节已替换"));
}

static void readable_pdfs(void **state)
{
    (void)state;
    expect_status("scanned.pdf", "no_text_layer");
    /* a page of 20,000 words and no report: read, and found to hold no template tables */
    char **row = doc_row("words-20000.pdf");
    assert_non_null(row);
    assert_string_equal(row_field(row, D_PAGES), "1");
    assert_string_not_equal(row_field(row, D_STATUS), "error");
    NEED_GOOD_PDF();
    expect_status("good.pdf", "ok");
    NB_NEED_TOOL("qpdf");
    expect_status("broken-xref.pdf", "ok");
    expect_same_cells("broken-xref.pdf", "good.pdf");
    expect_status("cut-before-startxref.pdf", "ok");
    expect_same_cells("cut-before-startxref.pdf", "good.pdf");
    expect_status("encrypted-owner.pdf", "ok");
    expect_same_cells("encrypted-owner.pdf", "good.pdf");
    row = doc_row("pages-500.pdf");
    assert_non_null(row);
    assert_string_equal(row_field(row, D_PAGES), "500");
    assert_string_not_equal(row_field(row, D_STATUS), "error");
    print_message("# pages-500.pdf  status %s %s\n", row_field(row, D_STATUS), row_field(row, D_MESSAGE));
}

static void readable_long_lines(void **state)
{
    (void)state;
    NEED_GOOD_TEXT();
    /* the extra line sits in section six: the tables read as in the report without it */
    expect_status("line-50mb.txt", "ok");
    expect_same_cells("line-50mb.txt", "good.txt");
    expect_status("words-20000.txt", "ok");
    expect_same_cells("words-20000.txt", "good.txt");
}

/* Real memory exhaustion, not a simulated one: the 50 MB line under a 300 MB limit. The worker's
 * allocation fails (RLIMIT_AS; in sanitizer builds the parent's watch on its resident size), the
 * file gets a memory row, and the good file after it is processed as usual. */
static void memory_limit_costs_one_file(void **state)
{
    (void)state;
    NEED_GOOD_TEXT();
    char line[1024], good[1024];
    snprintf(line, sizeof line, "%s", in_suite("line-50mb.txt"));
    snprintf(good, sizeof good, "%s", in_suite("good.txt"));
    const char *files[] = {line, good};
    nb_csv d;
    assert_int_equal(run_list("mem", files, 2, "--max-memory", "300", "documents.csv", &d), 2);
    char **row = nb_csv_find(&d, D_FILE, line);
    assert_non_null(row);
    assert_string_equal(row_field(row, D_STATUS), "error");
    if (strncmp(row_field(row, D_MESSAGE), "memory:", 7)) fail_msg("50 MB line at 300 MB: %s", row_field(row, D_MESSAGE));
    print_message("# line-50mb.txt at --max-memory 300: %s\n", row_field(row, D_MESSAGE));
    row = nb_csv_find(&d, D_FILE, good);
    assert_non_null(row);
    assert_string_equal(row_field(row, D_STATUS), "ok");
    nb_csv_free(&d);
}

static void readable_odd_tables(void **state)
{
    (void)state;
    NEED_GOOD_TEXT();
    char **row = doc_row("empty-tables.txt");
    assert_non_null(row);
    assert_string_not_equal(row_field(row, D_STATUS), "error");
    /* no number is invented for a blank cell */
    char *c = cells_of(&cells, in_suite("empty-tables.txt"));
    for (char *line = c; *line;) {
        char *nl = strchr(line, '\n');
        /* agency,year,version,table,row,col,value,... : value is the 7th field */
        char *f = line;
        for (int k = 0; k < 6 && f; k++) f = strchr(f, ',') ? strchr(f, ',') + 1 : NULL;
        if (f && *f != ',' && f < nl) fail_msg("empty-tables.txt: a value was read: %.*s", (int)(nl - line), line);
        line = nl + 1;
    }
    free(c);
    /* and the audit says every cell read is missing */
    int ncells = 0, missing = findings_of("empty-tables.txt", "MISSING-CELL");
    for (int i = 1; i < cells.nrows; i++) ncells += !strcmp(cells.rows[i][0], in_suite("empty-tables.txt"));
    assert_true(ncells > 100);
    assert_int_equal(missing, ncells);
    print_message("# empty-tables.txt  status %s, %d cells read, %d MISSING-CELL findings\n",
                  row_field(row, D_STATUS), ncells, missing);
    row = doc_row("two-t3.txt");
    assert_non_null(row);
    assert_string_not_equal(row_field(row, D_STATUS), "error");
    assert_int_equal(findings_of("two-t3.txt", "EXTRACT-DUPLICATE"), 1);
    assert_int_equal(findings_of("good.txt", "EXTRACT-DUPLICATE"), 0);
    print_message("# two-t3.txt  status %s, EXTRACT-DUPLICATE %d\n", row_field(row, D_STATUS),
                  findings_of("two-t3.txt", "EXTRACT-DUPLICATE"));
}

/* ---------------------------------------------------------------- the good file beside them */

/* The good file's cells.csv and findings.csv rows from the run `tag` (just made by run_list). */
static char *good_rows(const char *tag, const char *file, const nb_csv *cells_csv)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s-out/findings.csv", nb_test_tmpdir(), tag);
    nb_csv f;
    assert_int_equal(nb_csv_load(&f, path), 0);
    char *c = nb_csv_rows_of(cells_csv, file), *x = nb_csv_rows_of(&f, file);
    nb_csv_free(&f);
    char *both = malloc(strlen(c) + strlen(x) + 2);
    sprintf(both, "%s\n%s", c, x);
    free(c);
    free(x);
    return both;
}

static char *good_alone_rows(const char *file)
{
    nb_csv c;
    assert_int_equal(run_list("alone", &file, 1, NULL, NULL, "cells.csv", &c), 1);   /* DATE-EARLY */
    char *rows = good_rows("alone", file, &c);
    nb_csv_free(&c);
    return rows;
}

static void good_file_as_when_alone(void **state)
{
    (void)state;
    NEED_GOOD_TEXT();
    char good[1024];
    snprintf(good, sizeof good, "%s", in_suite("good.txt"));
    char *alone = good_alone_rows(good), *together = good_rows("bad", good, &cells);
    assert_true(strlen(alone) > 1000);
    assert_non_null(strstr(alone, "DATE-EARLY"));
    assert_string_equal(together, alone);
    /* and beside each light kind on its own, before it in the list */
    static const char *const kinds[] = {"empty.pdf", "noise.pdf", "zip-named.pdf", "cut-1000.pdf", "self.pdf",
                                        "dangling.pdf", "encrypted-user.pdf", "gbk.txt", "scanned.pdf",
                                        "two-t3.txt", "empty-tables.txt", "broken-xref.pdf"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        struct stat st;
        if (lstat(in_suite(kinds[i]), &st) != 0) continue;
        const char *files[] = {in_suite(kinds[i]), good};
        nb_csv c;
        run_list("pair", files, 2, NULL, NULL, "cells.csv", &c);
        char *rows = good_rows("pair", good, &c);
        int same = !strcmp(rows, alone);
        free(rows);
        nb_csv_free(&c);
        if (!same) fail_msg("good.txt beside %s: cells or findings differ from when alone", kinds[i]);
    }
    free(alone);
    free(together);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exit_status_is_2),
        cmocka_unit_test(unreadable_binary),
        cmocka_unit_test(unreadable_truncated_pdf),
        cmocka_unit_test(unreadable_encrypted),
        cmocka_unit_test(unreadable_links),
        cmocka_unit_test(unreadable_permissions),
        cmocka_unit_test(named_pipe_times_out),
        cmocka_unit_test(directory_named_like_a_file),
        cmocka_unit_test(readable_encodings),
        cmocka_unit_test(readable_pdfs),
        cmocka_unit_test(readable_long_lines),
        cmocka_unit_test(readable_odd_tables),
        cmocka_unit_test(memory_limit_costs_one_file),
        cmocka_unit_test(good_file_as_when_alone),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
