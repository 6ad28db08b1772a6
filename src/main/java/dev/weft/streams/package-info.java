/**
 * Live event streams (server-sent events) of runs and of an app's run status changes, fed from the
 * run history in the database so they work in every deployment mode.
 */
package dev.weft.streams;
