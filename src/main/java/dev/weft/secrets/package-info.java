/**
 * Secrets at rest: the AES-GCM cipher keyed by {@code weft.encryption-key} ({@code WEFT_ENCRYPTION_KEY}),
 * used for apps' provider keys and webhook signing secrets, and the startup notice saying whether
 * secrets are stored encrypted.
 */
package dev.weft.secrets;
