package dev.weft.steps.storage;

import dev.weft.steps.StepFailure;
import dev.weft.providers.Embedder;
import dev.weft.providers.ProviderException;
import org.springframework.beans.factory.ObjectProvider;

/** Embeds a step's text with the server's embedder, classifying what goes wrong. */
final class Embedding {

    private final ObjectProvider<Embedder> embedders;

    Embedding(ObjectProvider<Embedder> embedders) {
        this.embedders = embedders;
    }

    Embedder embedder(String stepId) {
        Embedder embedder = embedders.getIfAvailable();
        if (embedder == null) {
            throw StepFailure.permanent("EMBEDDER_UNAVAILABLE",
                    "step '" + stepId + "': no embedding model is configured on this server");
        }
        return embedder;
    }

    float[] embed(String stepId, String text) {
        try {
            return embedder(stepId).embed(text);
        } catch (ProviderException e) {
            String message = "step '" + stepId + "': embedding failed: " + e.getMessage();
            throw e.retryable() ? StepFailure.retryable(e.code(), message) : StepFailure.permanent(e.code(), message);
        }
    }
}
