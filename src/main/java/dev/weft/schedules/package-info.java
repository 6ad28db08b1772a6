/**
 * Schedules: a stored workflow started on a cron in a time zone, by whichever process claims the
 * fire time in the database first, with an overlap policy for a run still going when the next is due.
 */
package dev.weft.schedules;
