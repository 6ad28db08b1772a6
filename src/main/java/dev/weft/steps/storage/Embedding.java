package dev.weft.steps.storage;

import dev.weft.providers.Capability;
import dev.weft.providers.Embedder;
import dev.weft.providers.ProviderException;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepFailure;
import dev.weft.steps.ai.ProviderCalls;
import dev.weft.vector.DimensionMismatchException;
import dev.weft.vector.VectorDocument;
import dev.weft.vector.VectorIndex;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeds a storage step's text through the provider ports: the {@code provider}/{@code model}/{@code fallbacks}
 * of {@code spec}, else the app's default embedding provider, the server's, the local one. Records usage,
 * checks budgets, classifies what goes wrong, and explains a dimension mismatch by the models involved.
 */
final class Embedding {

    /** The metadata key under which {@code store_results} notes which model embedded a document. */
    static final String MODEL_KEY = "embeddingModel";

    /** A vector, who made it, and the step's {@code usage} object. */
    record Result(float[] vector, String provider, String model, ObjectNode usage) {
        String label() {
            return provider + "/" + model;
        }
    }

    private final ProviderCalls calls;

    Embedding(ProviderCalls calls) {
        this.calls = calls;
    }

    Result embed(StepContext context, JsonNode spec, String text) {
        try {
            var answer = calls.call(context, calls.chain(context, Capability.EMBEDDING, spec), c -> {
                Embedder embedder = calls.directory().embedder(context.appId(), c.provider(), c.model());
                Embedder.Embedded embedded = embedder.embedCounted(text);
                return new Result(embedded.vector(), embedder.provider(), embedder.model(),
                        calls.usage(context, embedder.provider(), embedder.model(), embedded.inputTokens(), 0, 0));
            });
            return answer.value();
        } catch (ProviderException e) {
            String message = StepFailure.prefix(context) + "embedding failed: " + e.getMessage();
            throw e.retryable() ? StepFailure.retryable(e.code(), message) : StepFailure.permanent(e.code(), message);
        }
    }

    /**
     * A {@code DIMENSION_MISMATCH} failure naming the collection's dimensions and, when its documents say,
     * the model that embedded them, next to the vector at hand (from {@code used}, or given as is when null).
     */
    static StepFailure mismatch(StepContext context, VectorIndex index, String collection, DimensionMismatchException e,
                                Result used) {
        String heldBy = index.list(context.appId(), collection, null, 1).stream().findFirst()
                .map(VectorDocument::metadata).map(m -> m == null ? null : m.get(MODEL_KEY))
                .filter(JsonNode::isString).map(m -> " embedded with " + m.asString())
                .orElse(" (no embeddingModel in its metadata)");
        String ours = used == null ? "the given embedding has " + e.actual() + " dimensions"
                : used.label() + " gives " + e.actual() + "-dimensional vectors";
        return StepFailure.permanent("DIMENSION_MISMATCH", StepFailure.prefix(context) + "collection '" + collection
                + "' holds " + e.expected() + "-dimensional vectors" + heldBy + ", but " + ours
                + "; use the collection's model (provider/model in the step), or another collection");
    }
}
