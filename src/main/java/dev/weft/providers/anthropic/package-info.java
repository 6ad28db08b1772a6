/** Anthropic's Messages API through the official Anthropic Java SDK, set up by Spring AI. */
package dev.weft.providers.anthropic;
