/*
 * parser/ingest_ole.c — legacy Word (.doc) and WPS (.wps) documents: OLE2 compound files, converted
 * to .docx by LibreOffice when it is installed, then read by the Word reader (ingest_docx.c).
 *
 * Sniffing is by content: the compound-file signature D0 CF 11 E0 A1 B1 1A E1. The directory's
 * stream names say what it holds: WordDocument a Word-binary text, CONTENTS a Works .wps;
 * EncryptedPackage is a password-protected .docx/.xlsx; a Word text whose FIB says fEncrypted needs
 * a password too; Workbook, PowerPoint Document and anything else are no text document. A Kingsoft
 * .wps is the same Word-binary format as a .doc (WPS also marks the .doc files it saves, and the mark
 * survives conversions), so content cannot tell the two apart: the kind is wps for a Works file or
 * a Word-binary file named .wps, doc otherwise. The name only chooses the label, never the reader.
 *
 * Conversion runs in the worker that reads the file, so the batch's per-file timeout and memory
 * limit (RLIMIT_AS is inherited) hold for it: soffice.bin is started directly (not the shell
 * wrapper, so that it is the process we wait for), in its own process group, with PR_SET_PDEATHSIG
 * so that a worker killed at --timeout takes it along, and with a private profile per worker
 * process under $TMPDIR/nianbao-lo-<pid>/ (LibreOffice refuses a profile in use by another
 * instance). It is waited for up to the timeout, then killed. The profile is removed when the
 * worker exits, or by the parent when it reaps a worker that was killed (nb_office_cleanup).
 *
 * LibreOffice is found as $NIANBAO_SOFFICE (a path to soffice or soffice.bin; empty or missing
 * means "not installed", for tests), else soffice on PATH. Without it the file gets one
 * needs_libreoffice error naming the package to install.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glib.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ingest.h"
#include "office.h"

static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static int sniff_ole(const unsigned char *s, size_t n)
{
    return n >= 512 && memcmp(s, ole_magic, 8) == 0;
}

/* ---- the compound file's directory --------------------------------------------------------- */

static uint32_t le32(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

#define SECT_END   0xFFFFFFFEu
#define SECT_MAX   0xFFFFFFFAu

typedef struct cfb {
    const unsigned char *data;
    size_t   n;
    unsigned shift;              /* sector size = 1 << shift */
    uint32_t nsect;              /* sectors in the file */
    uint32_t *fat;               /* next sector of each sector */
    uint32_t nfat;
} cfb;

static const unsigned char *sector(const cfb *c, uint32_t s)
{
    size_t off = ((size_t)s + 1) << c->shift;
    return s < c->nsect && off + ((size_t)1 << c->shift) <= c->n ? c->data + off : NULL;
}

/* The FAT, gathered through the header's DIFAT and the DIFAT chain. 0 when the header is sound. */
static int read_fat(cfb *c)
{
    const unsigned char *h = c->data;
    c->shift = le16(h + 0x1E);
    if (c->shift != 9 && c->shift != 12) return -1;
    size_t ss = (size_t)1 << c->shift;
    c->nsect = (uint32_t)((c->n - ss) / ss);   /* sector k starts at (k+1)*ss; the header fills the first */
    uint32_t nfat_sect = le32(h + 0x2C), per = (uint32_t)(ss / 4);
    if (nfat_sect > c->nsect) return -1;
    c->fat = g_new0(uint32_t, (size_t)nfat_sect * per + 1);
    uint32_t got = 0, difat = le32(h + 0x44), hops = 0;
    for (uint32_t k = 0; k < 109 && got < nfat_sect; k++) {
        uint32_t s = le32(h + 0x4C + 4 * k);
        const unsigned char *p = s <= SECT_MAX ? sector(c, s) : NULL;
        if (!p) break;
        for (uint32_t i = 0; i < per; i++) c->fat[got * per + i] = le32(p + 4 * i);
        got++;
    }
    while (got < nfat_sect && difat <= SECT_MAX && hops++ < c->nsect) {
        const unsigned char *d = sector(c, difat);
        if (!d) break;
        for (uint32_t k = 0; k + 1 < per && got < nfat_sect; k++) {
            const unsigned char *p = sector(c, le32(d + 4 * k));
            if (!p) break;
            for (uint32_t i = 0; i < per; i++) c->fat[got * per + i] = le32(p + 4 * i);
            got++;
        }
        difat = le32(d + 4 * (per - 1));
    }
    c->nfat = got * per;
    return got ? 0 : -1;
}

/* What the directory holds, as far as telling documents apart goes. */
typedef struct ole_info {
    int word, encrypted_package, works, workbook, powerpoint;
    uint32_t word_start, word_size;
} ole_info;

/* A directory entry's name, narrowed to ASCII ('?' for anything else). */
static void entry_name(const unsigned char *e, char *out, size_t cap)
{
    unsigned len = le16(e + 0x40);
    size_t o = 0;
    for (unsigned i = 0; i + 1 < len && i + 1 < 64 && o + 1 < cap; i += 2) {
        uint16_t ch = le16(e + i);
        if (!ch) break;
        out[o++] = ch < 0x80 ? (char)ch : '?';
    }
    out[o] = '\0';
}

static int read_directory(cfb *c, ole_info *info)
{
    uint32_t s = le32(c->data + 0x30), hops = 0;
    size_t ss = (size_t)1 << c->shift;
    int entries = 0;
    while (s <= SECT_MAX && hops++ < c->nsect) {
        const unsigned char *p = sector(c, s);
        if (!p) break;
        for (size_t off = 0; off + 128 <= ss; off += 128) {
            const unsigned char *e = p + off;
            unsigned type = e[0x42];
            if (type != 1 && type != 2 && type != 5) continue;
            char name[40];
            entry_name(e, name, sizeof name);
            entries++;
            if (type != 2) continue;
            if (!strcmp(name, "WordDocument")) {
                info->word = 1;
                info->word_start = le32(e + 0x74);
                info->word_size = le32(e + 0x78);
            } else if (!strcmp(name, "EncryptedPackage")) info->encrypted_package = 1;
            else if (!strcmp(name, "CONTENTS")) info->works = 1;
            else if (!strcmp(name, "Workbook") || !strcmp(name, "Book")) info->workbook = 1;
            else if (!strcmp(name, "PowerPoint Document")) info->powerpoint = 1;
        }
        s = s < c->nfat ? c->fat[s] : SECT_END;
    }
    return entries ? 0 : -1;
}

/* The Word FIB's fEncrypted bit (a stream below the 4096-byte cutoff lives in the mini stream,
 * which a real WordDocument never does: it is then not looked at). */
static int word_encrypted(const cfb *c, const ole_info *info)
{
    if (info->word_size < 4096) return 0;
    const unsigned char *p = sector(c, info->word_start);
    return p && le16(p) == 0xA5EC && (le16(p + 0x0A) & 0x0100);
}

/* A Word-binary file named .wps: Kingsoft WPS's own extension for the same format. */
static int named_wps(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    return n >= 4 && g_ascii_strcasecmp(path + n - 4, ".wps") == 0;
}

/* ---- LibreOffice ------------------------------------------------------------------------------ */

/* The LibreOffice program to run, or NULL. soffice.bin beside a found soffice is preferred. */
static char *find_soffice(void)
{
    const char *env = getenv("NIANBAO_SOFFICE");
    char *found = NULL;
    if (env) {
        if (!*env || access(env, X_OK) != 0) return NULL;
        found = g_strdup(env);
    } else {
        found = g_find_program_in_path("soffice");
        if (!found) found = g_find_program_in_path("libreoffice");
        if (!found) return NULL;
    }
    char real[PATH_MAX];
    if (realpath(found, real)) {
        char *dir = g_path_get_dirname(real), *bin = g_build_filename(dir, "soffice.bin", NULL);
        g_free(dir);
        if (access(bin, X_OK) == 0) {
            g_free(found);
            return bin;
        }
        g_free(bin);
    }
    return found;
}

static char *work_base(pid_t pid)
{
    return g_strdup_printf("%s/nianbao-lo-%ld", g_get_tmp_dir(), (long)pid);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP) rmdir(path);
    else unlink(path);
    return 0;
}

static void remove_tree(const char *dir)
{
    nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

void nb_office_cleanup(pid_t pid)
{
    char *base = work_base(pid);
    struct stat st;
    if (lstat(base, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid()) remove_tree(base);
    g_free(base);
}

static pid_t base_owner;

static void cleanup_at_exit(void)
{
    if (base_owner == getpid()) nb_office_cleanup(base_owner);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Run soffice once over in, writing the .docx into dir. Returns its exit status, -2 on timeout,
 * -1 when it could not be started. */
static int run_soffice(const char *prog, const char *profile, const char *dir, const char *in, double timeout)
{
    char *env = g_strdup_printf("-env:UserInstallation=file://%s", profile);
    char *argv[] = {(char *)prog, env, "--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck",
                    "--nodefault", "--convert-to", "docx:MS Word 2007 XML", "--outdir", (char *)dir, (char *)in, NULL};
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        g_free(env);
        return -1;
    }
    if (pid == 0) {
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(127);
        int fd = open("/dev/null", O_RDWR);
        if (fd >= 0) {
            dup2(fd, 0);
            dup2(fd, 1);
            dup2(fd, 2);
            if (fd > 2) close(fd);
        }
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        execv(prog, argv);
        _exit(127);
    }
    g_free(env);
    setpgid(pid, pid);
    double end = now_s() + timeout;
    int status = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) break;
        if (r < 0 && errno != EINTR) return -1;
        if (now_s() >= end) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
            return -2;
        }
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    kill(-pid, SIGKILL);                 /* anything it left behind in its group */
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static int write_all(const char *path, const unsigned char *data, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(fd, data + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)w;
    }
    return close(fd);
}

/* Convert data to .docx through LibreOffice and read that. */
static int convert_and_read(nb_doc *d, const unsigned char *data, size_t n, const nb_ingest_limits *lim)
{
    char *prog = find_soffice();
    if (!prog) return nb_doc_fail(d, NB_ERR_NEEDS_LIBREOFFICE, NULL);
    static unsigned job;
    pid_t me = getpid();
    char *base = work_base(me), *profile = g_build_filename(base, "profile", NULL);
    char *dir = g_strdup_printf("%s/job-%u", base, job++);
    char *in = g_build_filename(dir, d->kind == NB_KIND_WPS ? "in.wps" : "in.doc", NULL);
    char *out = g_build_filename(dir, "in.docx", NULL);
    int rc = -1;
    if (base_owner != me) {
        base_owner = me;
        static int registered;
        if (!registered) atexit(cleanup_at_exit);
        registered = 1;
    }
    if (g_mkdir_with_parents(dir, 0700) != 0 || write_all(in, data, n) != 0) {
        nb_doc_fail(d, NB_ERR_CONVERT, strerror(errno));
        goto done;
    }
    /* within the file's --timeout, so that the error says what took the time */
    double limit = lim && lim->timeout_s ? lim->timeout_s : 60;
    double timeout = limit > 4 ? limit - 2 : limit / 2;
    int st = run_soffice(prog, profile, dir, in, timeout);
    if (st == 81) st = run_soffice(prog, profile, dir, in, timeout);   /* a new profile: it restarts once */
    gchar *bytes = NULL;
    gsize len = 0;
    if (!g_file_get_contents(out, &bytes, &len, NULL)) {
        char detail[96];
        if (st == -2) snprintf(detail, sizeof detail, "soffice: no result after %.0f s", timeout);
        else if (st == -1) snprintf(detail, sizeof detail, "%s could not be started", prog);
        else snprintf(detail, sizeof detail, "soffice exit status %d, no .docx written", st);
        nb_doc_fail(d, NB_ERR_CONVERT, detail);
        goto done;
    }
    rc = nb_read_office_zip(d, (const unsigned char *)bytes, len, 1);
    if (rc != 0 && d->err == NB_ERR_NOT_DOCUMENT) {
        d->err = NB_ERR_CONVERT;
        d->detail = "LibreOffice wrote no Word document";
    }
    g_free(bytes);
done:
    unlink(in);
    unlink(out);
    rmdir(dir);
    g_free(prog);
    g_free(base);
    g_free(profile);
    g_free(dir);
    g_free(in);
    g_free(out);
    return rc;
}

static int ingest_ole(nb_doc *d, const unsigned char *data, size_t n, const nb_ingest_limits *lim)
{
    cfb c = {data, n, 0, 0, NULL, 0};
    ole_info info;
    memset(&info, 0, sizeof info);
    d->kind = NB_KIND_UNKNOWN;
    int sound = read_fat(&c) == 0 && read_directory(&c, &info) == 0;
    int encrypted_word = sound && info.word && word_encrypted(&c, &info);
    g_free(c.fat);
    if (!sound) return nb_doc_fail(d, NB_ERR_OFFICE_DAMAGED, "compound file: unreadable header or directory");
    if (info.encrypted_package) return nb_doc_fail(d, NB_ERR_OFFICE_ENCRYPTED, "an encrypted Office Open XML package");
    if (info.word) d->kind = named_wps(d->path) ? NB_KIND_WPS : NB_KIND_DOC;
    else if (info.works) d->kind = NB_KIND_WPS;
    else if (info.workbook) return nb_doc_fail(d, NB_ERR_NOT_DOCUMENT, "a spreadsheet (.xls, .et)");
    else if (info.powerpoint) return nb_doc_fail(d, NB_ERR_NOT_DOCUMENT, "a presentation (.ppt, .dps)");
    else return nb_doc_fail(d, NB_ERR_NOT_DOCUMENT, "a compound file without a WordDocument stream");
    if (encrypted_word) return nb_doc_fail(d, NB_ERR_OFFICE_ENCRYPTED, "a password-protected Word document");
    return convert_and_read(d, data, n, lim);
}

const nb_ingester nb_ingest_ole = {
    .name = "ole",
    .kind = NB_KIND_DOC,
    .sniff = sniff_ole,
    .ingest = ingest_ole,
};
