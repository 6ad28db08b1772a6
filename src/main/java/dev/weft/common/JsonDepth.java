package dev.weft.common;

import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.databind.JsonNode;

/** Nesting depth of a JSON value, computed without recursion so a hostile document cannot blow the stack. */
public final class JsonDepth {

    private JsonDepth() {}

    public static int of(JsonNode root) {
        if (root == null) {
            return 0;
        }
        record Frame(JsonNode node, int depth) {}
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, 1));
        int max = 0;
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            if (f.node().isContainer()) {
                max = Math.max(max, f.depth());
                for (JsonNode child : f.node()) {
                    stack.push(new Frame(child, f.depth() + 1));
                }
            }
        }
        return max;
    }
}
