package dev.weft.store;

import dev.weft.engine.RunStatus;
import java.time.Instant;

/** Filters for listing runs; any field may be null. */
public record RunFilter(RunStatus status, String workflowSlug, Instant createdAfter, Instant createdBefore) {}
