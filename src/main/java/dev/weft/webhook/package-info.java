/**
 * Webhooks for finished runs: per-app signing secrets and their rotation, subscriptions, and the
 * transactional outbox that turns a finished run into delivery rows. Sending lives in
 * {@code delivery}, the HTTP API in {@code web}, the Standard Webhooks format in {@code signing}.
 */
package dev.weft.webhook;
