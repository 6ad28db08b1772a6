package dev.weft.providers.anthropic;

import com.anthropic.client.AnthropicClient;
import dev.weft.outbound.ProviderHttp;
import dev.weft.providers.Capability;
import dev.weft.providers.ClientCache;
import dev.weft.providers.ProviderCredentials;
import dev.weft.providers.RemoteProvider;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.VisionModel;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.ai.anthropic.AnthropicSetup;

/**
 * Anthropic's Messages API through the official Anthropic Java SDK, set up by Spring AI's
 * {@link AnthropicSetup} (OkHttp transport, whose requests go through {@link ProviderHttp}: the
 * outbound policy, no redirects). Text generation and vision. SDK retries are off: the engine
 * retries, honouring the Retry-After the step reports.
 */
public final class AnthropicProvider implements RemoteProvider {

    public static final String NAME = "anthropic";
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String DEFAULT_MODEL = "claude-sonnet-4-5";

    private final ProviderHttp http;
    private final Duration timeout;
    private final String textModel;
    private final String visionModel;
    private final ClientCache<AnthropicClient> clients = new ClientCache<>(this::build, AnthropicClient::close);

    public AnthropicProvider(ProviderHttp http, Duration timeout, String textModel, String visionModel) {
        this.http = http;
        this.timeout = timeout;
        this.textModel = textModel == null || textModel.isBlank() ? DEFAULT_MODEL : textModel;
        this.visionModel = visionModel == null || visionModel.isBlank() ? this.textModel : visionModel;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TEXT, Capability.VISION);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TextGenerator text(ProviderCredentials credentials) {
        return new AnthropicMessages(NAME, clients.client(credentials.withDefaultBaseUrl(DEFAULT_BASE_URL)), textModel,
                visionModel);
    }

    @Override
    public VisionModel vision(ProviderCredentials credentials) {
        return new AnthropicMessages(NAME, clients.client(credentials.withDefaultBaseUrl(DEFAULT_BASE_URL)), textModel,
                visionModel);
    }

    private AnthropicClient build(ProviderCredentials c) {
        return AnthropicSetup.setupSyncClient(c.baseUrl(), c.apiKey(), timeout, 0, null, Map.of(),
                ObservationRegistry.NOOP, null, null,
                List.of(builder -> builder.interceptor(http.okHttpInterceptor(c.trustedBaseUrl()))));
    }
}
