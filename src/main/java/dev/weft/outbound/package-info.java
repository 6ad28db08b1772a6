/**
 * Outbound HTTP to user-given URLs (webhooks, {@code emit_webhook}, image URLs, provider base URLs)
 * that cannot reach internal addresses: every resolved address and every redirect is checked
 * against the policy, and the AI provider SDKs send through {@link dev.weft.outbound.ProviderHttp},
 * which applies the same policy and refuses redirects.
 *
 * <p>{@link dev.weft.outbound.OutboundPolicy} says what may be reached (public addresses, plus the
 * hosts of {@code WEFT_OUTBOUND_ALLOW_HOSTS}); {@link dev.weft.outbound.SafeHttpClient} enforces it
 * at connection time and follows redirects itself; failures are
 * {@link dev.weft.outbound.OutboundException}s whose reason says whether a retry can help.
 */
package dev.weft.outbound;
