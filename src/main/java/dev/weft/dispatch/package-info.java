/**
 * Getting ready steps to workers: the {@link dev.weft.runs.StepDispatcher} port (in-process
 * here; Kafka in distributed mode), the worker that claims and executes steps under a lease, and
 * the maintenance loop that re-dispatches due and orphaned work. A dispatch is only a hint: the
 * database decides who runs a step.
 */
package dev.weft.dispatch;

