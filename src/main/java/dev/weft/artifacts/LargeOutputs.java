package dev.weft.artifacts;

import dev.weft.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps large JSON out of run rows: a value whose JSON exceeds {@code weft.artifacts.inline-output-limit}
 * is stored as an {@code application/json} artifact and replaced by a reference
 * {@code {"$artifact": {"artifactId", "url", "contentType", "sizeBytes", "sha256"}}}; a {@link Resolver}
 * turns such a reference back into the JSON when a later step reads it.
 */
public class LargeOutputs {

    public static final String REFERENCE_FIELD = "$artifact";
    private static final String JSON = "application/json";

    private final ArtifactStore store;
    private final long inlineLimit;

    public LargeOutputs(ArtifactStore store, long inlineLimit) {
        this.store = store;
        this.inlineLimit = inlineLimit;
    }

    /**
     * {@code value} itself when small enough, else a reference to the artifact now holding it.
     *
     * @param stepId recorded on the artifact; null keeps it out of {@link ArtifactStore#findByStep}
     * @throws IllegalArgumentException when the value exceeds even the artifact size limit
     * @throws java.io.UncheckedIOException when the store is unavailable
     */
    public JsonNode externalize(String appId, String runId, String stepId, JsonNode value) {
        if (value == null || value.isNull()) {
            return value;
        }
        byte[] bytes = Json.write(value).getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= inlineLimit) {
            return value;
        }
        Artifact artifact = store.put(appId, runId, stepId, JSON, bytes);
        ObjectNode reference = Json.object();
        reference.set(REFERENCE_FIELD, artifact.toReference());
        return reference;
    }

    /** Whether {@code node} is exactly a reference made by {@link #externalize}. */
    public static boolean isReference(JsonNode node) {
        return node != null && node.isObject() && node.size() == 1 && node.path(REFERENCE_FIELD).isObject()
                && node.path(REFERENCE_FIELD).path("artifactId").isString();
    }

    /** A resolver for one step execution: it reads each artifact at most once. */
    public Resolver resolver(String appId) {
        return new Resolver(appId);
    }

    /** Turns references back into JSON, reading only the app's own JSON artifacts. Not thread-safe. */
    public final class Resolver {

        private final String appId;
        private final Map<String, JsonNode> resolved = new HashMap<>();

        private Resolver(String appId) {
            this.appId = appId;
        }

        /**
         * The referenced JSON when {@code value} is a reference, else {@code value}.
         *
         * @throws UnresolvableReferenceException when the artifact does not exist or is not JSON
         * @throws java.io.UncheckedIOException   when the store is unavailable
         */
        public JsonNode resolve(JsonNode value) {
            if (!isReference(value)) {
                return value;
            }
            String id = value.get(REFERENCE_FIELD).get("artifactId").asString();
            return resolved.computeIfAbsent(id, this::read);
        }

        private JsonNode read(String artifactId) {
            Artifact artifact = store.find(appId, artifactId).orElseThrow(() ->
                    new UnresolvableReferenceException("artifact " + artifactId + " does not exist"));
            if (!artifact.contentType().startsWith(JSON)) {
                throw new UnresolvableReferenceException("artifact " + artifactId + " is " + artifact.contentType()
                        + ", not JSON");
            }
            byte[] bytes = store.read(artifact);
            if (!ArtifactRows.sha256(bytes).equals(artifact.sha256())) {
                throw new UnresolvableReferenceException("artifact " + artifactId + " does not match its SHA-256");
            }
            try {
                return Json.parse(new String(bytes, StandardCharsets.UTF_8));
            } catch (JacksonException e) {
                throw new UnresolvableReferenceException("artifact " + artifactId + " is not valid JSON");
            }
        }
    }

    /** A reference that cannot be turned back into JSON; retrying will not help. */
    public static class UnresolvableReferenceException extends RuntimeException {
        public UnresolvableReferenceException(String message) {
            super(message);
        }
    }
}
