/**
 * Retention: finished runs, with their steps, events, webhook deliveries and artifacts, are purged
 * once older than their app's retention (server default {@code weft.retention.default-days}), in
 * short batches; and an app can be deleted with everything it owns.
 */
package dev.weft.retention;
