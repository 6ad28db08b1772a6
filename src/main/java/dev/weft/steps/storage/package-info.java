/**
 * Storage step types: {@code store_results} (data as an artifact, optionally indexed into a vector
 * collection) and {@code search_similar} (similarity search over a collection).
 */
package dev.weft.steps.storage;
