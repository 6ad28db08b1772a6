package dev.weft.ratelimit;

/**
 * What a bucket said about one request.
 *
 * @param allowed     whether the request may go on
 * @param remaining   whole tokens left after it
 * @param retryAfterSeconds when refused, seconds until one token is back (at least 1); 0 when allowed
 * @param resetSeconds seconds until the bucket is full again
 */
public record Verdict(boolean allowed, long remaining, long retryAfterSeconds, long resetSeconds) {}
