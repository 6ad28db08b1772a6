/**
 * The webhook HTTP API under {@code /v1/webhooks}: the app's signing secret and its rotation,
 * subscriptions, and deliveries with their attempts and a manual retry. Every query is scoped to
 * the calling app; another app's ids answer 404.
 */
package dev.weft.webhook.web;
