package dev.weft.vector;

import java.util.regex.Pattern;

/** Validation of collection names and document ids. */
public final class CollectionName {

    public static final String PATTERN = "^[a-zA-Z0-9_-]{1,100}$";
    private static final Pattern NAME = Pattern.compile(PATTERN);
    private static final Pattern DOC_ID = Pattern.compile(VectorIndex.DOC_ID);

    private CollectionName() {}

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** @throws IllegalArgumentException when the name is not valid */
    public static String require(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("collection name '" + name + "' must match " + PATTERN);
        }
        return name;
    }

    public static String requireDocId(String docId) {
        if (docId == null || !DOC_ID.matcher(docId).matches()) {
            throw new IllegalArgumentException("document id '" + docId + "' must match " + VectorIndex.DOC_ID);
        }
        return docId;
    }
}
