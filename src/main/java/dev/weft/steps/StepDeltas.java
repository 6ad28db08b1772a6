package dev.weft.steps;

import java.util.function.Consumer;

/**
 * Partial output of a running step (the text of a {@code text_generate} step with
 * {@code stream: true}, as the model produces it), from the process that runs the step to the
 * event streams open on any process. Ephemeral: nothing is stored, a stream that is not open
 * when a delta passes never sees it, and the step's output holds the whole text as always.
 */
public interface StepDeltas {

    /** A piece of a step's streamed text; {@code seq} counts the pieces of one attempt from 1. */
    record Delta(String runId, String stepId, int attempt, long seq, String text) {}

    /** The sink a step's context hands its text to. */
    Consumer<String> sink(String runId, String stepId, int attempt);

    /** Calls {@code listener} with each delta of the run until the returned handle is closed. */
    AutoCloseable subscribe(String runId, Consumer<Delta> listener);

    /** Publishes nothing and delivers nothing: for tests and tools that run steps outside the service. */
    StepDeltas NONE = new StepDeltas() {
        @Override
        public Consumer<String> sink(String runId, String stepId, int attempt) {
            return text -> { };
        }

        @Override
        public AutoCloseable subscribe(String runId, Consumer<Delta> listener) {
            return () -> { };
        }
    };
}
