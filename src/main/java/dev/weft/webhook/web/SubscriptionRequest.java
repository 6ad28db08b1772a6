package dev.weft.webhook.web;

import dev.weft.api.ApiProblem;
import dev.weft.common.FieldLimits;
import dev.weft.outbound.OutboundException;
import dev.weft.outbound.OutboundPolicy;
import dev.weft.webhook.EventType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** A validated {@code POST /v1/webhooks/subscriptions} body; each problem names its field. */
record SubscriptionRequest(String url, List<EventType> events, String description) {

    private static final Set<String> FIELDS = Set.of("url", "events", "description");
    private static final String EVENT_NAMES = EventType.ALL.stream().map(EventType::wire).collect(Collectors.joining(", "));

    static SubscriptionRequest parse(JsonNode body, OutboundPolicy policy) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.invalidField("body", "must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw ApiProblem.invalidField(name, "unknown field; allowed: url, events, description");
            }
        }
        return new SubscriptionRequest(url(body.get("url"), policy), events(body.get("events")),
                description(body.get("description")));
    }

    private static String url(JsonNode node, OutboundPolicy policy) {
        if (node == null || !node.isString() || node.asString().isBlank()) {
            throw ApiProblem.invalidField("url", "is required and must be an http or https URL");
        }
        String url = node.asString().strip();
        FieldLimits.requireLength("url", url, FieldLimits.URL);
        try {
            policy.checkUrl(new URI(url));
        } catch (URISyntaxException e) {
            throw ApiProblem.invalidField("url", "is not a valid URL: " + e.getMessage());
        } catch (OutboundException e) {
            throw ApiProblem.invalidField("url", e.getMessage());
        }
        return url;
    }

    private static List<EventType> events(JsonNode node) {
        if (node == null || node.isNull()) {
            return EventType.RUN_LEVEL;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw ApiProblem.invalidField("events", "must be a non-empty array of: " + EVENT_NAMES);
        }
        Set<EventType> events = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            String field = "events[" + i + "]";
            if (!e.isString()) {
                throw ApiProblem.invalidField(field, "must be one of: " + EVENT_NAMES);
            }
            events.add(EventType.fromWire(e.asString()).orElseThrow(() -> ApiProblem.invalidField(field,
                    "unknown event '" + e.asString() + "'; must be one of: " + EVENT_NAMES)));
        }
        return new ArrayList<>(events);
    }

    private static String description(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ApiProblem.invalidField("description", "must be a string of at most " + FieldLimits.DESCRIPTION
                    + " characters");
        }
        return FieldLimits.requireLength("description", node.asString(), FieldLimits.DESCRIPTION);
    }
}
