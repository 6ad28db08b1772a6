package dev.weft.providers.openai;

import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import dev.weft.providers.ProviderErrors;
import dev.weft.providers.ProviderException;
import java.util.function.Supplier;

/** Turns the OpenAI SDK's exceptions into classified {@link ProviderException}s. */
final class OpenAiErrors {

    private OpenAiErrors() {}

    static <T> T call(String provider, Supplier<T> call) {
        try {
            return call.get();
        } catch (OpenAIServiceException e) {
            String errorCode = e.code().orElse(null);
            String type = e.type().orElse(null);
            throw ProviderErrors.fromStatus(provider, e.statusCode(), errorCode != null ? errorCode : type,
                    message(e), header(e, "retry-after"), header(e, "retry-after-ms"));
        } catch (OpenAIIoException e) {
            throw ProviderErrors.transport(provider, e);
        } catch (OpenAIInvalidDataException e) {
            throw ProviderErrors.invalidResponse(provider, "malformed or unexpected JSON");
        } catch (com.openai.errors.OpenAIException e) {
            throw ProviderErrors.invalidResponse(provider, "the answer did not match the provider's API");
        }
    }

    private static String header(OpenAIServiceException e, String name) {
        return e.headers().values(name).stream().findFirst().orElse(null);
    }

    /** The provider's error.message field; the SDK's own message may include the whole body. */
    private static String message(OpenAIServiceException e) {
        try {
            var body = dev.weft.common.Json.parse(com.openai.core.ObjectMappers.jsonMapper().writeValueAsString(e.body()));
            var error = body.path("error").isObject() ? body.path("error") : body;
            return error.path("message").asString(null);
        } catch (Exception unreadable) {
            return null;
        }
    }
}
