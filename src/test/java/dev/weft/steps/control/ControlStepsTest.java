package dev.weft.steps.control;

import dev.weft.testsupport.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.common.Json;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import dev.weft.steps.StepResult.Deferred;
import dev.weft.steps.StepResult.PermanentFailure;
import dev.weft.steps.StepResult.Succeeded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ControlStepsTest {

    static final Instant STARTED = Instant.parse("2030-01-01T00:00:00Z");

    final ManualClock clock = new ManualClock(STARTED);
    final DelayStep delay = new DelayStep(clock);

    static StepContext context(String input) {
        return new StepContext("app-a", "run-1", "wait", 1, Json.parse(input), STARTED);
    }

    @Test
    void delayDefersUntilTheDurationAfterTheFirstStartThenSucceeds() {
        clock.set(STARTED.plusSeconds(2));
        assertThat(delay.execute(context("{\"duration\": \"PT5S\"}")))
                .isEqualTo(new Deferred(STARTED.plusSeconds(5)));

        clock.set(STARTED.plusSeconds(5));
        StepResult done = delay.execute(context("{\"duration\": \"PT5S\"}"));

        assertThat(done).isInstanceOfSatisfying(Succeeded.class, s ->
                assertThat(s.output().get("waitedUntil").asString()).isEqualTo("2030-01-01T00:00:05Z"));
    }

    @Test
    void delayUntilAnInstantInThePastDoesNotWait() {
        clock.set(STARTED.plus(Duration.ofHours(1)));

        assertThat(delay.execute(context("{\"until\": \"2029-12-31T00:00:00Z\"}"))).isInstanceOf(Succeeded.class);
    }

    @Test
    void delayDefersUntilAGivenInstant() {
        assertThat(delay.execute(context("{\"until\": \"2030-01-02T09:00:00Z\"}")))
                .isEqualTo(new Deferred(Instant.parse("2030-01-02T09:00:00Z")));
    }

    @Test
    void delayRefusesWaitsLongerThanThirtyDays() {
        assertThat(delay.execute(context("{\"duration\": \"P31D\"}")))
                .isInstanceOfSatisfying(PermanentFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("INVALID_DELAY");
                    assertThat(f.message()).contains("step 'wait'", "30 days");
                });
    }

    @Test
    void delayRefusesAMalformedDuration() {
        assertThat(delay.execute(context("{\"duration\": \"P1M\"}"))).isInstanceOf(PermanentFailure.class);
    }

    @Test
    void transformOutputsItsEvaluatedInput() {
        String input = "{\"title\": \"Hello\", \"tags\": [\"a\", \"b\"], \"score\": 0.5}";

        StepResult result = new TransformStep().execute(context(input));

        assertThat(result).isEqualTo(new Succeeded(Json.parse(input)));
    }
}
