package dev.weft.vector.web;

import dev.weft.api.ApiProblem;
import dev.weft.providers.Embedder;
import dev.weft.providers.ProviderException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The collection endpoints' request bodies (unknown fields refused, values checked by Bean Validation
 * and answered with the field's name) and the vector of a request: {@code embedding} as given, or
 * {@code text} embedded.
 */
final class VectorRequests {

    static final int MAX_TEXT = 100_000;

    private VectorRequests() {}

    /** Float's range: an embedding is stored as 32-bit floats. */
    static final String MAX_FLOAT = "3.4028235E38";

    /** {@code PUT /v1/collections/{collection}/documents/{docId}}. */
    record UpsertDocument(
            @Size(max = MAX_TEXT, message = "must be at most " + MAX_TEXT + " characters")
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String text,
            @Size(min = 1, message = "must be a non-empty array of numbers")
            List<@NotNull(message = "must be a number") @DecimalMin(value = "-" + MAX_FLOAT, message = "must be within ±3.4e38")
                    @DecimalMax(value = MAX_FLOAT, message = "must be within ±3.4e38") Double> embedding,
            JsonNode metadata) {}

    /** {@code POST /v1/collections/{collection}/query}. */
    record Query(
            @Size(max = MAX_TEXT, message = "must be at most " + MAX_TEXT + " characters")
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String text,
            @Size(min = 1, message = "must be a non-empty array of numbers")
            List<@NotNull(message = "must be a number") @DecimalMin(value = "-" + MAX_FLOAT, message = "must be within ±3.4e38")
                    @DecimalMax(value = MAX_FLOAT, message = "must be within ±3.4e38") Double> embedding,
            @Min(value = 1, message = "must be an integer between 1 and 100")
            @Max(value = 100, message = "must be an integer between 1 and 100") Integer topK,
            JsonNode filter) {}

    static float[] embedding(List<Double> values) {
        if (values == null) {
            return null;
        }
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i).floatValue();
        }
        return vector;
    }

    /** The given embedding, else the text embedded; one of them is required. */
    static float[] vector(String textField, float[] given, String text, ObjectProvider<Embedder> embedders) {
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
            throw new ApiProblem(e.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNPROCESSABLE_CONTENT,
                    "embedding-failed", "Embedding failed", textField + ": " + e.getMessage());
        }
    }
}
