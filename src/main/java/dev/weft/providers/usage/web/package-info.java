/** {@code /v1/budget}: an app's monthly spending limit for AI providers and its spend this month. */
package dev.weft.providers.usage.web;
