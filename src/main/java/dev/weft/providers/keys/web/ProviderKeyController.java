package dev.weft.providers.keys.web;

import dev.weft.api.ApiProblem;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.common.FieldLimits;
import dev.weft.outbound.OutboundException;
import dev.weft.providers.config.ProviderDirectory;
import dev.weft.providers.keys.ProviderKeys;
import dev.weft.providers.keys.ProviderKeys.StoredKey;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An app's view of the remote providers: which are usable and with whose key, and its own keys.
 * A key is accepted once and never shown again, only its hint.
 */
@RestController
@RequestMapping("/v1/providers")
public class ProviderKeyController {

    /**
     * {@code source} is {@code app} (the app's own key), {@code server} or null (not usable yet);
     * {@code status} says the same in words ({@code "not configured"} when nothing was set for the
     * provider) and {@code setUp} how to configure one that is not.
     */
    public record ProviderView(String provider, boolean configured, String source, String keyHint, String baseUrl,
                               OffsetDateTime updatedAt, String status, String setUp) {

        ProviderView(String provider, boolean configured, String source, String keyHint, String baseUrl,
                     OffsetDateTime updatedAt) {
            this(provider, configured, source, keyHint, baseUrl, updatedAt,
                    configured ? "configured (" + ("app".equals(source) ? "this app's key" : "the server's settings") + ")"
                            : "not configured",
                    configured ? null : setUpHint(provider));
        }

        private static String setUpHint(String provider) {
            return switch (provider) {
                case "ollama" -> "set OLLAMA_BASE_URL on the server (e.g. http://localhost:11434; no key needed), "
                        + "see docs/providers.md#ollama";
                case "openai" -> "set OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server) on the server, "
                        + "or PUT /v1/providers/openai/key";
                case "anthropic" -> "set ANTHROPIC_API_KEY on the server, or PUT /v1/providers/anthropic/key";
                default -> "see docs/providers.md";
            };
        }
    }

    public record PutKey(String apiKey, String baseUrl) {}

    private final ProviderKeys keys;
    private final ProviderDirectory directory;

    public ProviderKeyController(ProviderKeys keys, ProviderDirectory directory) {
        this.keys = keys;
        this.directory = directory;
    }

    @GetMapping
    public Map<String, List<ProviderView>> list(AuthenticatedApp app) {
        Map<String, StoredKey> own = keys.list(app.appId()).stream()
                .collect(Collectors.toMap(StoredKey::provider, Function.identity()));
        List<ProviderView> views = new ArrayList<>();
        for (String name : directory.remoteNames()) {
            StoredKey k = own.get(name);
            String source = directory.credentialSource(app.appId(), name).orElse(null);
            views.add(k != null
                    ? new ProviderView(name, true, "app", k.keyHint(), k.baseUrl(), k.updatedAt())
                    : new ProviderView(name, source != null, source, null, null, null));
        }
        return Map.of("providers", views);
    }

    @PutMapping("/{provider}/key")
    public ProviderView put(AuthenticatedApp app, @PathVariable String provider, @RequestBody PutKey body) {
        known(provider);
        if (body == null || body.apiKey() == null || body.apiKey().isBlank()) {
            throw ApiProblem.invalidField("apiKey", "required, the provider's API key");
        }
        FieldLimits.requireLength("apiKey", body.apiKey(), FieldLimits.PROVIDER_API_KEY);
        FieldLimits.requireLength("baseUrl", body.baseUrl(), FieldLimits.URL);
        if (!keys.encryptionConfigured()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "encryption-key-missing", "Encryption key missing",
                    "this server has no encryption key (WEFT_ENCRYPTION_KEY / weft.encryption-key), so it does not store"
                            + " provider keys; ask the operator to set one, or configure the key server-wide");
        }
        String baseUrl = body.baseUrl() == null || body.baseUrl().isBlank() ? null : body.baseUrl().strip();
        try {
            StoredKey k = keys.put(app.appId(), provider, body.apiKey().strip(), baseUrl);
            return new ProviderView(provider, true, "app", k.keyHint(), k.baseUrl(), k.updatedAt());
        } catch (OutboundException e) {
            throw ApiProblem.invalidField("baseUrl", e.getMessage());
        }
    }

    @DeleteMapping("/{provider}/key")
    public ResponseEntity<Void> delete(AuthenticatedApp app, @PathVariable String provider) {
        known(provider);
        if (!keys.delete(app.appId(), provider)) {
            throw ApiProblem.notFound("provider-key", "this app has no " + provider + " key");
        }
        return ResponseEntity.noContent().build();
    }

    private void known(String provider) {
        if (!directory.remoteNames().contains(provider)) {
            throw ApiProblem.notFound("provider", "no provider '" + provider + "'; known: " + directory.remoteNames());
        }
    }
}
