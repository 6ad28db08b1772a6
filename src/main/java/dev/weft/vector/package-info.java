/**
 * The vector index behind {@code search_similar}, {@code store_results} and the collections API:
 * per-app named collections of documents (id, embedding, metadata, content), cosine top-k with a
 * small metadata filter. {@link dev.weft.vector.VectorIndex} is the port; the table
 * {@code vector_documents} is the truth for both implementations: {@link dev.weft.vector.JdbcVectorIndex}
 * (exact search over vectors cached per process, kept fresh by a staleness check) and
 * {@link dev.weft.vector.PgVectorIndex} (PostgreSQL with pgvector), chosen by {@link dev.weft.vector.VectorConfiguration}.
 */
package dev.weft.vector;
