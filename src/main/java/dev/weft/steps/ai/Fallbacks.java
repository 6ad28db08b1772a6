package dev.weft.steps.ai;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Notes in a step's output which providers of its chain failed before the one that answered. */
final class Fallbacks {

    private Fallbacks() {}

    static void note(ObjectNode out, ProviderCalls.Answer<?> answer) {
        if (!answer.failedBefore().isEmpty()) {
            ArrayNode failed = out.putArray("fallbackFailures");
            answer.failedBefore().forEach(failed::add);
        }
    }
}
