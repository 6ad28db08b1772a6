/**
 * Outbound HTTP to user-given URLs (webhooks, {@code emit_webhook}, image URLs) that cannot reach
 * internal addresses: every resolved address and every redirect is checked against the policy.
 */
package dev.weft.outbound;
