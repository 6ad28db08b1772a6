/** The definition API: save a new version, list, read the latest or one version. */
package dev.weft.definition.web;
