package dev.weft.steps.control;

import dev.weft.common.Json;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import dev.weft.steps.Inputs;
import dev.weft.steps.SchemaBackedStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * {@code delay}: waits for a duration counted from the step's first start, or until an instant.
 * It holds no thread: before the target it answers {@link StepResult.Deferred} and the engine runs
 * it again then; the target is computed from {@link StepContext#firstStartedAt()}, so re-runs and
 * retries do not extend the wait.
 */
@Component
public class DelayStep extends SchemaBackedStep {

    public static final String TYPE = "delay";
    static final Duration MAX = Duration.ofDays(30);

    private final Clock clock;

    public DelayStep(Clock clock) {
        super(TYPE);
        this.clock = clock;
    }

    @Override
    public StepResult execute(StepContext context) {
        Instant now = clock.instant();
        Instant start = context.firstStartedAt() != null ? context.firstStartedAt() : now;
        String duration = Inputs.text(context.input(), "duration", null);
        String until = Inputs.text(context.input(), "until", null);
        if ((duration == null) == (until == null)) {
            return invalid(context, "give exactly one of duration and until");
        }
        Instant target;
        try {
            target = duration != null ? start.plus(Duration.parse(duration)) : Instant.parse(until);
        } catch (DateTimeParseException e) {
            return invalid(context, duration != null
                    ? "duration '" + duration + "' is not an ISO-8601 duration such as PT5S, PT10M or P1D"
                    : "until '" + until + "' is not an ISO-8601 instant such as 2030-01-01T09:00:00Z");
        }
        if (target.isAfter(start.plus(MAX))) {
            return invalid(context, "the wait ends at " + target + ", more than " + MAX.toDays()
                    + " days after the step started");
        }
        if (now.isBefore(target)) {
            return new StepResult.Deferred(target);
        }
        return StepResult.ok(Json.object().put("waitedUntil", target.toString()));
    }

    private static StepResult invalid(StepContext context, String message) {
        return StepResult.permanent("INVALID_DELAY", "step '" + context.stepId() + "': " + message);
    }
}
