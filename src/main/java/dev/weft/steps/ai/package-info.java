/**
 * AI step types ({@code image_generate}, {@code text_generate}, {@code enrich_text},
 * {@code enrich_image}, {@code moderate_content}) over the provider ports, and what step types
 * share: {@link dev.weft.steps.ai.SchemaBackedStep} (description and schemas from
 * {@code steps/<type>.schema.json}), {@link dev.weft.steps.ai.StepFailure} (classified failures
 * naming the step), {@link dev.weft.steps.ai.ImageSources} (artifact, URL or data: URI to bytes).
 */
package dev.weft.steps.ai;

import dev.weft.steps.StepFailure;
import dev.weft.steps.SchemaBackedStep;