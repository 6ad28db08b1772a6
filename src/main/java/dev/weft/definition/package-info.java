/**
 * Workflow definitions: the JSON format, its parsing and validation (each error naming the step
 * and field), versioned storage per app, and the built-in predefined workflows.
 */
package dev.weft.definition;
