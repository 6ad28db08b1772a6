package dev.weft.providers.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import dev.weft.outbound.ProviderHttp;
import dev.weft.providers.ClientCache;
import dev.weft.providers.ProviderCredentials;
import java.time.Duration;
import org.springframework.ai.openai.http.okhttp.SpringAiOpenAiHttpClient;

/**
 * Official OpenAI SDK clients on Spring AI's OkHttp transport, whose requests are sent through
 * {@link ProviderHttp} (the outbound policy, no redirects), one per credentials. SDK retries are off:
 * the engine owns retries, with the backoff and Retry-After the step reports.
 */
final class OpenAiClients {

    private final ProviderHttp http;
    private final Duration timeout;
    private final ClientCache<OpenAIClient> clients = new ClientCache<>(this::build, OpenAIClient::close);

    OpenAiClients(ProviderHttp http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    OpenAIClient client(ProviderCredentials credentials) {
        return clients.client(credentials);
    }

    private OpenAIClient build(ProviderCredentials credentials) {
        ClientOptions options = ClientOptions.builder()
                .httpClient(SpringAiOpenAiHttpClient.builder()
                        .timeout(timeout)
                        .interceptor(http.okHttpInterceptor(credentials.trustedBaseUrl()))
                        .build())
                .baseUrl(credentials.baseUrl())
                // OpenAI-compatible servers without auth (vLLM, LM Studio) still get a syntactically valid header.
                .apiKey(credentials.apiKey() == null ? "none" : credentials.apiKey())
                .timeout(timeout)
                .maxRetries(0)
                .build();
        return new OpenAIClientImpl(options);
    }
}
