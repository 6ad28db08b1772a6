package dev.weft.steps.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.providers.Capability;
import dev.weft.providers.config.ProviderDirectory;
import dev.weft.providers.config.ProvidersProperties;
import dev.weft.providers.defaults.AppProviderDefaults;
import dev.weft.providers.usage.Budgets;
import dev.weft.providers.usage.Pricing;
import dev.weft.providers.usage.UsageLedger;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which provider and model a step's chain starts with: the step's, else the app's default. */
class ProviderChainTest {

    private final ProviderCalls calls = new ProviderCalls(
            new ProviderDirectory(List.of(), new ProvidersProperties(null, null, null, null, null, null, null, null),
                    null, List.of(), List.of(), List.of(), List.of()),
            new Pricing(null), UsageLedger.NONE, new Budgets(UsageLedger.NONE, Clock.systemUTC()),
            appDefaults(Map.of("app-a", new AppProviderDefaults.Choice("anthropic", "claude-haiku-4-5"))));

    @Test
    void aStepWithoutProviderTakesTheAppsDefaultProviderAndModel() {
        var chain = calls.chain(Contexts.of("app-a", "s", "{}"), Capability.TEXT, Contexts.of("{}").input());

        assertThat(chain.getFirst()).isEqualTo(new ProviderCalls.Candidate("anthropic", "claude-haiku-4-5"));
    }

    @Test
    void aStepsOwnModelIsKeptWithTheAppsDefaultProvider() {
        var chain = calls.chain(Contexts.of("app-a", "s", "{}"), Capability.TEXT,
                Contexts.of("{\"model\": \"claude-opus-4-1\"}").input());

        assertThat(chain.getFirst()).isEqualTo(new ProviderCalls.Candidate("anthropic", "claude-opus-4-1"));
    }

    @Test
    void aStepThatNamesAnotherProviderIsLeftAsItIsWithItsFallbacks() {
        var chain = calls.chain(Contexts.of("app-a", "s", "{}"), Capability.TEXT, Contexts.of("""
                {"provider": "openai", "fallbacks": [{"provider": "ollama"}]}""").input());

        assertThat(chain).containsExactly(new ProviderCalls.Candidate("openai", null),
                new ProviderCalls.Candidate("ollama", null));
    }

    @Test
    void anAppWithoutDefaultsLeavesTheProviderForTheServerDefault() {
        var chain = calls.chain(Contexts.of("app-b", "s", "{}"), Capability.TEXT, Contexts.of("{}").input());

        assertThat(chain.getFirst()).isEqualTo(new ProviderCalls.Candidate(null, null));
    }

    private static AppProviderDefaults appDefaults(Map<String, AppProviderDefaults.Choice> textByApp) {
        return new AppProviderDefaults() {
            @Override
            public Optional<Choice> find(String appId, Capability capability) {
                return capability == Capability.TEXT ? Optional.ofNullable(textByApp.get(appId)) : Optional.empty();
            }

            @Override
            public Map<Capability, Choice> all(String appId) {
                return Map.of();
            }

            @Override
            public void replace(String appId, Map<Capability, Choice> choices) {}
        };
    }
}
