package dev.weft.providers.anthropic;

import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import dev.weft.providers.ProviderErrors;
import java.util.function.Supplier;

/** Turns the Anthropic SDK's exceptions into classified provider failures (529 overloaded is retryable). */
final class AnthropicErrors {

    private AnthropicErrors() {}

    static <T> T call(String provider, Supplier<T> call) {
        try {
            return call.get();
        } catch (AnthropicServiceException e) {
            tools.jackson.databind.JsonNode error = errorObject(e);
            String type = error.path("type").asString(null);
            String message = error.path("message").asString(null);
            throw ProviderErrors.fromStatus(provider, e.statusCode(), type, message,
                    e.headers().values("retry-after").stream().findFirst().orElse(null), null);
        } catch (AnthropicIoException e) {
            throw ProviderErrors.transport(provider, e);
        } catch (AnthropicInvalidDataException e) {
            throw ProviderErrors.invalidResponse(provider, "malformed or unexpected JSON");
        } catch (AnthropicException e) {
            throw ProviderErrors.invalidResponse(provider, "the answer did not match the provider's API");
        }
    }

    /** Anthropic's error body: {"type": "error", "error": {"type": "overloaded_error", "message": "..."}}. */
    private static tools.jackson.databind.JsonNode errorObject(AnthropicServiceException e) {
        try {
            return dev.weft.common.Json.parse(com.anthropic.core.ObjectMappers.jsonMapper().writeValueAsString(e.body()))
                    .path("error");
        } catch (Exception unreadable) {
            return dev.weft.common.Json.object();
        }
    }
}
