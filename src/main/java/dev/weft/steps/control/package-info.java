/**
 * Control step types with no external effect: {@code transform} (the evaluated input as output)
 * and {@code delay} (defers the step until a time without holding a worker).
 */
package dev.weft.steps.control;
