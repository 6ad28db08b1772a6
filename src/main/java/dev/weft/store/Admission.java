package dev.weft.store;

/**
 * How a run is let in and ordered.
 *
 * @param priority         0 to 9, higher first, when steps wait for execution slots
 * @param concurrencyKey   the value of its definition's concurrency key, or null when it has none
 * @param concurrencyLimit how many runs of the app with that value may run at once; 0 without a key
 * @param statusReason     why a pending run has not started (waiting for a concurrency slot), or null
 */
public record Admission(int priority, String concurrencyKey, int concurrencyLimit, String statusReason) {

    public static final int DEFAULT_PRIORITY = 5;
    public static final Admission DEFAULT = new Admission(DEFAULT_PRIORITY, null, 0, null);

    public boolean keyed() {
        return concurrencyKey != null;
    }

    public Admission withReason(String reason) {
        return new Admission(priority, concurrencyKey, concurrencyLimit, reason);
    }
}
