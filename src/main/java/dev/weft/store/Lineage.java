package dev.weft.store;

/**
 * Where a run comes from in a chain of sub-workflow calls.
 *
 * @param parentRunId  the run whose {@code workflow} step started it; null for a run started otherwise
 * @param parentStepId that step (an item id for a step with {@code forEach}); null with it
 * @param depth        0 for a run started otherwise, the parent's depth plus one for a child
 */
public record Lineage(String parentRunId, String parentStepId, int depth) {

    /** A run nobody called. */
    public static final Lineage NONE = new Lineage(null, null, 0);

    public static Lineage childOf(String parentRunId, String parentStepId, int parentDepth) {
        return new Lineage(parentRunId, parentStepId, parentDepth + 1);
    }

    public boolean isChild() {
        return parentRunId != null;
    }
}
