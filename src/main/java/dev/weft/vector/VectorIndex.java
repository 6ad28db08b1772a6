package dev.weft.vector;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Named collections of embedded documents per app. A collection exists while it holds a document;
 * its dimension count is fixed by its documents, and a vector of another size is refused with a
 * {@link DimensionMismatchException}. Collection names match {@link CollectionName#PATTERN}, document
 * ids {@link #DOC_ID}. Every call is scoped to {@code appId}: apps never see each other's collections.
 */
public interface VectorIndex {

    String DOC_ID = "^[A-Za-z0-9._:@-]{1,200}$";

    /**
     * Inserts or replaces a document.
     *
     * @param metadata a JSON object or null
     * @param content  the text the embedding was made from, or null
     * @throws IllegalArgumentException for an invalid name, id, metadata or vector
     */
    VectorDocument upsert(String appId, String collection, String docId, float[] embedding, JsonNode metadata,
                          String content);

    /** @return whether the document existed */
    boolean delete(String appId, String collection, String docId);

    Optional<VectorDocument> get(String appId, String collection, String docId);

    /** Documents ordered by id, after {@code afterDocId} (null for the first page). */
    List<VectorDocument> list(String appId, String collection, String afterDocId, int limit);

    List<CollectionInfo> collections(String appId);

    /**
     * The {@code topK} documents most similar (cosine) to {@code vector} among those matching
     * {@code filter} (see {@link MetadataFilter}), best first. An unknown collection has no matches.
     */
    List<Match> query(String appId, String collection, float[] vector, int topK, JsonNode filter);

    /** How queries are answered: {@code "exact-in-memory"} or {@code "pgvector"}, shown in the collections API. */
    String engine();

    /** One search result; {@code score} is the cosine similarity in [-1, 1]. */
    record Match(String docId, double score, JsonNode metadata, String content) {}

    /** A collection with its document count and dimensions. */
    record CollectionInfo(String name, long documents, int dimensions) {}
}
