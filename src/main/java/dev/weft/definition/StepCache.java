package dev.weft.definition;

import java.time.Duration;

/**
 * A step's {@code cache} field: its result is reused by later runs of the same app whose step of
 * the same type has the same resolved input (or, with {@code key}, the same rendered key) for
 * {@code ttl}. Off unless the step asks for it.
 *
 * @param ttl how long a stored result is reused, {@code PT1S} to {@code P365D}
 * @param key a template (such as {@code "{{ input.prompt }}"}) whose rendered value replaces the
 *            resolved input in the cache key; null to key on the whole input
 */
public record StepCache(Duration ttl, String key) {

    public static final Duration MAX_TTL = Duration.ofDays(365);
}
