/**
 * The collections API ({@code /v1/collections}): upserting, reading, listing, deleting and
 * querying an app's vector documents. Text is embedded with the server's
 * {@link dev.weft.providers.Embedder} when no embedding is given.
 */
package dev.weft.vector.web;
