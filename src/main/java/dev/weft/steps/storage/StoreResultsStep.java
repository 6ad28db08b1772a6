package dev.weft.steps.storage;

import org.slf4j.LoggerFactory;
import dev.weft.common.Failures;
import dev.weft.artifacts.Artifact;
import dev.weft.artifacts.ArtifactStore;
import dev.weft.common.Json;
import dev.weft.steps.SchemaBackedStep;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepFailure;
import dev.weft.steps.StepResult;
import dev.weft.steps.ai.ProviderCalls;
import dev.weft.vector.CollectionName;
import dev.weft.vector.DimensionMismatchException;
import dev.weft.vector.VectorIndex;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code store_results}: writes {@code data} as an artifact and, with {@code index}, upserts it into a
 * vector collection. Idempotent per step: a retried step finds the artifact its earlier attempt
 * stored (by app, run and step) instead of storing a second one, and the index upsert replaces the
 * same document id.
 */
@Component
public class StoreResultsStep extends SchemaBackedStep {

    static final String TYPE = "store_results";
    static final int DEFAULT_TEXT_CHARS = 4000;

    private final ArtifactStore artifacts;
    private final VectorIndex index;
    private final Embedding embedding;

    public StoreResultsStep(ArtifactStore artifacts, VectorIndex index, ProviderCalls calls) {
        super(TYPE);
        this.artifacts = artifacts;
        this.index = index;
        this.embedding = new Embedding(calls);
    }

    @Override
    public StepResult execute(StepContext context) {
        try {
            return StepResult.ok(store(context));
        } catch (StepFailure f) {
            return f.result();
        }
    }

    private ObjectNode store(StepContext context) {
        JsonNode input = context.input();
        JsonNode data = input.get("data");
        String name = input.path("name").asString(null);
        JsonNode indexSpec = input.get("index");
        String collection = indexSpec == null ? null : indexSpec.path("collection").asString(null);
        if (indexSpec != null && !CollectionName.isValid(collection)) {
            throw StepFailure.permanent("INVALID_COLLECTION", "step '" + context.stepId() + "': index.collection '"
                    + collection + "' must match " + CollectionName.PATTERN);
        }
        Artifact artifact = storeArtifact(context, data, input.path("contentType").asString("application/json"));
        ObjectNode output = Json.object();
        ObjectNode ref = artifact.toReference();
        if (name != null) {
            ref.put("name", name);
        }
        output.set("artifact", ref);
        if (indexSpec != null) {
            String docId = indexSpec.path("id").asString(context.effectId());
            Embedding.Result embedded = index(context, collection, docId, indexSpec, data, artifact, name);
            ObjectNode indexed = output.putObject("indexed");
            indexed.put("collection", collection);
            indexed.put("id", docId);
            indexed.put("provider", embedded.provider());
            indexed.put("model", embedded.model());
            indexed.put("dimensions", embedded.vector().length);
            output.set("usage", embedded.usage());
        }
        return output;
    }

    private Artifact storeArtifact(StepContext context, JsonNode data, String contentType) {
        byte[] bytes = bytes(context, data, contentType);
        try {
            return artifacts.findByStep(context.appId(), context.runId(), context.stepId())
                    .orElseGet(() -> artifacts.put(context.appId(), context.runId(), context.stepId(), contentType, bytes));
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent("INVALID_ARTIFACT", "step '" + context.stepId() + "': " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw StepFailure.retryable("STORAGE_ERROR", "step '" + context.stepId() + "': could not store the artifact: "
                    + Failures.describe(e));
        } catch (DataAccessException e) {
            LoggerFactory.getLogger(StoreResultsStep.class).warn("step '{}' could not store its artifact", context.stepId(), e);
            throw StepFailure.retryable("STORAGE_ERROR", "step '" + context.stepId() + "': "
                    + Failures.storage("could not store the artifact"));
        }
    }

    private static byte[] bytes(StepContext context, JsonNode data, String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json") || type.contains("+json")) {
            return Json.MAPPER.writeValueAsBytes(data);
        }
        if (!data.isString()) {
            throw StepFailure.permanent("INVALID_STEP_INPUT", "step '" + context.stepId() + "': data must be a string when "
                    + "contentType is " + contentType);
        }
        return data.asString().getBytes(StandardCharsets.UTF_8);
    }

    private Embedding.Result index(StepContext context, String collection, String docId, JsonNode spec, JsonNode data,
                                   Artifact artifact, String name) {
        String text = spec.hasNonNull("text") ? spec.get("text").asString() : defaultText(data);
        ObjectNode metadata = spec.path("metadata").isObject() ? ((ObjectNode) spec.get("metadata")).deepCopy() : Json.object();
        putIfAbsent(metadata, "runId", context.runId());
        putIfAbsent(metadata, "stepId", context.stepId());
        putIfAbsent(metadata, "artifactId", artifact.id());
        if (name != null) {
            putIfAbsent(metadata, "name", name);
        }
        Embedding.Result embedded = embedding.embed(context, spec, text);
        putIfAbsent(metadata, Embedding.MODEL_KEY, embedded.label());
        try {
            index.upsert(context.appId(), collection, docId, embedded.vector(), metadata, text);
            return embedded;
        } catch (DimensionMismatchException e) {
            throw Embedding.mismatch(context, index, collection, e, embedded);
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent("INVALID_STEP_INPUT", "step '" + context.stepId() + "': index: " + e.getMessage());
        } catch (DataAccessException e) {
            LoggerFactory.getLogger(StoreResultsStep.class).warn("step '{}' could not index", context.stepId(), e);
            throw StepFailure.retryable("STORAGE_ERROR", "step '" + context.stepId() + "': " + Failures.storage("could not index"));
        }
    }

    /** The data as text for embedding: a string as is, anything else as compact JSON; truncated. */
    static String defaultText(JsonNode data) {
        String text = data.isString() ? data.asString() : Json.write(data);
        return text.length() <= DEFAULT_TEXT_CHARS ? text : text.substring(0, DEFAULT_TEXT_CHARS);
    }

    private static void putIfAbsent(ObjectNode node, String key, String value) {
        if (!node.has(key)) {
            node.put(key, value);
        }
    }
}
