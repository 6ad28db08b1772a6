/**
 * Signing and verifying webhook deliveries in the Standard Webhooks format
 * (<a href="https://www.standardwebhooks.com/">standardwebhooks.com</a>): {@code webhook-id},
 * {@code webhook-timestamp} and {@code webhook-signature} headers carrying an HMAC-SHA256 of
 * {@code id.timestamp.body}, so receivers can verify Weft's webhooks with any Standard Webhooks
 * library.
 */
package dev.weft.signing;
