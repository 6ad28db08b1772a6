package dev.weft.steps.ai;

import dev.weft.providers.ContentModerator;
import dev.weft.providers.Embedder;
import dev.weft.providers.ImageGenerator;
import dev.weft.providers.RemoteProvider;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.config.ProviderDirectory;
import dev.weft.providers.defaults.AppProviderDefaults;
import dev.weft.providers.config.ProvidersProperties;
import dev.weft.providers.usage.Budgets;
import dev.weft.providers.usage.Pricing;
import dev.weft.providers.usage.UsageLedger;
import java.time.Clock;
import java.util.List;

/** {@link ProviderCalls} over given providers, server keys only, no ledger: for running steps outside the engine. */
public final class TestingCalls {

    private TestingCalls() {}

    public static ProviderCalls of(List<TextGenerator> text, List<ImageGenerator> images,
                                   List<ContentModerator> moderators, List<Embedder> embedders) {
        return of(text, images, moderators, embedders, List.of(), new ProvidersProperties(null, null, null, null, null,
                null, null, null));
    }

    public static ProviderCalls of(List<TextGenerator> text, List<ImageGenerator> images,
                                   List<ContentModerator> moderators, List<Embedder> embedders,
                                   List<RemoteProvider> remotes, ProvidersProperties properties) {
        ProviderDirectory directory = new ProviderDirectory(remotes, properties, null, text, images, moderators, embedders);
        return new ProviderCalls(directory, new Pricing(null), UsageLedger.NONE,
                new Budgets(UsageLedger.NONE, Clock.systemUTC()), AppProviderDefaults.NONE);
    }
}
