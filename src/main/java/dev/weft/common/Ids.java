package dev.weft.common;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Identifiers. Run ids are UUID version 7 (time ordered, and strictly increasing within a process),
 * so sorting by id sorts by creation time and a cursor can be the last id seen.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /** Last (millis << 12 | sequence) handed out, so ids from one process are strictly increasing. */
    private static final java.util.concurrent.atomic.AtomicLong LAST = new java.util.concurrent.atomic.AtomicLong();

    public static String uuid7(Clock clock) {
        long now = clock.millis() << 12;
        long stamp = LAST.updateAndGet(last -> Math.max(now, last + 1));
        long millis = stamp >>> 12;
        long randA = stamp & 0xFFF; // a counter within the millisecond (RFC 9562, method 3)
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** A random URL-safe token of {@code bytes} random bytes. */
    public static String token(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
