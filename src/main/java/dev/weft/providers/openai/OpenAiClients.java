package dev.weft.providers.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import dev.weft.providers.ProviderCredentials;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.ai.openai.http.okhttp.SpringAiOpenAiHttpClient;

/**
 * Official OpenAI SDK clients on Spring AI's OkHttp transport, one per (key, base URL), kept in a small
 * LRU so that per-app keys do not build a connection pool per call. SDK retries are off: the engine owns
 * retries, with the backoff and Retry-After the step reports.
 */
final class OpenAiClients {

    private static final int MAX_CLIENTS = 32;

    private final Duration timeout;
    private final Map<ProviderCredentials, OpenAIClient> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ProviderCredentials, OpenAIClient> eldest) {
            if (size() > MAX_CLIENTS) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    OpenAiClients(Duration timeout) {
        this.timeout = timeout;
    }

    synchronized OpenAIClient client(ProviderCredentials credentials) {
        return clients.computeIfAbsent(credentials, this::build);
    }

    private OpenAIClient build(ProviderCredentials credentials) {
        ClientOptions options = ClientOptions.builder()
                .httpClient(SpringAiOpenAiHttpClient.builder().timeout(timeout).build())
                .baseUrl(credentials.baseUrl())
                // OpenAI-compatible servers without auth (vLLM, LM Studio) still get a syntactically valid header.
                .apiKey(credentials.apiKey() == null ? "none" : credentials.apiKey())
                .timeout(timeout)
                .maxRetries(0)
                .build();
        return new OpenAIClientImpl(options);
    }
}
