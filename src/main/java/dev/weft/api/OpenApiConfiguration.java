package dev.weft.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI description: what Weft is, how to authenticate, and, for every operation, the
 * problem+json answers it really gives and an example of each request and response
 * ({@link OpenApiExamples}). JSON values the API takes as they are (a run's input, a definition's
 * templates) are described as "any JSON value", never as Jackson's node classes.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    static {
        SpringDocUtils.getConfig()
                .replaceWithSchema(JsonNode.class, new Schema<>().description("any JSON value"))
                .replaceWithSchema(ObjectNode.class, new ObjectSchema().description("a JSON object"))
                .replaceWithSchema(ArrayNode.class, new ArraySchema().items(new Schema<>()).description("a JSON array"));
    }

    /** Operations that answer 409, and when. */
    private static final Map<String, String> CONFLICTS = Map.ofEntries(
            Map.entry("POST /v1/workflows/run", "the idempotency key was used with another body"),
            Map.entry("POST /v1/workflows/runs/{runId}/cancel", "the run already finished"),
            Map.entry("POST /v1/workflows/runs/{runId}/resume",
                    "the run is not failed (nor completed, with from), or its concurrency key has no free slot"),
            Map.entry("POST /v1/workflows/runs/{runId}/signals/{signal}", "no unfinished step of the run waits on the signal"),
            Map.entry("POST /admin/apps", "an app with this id exists"),
            Map.entry("PUT /v1/providers/{provider}/key", "the server has no encryption key to store provider keys"),
            Map.entry("POST /v1/schedules/{id}/trigger", "the schedule's overlap policy skips this run"),
            Map.entry("PUT /v1/collections/{collection}/documents/{docId}", "the embedding's dimensions differ from the collection's"),
            Map.entry("POST /v1/webhooks/subscriptions", "the app has the most subscriptions allowed"),
            Map.entry("POST /v1/webhooks/deliveries/{id}/retry", "only a failed delivery can be retried"));

    /** Operations without an id in their path that still answer 404: what the body names does not exist. */
    private static final Map<String, String> NOT_FOUND_BY_BODY = Map.ofEntries(
            Map.entry("POST /v1/workflows/run", "workflowSlug (or its workflowVersion) names no workflow of this app"),
            Map.entry("POST /v1/schedules", "workflowSlug (or its version) names no workflow of this app"));

    /** Operations whose success is not 200 (springdoc cannot see the status a ResponseEntity is built with). */
    private static final Map<String, String> SUCCESS = Map.ofEntries(
            Map.entry("POST /v1/workflows/runs/{runId}/signals/{signal}", "202"),
            Map.entry("POST /v1/workflows/runs/{runId}/resume", "202"),
            Map.entry("POST /v1/webhooks/subscriptions", "201"),
            Map.entry("POST /v1/webhooks/deliveries/{id}/retry", "202"),
            Map.entry("POST /v1/schedules", "201"),
            Map.entry("POST /v1/schedules/{id}/trigger", "202"),
            Map.entry("POST /admin/apps", "201"),
            Map.entry("POST /admin/apps/{appId}/keys", "201"),
            Map.entry("POST /admin/apps/{appId}/keys/{keyId}/rotate", "201"));

    @Bean
    OpenAPI weftOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Weft API").version("v1")
                        .description("Run multi-step AI workflows asynchronously. Authenticate every /v1 call with the "
                                + "X-API-Key header (the admin API with Authorization: Bearer <admin token>). Errors are "
                                + "application/problem+json (RFC 9457): 400 when the body cannot be read at all, 422 "
                                + "when it can but is not acceptable. Every URL in a response is absolute.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key"))
                        .addSecuritySchemes("adminToken", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("weft.admin-token (WEFT_ADMIN_TOKEN)"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }

    @Bean
    OpenApiCustomizer weftResponsesAndExamples() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.components(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                String key = method.name() + " " + path;
                if (path.startsWith("/admin")) {
                    operation.setSecurity(List.of(new SecurityRequirement().addList("adminToken")));
                }
                successStatus(key, operation);
                addProblems(path, key, operation);
                OpenApiExamples.apply(key, operation, openApi.getComponents());
            }));
        };
    }

    private static void successStatus(String key, Operation operation) {
        ApiResponses responses = operation.getResponses();
        if (responses == null || !responses.containsKey("200") || !"OK".equals(responses.get("200").getDescription())) {
            return;
        }
        String status = key.startsWith("DELETE ") ? "204" : SUCCESS.get(key);
        if (status == null) {
            return;
        }
        ApiResponse ok = responses.remove("200");
        if (status.equals("204")) {
            responses.addApiResponse(status, new ApiResponse().description("Deleted; no content"));
        } else {
            responses.addApiResponse(status, ok.description(status.equals("201") ? "Created" : "Accepted"));
        }
    }

    private static void addProblems(String path, String key, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean body = operation.getRequestBody() != null;
        // a string in the path is never invalid, only not found; query parameters and typed path parameters can be
        boolean parameters = operation.getParameters() != null && operation.getParameters().stream().anyMatch(p ->
                "query".equals(p.getIn()) || (p.getSchema() != null && !"string".equals(p.getSchema().getType())));
        if (body) {
            problem(responses, "400", "The body cannot be read: not JSON, missing, or beyond the parser's limits");
            problem(responses, "413", "The body is larger than 1 MiB");
        }
        if (body || parameters) {
            problem(responses, "422", "The request was read but is not acceptable; errors[] names each field");
        }
        problem(responses, "401", path.startsWith("/admin") ? "No or wrong admin token" : "No or unknown X-API-Key");
        if (path.startsWith("/v1")) {
            problem(responses, "403", "The key lacks the scope this operation needs, or appId names another app");
            problem(responses, "429", "Rate limited; Retry-After says when to try again");
        }
        if (path.contains("{")) {
            problem(responses, "404", "Nothing with this id for this app (another app's things are not found either)");
        } else if (NOT_FOUND_BY_BODY.containsKey(key)) {
            problem(responses, "404", "Not found: " + NOT_FOUND_BY_BODY.get(key));
        }
        if (path.startsWith("/v1")) {
            problem(responses, "503", "The database is unreachable for a moment (Retry-After says when to try again); "
                    + "a write that carried an idempotency key is safe to send again");
        }
        String conflict = CONFLICTS.get(key);
        if (conflict != null) {
            problem(responses, "409", "Conflict: " + conflict);
        }
        // springdoc documents a 200 it invents when a handler declares another success status
        if (responses.keySet().stream().anyMatch(code -> code.equals("201") || code.equals("202") || code.equals("204"))
                && responses.containsKey("200") && "OK".equals(responses.get("200").getDescription())) {
            responses.remove("200");
        }
    }

    private static void problem(ApiResponses responses, String code, String description) {
        if (responses.containsKey(code) && responses.get(code).getContent() != null
                && responses.get(code).getContent().containsKey(PROBLEM_JSON)) {
            return;
        }
        String text = responses.containsKey(code) && responses.get(code).getDescription() != null
                && !responses.get(code).getDescription().isBlank() && !"default response".equals(responses.get(code).getDescription())
                ? responses.get(code).getDescription() : description;
        responses.addApiResponse(code, new ApiResponse().description(text).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    private static Schema<?> problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("field", new StringSchema().description("the field in the API's words, e.g. input.prompt"));
        error.addProperty("message", new StringSchema());
        error.addProperty("step", new StringSchema().description("definition errors: the step id"));
        error.addProperty("pointer", new StringSchema().description("definition errors: a JSON pointer into the document"));
        error.addProperty("code", new StringSchema().description("definition errors: e.g. UNKNOWN_EXPRESSION_FIELD"));
        error.addProperty("suggestion", new StringSchema().description("what was probably meant, when a name is close"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("An RFC 9457 problem");
        problem.addProperty("type", new StringSchema().example("https://weft.dev/problems/invalid-request"));
        problem.addProperty("title", new StringSchema().example("Invalid request"));
        problem.addProperty("status", new IntegerSchema().example(422));
        problem.addProperty("detail", new StringSchema().example("input.prompt: must be a string"));
        problem.addProperty("instance", new StringSchema().example("/v1/workflows/run"));
        problem.addProperty("errors", new ArraySchema().items(error));
        problem.example(Map.of("type", "https://weft.dev/problems/invalid-request", "title", "Invalid request",
                "status", 422, "detail", "input.prompt: must be a string", "instance", "/v1/workflows/run",
                "errors", List.of(Map.of("field", "input.prompt", "message", "must be a string"))));
        return problem;
    }
}
