package dev.weft.providers;

/** Generates an image from a prompt ({@code image_generate}). */
public interface ImageGenerator {

    String provider();

    GeneratedImage generate(Request request);

    record Request(String prompt, int width, int height, String model) {}

    /** {@code placeholder} is true when the image was not produced by an image model. */
    record GeneratedImage(byte[] bytes, String contentType, int width, int height,
                          String provider, String model, boolean placeholder) {}
}
