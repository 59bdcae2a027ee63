/*
 * rules/agency.c — the agency-kind classifier (see agency.h). Data: the suffixes; code: one
 * ends-with test over them. Implemented exactly as the corpus generator's truth defines it, so
 * that a rule and its test corpus never disagree about who must publish by 31 January.
 */
#include "agency.h"

#include <string.h>

/* Organ names of a government itself. 管理委员会 is listed although 委员会 alone is a department. */
static const char *const government_suffixes[] = {"人民政府", "政府", "管委会", "管理委员会", NULL};

/* The last word of a bare place name: the area is the government (平潭综合实验区, 某某街道). */
static const char *const place_suffixes[] = {"省", "市", "区", "县", "旗", "州", "盟", "镇", "乡", "街道", NULL};

static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static int ends_with_any(const char *s, size_t n, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (ends_with(s, n, list[i])) return 1;
    return 0;
}

int nb_agency_is_government(const char *name)
{
    if (!name) return 0;
    size_t n = strlen(name);
    while (n && (name[n - 1] == ' ' || name[n - 1] == '\t' || name[n - 1] == '\n')) n--;
    if (!n) return 0;
    return ends_with_any(name, n, government_suffixes) || ends_with_any(name, n, place_suffixes);
}
