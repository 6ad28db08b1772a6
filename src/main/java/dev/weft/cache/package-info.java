/**
 * The step result cache: outputs of steps with {@code "cache": {"ttl": ...}}, reused across runs
 * of the same app for the same step type and resolved input, with where each reuse came from.
 */
package dev.weft.cache;
