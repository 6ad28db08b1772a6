package dev.weft.providers.live;

import dev.weft.outbound.ProviderHttp;
import dev.weft.outbound.OutboundPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.providers.ProviderCredentials;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.anthropic.AnthropicProvider;
import dev.weft.providers.openai.OpenAiProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same calls the wire-format tests make, against the real services. Skipped unless the key is in the
 * environment: {@code OPENAI_API_KEY=sk-... ./mvnw test -Dtest=RealProvidersTest} (and/or
 * {@code ANTHROPIC_API_KEY}; {@code OPENAI_BASE_URL} points it at any OpenAI-compatible server).
 * Costs a fraction of a cent per run.
 */
class RealProvidersTest {

    @Test
    @EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
    void openAiAnswersAPrompt() {
        var provider = new OpenAiProvider("openai", new ProviderHttp(OutboundPolicy.strict()), Duration.ofSeconds(60), null, null, null, null, null, false);
        var credentials = ProviderCredentials.fromServer(System.getenv("OPENAI_API_KEY"), System.getenv("OPENAI_BASE_URL"));

        var text = provider.text(credentials).generate(new TextGenerator.Request("Reply with the single word: pong",
                null, null, 10, 0.0));

        assertThat(text.text().toLowerCase()).contains("pong");
        assertThat(text.inputTokens()).isPositive();
        assertThat(provider.moderator(credentials).moderate("I love sunny days", null).flagged()).isFalse();
        assertThat(provider.embedder(credentials, null).embed("hello")).hasSizeGreaterThan(100);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "ANTHROPIC_API_KEY", matches = ".+")
    void anthropicAnswersAPrompt() {
        var provider = new AnthropicProvider(new ProviderHttp(OutboundPolicy.strict()), Duration.ofSeconds(60), null, null);
        var credentials = ProviderCredentials.fromServer(System.getenv("ANTHROPIC_API_KEY"), null);

        var text = provider.text(credentials).generate(new TextGenerator.Request("Reply with the single word: pong",
                null, null, 10, 0.0));

        assertThat(text.text().toLowerCase()).contains("pong");
    }
}
