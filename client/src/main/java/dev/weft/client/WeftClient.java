package dev.weft.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * The Weft API from Java. Build one per server and key and share it (it is thread-safe):
 *
 * <pre>{@code
 * WeftClient weft = WeftClient.builder().baseUrl("http://localhost:8080").apiKey(System.getenv("WEFT_API_KEY")).build();
 * var started = weft.runs().start(Model.StartRun.of("image-generate-v1").input(Map.of("prompt", "a red fox")));
 * Model.Run run = weft.runs().await(started.runId(), Duration.ofMinutes(2));
 * }</pre>
 *
 * Requests go only to {@code baseUrl} (redirects are not followed, and a URL the server hands back
 * is followed only on the same origin), so the key never reaches another host.
 */
public final class WeftClient {

    private final Transport transport;
    private final Runs runs;
    private final Workflows workflows;
    private final WebhookSettings webhooks;
    private final Schedules schedules;
    private final Artifacts artifacts;
    private final Collections collections;
    private final Account account;

    private WeftClient(Transport transport) {
        this.transport = transport;
        this.runs = new Runs(transport);
        this.workflows = new Workflows(transport);
        this.webhooks = new WebhookSettings(transport);
        this.schedules = new Schedules(transport);
        this.artifacts = new Artifacts(transport);
        this.collections = new Collections(transport);
        this.account = new Account(transport);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Runs runs() {
        return runs;
    }

    public Workflows workflows() {
        return workflows;
    }

    public WebhookSettings webhooks() {
        return webhooks;
    }

    public Schedules schedules() {
        return schedules;
    }

    public Artifacts artifacts() {
        return artifacts;
    }

    public Collections collections() {
        return collections;
    }

    /** Usage, budget and the step type catalogue. */
    public Account account() {
        return account;
    }

    /** The server this client talks to. */
    public URI baseUrl() {
        return transport.base();
    }

    public static final class Builder {
        private URI baseUrl;
        private String apiKey;
        private Duration timeout = Duration.ofSeconds(30);
        private RetryPolicy retries = RetryPolicy.DEFAULT;
        private HttpClient http;

        public Builder baseUrl(String url) {
            URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("baseUrl must be an http or https URL, such as http://localhost:8080");
            }
            this.baseUrl = uri;
            return this;
        }

        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** The time limit of each request (not of {@link Runs#await}, which has its own). */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value);
            return this;
        }

        /** How 429 and 503 answers are retried; {@link RetryPolicy#NONE} to never retry. */
        public Builder retries(RetryPolicy policy) {
            this.retries = Objects.requireNonNull(policy);
            return this;
        }

        public WeftClient build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is required, such as http://localhost:8080");
            }
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalStateException("apiKey is required");
            }
            HttpClient client = http != null ? http : HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            return new WeftClient(new Transport(baseUrl, apiKey.strip(), client, timeout, retries));
        }
    }
}
