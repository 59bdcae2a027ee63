/*
 * parser/units.h — the unit of every money cell read (FORMAT.md §5).
 */
#ifndef NB_UNITS_H
#define NB_UNITS_H

#include "report.h"

/* Give every money cell of r's tables (columns NB_COL_DECIMAL) with a value its unit: the one
 * printed in the cell (5.77万元), else the one its column header names (本年收费金额（单位：万元）),
 * else "". Other cells get "". Called by nb_read_tables once the cells are read. */
void nb_tables_units(nb_report *r);

#endif
