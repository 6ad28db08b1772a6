/** {@code /v1/providers}: list configured providers, put and delete an app's own key. */
package dev.weft.providers.keys.web;
