/**
 * Step types: one {@link dev.weft.steps.StepHandler} per type, each with the JSON Schemas of its
 * input and output (served by the step-type catalogue), and the results a step can return.
 */
package dev.weft.steps;
