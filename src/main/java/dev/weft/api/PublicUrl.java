package dev.weft.api;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The service's address as its clients reach it, for URLs written outside a request (webhook
 * payloads, the start banner): {@code weft.public-url} ({@code WEFT_PUBLIC_URL}, e.g.
 * {@code https://weft.example.com}) when set, else {@code http://localhost:<port>}. Inside a request
 * {@link Urls} uses the request's own scheme and host instead.
 */
@Component
public class PublicUrl {

    private final Environment environment;

    public PublicUrl(Environment environment) {
        this.environment = environment;
    }

    /** Without a trailing slash. */
    public String base() {
        String configured = environment.getProperty("weft.public-url");
        if (configured != null && !configured.isBlank()) {
            String url = configured.strip();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://localhost:" + port;
    }

    /** Whether {@code weft.public-url} was set, rather than guessed from the port. */
    public boolean configured() {
        String configured = environment.getProperty("weft.public-url");
        return configured != null && !configured.isBlank();
    }
}
