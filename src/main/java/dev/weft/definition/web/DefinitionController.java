package dev.weft.definition.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.weft.api.ApiProblem;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.definition.DefinitionService;
import dev.weft.definition.StoredDefinition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Saving and reading versioned workflow definitions. */
@RestController
@RequestMapping("/v1/workflows")
@Tag(name = "Workflow definitions")
public class DefinitionController {

    private final DefinitionService definitions;

    public DefinitionController(DefinitionService definitions) {
        this.definitions = definitions;
    }

    @PostMapping
    @Operation(summary = "Save a definition: a new immutable version under its slug (201), or 422 with every error")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Saved as a new version")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "validateOnly=true: valid, nothing stored")
    public ResponseEntity<View> save(AuthenticatedApp app,
                                     @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                                             content = @io.swagger.v3.oas.annotations.media.Content(
                                                     mediaType = "application/json",
                                                     schema = @io.swagger.v3.oas.annotations.media.Schema(
                                                             implementation = WorkflowDocument.class)))
                                     @RequestBody JsonNode body,
                                     @RequestParam(defaultValue = "false") boolean validateOnly) {
        if (validateOnly) {
            definitions.validate(app.appId(), body);
            return ResponseEntity.ok(new View(body.path("slug").asString(null), null, null, false, body));
        }
        StoredDefinition saved = definitions.save(app.appId(), body);
        return ResponseEntity.created(dev.weft.api.Urls.absoluteUri("/v1/workflows/" + saved.slug() + "/versions/" + saved.version()))
                .body(View.of(saved));
    }

    @GetMapping
    @Operation(summary = "The latest version of every workflow this app can run, built-in ones included")
    public Map<String, List<View>> list(AuthenticatedApp app) {
        return Map.of("workflows", definitions.list(app.appId()).stream().map(View::of).toList());
    }

    @GetMapping("/{slug}")
    @Operation(summary = "The latest version of a workflow")
    public View latest(AuthenticatedApp app, @PathVariable String slug) {
        return definitions.find(app.appId(), slug, null).map(View::of).orElseThrow(() -> notFound(slug, null));
    }

    @GetMapping("/{slug}/versions")
    @Operation(summary = "Every version of a workflow, newest first")
    public Map<String, List<View>> versions(AuthenticatedApp app, @PathVariable String slug) {
        List<View> all = definitions.versions(app.appId(), slug).stream().map(View::of).toList();
        if (all.isEmpty()) {
            throw notFound(slug, null);
        }
        return Map.of("versions", all);
    }

    @GetMapping("/{slug}/versions/{version}")
    @Operation(summary = "One version of a workflow")
    public View version(AuthenticatedApp app, @PathVariable String slug, @PathVariable int version) {
        return definitions.find(app.appId(), slug, version).map(View::of).orElseThrow(() -> notFound(slug, version));
    }

    private static ApiProblem notFound(String slug, Integer version) {
        return ApiProblem.notFound("workflow", "no workflow '" + slug + "'" + (version == null ? "" : " version " + version)
                + " for this app");
    }

    /** A stored definition as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String slug, Integer version, Instant createdAt, boolean builtIn, JsonNode definition) {
        static View of(StoredDefinition d) {
            return new View(d.slug(), d.version(), d.createdAt(), d.builtIn(), d.definition());
        }
    }
}
