package dev.weft.store;

import dev.weft.engine.RunStatus;
import java.time.Instant;

/** Filters for listing runs; any field may be null ({@code parentRunId}: the children of that run). */
public record RunFilter(RunStatus status, String workflowSlug, Instant createdAfter, Instant createdBefore,
                        String parentRunId) {

    public RunFilter(RunStatus status, String workflowSlug, Instant createdAfter, Instant createdBefore) {
        this(status, workflowSlug, createdAfter, createdBefore, null);
    }
}
