/**
 * Artifacts: binary and JSON results (generated images, stored results) kept outside the run
 * rows, referenced from outputs, and served back to their own app through an authenticated URL.
 */
package dev.weft.artifacts;
