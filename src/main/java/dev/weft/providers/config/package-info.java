/**
 * Spring wiring of the AI providers: which implementation serves each port (the offline local
 * ones unless a real provider bean is configured) and the embedder warm-up at start
 * ({@code weft.providers.warm-up}, default false: about 90 MiB resident when on).
 */
package dev.weft.providers.config;
