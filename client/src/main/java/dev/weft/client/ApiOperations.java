package dev.weft.client;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operations of the server's OpenAPI document this client calls, and those it leaves out,
 * each with the reason. A test compares both with the document of a running server, so the
 * client cannot call an operation the server does not have, nor miss one silently.
 */
public final class ApiOperations {

    private ApiOperations() {}

    /** {@code METHOD /path} as the OpenAPI document writes them. */
    public static final Set<String> CALLED = Set.of(
            "POST /v1/workflows/run",
            "POST /v1/workflows/run/batch",
            "GET /v1/workflows/runs",
            "GET /v1/workflows/runs/{runId}",
            "POST /v1/workflows/runs/{runId}/cancel",
            "POST /v1/workflows/runs/{runId}/resume",
            "POST /v1/workflows/runs/{runId}/signals/{signal}",
            "GET /v1/workflows/runs/{runId}/events",
            "GET /v1/workflows/runs/{runId}/stream",
            "POST /v1/workflows",
            "GET /v1/workflows",
            "GET /v1/workflows/{slug}",
            "GET /v1/workflows/{slug}/versions",
            "GET /v1/workflows/{slug}/versions/{version}",
            "GET /v1/webhooks/secret",
            "POST /v1/webhooks/secret/rotate",
            "POST /v1/webhooks/subscriptions",
            "GET /v1/webhooks/subscriptions",
            "DELETE /v1/webhooks/subscriptions/{id}",
            "GET /v1/webhooks/deliveries",
            "GET /v1/webhooks/deliveries/{id}",
            "POST /v1/webhooks/deliveries/{id}/retry",
            "GET /v1/schedules",
            "POST /v1/schedules",
            "GET /v1/schedules/{id}",
            "PATCH /v1/schedules/{id}",
            "DELETE /v1/schedules/{id}",
            "POST /v1/schedules/{id}/trigger",
            "GET /v1/artifacts",
            "GET /v1/artifacts/{artifactId}",
            "GET /v1/artifacts/{artifactId}/content",
            "GET /v1/workflows/runs/stream",
            "GET /v1/collections",
            "GET /v1/collections/{collection}/documents",
            "GET /v1/collections/{collection}/documents/{docId}",
            "PUT /v1/collections/{collection}/documents/{docId}",
            "DELETE /v1/collections/{collection}/documents/{docId}",
            "POST /v1/collections/{collection}/query",
            "GET /v1/step-types",
            "GET /v1/step-types/{type}",
            "GET /v1/usage",
            "GET /v1/budget",
            "PUT /v1/budget",
            "DELETE /v1/cache");

    /** Documented operations the client does not call, and why. */
    public static final Map<String, String> LEFT_OUT = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /v1/providers", "left out: provider keys are set up by an operator, not by application code"),
            Map.entry("GET /v1/providers/defaults", "left out: provider settings are an operator's, not application code's"),
            Map.entry("PUT /v1/providers/defaults", "left out: provider settings are an operator's, not application code's"),
            Map.entry("PUT /v1/providers/{provider}/key", "left out: provider keys are set up by an operator, not by application code"),
            Map.entry("DELETE /v1/providers/{provider}/key", "left out: provider keys are set up by an operator, not by application code")));
}
