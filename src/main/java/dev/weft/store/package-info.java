/**
 * Persistence of runs, steps and their event history (JDBC; the same SQL on H2 and PostgreSQL,
 * with the few dialect differences behind {@link dev.weft.common.Dialect}).
 */
package dev.weft.store;

