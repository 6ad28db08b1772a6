package dev.weft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Definition and input files (JSON or YAML), and {@code --input k=v} pairs. */
final class InputFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private InputFiles() {}

    /** A JSON or YAML file (by its extension; content that is not JSON is read as YAML). */
    static JsonNode read(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        try {
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            return name.endsWith(".yaml") || name.endsWith(".yml") ? YAML.readTree(file.toFile())
                    : Output.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid " + (file.toString().endsWith("json") ? "JSON" : "YAML")
                    + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Whether the argument names a definition file rather than a stored workflow's slug. */
    static boolean isFile(String argument) {
        return argument.endsWith(".json") || argument.endsWith(".yaml") || argument.endsWith(".yml");
    }

    /** The run input: the file's object, then each {@code k=v} (v read as JSON when it is JSON, else as text). */
    static ObjectNode input(Path file, List<String> pairs) {
        ObjectNode input = Output.JSON.createObjectNode();
        if (file != null) {
            JsonNode read = read(file);
            if (!read.isObject()) {
                throw new IllegalArgumentException(file + ": the input must be a JSON object");
            }
            input.setAll((ObjectNode) read);
        }
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--input " + pair + ": expected name=value");
            }
            String value = pair.substring(eq + 1);
            JsonNode parsed;
            try {
                parsed = Output.JSON.readTree(value);
                if (parsed == null || parsed.isMissingNode()) {
                    parsed = Output.JSON.getNodeFactory().textNode(value);
                }
            } catch (IOException notJson) {
                parsed = Output.JSON.getNodeFactory().textNode(value);
            }
            input.set(pair.substring(0, eq), parsed);
        }
        return input;
    }
}
