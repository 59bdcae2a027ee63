/*
 * scripts/gen/faces.c — the CJK typefaces, body sizes and line pitches the renderers draw from,
 * and the variation tags that name them (font_*, size_*, pitch_*), so that every producer (cairo,
 * LibreOffice, Chromium) tags a report the same way and `make eval` can break accuracy down by
 * face, size and pitch.
 *
 * The faces are those of Debian's fonts-noto-cjk, fonts-arphic-uming/ukai, fonts-wqy-zenhei and
 * fonts-wqy-microhei, by their fontconfig family names (`fc-list :lang=zh family`). Their line
 * heights (ascent + descent per em) differ, from about 1.0 em (AR PL) to 1.45 em (Noto CJK): the
 * same "single spacing" is a different pitch in each, which is why a pitch tag is worked out from
 * the face's own metrics (pango) rather than from the spacing asked for.
 */
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "model.h"

const genface gen_faces[NFACES] = {
    {"Noto Serif CJK SC", "font_noto_serif", "serif"},
    {"Noto Sans CJK SC", "font_noto_sans", "sans-serif"},
    {"AR PL UMing CN", "font_uming", "serif"},
    {"AR PL UKai CN", "font_ukai", "serif"},
    {"WenQuanYi Zen Hei", "font_wqy_zenhei", "sans-serif"},
    {"WenQuanYi Micro Hei", "font_wqy_microhei", "sans-serif"},
};

const genface *face_pick(rng *r) { return &gen_faces[rng_range(r, 0, NFACES - 1)]; }

const genface *face_by_family(const char *family)
{
    for (int i = 0; i < NFACES; i++)
        if (!strcmp(gen_faces[i].family, family)) return &gen_faces[i];
    return NULL;
}

/* The body sizes of Chinese word processors (五号 10.5, 小四 12, 四号 14, 小三 15, 三号 16) most
 * of the time, any size between otherwise. */
double size_pick(rng *r)
{
    static const double named[] = {10.5, 12, 14, 15, 16};
    if (rng_chance(r, 0.7)) return RNG_PICK(r, named);
    return 10.5 + floor(rng_unit(r) * 11) * 0.5;
}

void tag_face(sbuf *vars, const char *family)
{
    const genface *f = face_by_family(family);
    tag(vars, f ? f->tag : "font_other");
}

void tag_size(sbuf *vars, double pt)
{
    tag(vars, pt < 12 ? "size_10.5" : pt < 14 ? "size_12" : "size_14");
}

void tag_pitch(sbuf *vars, double em)
{
    tag(vars, em < 1.2 ? "pitch_1.0" : em < 1.4 ? "pitch_1.2" : em < 1.7 ? "pitch_1.4" : em < 2.2 ? "pitch_1.7" : "pitch_2.2");
}

void tag_producer(sbuf *vars, const char *producer)
{
    char t[48];
    snprintf(t, sizeof t, "producer_%s", producer);
    tag(vars, t);
}

/* Ascent + descent per em of a face as pango (fontconfig, FreeType) measures it; 1.2 when the face
 * is not installed. Cached: the renderers ask for every report. */
double face_line_em(const char *family)
{
    static double cache[NFACES];
    const genface *f = face_by_family(family);
    int i = f ? (int)(f - gen_faces) : -1;
    if (i >= 0 && cache[i] > 0) return cache[i];
    PangoFontMap *map = pango_cairo_font_map_get_default();
    PangoContext *ctx = pango_font_map_create_context(map);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_absolute_size(fd, 100.0 * PANGO_SCALE);
    PangoLanguage *zh = pango_language_from_string("zh-cn");
    PangoFontMetrics *m = pango_context_get_metrics(ctx, fd, zh);
    double em = (pango_font_metrics_get_ascent(m) + pango_font_metrics_get_descent(m)) / (100.0 * PANGO_SCALE);
    pango_font_metrics_unref(m);
    pango_font_description_free(fd);
    g_object_unref(ctx);
    if (!(em > 0.5 && em < 3)) em = 1.2;
    if (i >= 0) cache[i] = em;
    return em;
}
