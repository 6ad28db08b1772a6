package dev.weft.vector;

/** A vector whose size differs from the collection's. */
public class DimensionMismatchException extends IllegalArgumentException {

    public DimensionMismatchException(String collection, int expected, int actual) {
        super("vector has " + actual + " dimensions but collection '" + collection + "' holds " + expected
                + "-dimensional vectors (use the same embedding model, or another collection)");
    }
}
