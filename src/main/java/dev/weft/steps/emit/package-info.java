/**
 * The {@code emit_webhook} step type: a signed Standard Webhooks delivery with a webhook-id that is
 * stable per step, and the {@link dev.weft.steps.emit.SigningSecrets} port it signs with.
 */
package dev.weft.steps.emit;
