package dev.weft.vector;

/** A vector whose size differs from the collection's. */
public class DimensionMismatchException extends IllegalArgumentException {

    private final int expected;
    private final int actual;

    public DimensionMismatchException(String collection, int expected, int actual) {
        super("vector has " + actual + " dimensions but collection '" + collection + "' holds " + expected
                + "-dimensional vectors (use the same embedding model, or another collection)");
        this.expected = expected;
        this.actual = actual;
    }

    /** The collection's dimensions. */
    public int expected() {
        return expected;
    }

    /** The offered vector's dimensions. */
    public int actual() {
        return actual;
    }
}
