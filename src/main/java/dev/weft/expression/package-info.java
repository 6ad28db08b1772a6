/**
 * The expression language of workflow definitions: {@code {{ expr }}} templates and {@code when}
 * conditions, compiled and evaluated with CEL. Safe by construction: no code execution, no I/O,
 * bounded length and evaluation cost.
 */
package dev.weft.expression;
