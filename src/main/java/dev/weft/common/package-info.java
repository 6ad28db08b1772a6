/** Small shared values: identifiers, JSON helpers, durations. No framework code. */
package dev.weft.common;
