package dev.weft.store;

/** A step of a run, as a dispatcher message carries it. */
public record StepRef(String runId, String stepId) {}
