/**
 * AI provider ports used by the step types (text and image generation, embeddings, text and
 * image analysis, moderation) and their implementations, one sub-package per provider.
 * {@code local} holds the offline providers that make Weft run with no network and no keys.
 */
package dev.weft.providers;
