/** {@code /v1/providers/defaults}: an app reads and sets its default provider per capability. */
package dev.weft.providers.defaults.web;
