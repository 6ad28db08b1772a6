/** Ollama's native chat and embedding API through Spring AI's {@code OllamaApi}. */
package dev.weft.providers.ollama;
