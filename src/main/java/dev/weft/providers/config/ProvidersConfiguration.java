package dev.weft.providers.config;

import dev.weft.providers.ContentModerator;
import dev.weft.providers.Embedder;
import dev.weft.providers.ImageAnalyzer;
import dev.weft.providers.ImageGenerator;
import dev.weft.providers.TextAnalyzer;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.local.LocalEmbedder;
import dev.weft.providers.local.LocalImageAnalyzer;
import dev.weft.providers.local.LocalModerator;
import dev.weft.providers.local.LocalTextAnalyzer;
import dev.weft.providers.local.PlaceholderImageGenerator;
import dev.weft.providers.local.PlaceholderTextGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The offline local providers as the default implementation of every provider port. Each is
 * {@link ConditionalOnMissingBean}, so a configured real provider of the same port replaces it.
 */
@Configuration(proxyBeanMethods = false)
public class ProvidersConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Embedder embedder() {
        return new LocalEmbedder();
    }

    @Bean
    @ConditionalOnMissingBean
    TextAnalyzer textAnalyzer() {
        return new LocalTextAnalyzer();
    }

    @Bean
    @ConditionalOnMissingBean
    ImageAnalyzer imageAnalyzer() {
        return new LocalImageAnalyzer();
    }

    @Bean
    @ConditionalOnMissingBean
    ContentModerator contentModerator() {
        return new LocalModerator();
    }

    @Bean
    @ConditionalOnMissingBean
    TextGenerator textGenerator() {
        return new PlaceholderTextGenerator();
    }

    @Bean
    @ConditionalOnMissingBean
    ImageGenerator imageGenerator() {
        return new PlaceholderImageGenerator();
    }

    /**
     * Loading the local embedding model at start costs about 90 MiB of resident memory for as long
     * as the service runs, so it is off by default (issue 15's idle footprint): the first embedding
     * loads it instead, about a second later than it would have.
     */
    @Bean
    @ConditionalOnProperty(name = "weft.providers.warm-up", havingValue = "true")
    EmbedderWarmUp embedderWarmUp(Embedder embedder) {
        return new EmbedderWarmUp(embedder);
    }
}
