/*
 * report/state.c — the page's view of the run's history (see state.h).
 *
 * The SQLite store of issue 15 is not in this build yet: --state says so and the page is made
 * without the sections that need it. When store/ lands, this file asks it for the previous run's
 * findings, the roster and the history, and fills the view; nothing else in report/ changes.
 */
#include "state.h"

#include <string.h>

int nb_state_view_load(const char *path, const nb_rundata *run, int en, nb_state_view *v, const char **err)
{
    memset(v, 0, sizeof *v);
    nb_arena *a = (nb_arena *)&run->arena;
    *err = nb_sprintf(a, en ? "%s: this build has no state store yet (--state needs store/, issue 15)"
                            : "%s：本版本尚无状态库（--state 需要 store/，见 issue 15）", path);
    return -1;
}
