/**
 * Artifacts: binary and JSON results (generated images, stored results, step outputs too large to
 * keep in a run: {@link dev.weft.artifacts.LargeOutputs}) kept outside the run rows, referenced from
 * outputs, and served back to their own app through an authenticated URL. Bytes go to the local disk
 * or an S3-compatible store ({@link dev.weft.artifacts.ArtifactsConfiguration}); metadata to the
 * {@code artifacts} table.
 */
package dev.weft.artifacts;
