package dev.weft.steps.emit;

import dev.weft.common.Json;
import dev.weft.outbound.OutboundException;
import dev.weft.outbound.OutboundResponse;
import dev.weft.outbound.SafeHttpClient;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import dev.weft.steps.Inputs;
import dev.weft.steps.RetryAfter;
import dev.weft.steps.SchemaBackedStep;
import dev.weft.signing.StandardWebhooks;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code emit_webhook}: POSTs {@code {"type": event, "timestamp", "data": payload}} to a URL with
 * Standard Webhooks headers, signed with the app's secrets. The {@code webhook-id} is stable per
 * step, so a retried or duplicated delivery can be recognised by the receiver.
 */
@Component
public class EmitWebhookStep extends SchemaBackedStep {

    public static final String TYPE = "emit_webhook";
    static final String DEFAULT_EVENT = "workflow.step";
    static final int MAX_RESPONSE_CHARS = 2048;
    /** Computed by the client or part of the signature: a caller's value would break the delivery. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "content-type",
            "transfer-encoding", "connection");

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final SafeHttpClient http;
    private final SigningSecrets secrets;
    private final Clock clock;

    public EmitWebhookStep(SafeHttpClient http, SigningSecrets secrets, Clock clock) {
        super(TYPE);
        this.http = http;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public StepResult execute(StepContext context) {
        JsonNode in = context.input();
        URI url;
        try {
            url = new URI(Inputs.text(in, "url", ""));
        } catch (URISyntaxException e) {
            return permanent(context, "INVALID_URL", "url is not valid: " + e.getMessage());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : in.path("headers").properties()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (RESERVED.contains(name) || name.startsWith("webhook-")) {
                return permanent(context, "INVALID_HEADER", "headers." + header.getKey()
                        + " cannot be set: Weft sets it (reserved: Host, Content-Length, Content-Type, webhook-*)");
            }
            String value = header.getValue().asString();
            if (!HEADER_NAME.matcher(header.getKey()).matches() || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                return permanent(context, "INVALID_HEADER", "headers." + header.getKey()
                        + " is not a valid header name and single-line value");
            }
            headers.put(header.getKey(), value);
        }
        Instant now = clock.instant();
        String webhookId = WebhookIds.of(context.effectId());
        String body = Json.write(envelope(in, now));
        List<String> keys = secrets.forApp(context.appId());
        headers.putAll(signatureHeaders(keys, webhookId, now.getEpochSecond(), body));
        try {
            OutboundResponse response = http.post(url, headers, body.getBytes(StandardCharsets.UTF_8),
                    "application/json");
            return classify(context, response, webhookId, !keys.isEmpty());
        } catch (OutboundException e) {
            return switch (e.reason()) {
                case BLOCKED -> permanent(context, "DESTINATION_BLOCKED", e.getMessage());
                case INVALID_URL -> permanent(context, "INVALID_URL", e.getMessage());
                case TOO_MANY_REDIRECTS, REDIRECT_REFUSED -> permanent(context, "WEBHOOK_REJECTED", e.getMessage());
                case TIMEOUT, CONNECT_FAILED, IO, RESPONSE_TOO_LARGE -> new StepResult.RetryableFailure(
                        "WEBHOOK_UNREACHABLE", prefix(context) + e.getMessage(), null);
            };
        }
    }

    private static ObjectNode envelope(JsonNode in, Instant now) {
        ObjectNode envelope = Json.object();
        envelope.put("type", Inputs.text(in, "event", DEFAULT_EVENT));
        envelope.put("timestamp", now.toString());
        envelope.set("data", in.get("payload"));
        return envelope;
    }

    private static Map<String, String> signatureHeaders(List<String> keys, String webhookId, long seconds,
                                                        String body) {
        if (keys.isEmpty()) {
            return Map.of(StandardWebhooks.ID_HEADER, webhookId, StandardWebhooks.TIMESTAMP_HEADER,
                    Long.toString(seconds));
        }
        return StandardWebhooks.headers(webhookId, seconds,
                keys.stream().map(secret -> StandardWebhooks.sign(secret, webhookId, seconds, body)).toList());
    }

    private StepResult classify(StepContext context, OutboundResponse response, String webhookId, boolean signed) {
        int status = response.status();
        String answer = "the receiver answered HTTP " + status;
        if (status == 408 || status == 429 || status >= 500) {
            return new StepResult.RetryableFailure("WEBHOOK_FAILED", prefix(context) + answer,
                    RetryAfter.millis(response).orElse(null));
        }
        if (!response.isSuccess()) {
            return permanent(context, "WEBHOOK_REJECTED", answer + excerpt(response));
        }
        ObjectNode out = Json.object();
        out.put("statusCode", status);
        out.put("webhookId", webhookId);
        out.put("deliveredAt", clock.instant().toString());
        out.put("signed", signed);
        String text = response.bodyAsString();
        if (!text.isEmpty()) {
            out.put("responseBody", text.length() > MAX_RESPONSE_CHARS ? text.substring(0, MAX_RESPONSE_CHARS) : text);
        }
        return StepResult.ok(out);
    }

    private static String excerpt(OutboundResponse response) {
        String text = response.bodyAsString().strip();
        return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    private static StepResult permanent(StepContext context, String code, String message) {
        return StepResult.permanent(code, prefix(context) + message);
    }

    private static String prefix(StepContext context) {
        return "step '" + context.stepId() + "': ";
    }
}
