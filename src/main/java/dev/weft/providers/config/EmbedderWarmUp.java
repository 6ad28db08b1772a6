package dev.weft.providers.config;

import dev.weft.providers.Embedder;
import dev.weft.providers.local.LocalEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Loads the local embedding model on a background virtual thread once the application is ready,
 * so the first {@code enrich_text} does not pay for it and start-up does not wait for it.
 */
public class EmbedderWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(EmbedderWarmUp.class);

    private final Embedder embedder;

    EmbedderWarmUp(Embedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (embedder instanceof LocalEmbedder local) {
            Thread.ofVirtual().name("embedder-warm-up").start(() -> warmUp(local));
        }
    }

    private static void warmUp(LocalEmbedder embedder) {
        long start = System.nanoTime();
        try {
            embedder.warmUp();
            log.info("local embedding model {} loaded in {} ms", LocalEmbedder.MODEL,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // The first enrich_text loads it again and reports the failure on the step.
            log.warn("warming up the local embedding model failed: {}", e.toString());
        }
    }
}
