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

    /**
     * Where one attempt's text goes: {@link Sink#close()} when the attempt ends hands on what is
     * left at once, before the attempt's outcome is recorded, so the last delta never comes after
     * the step's end.
     */
    interface Sink extends Consumer<String>, AutoCloseable {
        @Override
        void close();
    }

    /** The sink a step's context hands its text to. */
    Sink sink(String runId, String stepId, int attempt);

    /** Calls {@code listener} with each delta of the run until the returned handle is closed. */
    AutoCloseable subscribe(String runId, Consumer<Delta> listener);

    /** Publishes nothing and delivers nothing: for tests and tools that run steps outside the service. */
    StepDeltas NONE = new StepDeltas() {
        @Override
        public Sink sink(String runId, String stepId, int attempt) {
            return new Sink() {
                @Override
                public void accept(String text) {
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public AutoCloseable subscribe(String runId, Consumer<Delta> listener) {
            return () -> { };
        }
    };
}
