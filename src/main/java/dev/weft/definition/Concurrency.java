package dev.weft.definition;

/**
 * A workflow's concurrency limit: at most {@code limit} runs of an app whose {@code key} evaluates
 * to the same value run at once; the others wait in {@code pending} and start in submission order.
 *
 * @param key   a template over {@code input} and {@code run}, e.g. {@code "{{ input.userId }}"}
 * @param limit 1 or more
 */
public record Concurrency(String key, int limit) {

    public static final int MAX_LIMIT = 10_000;
    /** Characters of an evaluated key. */
    public static final int MAX_KEY_LENGTH = 200;
}
