#!/usr/bin/env python3
"""scripts/scale-out/nb_spark_pipe.py — a nianbao run as a Spark job: an RDD of N shard names
("K/N"), one per partition, piped through nb-shard (RDD.pipe: each partition's elements go to the
command's standard input one a line, its standard output lines become the new RDD), saved as text:
the JSON Lines records of every report. Then, on one machine:

    hdfs dfs -getmerge HDFS_OUT records.jsonl    (or cat the part-* files of a local path)
    nianbao merge --from-jsonl -o OUT records.jsonl

Usage: spark-submit --files scripts/scale-out/nb-shard nb_spark_pipe.py SHARDS OUTPUT_PATH \\
           audit|extract [nianbao options] INPUTS...
INPUTS must be readable at the same path on every executor, nianbao on their PATH.
"""
import sys

from pyspark import SparkContext, SparkFiles


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    shards, output, command = int(argv[1]), argv[2], argv[3:]
    sc = SparkContext(appName="nianbao")
    parts = sc.parallelize(["%d/%d" % (k, shards) for k in range(1, shards + 1)], shards)
    # nb-shard exits 0 when its shards completed whatever they found; a failed one fails the task,
    # which Spark retries
    records = parts.pipe(["sh", SparkFiles.get("nb-shard"), "-"] + command)
    records.saveAsTextFile(output)
    sc.stop()


if __name__ == "__main__":
    main(sys.argv)
