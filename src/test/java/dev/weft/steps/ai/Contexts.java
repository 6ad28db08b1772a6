package dev.weft.steps.ai;

import dev.weft.common.Json;
import dev.weft.steps.StepContext;
import java.time.Instant;

/** Step contexts for calling handlers directly in tests. */
public final class Contexts {

    private Contexts() {}

    public static StepContext of(String appId, String stepId, String inputJson) {
        return new StepContext(appId, "run-1", stepId, 1, Json.parse(inputJson), Instant.parse("2030-01-01T00:00:00Z"));
    }

    public static StepContext of(String inputJson) {
        return of("app-a", "step-1", inputJson);
    }
}
