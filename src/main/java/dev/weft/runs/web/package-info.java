/** The run API: start, read, list, cancel, resume, and the run's event history. */
package dev.weft.runs.web;
