package dev.weft.steps;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Starts the child run of a {@code workflow} step: the port the step uses, implemented where runs
 * are started.
 */
public interface ChildRuns {

    /**
     * Starts the child run, or finds the one this execution of the step started already (a retry of
     * the same attempt, or a re-run after a crash): one child per execution, however often this is
     * called for it.
     *
     * @return the child run's id
     * @throws Refused when the child cannot be started whatever is tried again (permanent)
     */
    String start(Request request);

    /**
     * @param executionStartedAt when the step's current execution first started; the step reset by
     *                           a resume starts a new one, and with it a new child
     */
    record Request(String appId, String parentRunId, String parentStepId, Instant executionStartedAt,
                   String workflowSlug, Integer version, JsonNode input) {}

    /** Why a child run cannot be started: no such workflow, an input it refuses, calls nested too deep. */
    final class Refused extends RuntimeException {
        private final String code;

        public Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
