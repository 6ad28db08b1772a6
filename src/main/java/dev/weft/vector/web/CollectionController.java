package dev.weft.vector.web;

import dev.weft.api.ApiProblem;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.providers.Embedder;
import dev.weft.vector.CollectionName;
import dev.weft.vector.DimensionMismatchException;
import dev.weft.vector.MetadataFilter;
import dev.weft.vector.VectorDocument;
import dev.weft.vector.VectorIndex;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** An app's vector collections: documents in, documents out, similarity queries. */
@RestController
@RequestMapping("/v1/collections")
@Tag(name = "Collections")
public class CollectionController {

    private static final int MAX_PAGE = 200;

    private final VectorIndex index;
    private final ObjectProvider<Embedder> embedder;

    public CollectionController(VectorIndex index, ObjectProvider<Embedder> embedder) {
        this.index = index;
        this.embedder = embedder;
    }

    @GetMapping
    @Operation(summary = "The app's collections with their document counts and dimensions",
            description = "engine: how queries are answered, \"pgvector\" (PostgreSQL with the extension) or "
                    + "\"exact-in-memory\" (exact cosine over vectors cached per process).")
    public CollectionList collections(AuthenticatedApp app) {
        return new CollectionList(index.engine(), index.collections(app.appId()));
    }

    /** The app's collections, and how queries are answered. */
    public record CollectionList(@io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"pgvector", "exact-in-memory"})
                                 String engine, List<VectorIndex.CollectionInfo> collections) {}

    /** The best matches of a query, best first. */
    public record QueryResult(List<Match> matches) {}

    /** A document matching a query: cosine similarity, its metadata and text. */
    public record Match(String id, double score, JsonNode metadata, String content) {
        static Match of(VectorIndex.Match m) {
            return new Match(m.docId(), m.score(), m.metadata(), m.content());
        }
    }

    @PutMapping("/{collection}/documents/{docId}")
    @Operation(summary = "Insert or replace a document",
            description = "Body {text?, embedding?, metadata?}: text is embedded with the server's model unless an "
                    + "embedding is given, and kept as the document's content. A collection is created by its first "
                    + "document and keeps that document's dimensions.")
    public DocumentView upsert(AuthenticatedApp app, @PathVariable String collection, @PathVariable String docId,
                               @Valid @RequestBody VectorRequests.UpsertDocument body) {
        requireName(collection);
        String text = body.text();
        float[] vector = VectorRequests.vector("text", VectorRequests.embedding(body.embedding()), text, embedder);
        JsonNode metadata = body.metadata();
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw ApiProblem.invalidField("metadata", "must be a JSON object");
        }
        try {
            return DocumentView.of(index.upsert(app.appId(), collection, docId, vector, metadata, text), false);
        } catch (DimensionMismatchException e) {
            throw ApiProblem.invalidField(body.embedding() != null ? "embedding" : "text", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(e.getMessage().startsWith("document id") ? "docId" : "embedding", e.getMessage());
        }
    }

    @GetMapping("/{collection}/documents")
    @Operation(summary = "A collection's documents by id", description = "limit 1..200 (default 50); cursor = nextCursor")
    public DocumentPage list(AuthenticatedApp app, @PathVariable String collection,
                                    @RequestParam(required = false) String cursor,
                                    @RequestParam(defaultValue = "50") int limit) {
        requireName(collection);
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.invalidField("limit", "must be between 1 and " + MAX_PAGE);
        }
        List<VectorDocument> page = index.list(app.appId(), collection, cursor, limit);
        if (page.isEmpty() && cursor == null) {
            throw notFound(collection);
        }
        return new DocumentPage(page.stream().map(d -> DocumentView.of(d, false)).toList(),
                page.size() == limit ? page.getLast().docId() : null);
    }

    /** A page of documents; {@code nextCursor} continues it (absent on the last page). */
    public record DocumentPage(List<DocumentView> documents, String nextCursor) {}

    @GetMapping("/{collection}/documents/{docId}")
    @Operation(summary = "One document, with its embedding")
    public DocumentView get(AuthenticatedApp app, @PathVariable String collection, @PathVariable String docId) {
        return index.get(app.appId(), collection, docId).map(d -> DocumentView.of(d, true))
                .orElseThrow(() -> ApiProblem.notFound("document", "no document " + docId + " in collection " + collection));
    }

    @DeleteMapping("/{collection}/documents/{docId}")
    @Operation(summary = "Delete a document")
    public ResponseEntity<Void> delete(AuthenticatedApp app, @PathVariable String collection, @PathVariable String docId) {
        if (!index.delete(app.appId(), collection, docId)) {
            throw ApiProblem.notFound("document", "no document " + docId + " in collection " + collection);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{collection}/query")
    @Operation(summary = "The documents most similar to a text or an embedding",
            description = "Body {text | embedding, topK? 1..100 (default 5), filter?}. Cosine similarity (exact, or pgvector's HNSW index). "
                    + "filter: {\"key\": value} equality on top-level metadata keys, or {\"key\": {\"$in\": [values]}}.")
    public QueryResult query(AuthenticatedApp app, @PathVariable String collection,
                                     @Valid @RequestBody VectorRequests.Query body) {
        requireName(collection);
        int topK = body.topK() == null ? 5 : body.topK();
        JsonNode filter = body.filter();
        try {
            MetadataFilter.parse(filter);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("filter", e.getMessage());
        }
        float[] given = VectorRequests.embedding(body.embedding());
        String text = body.text();
        if (index.list(app.appId(), collection, null, 1).isEmpty()) {
            throw notFound(collection);
        }
        float[] vector = VectorRequests.vector("text", given, text, embedder);
        try {
            return new QueryResult(index.query(app.appId(), collection, vector, topK, filter).stream()
                    .map(Match::of).toList());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(given != null ? "embedding" : "text", e.getMessage());
        }
    }

    private static void requireName(String collection) {
        if (!CollectionName.isValid(collection)) {
            throw ApiProblem.invalidField("collection", "must match " + CollectionName.PATTERN);
        }
    }

    private static ApiProblem notFound(String collection) {
        return ApiProblem.notFound("collection", "no collection " + collection);
    }
}
