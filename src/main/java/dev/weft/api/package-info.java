/**
 * Cross-cutting HTTP concerns: RFC 9457 problem responses for every error, request body limits,
 * and the OpenAPI description. Feature endpoints live in their features' {@code web} packages.
 */
package dev.weft.api;
