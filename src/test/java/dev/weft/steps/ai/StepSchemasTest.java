package dev.weft.steps.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.common.Json;
import dev.weft.definition.InputSchemas;
import dev.weft.steps.Schemas;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The input schemas the engine validates with accept what the docs show and refuse the rest. */
class StepSchemasTest {

    static final String[] TYPES = {"image_generate", "text_generate", "enrich_text", "enrich_image",
            "moderate_content", "emit_webhook", "transform", "delay"};

    @ParameterizedTest
    @ValueSource(strings = {"image_generate", "text_generate", "enrich_text", "enrich_image",
            "moderate_content", "emit_webhook", "transform", "delay"})
    void everySchemaLoadsAndDescribesTheStep(String type) {
        JsonNode schema = Schemas.load(type);

        assertThat(schema.get("description").asString()).hasSizeGreaterThan(40);
        assertThat(InputSchemas.check(schema.get("input"))).isEmpty();
        assertThat(InputSchemas.check(schema.get("output"))).isEmpty();
    }

    static Stream<Arguments> validInputs() {
        return Stream.of(
                Arguments.of("image_generate", "{\"prompt\": \"a fox\", \"size\": \"512x768\"}"),
                Arguments.of("text_generate", "{\"prompt\": \"hi\", \"maxTokens\": 100, \"temperature\": 0.2}"),
                Arguments.of("enrich_text", "{\"text\": \"hello\", \"embed\": false}"),
                Arguments.of("enrich_image", "{\"image\": {\"artifactId\": \"a1\", \"url\": \"/v1/artifacts/a1/content\"}}"),
                Arguments.of("enrich_image", "{\"image\": \"https://example.com/cat.png\"}"),
                Arguments.of("enrich_image", "{\"image\": \"data:image/png;base64,iVBORw0KGgo=\"}"),
                Arguments.of("moderate_content", "{\"text\": \"hello\"}"),
                Arguments.of("moderate_content", "{\"image\": {\"artifactId\": \"a1\"}}"),
                Arguments.of("emit_webhook", "{\"url\": \"https://example.com/hook\", \"payload\": [1, 2], "
                        + "\"headers\": {\"X-Tenant\": \"t1\"}}"),
                Arguments.of("transform", "{\"anything\": {\"nested\": true}}"),
                Arguments.of("delay", "{\"duration\": \"PT5S\"}"),
                Arguments.of("delay", "{\"until\": \"2030-01-01T09:00:00Z\"}"));
    }

    @ParameterizedTest
    @MethodSource("validInputs")
    void acceptsDocumentedInputs(String type, String input) {
        assertThat(InputSchemas.validate(Schemas.load(type).get("input"), Json.parse(input))).isEmpty();
    }

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                Arguments.of("image_generate", "{\"size\": \"512x768\"}"),
                Arguments.of("image_generate", "{\"prompt\": \"a fox\", \"size\": \"big\"}"),
                Arguments.of("text_generate", "{\"prompt\": \"hi\", \"temperature\": 5}"),
                Arguments.of("enrich_text", "{\"text\": \"\"}"),
                Arguments.of("enrich_image", "{\"image\": \"ftp://example.com/cat.png\"}"),
                Arguments.of("enrich_image", "{\"image\": {\"id\": \"a1\"}}"),
                Arguments.of("moderate_content", "{}"),
                Arguments.of("emit_webhook", "{\"url\": \"https://example.com/hook\"}"),
                Arguments.of("emit_webhook", "{\"url\": \"file:///etc/passwd\", \"payload\": {}}"),
                Arguments.of("delay", "{}"),
                Arguments.of("delay", "{\"duration\": \"PT5S\", \"until\": \"2030-01-01T09:00:00Z\"}"),
                Arguments.of("delay", "{\"duration\": \"5 seconds\"}"));
    }

    @ParameterizedTest
    @MethodSource("invalidInputs")
    void refusesInvalidInputs(String type, String input) {
        assertThat(InputSchemas.validate(Schemas.load(type).get("input"), Json.parse(input))).isNotEmpty();
    }
}
