package dev.weft.definition;

import dev.weft.expression.ExpressionEngine;
import tools.jackson.databind.JsonNode;

/** The fan-out fields of a step ({@code forEach}, {@code maxConcurrency}, {@code onItemError}), checked. */
record FanOutFields(String forEach, int maxConcurrency, StepDefinition.OnItemError onItemError) {

    static FanOutFields parse(JsonNode node, String label, String base, int maxItems, ExpressionEngine expressions,
                              DefinitionParser.Errors errors) {
        JsonNode forEachNode = node.get("forEach");
        String forEach = null;
        if (forEachNode != null) {
            if (!forEachNode.isString() || !expressions.isSoleExpression(forEachNode.asString())) {
                errors.add(label, "forEach", base + "/forEach", "INVALID_FOR_EACH",
                        "forEach must be one expression giving a list, e.g. \"{{ steps.generate.output.images }}\"");
            } else {
                forEach = forEachNode.asString();
                expressions.checkTemplate(forEachNode).forEach(p ->
                        errors.add(label, "forEach", base + "/forEach", "INVALID_EXPRESSION", p.message()));
                if (expressions.readsItem(forEachNode)) {
                    errors.add(label, "forEach", base + "/forEach", "INVALID_FOR_EACH",
                            "forEach cannot read item or index: they are what it makes");
                }
            }
        }
        int maxConcurrency = StepDefinition.DEFAULT_MAX_CONCURRENCY;
        JsonNode concurrency = node.get("maxConcurrency");
        if (concurrency != null) {
            if (!concurrency.isIntegralNumber() || !concurrency.canConvertToInt() || concurrency.asInt() < 1
                    || concurrency.asInt() > maxItems) {
                errors.add(label, "maxConcurrency", base + "/maxConcurrency", "INVALID_MAX_CONCURRENCY",
                        "maxConcurrency must be an integer from 1 to " + maxItems);
            } else {
                maxConcurrency = concurrency.asInt();
            }
            if (forEachNode == null) {
                errors.add(label, "maxConcurrency", base + "/maxConcurrency", "INVALID_MAX_CONCURRENCY",
                        "maxConcurrency applies to a step with forEach");
            }
        }
        StepDefinition.OnItemError onItemError = StepDefinition.OnItemError.FAIL;
        JsonNode itemError = node.get("onItemError");
        if (itemError != null) {
            if (itemError.isString() && itemError.asString().equals("continue")) {
                onItemError = StepDefinition.OnItemError.CONTINUE;
            } else if (!(itemError.isString() && itemError.asString().equals("fail"))) {
                errors.add(label, "onItemError", base + "/onItemError", "INVALID_ON_ITEM_ERROR",
                        "onItemError must be \"fail\" or \"continue\"");
            }
            if (forEachNode == null) {
                errors.add(label, "onItemError", base + "/onItemError", "INVALID_ON_ITEM_ERROR",
                        "onItemError applies to a step with forEach");
            }
        }
        return new FanOutFields(forEach, maxConcurrency, onItemError);
    }
}
