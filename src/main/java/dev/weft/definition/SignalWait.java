package dev.weft.definition;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What a {@code wait_for_signal} step waits for, read from its definition: the signal's name (a
 * literal, so the API can tell which signals a run waits on before the step is reached) and how
 * long it waits.
 *
 * @param signal  the name a client sends with {@code POST /v1/workflows/runs/{runId}/signals/{signal}}
 * @param timeout how long the step waits before it fails with {@code SIGNAL_TIMEOUT}
 */
public record SignalWait(String signal, Duration timeout) {

    public static final String TYPE = "wait_for_signal";
    public static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_.-]{1,100}$");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);
    public static final Duration MAX_TIMEOUT = Duration.ofDays(30);

    /** The wait of a step, when it is a {@code wait_for_signal} step with a valid input. */
    public static Optional<SignalWait> of(StepDefinition step) {
        if (!TYPE.equals(step.type()) || step.input() == null) {
            return Optional.empty();
        }
        String problem = problem(step.input());
        if (problem != null) {
            return Optional.empty();
        }
        JsonNode timeout = step.input().get("timeout");
        return Optional.of(new SignalWait(step.input().get("signal").asString(),
                timeout == null ? DEFAULT_TIMEOUT : Duration.parse(timeout.asString())));
    }

    /** What is wrong with a {@code wait_for_signal} input, or null. */
    static String problem(JsonNode input) {
        if (input == null || !input.isObject()) {
            return "input must be {\"signal\": \"<name>\", \"timeout\"?: \"<ISO-8601 duration>\"}";
        }
        for (String field : input.propertyNames()) {
            if (!field.equals("signal") && !field.equals("timeout")) {
                return "input." + field + " is not a field of wait_for_signal; allowed: signal, timeout";
            }
        }
        JsonNode signal = input.get("signal");
        if (signal == null || !signal.isString() || !NAME.matcher(signal.asString()).matches()) {
            return "input.signal must be a literal name of 1 to 100 letters, digits, '_', '.' or '-' (not an expression)";
        }
        JsonNode timeout = input.get("timeout");
        if (timeout != null) {
            try {
                Duration d = Duration.parse(timeout.asString(""));
                if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
                    return "input.timeout must be more than PT0S and at most P30D";
                }
            } catch (DateTimeParseException e) {
                return "input.timeout must be a literal ISO-8601 duration such as \"PT24H\"";
            }
        }
        return null;
    }
}
