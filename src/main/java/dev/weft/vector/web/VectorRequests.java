package dev.weft.vector.web;

import dev.weft.api.ApiProblem;
import dev.weft.providers.Embedder;
import dev.weft.providers.ProviderException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** Reads the vector of a request ({@code embedding} as given, or {@code text} embedded), naming the field on error. */
final class VectorRequests {

    static final int MAX_TEXT = 100_000;

    private VectorRequests() {}

    static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ApiProblem.invalidField(field, "must be a string");
        }
        String text = node.asString();
        if (text.isBlank()) {
            throw ApiProblem.invalidField(field, "must not be blank");
        }
        if (text.length() > MAX_TEXT) {
            throw ApiProblem.invalidField(field, "must be at most " + MAX_TEXT + " characters");
        }
        return text;
    }

    static float[] embedding(JsonNode body) {
        JsonNode node = body.get("embedding");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw ApiProblem.invalidField("embedding", "must be a non-empty array of numbers");
        }
        float[] vector = new float[node.size()];
        for (int i = 0; i < vector.length; i++) {
            if (!node.get(i).isNumber()) {
                throw ApiProblem.invalidField("embedding[" + i + "]", "must be a number");
            }
            vector[i] = node.get(i).floatValue();
        }
        return vector;
    }

    /** The given embedding, else the text embedded; one of them is required. */
    static float[] vector(JsonNode body, String textField, float[] given, String text, ObjectProvider<Embedder> embedders) {
        if (given != null) {
            return given;
        }
        if (text == null) {
            throw ApiProblem.invalidField(textField, "either " + textField + " or embedding is required");
        }
        Embedder embedder = embedders.getIfAvailable();
        if (embedder == null) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "embedder-unavailable", "No embedder",
                    "no embedding model is configured on this server; send an embedding instead of " + textField);
        }
        try {
            return embedder.embed(text);
        } catch (ProviderException e) {
            throw new ApiProblem(e.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST,
                    "embedding-failed", "Embedding failed", textField + ": " + e.getMessage());
        }
    }
}
