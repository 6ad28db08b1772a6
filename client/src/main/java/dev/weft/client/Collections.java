package dev.weft.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Vector collections: documents (text embedded by the server, or your own embedding) and similarity queries. */
public final class Collections {

    public record Document(String id, String collection, int dimensions, JsonNode metadata, String content,
                           float[] embedding, Instant createdAt, Instant updatedAt) {}

    public record DocumentPage(List<Document> documents, String nextCursor) {}

    /** One hit of a query: the document and its cosine similarity. */
    public record Match(String id, double score, JsonNode metadata, String content) {}

    private final Transport transport;

    Collections(Transport transport) {
        this.transport = transport;
    }

    /** The app's collections with their document counts and dimensions, and the engine that answers queries. */
    public JsonNode list() {
        return transport.get("/v1/collections").json();
    }

    /** Stores (or replaces) a document: its text is embedded by the server; metadata may be null. */
    public Document put(String collection, String docId, String text, Map<String, Object> metadata) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        if (metadata != null) {
            body.put("metadata", metadata);
        }
        return transport.send("PUT", path(collection) + "/documents/" + Transport.segment(docId), body, Map.of())
                .as(Document.class);
    }

    public Document get(String collection, String docId) {
        return transport.get(path(collection) + "/documents/" + Transport.segment(docId)).as(Document.class);
    }

    public DocumentPage documents(String collection, String cursor, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("cursor", cursor);
        params.put("limit", limit);
        return transport.get(path(collection) + "/documents" + Transport.query(params)).as(DocumentPage.class);
    }

    public void delete(String collection, String docId) {
        transport.send("DELETE", path(collection) + "/documents/" + Transport.segment(docId), null, Map.of());
    }

    /** The {@code topK} documents most similar to {@code text}, optionally filtered on metadata ({"key": value}). */
    public List<Match> query(String collection, String text, int topK, Map<String, Object> filter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("topK", topK);
        if (filter != null) {
            body.put("filter", filter);
        }
        return transport.post(path(collection) + "/query", body).as(Matches.class).matches();
    }

    record Matches(List<Match> matches) {}

    private static String path(String collection) {
        return "/v1/collections/" + Transport.segment(collection);
    }
}
