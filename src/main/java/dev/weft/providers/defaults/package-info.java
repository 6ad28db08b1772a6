/**
 * Per-app default providers: which provider (and model) serves each {@link dev.weft.providers.Capability}
 * when a step names none. Resolution order: the step, the app's default, the server's
 * {@code weft.providers.default-*}, the local provider.
 */
package dev.weft.providers.defaults;
