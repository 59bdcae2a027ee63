/*
 * cmd/progress.c — the terminal progress line (see progress.h).
 *
 * The rate counts only the files processed by this run (not those a resumed run skipped), so the
 * time left is honest from the first files on. "\r" then the text then "ESC[K" (erase to the end of
 * the line) redraws it without flicker; nb_progress_clear leaves an empty line for a message.
 */
#include "progress.h"

#include <stdio.h>

#include "worker.h"

void nb_progress_init(nb_progress *p, int on, int en, size_t total, size_t skipped)
{
    p->on = on;
    p->en = en;
    p->drawn = 0;
    p->total = total;
    p->skipped = skipped;
    p->t0 = nb_now();
    p->last = 0;
}

/* "3m05s", "1h02m", "42s" */
static void duration(char *buf, size_t n, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600) snprintf(buf, n, "%ldh%02ldm", t / 3600, t / 60 % 60);
    else if (t >= 60) snprintf(buf, n, "%ldm%02lds", t / 60, t % 60);
    else snprintf(buf, n, "%lds", t);
}

void nb_progress_update(nb_progress *p, size_t done, size_t errors)
{
    if (!p->on) return;
    double now = nb_now();
    if (p->drawn && now - p->last < 0.1 && done < p->total) return;
    p->last = now;
    double secs = now - p->t0, rate = secs > 0 ? (double)(done - p->skipped) / secs : 0;
    char eta[32] = "?";
    if (rate > 0) duration(eta, sizeof eta, (double)(p->total - done) / rate);
    if (p->en)
        fprintf(stderr, "\rnianbao: %zu/%zu files  %.1f/s  ETA %s  %zu errors\033[K", done, p->total, rate,
                eta, errors);
    else
        fprintf(stderr, "\rnianbao: %zu/%zu 个文件  %.1f 个/秒  剩余约 %s  错误 %zu\033[K", done, p->total,
                rate, eta, errors);
    fflush(stderr);
    p->drawn = 1;
}

void nb_progress_clear(nb_progress *p)
{
    if (!p->on || !p->drawn) return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->drawn = 0;
}
