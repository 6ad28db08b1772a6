package dev.weft.providers.anthropic;

import dev.weft.providers.Capability;
import java.util.EnumSet;
import java.util.Set;
import com.anthropic.client.AnthropicClient;
import dev.weft.providers.ProviderCredentials;
import dev.weft.providers.RemoteProvider;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.VisionModel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.ai.anthropic.AnthropicSetup;

/**
 * Anthropic's Messages API through the official Anthropic Java SDK, set up by Spring AI's
 * {@link AnthropicSetup} (OkHttp transport). Text generation and vision. SDK retries are off: the
 * engine retries, honouring the Retry-After the step reports.
 */
public final class AnthropicProvider implements RemoteProvider {

    public static final String NAME = "anthropic";
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String DEFAULT_MODEL = "claude-sonnet-4-5";
    private static final int MAX_CLIENTS = 32;

    private final Duration timeout;
    private final String textModel;
    private final String visionModel;
    private final Map<ProviderCredentials, AnthropicClient> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ProviderCredentials, AnthropicClient> eldest) {
            if (size() > MAX_CLIENTS) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    public AnthropicProvider(Duration timeout, String textModel, String visionModel) {
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
        return new AnthropicMessages(NAME, client(credentials), textModel, visionModel);
    }

    @Override
    public VisionModel vision(ProviderCredentials credentials) {
        return new AnthropicMessages(NAME, client(credentials), textModel, visionModel);
    }

    private synchronized AnthropicClient client(ProviderCredentials c) {
        String baseUrl = c.baseUrl() == null || c.baseUrl().isBlank() ? DEFAULT_BASE_URL : c.baseUrl();
        return clients.computeIfAbsent(new ProviderCredentials(c.apiKey(), baseUrl),
                k -> AnthropicSetup.setupSyncClient(k.baseUrl(), k.apiKey(), timeout, 0, null, Map.of()));
    }
}
