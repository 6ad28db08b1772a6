/**
 * Per-app provider keys: sealed with AES-GCM under {@code weft.encryption-key}, shown only as a hint
 * ({@code sk-…abcd}), and managed through {@code /v1/providers} ({@code web}).
 */
package dev.weft.providers.keys;
