package dev.weft.providers.ollama;

import dev.weft.common.Json;
import dev.weft.providers.ProviderErrors;
import dev.weft.providers.ProviderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestClientException;

/** Ollama answers errors as {@code {"error": "..."}}; this classifies them like every other provider's. */
final class OllamaErrors {

    private OllamaErrors() {}

    static <T> T call(String provider, Supplier<T> call) {
        try {
            T result = call.get();
            if (result == null) {
                throw ProviderErrors.invalidResponse(provider, "empty answer");
            }
            return result;
        } catch (ProviderException e) {
            throw e;
        } catch (ResourceAccessException e) {
            throw ProviderErrors.transport(provider, e);
        } catch (RestClientException | IllegalArgumentException e) {
            throw ProviderErrors.invalidResponse(provider, "malformed or unexpected JSON");
        }
    }

    static final class Handler implements ResponseErrorHandler {

        private final String provider;

        Handler(String provider) {
            this.provider = provider;
        }

        @Override
        public boolean hasError(ClientHttpResponse response) throws IOException {
            return response.getStatusCode().isError();
        }

        @Override
        public void handleError(java.net.URI url, org.springframework.http.HttpMethod method, ClientHttpResponse response)
                throws IOException {
            String body = new String(response.getBody().readNBytes(8192), StandardCharsets.UTF_8);
            String message;
            try {
                message = Json.parse(body).path("error").asString(null);
            } catch (RuntimeException notJson) {
                message = null;
            }
            throw ProviderErrors.fromStatus(provider, response.getStatusCode().value(), message, message,
                    response.getHeaders().getFirst("Retry-After"), null);
        }
    }
}
