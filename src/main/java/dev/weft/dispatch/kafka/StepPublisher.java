package dev.weft.dispatch.kafka;

import java.util.concurrent.CompletableFuture;

/** Sends a step message to the steps topic; the future completes when the broker acknowledged it. */
@FunctionalInterface
public interface StepPublisher {

    CompletableFuture<?> publish(StepMessage message);
}
