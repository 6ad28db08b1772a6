package dev.weft.definition;

import dev.weft.common.JsonNumbers;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Parsers of the individual fields of a definition, each reporting what is wrong with the step and field. */
final class DefinitionFields {

    private static final Set<String> RETRY_FIELDS =
            Set.of("maxAttempts", "initialDelay", "multiplier", "maxDelay", "jitter");
    private static final Duration MAX_TIMEOUT = Duration.ofDays(7);

    private DefinitionFields() {}

    static List<String> dependsOn(JsonNode node, String previous, String label, String base, DefinitionParser.Errors errors) {
        if (node == null) {
            return previous == null ? List.of() : List.of(previous);
        }
        if (!node.isArray()) {
            errors.add(label, "dependsOn", base + "/dependsOn", "INVALID_DEPENDS_ON", "dependsOn must be an array of step ids");
            return List.of();
        }
        List<String> deps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode dep = node.get(i);
            if (!dep.isString()) {
                errors.add(label, "dependsOn[" + i + "]", base + "/dependsOn/" + i, "INVALID_DEPENDS_ON", "each dependency must be a step id string");
            } else if (!deps.contains(dep.asString())) {
                deps.add(dep.asString());
            }
        }
        return deps;
    }


    static RetryPolicy retry(JsonNode node, String label, String pointer, DefinitionParser.Errors errors) {
        if (node == null) {
            return RetryPolicy.DEFAULT;
        }
        if (!node.isObject()) {
            errors.add(label, "retry", pointer, "INVALID_RETRY", "retry must be an object");
            return RetryPolicy.DEFAULT;
        }
        unknownFields(node, RETRY_FIELDS, label, pointer, errors);
        RetryPolicy d = RetryPolicy.DEFAULT;
        int maxAttempts = d.maxAttempts();
        if (node.has("maxAttempts")) {
            JsonNode m = node.get("maxAttempts");
            if (!m.isIntegralNumber() || !m.canConvertToInt() || m.asInt() < 1 || m.asInt() > 100) {
                errors.add(label, "retry.maxAttempts", pointer + "/maxAttempts", "INVALID_RETRY",
                        "retry.maxAttempts must be an integer from 1 to 100");
            } else {
                maxAttempts = m.asInt();
            }
        }
        Duration initial = duration(node.get("initialDelay"), label, "retry.initialDelay", pointer + "/initialDelay", errors);
        Duration max = duration(node.get("maxDelay"), label, "retry.maxDelay", pointer + "/maxDelay", errors);
        double multiplier = number(node.get("multiplier"), d.multiplier(), 1.0, 10.0, label, "retry.multiplier",
                pointer + "/multiplier", errors);
        double jitter = number(node.get("jitter"), d.jitter(), 0.0, 1.0, label, "retry.jitter", pointer + "/jitter", errors);
        Duration initialDelay = initial != null ? initial : d.initialDelay();
        Duration maxDelay = max != null ? max : (initialDelay.compareTo(d.maxDelay()) > 0 ? initialDelay : d.maxDelay());
        if (maxDelay.compareTo(initialDelay) < 0) {
            errors.add(label, "retry.maxDelay", pointer + "/maxDelay", "INVALID_RETRY",
                    "retry.maxDelay must not be shorter than retry.initialDelay");
        }
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter);
    }


    static OnError onError(JsonNode node, String label, String pointer, DefinitionParser.Errors errors) {
        if (node == null) {
            return OnError.FAIL;
        }
        if (node.isString() && node.asString().equals("fail")) {
            return OnError.FAIL;
        }
        if (node.isString() && node.asString().equals("continue")) {
            return OnError.CONTINUE;
        }
        if (node.isObject() && node.size() == 1 && node.path("fallback").isString()) {
            return new OnError.Fallback(node.get("fallback").asString());
        }
        errors.add(label, "onError", pointer, "INVALID_ON_ERROR",
                "onError must be \"fail\", \"continue\" or {\"fallback\": \"<step id>\"}");
        return OnError.FAIL;
    }


    static Duration duration(JsonNode node, String label, String field, String pointer, DefinitionParser.Errors errors) {
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            errors.add(label, field, pointer, "INVALID_DURATION", field + " must be an ISO-8601 duration string such as \"PT30S\"");
            return null;
        }
        try {
            Duration d = Duration.parse(node.asString());
            if (d.isNegative() || d.compareTo(MAX_TIMEOUT) > 0) {
                errors.add(label, field, pointer, "INVALID_DURATION", field + " must be between PT0S and P7D");
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            errors.add(label, field, pointer, "INVALID_DURATION",
                    field + " '" + node.asString() + "' is not an ISO-8601 duration such as \"PT30S\" or \"PT1M30S\"");
            return null;
        }
    }


    static double number(JsonNode node, double fallback, double min, double max, String label, String field,
                                 String pointer, DefinitionParser.Errors errors) {
        if (node == null) {
            return fallback;
        }
        var value = JsonNumbers.doubleIn(node, min, max);
        if (value.isEmpty()) {
            errors.add(label, field, pointer, "INVALID_RETRY", field + " must be a number from " + min + " to " + max);
            return fallback;
        }
        return value.getAsDouble();
    }


    static String optionalString(JsonNode node, String field, String label, String pointer, DefinitionParser.Errors errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.add(label, field, pointer, "INVALID_TYPE", field + " must be a string");
            return null;
        }
        return value.asString();
    }


    static void unknownFields(JsonNode node, Set<String> allowed, String label, String base, DefinitionParser.Errors errors) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!allowed.contains(e.getKey())) {
                errors.add(label, e.getKey(), base + "/" + e.getKey(), "UNKNOWN_FIELD",
                        "unknown field '" + e.getKey() + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }
}
