/**
 * HTTP access to artifacts: metadata, listing and the authenticated download, each scoped to the
 * calling app (another app's artifact is a 404).
 */
package dev.weft.artifacts.web;
