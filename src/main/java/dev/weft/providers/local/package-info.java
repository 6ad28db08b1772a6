/**
 * Offline providers that let Weft run with no network and no API keys.
 *
 * <p>Owns real local computation where a local model or algorithm exists: ONNX text embeddings
 * ({@link dev.weft.providers.local.LocalEmbedder}), text analysis by stopwords, term frequency
 * and a sentiment lexicon ({@link dev.weft.providers.local.LocalTextAnalyzer}), image analysis of
 * real pixels ({@link dev.weft.providers.local.LocalImageAnalyzer}) and lexicon and rule based
 * moderation ({@link dev.weft.providers.local.LocalModerator}).
 *
 * <p>The generation providers here ({@link dev.weft.providers.local.PlaceholderTextGenerator},
 * {@link dev.weft.providers.local.PlaceholderImageGenerator}) are <b>deterministic placeholders,
 * not models</b>: they mark every result {@code placeholder = true} so that workflows can be built
 * and tested offline without anyone mistaking the output for generated content.
 *
 * <p>Plain classes with constructors, no framework imports; wiring happens elsewhere. Word lists
 * live under {@code src/main/resources/providers/local/}.
 */
package dev.weft.providers.local;
