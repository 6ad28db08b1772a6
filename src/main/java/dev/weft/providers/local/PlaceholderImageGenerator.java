package dev.weft.providers.local;

import dev.weft.providers.ImageGenerator;
import dev.weft.providers.ProviderException;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * <b>A placeholder, not an image model.</b> It renders a real PNG of exactly the requested size:
 * a gradient whose colours come from a hash of the prompt, a few shapes placed by the same hash,
 * the word PLACEHOLDER and the (truncated) prompt. Workflows using {@code image_generate} can so
 * be built and tested offline, and the picture plainly says it was not generated. The same prompt
 * and size always give identical bytes; every result is marked {@code placeholder = true}.
 *
 * <p>Text is drawn with a built-in bitmap font ({@link BitmapFont}), so no system fonts are needed.
 * Stateless and thread-safe.
 */
public final class PlaceholderImageGenerator implements ImageGenerator {

    public static final String PROVIDER = "local-placeholder";
    public static final String MODEL = "placeholder-image-v1";
    public static final int MIN_SIDE = 16;
    public static final int MAX_SIDE = 2048;
    private static final String TITLE = "PLACEHOLDER";

    public PlaceholderImageGenerator() {
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public GeneratedImage generate(Request request) {
        if (request == null || request.prompt() == null || request.prompt().isBlank()) {
            throw new ProviderException(false, "EMPTY_PROMPT", "The prompt is empty");
        }
        int w = request.width();
        int h = request.height();
        if (w < MIN_SIDE || w > MAX_SIDE || h < MIN_SIDE || h > MAX_SIDE) {
            throw new ProviderException(false, "INVALID_SIZE", "Image size " + w + "x" + h
                    + " is outside " + MIN_SIDE + ".." + MAX_SIDE + " pixels per side");
        }
        BufferedImage image = render(request.prompt(), w, h);
        return new GeneratedImage(png(image), "image/png", w, h, PROVIDER, MODEL, true);
    }

    private static BufferedImage render(String prompt, int w, int h) {
        PromptSeed seed = new PromptSeed(prompt);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);

            float hue = seed.nextFloat();
            Color from = Color.getHSBColor(hue, 0.55f + 0.3f * seed.nextFloat(), 0.85f);
            Color to = Color.getHSBColor((hue + 0.25f + 0.5f * seed.nextFloat()) % 1f, 0.6f, 0.45f);
            g.setPaint(new GradientPaint(0, 0, from, w, h, to));
            g.fillRect(0, 0, w, h);

            int shapes = 3 + seed.nextInt(3);
            for (int i = 0; i < shapes; i++) {
                g.setColor(new Color(255, 255, 255, 40 + seed.nextInt(60)));
                int size = Math.max(4, (int) (Math.min(w, h) * (0.15 + 0.35 * seed.nextFloat())));
                int x = seed.nextInt(w) - size / 2;
                int y = seed.nextInt(h) - size / 2;
                if (seed.nextInt(2) == 0) {
                    g.fillOval(x, y, size, size);
                } else {
                    g.fillRect(x, y, size, size);
                }
            }
            drawLabels(g, prompt, w, h);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The title as large as fits; the prompt below at half the scale, cut to one line. */
    private static void drawLabels(Graphics2D g, String prompt, int w, int h) {
        int margin = Math.max(2, w / 20);
        int scale = Math.max(1, Math.min((w - 2 * margin) / BitmapFont.width(TITLE, 1), h / 4 / BitmapFont.GLYPH_HEIGHT));
        int titleY = h / 2 - BitmapFont.GLYPH_HEIGHT * scale;
        g.setColor(new Color(0, 0, 0, 120));
        BitmapFont.draw(g, TITLE, margin + Math.max(1, scale / 2), titleY + Math.max(1, scale / 2), scale);
        g.setColor(Color.WHITE);
        BitmapFont.draw(g, TITLE, margin, titleY, scale);

        int small = Math.max(1, scale / 2);
        int maxChars = Math.max(0, (w - 2 * margin) / (BitmapFont.ADVANCE * small));
        String line = prompt.strip().replaceAll("\\s+", " ");
        if (line.length() > maxChars) {
            line = maxChars > 3 ? line.substring(0, maxChars - 3) + "..." : line.substring(0, maxChars);
        }
        int lineY = h / 2 + BitmapFont.GLYPH_HEIGHT * small;
        if (lineY + BitmapFont.GLYPH_HEIGHT * small <= h) {
            BitmapFont.draw(g, line, margin, lineY, small);
        }
    }

    private static byte[] png(BufferedImage image) {
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new ProviderException(false, "RENDER_FAILED", "Could not encode the placeholder PNG", e);
        }
    }
}
