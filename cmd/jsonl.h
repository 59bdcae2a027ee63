/*
 * cmd/jsonl.h — the JSON Lines stream (--jsonl): one JSON object per report, written as soon as
 * the report's rows are, so that nianbao runs unchanged as a Hadoop-streaming mapper or a Spark
 * pipe() stage; and the way back (merge --from-jsonl) from such records to the rows of every
 * output file, byte for byte. The schema: docs/jsonl.schema.json; the contract: docs/SCALE.md.
 *
 * A record is made from the document's output rows (nb_result), not from the parser's model, so
 * that it is the same whichever way the rows came (parsed, read back from shards, or from another
 * stream), and so that turning it back into rows uses the same column lists (pipeline.c) as the
 * CSV files: each column becomes a member of the same name; counts and positions are numbers,
 * empty ones null; `certain` is a boolean; every other field a string as written in the CSV.
 * Members are looked up by name on the way back, so a stream that went through a tool that
 * reorders members or re-escapes strings still gives the same bytes.
 */
#ifndef NB_JSONL_H
#define NB_JSONL_H

#include <stddef.h>

#include "buf.h"
#include "pipeline.h"

/* Append the record of one document to b: its place index among total inputs, the options of the
 * run (batch.c), then what res holds. One line, ending in '\n'. */
void nb_jsonl_record(nb_buf *b, const char *options, size_t index, size_t total, const nb_result *res);

/* What identifies a record: its index, the run's size and options, the input's path (*options
 * and *file malloc'ed, caller frees). Returns 0, or -1 when line is no record (msg says why). */
int  nb_jsonl_peek(const char *line, size_t len, long long *index, long long *total, char **options,
                   char **file, char *msg, size_t msglen);

/* Rebuild res (every output's rows, the counts, status and error) from one record. Returns 0, or
 * -1 when the record lacks what the rows need (msg says what). */
int  nb_jsonl_to_result(const char *line, size_t len, nb_result *res, char *msg, size_t msglen);

#endif
