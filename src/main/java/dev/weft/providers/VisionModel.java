package dev.weft.providers;

import java.util.List;

/** Describes an image with a vision language model ({@code enrich_image} with a named provider). */
public interface VisionModel {

    String provider();

    ImageDescription describe(byte[] image, String contentType, String model);

    record ImageDescription(String caption, List<String> tags, String provider, String model,
                            int inputTokens, int outputTokens) {}
}
