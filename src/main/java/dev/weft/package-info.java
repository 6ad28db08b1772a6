/**
 * Weft: asynchronous multi-step AI workflows. Top-level packages are features ({@code runs},
 * {@code definition}, {@code engine}, {@code dispatch}, {@code steps}, {@code providers},
 * {@code webhook}, {@code artifacts}, {@code vector}, {@code auth}, {@code outbound}); see
 * docs/architecture.md for what each owns.
 */
package dev.weft;
