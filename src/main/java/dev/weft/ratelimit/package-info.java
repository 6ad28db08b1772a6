/**
 * Rate limits on the API: a token bucket per API key and one per app, in memory for one process or
 * in the database so the limit holds across processes; {@code 429} with {@code Retry-After} and
 * {@code RateLimit-*} headers.
 */
package dev.weft.ratelimit;
