/**
 * The vector index behind {@code search_similar}, {@code store_results} and the collections API:
 * per-app named collections of documents (id, embedding, metadata, content), exact cosine search
 * with a small metadata filter. {@link dev.weft.vector.VectorIndex} is the port,
 * {@link dev.weft.vector.JdbcVectorIndex} the implementation (database as truth, floats cached in memory).
 */
package dev.weft.vector;
