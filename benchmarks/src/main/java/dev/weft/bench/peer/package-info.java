/**
 * The peer: the benchmark's 3-step chain as a DBOS Java durable workflow on the same PostgreSQL,
 * run in its own JVM. Lives only in the benchmark project, never in the service.
 */
package dev.weft.bench.peer;
