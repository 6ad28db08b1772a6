package dev.weft.expression;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the values an evaluation builds, as the length of their JSON text and their nesting
 * depth, and stops the evaluation as soon as one is too large or too deep. Containers are measured
 * once each (by identity), so a list built by appending to another costs its new elements, and
 * measuring stops at the limit, so a huge value costs no more than the limit to reject.
 *
 * <p>One instance per evaluation; not thread-safe.
 */
final class ValueSize {

    /** Nesting that JSON readers downstream (the store, webhook receivers) can take. */
    static final int MAX_DEPTH = 64;

    /** Thrown through CEL's evaluation (which wraps it) when a built value is too large. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private record Measure(long size, int height) {}

    private static final Measure SCALAR = new Measure(8, 0);
    private static final Measure NULL = new Measure(4, 0);
    private static final int MAX_REMEMBERED = 100_000;

    private final long limit;
    private final Map<Object, Measure> measured = new IdentityHashMap<>();

    ValueSize(long limit) {
        this.limit = limit;
    }

    /** @throws TooLarge when the value's JSON text would be longer than the limit, or nest too deeply */
    void check(Object value) {
        Measure m = measure(value, 1);
        if (m.size() > limit) {
            throw new TooLarge("the expression built a value larger than the limit of " + limit
                    + " characters (as JSON)");
        }
    }

    private Measure measure(Object value, int depth) {
        return switch (value) {
            case null -> NULL;
            case String s -> new Measure(s.length() + 2L, 0);
            case Map<?, ?> map -> container(map, depth, () -> {
                long total = 2;
                int height = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    Measure v = measure(e.getValue(), depth + 1);
                    total += measure(e.getKey(), depth + 1).size() + v.size() + 2;
                    height = Math.max(height, v.height());
                    if (total > limit) {
                        break;
                    }
                }
                return new Measure(total, height + 1);
            });
            case List<?> list -> container(list, depth, () -> {
                long total = 2;
                int height = 0;
                for (Object element : list) {
                    Measure v = measure(element, depth + 1);
                    total += v.size() + 1;
                    height = Math.max(height, v.height());
                    if (total > limit) {
                        break;
                    }
                }
                return new Measure(total, height + 1);
            });
            case dev.cel.common.values.CelByteString bytes -> new Measure(bytes.size() * 4L / 3 + 4, 0);
            case com.google.protobuf.ByteString bytes -> new Measure(bytes.size() * 4L / 3 + 4, 0);
            default -> SCALAR;
        };
    }

    private Measure container(Object container, int depth, java.util.function.Supplier<Measure> measure) {
        Measure known = measured.get(container);
        if (known == null) {
            if (depth > MAX_DEPTH) {
                throw tooDeep();
            }
            known = measure.get();
            if (measured.size() < MAX_REMEMBERED) {
                measured.put(container, known);
            }
        }
        if (depth - 1 + known.height() > MAX_DEPTH) {
            throw tooDeep();
        }
        return known;
    }

    private static TooLarge tooDeep() {
        return new TooLarge("the expression built a value nested more than " + MAX_DEPTH + " levels deep");
    }
}
