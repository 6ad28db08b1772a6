package dev.weft.definition;

/**
 * What a step's permanent failure (after its retries) does to the run.
 * {@code fail} fails the run; {@code continue} lets dependents run with a null output;
 * {@code {"fallback": "id"}} runs another step whose output stands in for this one's.
 */
public sealed interface OnError {

    record Fail() implements OnError {}

    record Continue() implements OnError {}

    record Fallback(String stepId) implements OnError {}

    OnError FAIL = new Fail();
    OnError CONTINUE = new Continue();
}
