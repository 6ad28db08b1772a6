/** The step-type catalogue API: every step type with its description and input/output schemas. */
package dev.weft.steps.web;
