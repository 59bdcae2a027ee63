/*
 * rules/roster.h — the roster (--roster FILE): the agencies expected to report, their kind and
 * deadline, and the other names they go by.
 *
 * CSV `agency,kind[,deadline][,parent][,aliases]`: kind is department or government (部门, 政府 also
 * accepted), deadline MM-DD, aliases separated by ';' or '|'. A header row is optional. The
 * deadline rule (nb_deadline_for) takes an agency's kind and deadline from it; the cross-report
 * rules join an alias to its agency and check who did not report (roster.c).
 */
#ifndef NB_ROSTER_H
#define NB_ROSTER_H

#include "../parser/arena.h"

typedef struct nb_roster_entry {
    const char  *agency, *key;      /* as written; normalised (nb_agency_key) */
    int          government;        /* kind */
    int          dl_m, dl_d;        /* deadline (0: the law's for its kind) */
    const char  *parent;
    const char **alias_keys;
    int          naliases;
} nb_roster_entry;

typedef struct nb_roster {
    nb_arena         a;
    const char      *path;
    nb_roster_entry *v;
    int              n;
    void            *by_key, *by_alias;   /* GHashTable: key -> first entry of that key, alias key -> first entry naming it */
} nb_roster;

/* Read path. Returns 0, or -1 with *err (in r's arena; call nb_roster_free either way). */
int  nb_roster_load(const char *path, nb_roster *r, int en, const char **err);
void nb_roster_free(nb_roster *r);
/* The entry an agency name (or an alias of it) belongs to, or NULL. */
const nb_roster_entry *nb_roster_find(const nb_roster *r, const char *agency);
/* The same for an agency already normalised (nb_agency_key): its entry's key, or NULL. */
const nb_roster_entry *nb_roster_find_key(const nb_roster *r, const char *key);

#endif
