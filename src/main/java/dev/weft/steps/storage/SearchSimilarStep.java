package dev.weft.steps.storage;

import org.slf4j.LoggerFactory;
import dev.weft.common.Failures;
import dev.weft.common.Json;
import dev.weft.steps.Inputs;
import dev.weft.steps.SchemaBackedStep;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepFailure;
import dev.weft.steps.StepResult;
import dev.weft.steps.ai.ProviderCalls;
import dev.weft.vector.CollectionName;
import dev.weft.vector.DimensionMismatchException;
import dev.weft.vector.MetadataFilter;
import dev.weft.vector.VectorIndex;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code search_similar}: the {@code topK} documents of a collection most similar to {@code query}
 * (embedded) or {@code embedding}, optionally filtered by metadata and a minimum score. An unknown
 * or empty collection simply has no matches, so a workflow can search before anything was stored.
 */
@Component
public class SearchSimilarStep extends SchemaBackedStep {

    static final String TYPE = "search_similar";
    static final int MAX_TOP_K = 100;

    private final VectorIndex index;
    private final Embedding embedding;

    public SearchSimilarStep(VectorIndex index, ProviderCalls calls) {
        super(TYPE);
        this.index = index;
        this.embedding = new Embedding(calls);
    }

    @Override
    public StepResult execute(StepContext context) {
        try {
            return StepResult.ok(search(context));
        } catch (StepFailure f) {
            return f.result();
        }
    }

    private ObjectNode search(StepContext context) {
        JsonNode input = context.input();
        String step = "step '" + context.stepId() + "': ";
        String collection = input.path("collection").asString(null);
        if (!CollectionName.isValid(collection)) {
            throw StepFailure.permanent("INVALID_COLLECTION", step + "collection '" + collection + "' must match "
                    + CollectionName.PATTERN);
        }
        boolean hasQuery = input.hasNonNull("query");
        boolean hasEmbedding = input.hasNonNull("embedding");
        if (hasQuery == hasEmbedding) {
            throw StepFailure.permanent("INVALID_STEP_INPUT", step + "give exactly one of query or embedding");
        }
        int topK = Inputs.integer(input, "topK", 5);
        if (topK < 1 || topK > MAX_TOP_K) {
            throw StepFailure.permanent("INVALID_STEP_INPUT", step + "topK must be between 1 and " + MAX_TOP_K);
        }
        JsonNode filter = input.get("filter");
        try {
            MetadataFilter.parse(filter);
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent("INVALID_STEP_INPUT", step + e.getMessage());
        }
        Embedding.Result embedded = hasQuery ? embedding.embed(context, input, input.get("query").asString()) : null;
        float[] vector = hasQuery ? embedded.vector() : floats(input.get("embedding"));
        List<VectorIndex.Match> matches;
        try {
            matches = index.query(context.appId(), collection, vector, topK, filter);
        } catch (DimensionMismatchException e) {
            throw Embedding.mismatch(context, index, collection, e, embedded);
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent("INVALID_STEP_INPUT", step + "embedding: " + e.getMessage());
        } catch (DataAccessException e) {
            LoggerFactory.getLogger(SearchSimilarStep.class).warn("{}search failed", step, e);
            throw StepFailure.retryable("STORAGE_ERROR", step + Failures.storage("search failed"));
        }
        return output(matches, Inputs.number(input, "minScore", -1.0), embedded);
    }

    private static ObjectNode output(List<VectorIndex.Match> matches, double minScore, Embedding.Result embedded) {
        ObjectNode output = Json.object();
        ArrayNode array = output.putArray("matches");
        for (VectorIndex.Match m : matches) {
            if (m.score() < minScore) {
                continue;
            }
            ObjectNode match = array.addObject();
            match.put("id", m.docId());
            match.put("score", m.score());
            match.set("metadata", m.metadata());
            match.put("content", m.content());
        }
        output.put("model", embedded == null ? null : embedded.model());
        if (embedded != null) {
            output.put("provider", embedded.provider());
            output.set("usage", embedded.usage());
        }
        return output;
    }

    private static float[] floats(JsonNode array) {
        float[] vector = new float[array.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) array.get(i).numberValue().doubleValue(); // the schema bounds it to float range
        }
        return vector;
    }
}
