/**
 * The benchmark harness: starts Weft in each mode as a separate JVM, drives workloads over HTTP,
 * reads the timings Weft recorded, measures the limit (pgbench) and a peer (DBOS), and prints one
 * table. Run through {@code scripts/bench.sh}; see {@code docs/benchmarks.md}.
 */
package dev.weft.bench;
