package dev.weft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class RunTimesTest {

    /** A diamond top → (left, right) → bottom as the run view returns it. */
    private static final String VIEW = """
            {"runId": "r1", "status": "completed",
             "createdAt": "2026-12-01T10:00:00.000Z", "finishedAt": "2026-12-01T10:00:00.020Z",
             "steps": [
               {"id": "top", "startedAt": "2026-12-01T10:00:00.001Z", "finishedAt": "2026-12-01T10:00:00.004Z"},
               {"id": "left", "startedAt": "2026-12-01T10:00:00.0045Z", "finishedAt": "2026-12-01T10:00:00.008Z"},
               {"id": "right", "startedAt": "2026-12-01T10:00:00.005Z", "finishedAt": "2026-12-01T10:00:00.012Z"},
               {"id": "bottom", "startedAt": "2026-12-01T10:00:00.0126Z", "finishedAt": "2026-12-01T10:00:00.019Z"},
               {"id": "skipped", "startedAt": null, "finishedAt": null}]}""";

    @Test
    void dispatchOverheadRunsFromTheLastDependencysFinishToTheStepsStart() {
        RunTimes t = RunTimes.of(new ObjectMapper().readTree(VIEW));
        Map<String, List<String>> deps = Map.of("top", List.of(), "left", List.of("top"), "right", List.of("top"),
                "bottom", List.of("left", "right"));
        List<Double> overheads = new ArrayList<>();

        t.dispatchOverheads(deps::get, overheads);

        assertEquals(List.of(0.5, 0.6, 1.0), overheads.stream().sorted().toList());
        assertEquals(20.0, t.submitToCompletedMs());
        assertEquals(1.0, t.submitToFirstStartMs());
        assertEquals(true, t.completed());
    }
}
