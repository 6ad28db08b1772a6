/** OpenAI-compatible HTTP APIs through the official OpenAI Java SDK on Spring AI's transport. */
package dev.weft.providers.openai;
