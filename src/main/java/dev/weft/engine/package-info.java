/**
 * The engine core: run and step statuses with their one table of allowed transitions, the events
 * that happen to a run, and {@link dev.weft.engine.Decider}, a pure function from a run's state and
 * an event to immutable decisions. No Spring, no SQL, no clock reads: the time is passed in.
 * Applying decisions (in one transaction) is the job of {@code dev.weft.engine.apply}.
 */
package dev.weft.engine;
