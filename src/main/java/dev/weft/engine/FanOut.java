package dev.weft.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How the items of a {@code forEach} step are named: {@code <step>[<index>]}, a step id and the
 * item's position in the list from 0. Step ids cannot contain brackets, so the two never collide.
 */
public final class FanOut {

    private FanOut() {}

    public static String itemId(String stepId, int index) {
        return stepId + "[" + index + "]";
    }

    public static boolean isItem(String id) {
        return id.endsWith("]") && id.indexOf('[') > 0;
    }

    /** The step an item belongs to; the id itself when it names a step. */
    public static String stepOf(String id) {
        int open = id.indexOf('[');
        return open > 0 && id.endsWith("]") ? id.substring(0, open) : id;
    }

    /** The item's position in its step's list; -1 when the id names a step. */
    public static int indexOf(String id) {
        int open = id.indexOf('[');
        if (open <= 0 || !id.endsWith("]")) {
            return -1;
        }
        return Integer.parseInt(id, open + 1, id.length() - 1, 10);
    }

    /** The items of {@code stepId} among {@code steps}, in list order. */
    public static List<StepState> items(Map<String, StepState> steps, String stepId) {
        List<StepState> items = new ArrayList<>();
        for (StepState s : steps.values()) {
            if (isItem(s.id()) && stepOf(s.id()).equals(stepId)) {
                items.add(s);
            }
        }
        items.sort(Comparator.comparingInt(s -> indexOf(s.id())));
        return items;
    }
}
