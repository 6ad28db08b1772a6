package dev.weft.providers.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.providers.ContentModerator;
import dev.weft.providers.Embedder;
import dev.weft.providers.ImageAnalyzer;
import dev.weft.providers.ImageGenerator;
import dev.weft.providers.TextAnalyzer;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.local.LocalEmbedder;
import dev.weft.providers.local.LocalModerator;
import dev.weft.providers.local.PlaceholderImageGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ProvidersConfigurationTest {

    final ApplicationContextRunner runner = new ApplicationContextRunner();

    @Configuration(proxyBeanMethods = false)
    static class RealTextModel {
        @Bean
        TextGenerator realTextGenerator() {
            return new TextGenerator() {
                @Override
                public String provider() {
                    return "real";
                }

                @Override
                public GeneratedText generate(Request request) {
                    return new GeneratedText("hello", "real", "m", false, 1, 1);
                }
            };
        }
    }

    @Test
    void everyPortDefaultsToItsLocalProvider() {
        runner.withUserConfiguration(ProvidersConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(Embedder.class).hasSingleBean(TextAnalyzer.class)
                    .hasSingleBean(ImageAnalyzer.class).hasSingleBean(ContentModerator.class)
                    .hasSingleBean(TextGenerator.class).hasSingleBean(ImageGenerator.class);
            assertThat(context.getBean(Embedder.class)).isInstanceOf(LocalEmbedder.class);
            assertThat(context.getBean(ContentModerator.class)).isInstanceOf(LocalModerator.class);
            assertThat(context.getBean(ImageGenerator.class)).isInstanceOf(PlaceholderImageGenerator.class);
            assertThat(context).as("the model loads on first use unless asked").doesNotHaveBean(EmbedderWarmUp.class);
        });
    }

    @Test
    void aConfiguredProviderReplacesTheLocalOne() {
        runner.withUserConfiguration(RealTextModel.class, ProvidersConfiguration.class).run(context ->
                assertThat(context.getBean(TextGenerator.class).provider()).isEqualTo("real"));
    }

    @Test
    void warmUpCanBeSwitchedOn() {
        runner.withUserConfiguration(ProvidersConfiguration.class)
                .withPropertyValues("weft.providers.warm-up=true")
                .run(context -> assertThat(context).hasSingleBean(EmbedderWarmUp.class));
    }
}
