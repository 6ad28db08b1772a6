package dev.weft.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * A workflow definition written in Java, producing exactly the JSON the server accepts:
 *
 * <pre>{@code
 * JsonNode definition = Definition.workflow("caption-images")
 *         .description("Generate an image and caption it")
 *         .input("prompt", Definition.Type.STRING, true)
 *         .step(Definition.imageGenerate("generate", "{{ input.prompt }}").retry(3, Duration.ofSeconds(1)))
 *         .step(Definition.step("caption", "enrich_image").after("generate").input("image", "{{ steps.generate.output.image }}"))
 *         .output("caption", "{{ steps.caption.output.caption }}")
 *         .toJson();
 * weft.workflows().save(definition);
 * }</pre>
 *
 * The names the compiler can check are methods here (the step fields, the typed step types);
 * expressions stay strings, and the server type-checks them when the definition is saved.
 */
public final class Definition {

    /** JSON Schema types of an input field. */
    public enum Type {
        STRING, NUMBER, INTEGER, BOOLEAN, ARRAY, OBJECT;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final ObjectNode root = Transport.JSON.createObjectNode();
    private final ArrayNode steps;

    private Definition(String slug) {
        root.put("slug", slug);
        steps = root.putArray("steps");
    }

    /** A new definition; {@code slug} names it (letters, digits, dashes). */
    public static Definition workflow(String slug) {
        return new Definition(slug);
    }

    public Definition description(String text) {
        root.put("description", text);
        return this;
    }

    /** A top-level field of the run's input, in the definition's {@code inputSchema}. */
    public Definition input(String name, Type type, boolean required) {
        ObjectNode schema = root.has("inputSchema") ? (ObjectNode) root.get("inputSchema") : root.putObject("inputSchema");
        schema.put("type", "object");
        ObjectNode properties = schema.has("properties") ? (ObjectNode) schema.get("properties") : schema.putObject("properties");
        properties.putObject(name).put("type", type.wire());
        if (required) {
            ArrayNode list = schema.has("required") ? (ArrayNode) schema.get("required") : schema.putArray("required");
            list.add(name);
        }
        return this;
    }

    /** The whole {@code inputSchema}, for what {@link #input} cannot say. */
    public Definition inputSchema(JsonNode schema) {
        root.set("inputSchema", schema);
        return this;
    }

    public Definition step(Step step) {
        steps.add(step.node);
        return this;
    }

    /** A field of the run's output, usually an expression over the steps' outputs. */
    public Definition output(String name, Object value) {
        ObjectNode output = root.has("output") ? (ObjectNode) root.get("output") : root.putObject("output");
        output.set(name, Transport.JSON.valueToTree(value));
        return this;
    }

    /** The run's time limit. */
    public Definition timeout(Duration limit) {
        root.put("timeout", limit.toString());
        return this;
    }

    public JsonNode toJson() {
        return root.deepCopy();
    }

    /** A step of any type, by its type's name. */
    public static Step step(String id, String type) {
        return new Step(id, type);
    }

    /** {@code text_generate}: text from a prompt; {@code stream()} sends it to event streams as it comes. */
    public static Step textGenerate(String id, String prompt) {
        return new Step(id, "text_generate").input("prompt", prompt);
    }

    /** {@code image_generate}: an image from a prompt. */
    public static Step imageGenerate(String id, String prompt) {
        return new Step(id, "image_generate").input("prompt", prompt);
    }

    /** {@code transform}: its input, expressions evaluated, is its output. */
    public static Step transform(String id) {
        return new Step(id, "transform");
    }

    /** {@code wait_for_signal}: waits (holding no worker) for a signal, at most {@code timeout}. */
    public static Step waitForSignal(String id, String signal, Duration timeout) {
        return new Step(id, "wait_for_signal").input("signal", signal).input("timeout", timeout.toString());
    }

    /** One step; every setter answers the step, to chain. */
    public static final class Step {
        private final ObjectNode node = Transport.JSON.createObjectNode();

        private Step(String id, String type) {
            node.put("id", id);
            node.put("type", type);
        }

        /** A field of the step's input: a literal or a {@code {{ expression }}} string. */
        public Step input(String field, Object value) {
            ObjectNode input = node.has("input") ? (ObjectNode) node.get("input") : node.putObject("input");
            input.set(field, Transport.JSON.valueToTree(value));
            return this;
        }

        /** The steps that must finish first (without it, a step follows the one before it). */
        public Step after(String... stepIds) {
            ArrayNode deps = node.putArray("dependsOn");
            for (String id : stepIds) {
                deps.add(id);
            }
            return this;
        }

        /** Runs only when the condition (an expression) is true; skipped otherwise. */
        public Step when(String condition) {
            node.put("when", condition);
            return this;
        }

        /** Retries failed attempts: at most {@code maxAttempts} in all, waiting from {@code initialDelay}, doubling. */
        public Step retry(int maxAttempts, Duration initialDelay) {
            ObjectNode retry = node.putObject("retry");
            retry.put("maxAttempts", maxAttempts);
            retry.put("initialDelay", initialDelay.toString());
            return this;
        }

        public Step timeout(Duration limit) {
            node.put("timeout", limit.toString());
            return this;
        }

        /** Runs the step once per item of the list the expression gives ({@code item}, {@code index} in its input). */
        public Step forEach(String listExpression, int maxConcurrency) {
            node.put("forEach", listExpression);
            node.put("maxConcurrency", maxConcurrency);
            return this;
        }

        /**
         * Reuses this step's result across runs of the app for {@code ttl} when its type and resolved
         * input are the same (with {@code key}, a template, when that renders the same); null key: the whole input.
         */
        public Step cache(Duration ttl, String key) {
            ObjectNode cache = node.putObject("cache");
            cache.put("ttl", ttl.toString());
            if (key != null) {
                cache.put("key", key);
            }
            return this;
        }

        /** For {@code text_generate}: send the text to the run's event streams as it is generated. */
        public Step stream() {
            return input("stream", true);
        }

        /** What a failure does: {@code fail} (the default), {@code continue}, or fall back to another step. */
        public Step onErrorContinue() {
            node.put("onError", "continue");
            return this;
        }

        public Step onErrorFallback(String stepId) {
            node.putObject("onError").put("fallback", stepId);
            return this;
        }
    }
}
