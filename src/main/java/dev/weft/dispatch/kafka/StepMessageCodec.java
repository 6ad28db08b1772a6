package dev.weft.dispatch.kafka;

import dev.weft.common.Json;
import dev.weft.store.Admission;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire format of {@link StepMessage}. Reading is strict (an unknown version, a missing field or
 * a bad timestamp is an error) so that anything unexpected lands in the dead-letter topic instead
 * of being half understood.
 */
public final class StepMessageCodec implements Serializer<StepMessage>, Deserializer<StepMessage> {

    private static final int MAX_ID = 80;

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // stateless
    }

    @Override
    public byte[] serialize(String topic, StepMessage message) {
        if (message == null) {
            return null;
        }
        ObjectNode node = Json.object();
        node.put("v", StepMessage.VERSION);
        node.put("runId", message.runId());
        node.put("stepId", message.stepId());
        node.put("notBefore", message.notBefore().toString());
        node.put("priority", message.priority());
        return Json.write(node).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public StepMessage deserialize(String topic, byte[] data) {
        if (data == null) {
            throw new SerializationException("step message has no value");
        }
        JsonNode node;
        try {
            node = Json.parse(new String(data, StandardCharsets.UTF_8));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new SerializationException("step message is not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new SerializationException("step message is not a JSON object");
        }
        if (!node.path("v").isInt() || node.get("v").asInt() != StepMessage.VERSION) {
            throw new SerializationException("step message version " + node.path("v") + " is not supported (expected "
                    + StepMessage.VERSION + ")");
        }
        try {
            return new StepMessage(id(node, "runId"), id(node, "stepId"), Instant.parse(text(node, "notBefore")),
                    priority(node));
        } catch (DateTimeParseException e) {
            throw new SerializationException("step message notBefore is not an ISO-8601 instant");
        }
    }

    /** Optional (messages published before it travelled have none): the default then; else 0-9. */
    private static int priority(JsonNode node) {
        JsonNode value = node.get("priority");
        if (value == null) {
            return Admission.DEFAULT_PRIORITY;
        }
        if (!value.isInt() || value.asInt() < 0 || value.asInt() > 9) {
            throw new SerializationException("step message priority must be an integer from 0 to 9");
        }
        return value.asInt();
    }

    private static String id(JsonNode node, String field) {
        String value = text(node, field);
        if (value.isBlank() || value.length() > MAX_ID) {
            throw new SerializationException("step message " + field + " must be 1 to " + MAX_ID + " characters");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new SerializationException("step message has no string field '" + field + "'");
        }
        return value.asString();
    }
}
