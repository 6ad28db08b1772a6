package dev.weft.providers.defaults.web;

import dev.weft.api.ApiProblem;
import dev.weft.common.FieldLimits;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.providers.Capability;
import dev.weft.providers.config.ProviderDirectory;
import dev.weft.providers.defaults.AppProviderDefaults;
import dev.weft.providers.defaults.AppProviderDefaults.Choice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * An app's default provider per capability. Both methods answer, for every capability, the provider a
 * step that names none would use now and where that choice comes from.
 */
@RestController
@RequestMapping("/v1/providers/defaults")
@Tag(name = "Providers")
public class ProviderDefaultsController {

    /** {@code source}: {@code app}, {@code server}, {@code local}, or {@code none} (vision: pixel analysis only). */
    public record Effective(String provider, String model, String source) {}

    private static final int MAX_MODEL = 200;

    private final AppProviderDefaults defaults;
    private final ProviderDirectory directory;

    public ProviderDefaultsController(AppProviderDefaults defaults, ProviderDirectory directory) {
        this.defaults = defaults;
        this.directory = directory;
    }

    @GetMapping
    @Operation(summary = "The provider each capability uses when a step names none, and whether the app, the server "
            + "or the local fallback chose it")
    public Map<String, Effective> get(AuthenticatedApp app) {
        return effective(defaults.all(app.appId()));
    }

    @PutMapping
    @Operation(summary = "Replace the app's defaults: {\"text\": {\"provider\": \"anthropic\", \"model\": \"...\"}, ...}; "
            + "a capability left out (or null) has no app default afterwards")
    public Map<String, Effective> put(AuthenticatedApp app, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = DefaultsBody.class)))
            @RequestBody JsonNode body) {
        Map<Capability, Choice> choices = parse(body);
        defaults.replace(app.appId(), choices);
        return effective(choices);
    }

    private Map<String, Effective> effective(Map<Capability, Choice> own) {
        Map<String, Effective> view = new LinkedHashMap<>();
        for (Capability c : Capability.values()) {
            Choice choice = own.get(c);
            if (choice != null) {
                view.put(c.wire(), new Effective(choice.provider(), choice.model(), "app"));
            } else if (directory.serverDefault(c).isPresent()) {
                view.put(c.wire(), new Effective(directory.serverDefault(c).get(), null, "server"));
            } else {
                view.put(c.wire(), directory.localDefault(c).map(n -> new Effective(n, null, "local"))
                        .orElse(new Effective(null, null, "none")));
            }
        }
        return view;
    }

    private Map<Capability, Choice> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.invalidField("body", "must be a JSON object keyed by capability");
        }
        Map<Capability, Choice> choices = new EnumMap<>(Capability.class);
        for (String name : body.propertyNames()) {
            Capability capability = Capability.fromWire(name).orElseThrow(() -> ApiProblem.invalidField(name,
                    "unknown capability; allowed: " + List.of(Capability.values()).stream().map(Capability::wire).toList()));
            JsonNode value = body.get(name);
            if (value.isNull()) {
                continue;
            }
            if (!value.isObject()) {
                throw ApiProblem.invalidField(name, "must be {\"provider\": ..., \"model\": ...} or null");
            }
            for (String field : value.propertyNames()) {
                if (!field.equals("provider") && !field.equals("model")) {
                    throw ApiProblem.invalidField(name + "." + field, "unknown field; allowed: provider, model");
                }
            }
            String provider = string(value, name, "provider");
            List<String> available = directory.names(capability);
            if (provider == null) {
                throw ApiProblem.invalidField(name + ".provider", "required; one of " + available);
            }
            if (!available.contains(provider)) {
                throw ApiProblem.invalidField(name + ".provider", "'" + provider + "' cannot serve " + name
                        + "; one of " + available);
            }
            String model = string(value, name, "model");
            FieldLimits.requireLength(name + ".model", model, FieldLimits.MODEL);
            choices.put(capability, new Choice(provider, model));
        }
        return choices;
    }

    private static String string(JsonNode value, String capability, String field) {
        JsonNode v = value.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString() || v.asString().isBlank()) {
            throw ApiProblem.invalidField(capability + "." + field, "must be a non-empty string");
        }
        return v.asString().strip();
    }

    /** The body of a PUT, for the OpenAPI description: a capability left out has no app default afterwards. */
    record DefaultsBody(ProviderChoice text, ProviderChoice image, ProviderChoice moderation, ProviderChoice embedding,
                        ProviderChoice vision) {}

    record ProviderChoice(@io.swagger.v3.oas.annotations.media.Schema(example = "anthropic") String provider,
                          @io.swagger.v3.oas.annotations.media.Schema(example = "claude-sonnet-4-5") String model) {}
}
