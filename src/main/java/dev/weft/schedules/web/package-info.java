/** {@code /v1/schedules}: create, list, read, change, delete and trigger schedules. */
package dev.weft.schedules.web;
