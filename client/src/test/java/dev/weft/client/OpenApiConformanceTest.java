package dev.weft.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The client and the server's OpenAPI document agree: every operation the client calls is
 * documented, and every documented {@code /v1} operation is called or listed as left out.
 */
class OpenApiConformanceTest {

    @Test
    void theClientCallsWhatTheServerDocumentsAndLeavesNothingOutSilently() throws Exception {
        WeftServer server = WeftServer.get();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode paths = new ObjectMapper().readTree(answer.body()).get("paths");
        Set<String> documented = new TreeSet<>();
        paths.fields().forEachRemaining(path -> {
            if (path.getKey().startsWith("/v1/")) {
                path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey()));
            }
        });

        assertThat(ApiOperations.CALLED).as("called by the client but not documented by the server")
                .allSatisfy(op -> assertThat(documented).contains(op));
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(ApiOperations.CALLED);
        missing.removeAll(ApiOperations.LEFT_OUT.keySet());
        assertThat(missing).as("documented operations the client neither calls nor lists as left out").isEmpty();
        assertThat(ApiOperations.LEFT_OUT.keySet()).as("left out but no longer documented")
                .allSatisfy(op -> assertThat(documented).contains(op));
        assertThat(ApiOperations.LEFT_OUT.keySet()).as("both called and left out")
                .doesNotContainAnyElementsOf(ApiOperations.CALLED);
    }
}
