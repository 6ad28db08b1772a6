package dev.weft.providers.config;

import dev.weft.outbound.OutboundPolicy;
import dev.weft.outbound.ProviderHttp;
import dev.weft.providers.ContentModerator;
import dev.weft.providers.Embedder;
import dev.weft.providers.ImageGenerator;
import dev.weft.providers.RemoteProvider;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.anthropic.AnthropicProvider;
import dev.weft.providers.defaults.AppProviderDefaults;
import dev.weft.providers.defaults.JdbcAppProviderDefaults;
import dev.weft.secrets.SecretStore;
import dev.weft.providers.keys.ProviderKeys;
import dev.weft.providers.ollama.OllamaProvider;
import dev.weft.providers.openai.OpenAiProvider;
import java.time.Clock;
import dev.weft.providers.usage.Budgets;
import dev.weft.providers.usage.JdbcUsageLedger;
import dev.weft.providers.usage.Pricing;
import dev.weft.providers.usage.UsageLedger;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The remote providers (always registered; usable once a key is configured), the key store and the directory. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProvidersProperties.class)
public class RemoteProvidersConfiguration {

    @Bean
    RemoteProvider openAiProvider(ProvidersProperties p, ProviderHttp http) {
        ProvidersProperties.Endpoint e = p.endpoint("openai");
        return new OpenAiProvider("openai", http, e.timeoutOrDefault(), e.textModel(), e.imageModel(), e.embeddingModel(),
                e.moderationModel(), e.visionModel(), false);
    }

    @Bean
    RemoteProvider anthropicProvider(ProvidersProperties p, ProviderHttp http) {
        ProvidersProperties.Endpoint e = p.endpoint("anthropic");
        return new AnthropicProvider(http, e.timeoutOrDefault(), e.textModel(), e.visionModel());
    }

    @Bean
    RemoteProvider ollamaProvider(ProvidersProperties p, ProviderHttp http) {
        ProvidersProperties.Endpoint e = p.endpoint("ollama");
        return new OllamaProvider(http, e.timeoutOrDefault(), e.textModel(), e.embeddingModel(), e.visionModel());
    }

    @Bean
    ProviderKeys providerKeys(JdbcClient jdbc, OutboundPolicy outbound, Clock clock, SecretStore secrets) {
        return new ProviderKeys(jdbc, secrets.cipher().orElse(null), outbound, clock);
    }

    @Bean
    Pricing pricing(Environment environment) {
        ResolvableType type = ResolvableType.forClassWithGenerics(Map.class, ResolvableType.forClass(String.class),
                ResolvableType.forClassWithGenerics(Map.class, String.class, Pricing.Price.class));
        Map<String, Map<String, Pricing.Price>> overrides = Binder.get(environment)
                .bind("weft.pricing", Bindable.<Map<String, Map<String, Pricing.Price>>>of(type)).orElse(null);
        return new Pricing(overrides);
    }

    @Bean
    UsageLedger usageLedger(JdbcClient jdbc, Clock clock) {
        return new JdbcUsageLedger(jdbc, clock);
    }

    @Bean
    Budgets budgets(UsageLedger ledger, Clock clock) {
        return new Budgets(ledger, clock);
    }

    @Bean
    AppProviderDefaults appProviderDefaults(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        return new JdbcAppProviderDefaults(jdbc, tx, clock);
    }

    @Bean
    ProviderDirectory providerDirectory(List<RemoteProvider> remotes, ProvidersProperties properties, ProviderKeys keys,
                                        List<TextGenerator> text, List<ImageGenerator> images,
                                        List<ContentModerator> moderators, List<Embedder> embedders) {
        return new ProviderDirectory(remotes, properties, keys, text, images, moderators, embedders);
    }
}
