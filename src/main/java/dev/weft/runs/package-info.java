/**
 * Runs: submission (validation, idempotency), the coordinator that feeds events to the decider and
 * applies its decisions in one transaction, and the run API under {@code web}.
 */
package dev.weft.runs;
