/**
 * Sending webhook deliveries: the {@code webhook_deliveries} outbox rows and their attempts, the
 * worker that claims due rows with a lease and sends them on virtual threads, how a response is
 * classified (delivered, retry, failed) and the retry schedule. The database row is the truth;
 * in-memory wake-ups only make delivery prompt.
 */
package dev.weft.webhook.delivery;
