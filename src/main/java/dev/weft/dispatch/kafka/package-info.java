/**
 * Kafka dispatch (distributed mode). The coordinator's transaction writes a
 * {@link dev.weft.dispatch.kafka.DispatchOutbox} row per queued step; the
 * {@link dev.weft.dispatch.kafka.OutboxRelay} publishes due rows to the steps topic (keyed by run
 * id) and deletes them once the broker acknowledged; the
 * {@link dev.weft.dispatch.kafka.StepMessageListener} claims each step in the database, commits the
 * offset, and executes the step on a virtual thread. Unreadable messages go to the dead-letter
 * topic and fail their run. A message is only a hint: the database decides.
 */
package dev.weft.dispatch.kafka;
