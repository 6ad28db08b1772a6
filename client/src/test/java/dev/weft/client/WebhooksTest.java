package dev.weft.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.weft.client.Model.StartRun;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Webhooks#verify} on deliveries the server really sent to a local receiver. */
class WebhooksTest {

    record Received(String body, Map<String, String> headers) {}

    private final WeftServer server = WeftServer.get();
    private final WeftClient weft = server.client();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer receiver;

    WebhooksTest() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            received.add(new Received(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), headers));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void aRealDeliveryVerifiesAndATamperedOrStaleOneDoesNot() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        String runId = weft.runs().start(StartRun.ofPlan(new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"steps": [{"id": "a", "type": "transform", "input": {"v": 1}}]}""")).webhookUrl(url)).runId();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().anyMatch(r -> r.body().contains(runId)));
        Received delivery = received.stream().filter(r -> r.body().contains(runId)).findFirst().orElseThrow();
        String secret = weft.webhooks().secret().secret();

        Webhooks.verify(delivery.body(), delivery.headers(), secret);
        Webhooks.verify(delivery.body(), delivery.headers(), "whsec_" + java.util.Base64.getEncoder()
                .encodeToString(new byte[32]), secret); // rotation: any of several secrets

        assertThatThrownBy(() -> Webhooks.verify(delivery.body().replace(runId, "someone-else"), delivery.headers(), secret))
                .isInstanceOf(Webhooks.InvalidSignatureException.class).hasMessageContaining("no signature");
        long sentAt = Long.parseLong(delivery.headers().get("webhook-timestamp"));
        Clock later = Clock.fixed(Instant.ofEpochSecond(sentAt).plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        assertThatThrownBy(() -> Webhooks.verify(delivery.body(), delivery.headers(), List.of(secret),
                Webhooks.DEFAULT_TOLERANCE, later)).hasMessageContaining("webhook-timestamp");
        Map<String, String> noSignature = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        noSignature.putAll(delivery.headers());
        noSignature.remove("webhook-signature");
        assertThatThrownBy(() -> Webhooks.verify(delivery.body(), noSignature, secret))
                .hasMessageContaining("webhook-signature header is missing");
        await().atMost(Duration.ofSeconds(30)).until(() -> weft.webhooks().deliveries(runId, null, 10).stream()
                .anyMatch(d -> d.status().equals("delivered") && d.lastStatusCode() == 204));
    }
}
