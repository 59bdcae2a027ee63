/*
 * parser/glue.h — splitting digit runs whose cell boundaries were lost (640020470 for seven cells).
 *
 * A row's printed tokens are split into exactly n numbers: every token gives at least one part, a
 * part never has a leading zero (except "0" itself), a decimal point stays with the last part of its
 * token, a minus sign only starts a token and only a signed column may be negative. Splits that the
 * row's own relations (total = sum of the others) reject are dropped. When exactly one split is
 * possible by counting alone (0000000 for seven cells), it stands even if the row does not add up:
 * printed values are the truth. Otherwise the caller gets the candidates and decides — a unique
 * one is accepted, several go to the column relations (table.c), none leaves the cells uncertain.
 */
#ifndef NB_GLUE_H
#define NB_GLUE_H

#include <stddef.h>
#include <stdint.h>

enum { NB_GLUE_MAX_CELLS = 16, NB_GLUE_MAX_CAND = 32, NB_GLUE_MAX_RELS = 4 };

/* One part of a split: bytes [start, end) of token `tok`, and its value (times 10^scale). */
typedef struct nb_glue_part {
    uint8_t tok;
    uint16_t start, end;
    int64_t mant;
    uint8_t scale;
} nb_glue_part;

typedef struct nb_glue_split {
    nb_glue_part part[NB_GLUE_MAX_CELLS];
} nb_glue_split;

/* A relation among the row's cells: cell[target] = sum of cell[i] for i in addends (a bit mask). */
typedef struct nb_glue_rel {
    int      target;
    uint32_t addends;
} nb_glue_rel;

typedef struct nb_glue_input {
    const char *const *tok;     /* normalised token texts: digits, optional sign, optional decimals */
    const size_t *toklen;
    int           ntok;
    int           ncells;
    uint32_t      signed_cells; /* bit i: cell i may be negative */
    const nb_glue_rel *rel;
    int           nrel;
} nb_glue_input;

typedef struct nb_glue_result {
    int           by_count;     /* the number of splits ignoring relations (capped) */
    int           ncand;        /* splits that satisfy every relation (capped at NB_GLUE_MAX_CAND) */
    int           more;         /* 1 when there were more candidates than kept */
    int           against_sums; /* 1 when cand[0] stands by counting alone and the relations reject it */
    nb_glue_split cand[NB_GLUE_MAX_CAND];
    /* Cells every split agrees on, whatever the others do (2648 in 2648|-18538 for 上一年项目数量 /
     * 本年增减 / 处理决定数量: the sign can only start the signed cell). Bit i of `agreed`: cell i has
     * the same value in every split that satisfies the relations, all of them, not only the kept
     * ones; `agreed_by_count` the same over every split ignoring relations. The parts (of the first
     * such split) are in `agree`. Both 0 when there is no split or the search gave up. */
    uint32_t      agreed, agreed_by_count;
    nb_glue_split agree, agree_by_count;
} nb_glue_result;

/* Enumerate. If by_count == 1, cand[0] is that split whatever the relations say (ncand = 1).
 * Only cand[0..ncand) is set; the entries after it are left as they were. */
void nb_glue_split_row(const nb_glue_input *in, nb_glue_result *out);

#endif
