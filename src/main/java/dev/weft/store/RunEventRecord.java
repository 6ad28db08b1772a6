package dev.weft.store;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** One entry of a run's append-only history. */
public record RunEventRecord(long id, String runId, String type, String stepId, Integer attempt, JsonNode data,
                             Instant at) {}
