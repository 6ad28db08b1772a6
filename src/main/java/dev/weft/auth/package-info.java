/**
 * Apps and API keys: the admin API that creates them, the {@code X-API-Key} filter on {@code /v1},
 * first-start bootstrap, and {@link dev.weft.auth.AuthenticatedApp} for controllers.
 */
package dev.weft.auth;
