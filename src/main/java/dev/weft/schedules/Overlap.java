package dev.weft.schedules;

import java.util.Locale;
import java.util.Optional;

/** What a fire time does when the schedule's previous run has not finished. */
public enum Overlap {
    /** No run this time. */
    SKIP,
    /** Start another run beside it. */
    ALLOW,
    /** Cancel the previous run, then start. */
    CANCEL_PREVIOUS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Overlap> fromWire(String value) {
        for (Overlap o : values()) {
            if (o.wire().equals(value)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
