package dev.weft.providers.local;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Real images generated in memory, so image tests need no fixture files. */
final class TestImages {

    private TestImages() {
    }

    static BufferedImage solid(int w, int h, Color color) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    static BufferedImage halfBlackHalfWhite(int w, int h) {
        BufferedImage img = solid(w, h, Color.BLACK);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        return img;
    }

    /** Red, green, blue and yellow quarters. */
    static BufferedImage quadrants(int w, int h) {
        BufferedImage img = solid(w, h, Color.RED);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(w / 2, 0, w - w / 2, h / 2);
        g.setColor(Color.BLUE);
        g.fillRect(0, h / 2, w / 2, h - h / 2);
        g.setColor(Color.YELLOW);
        g.fillRect(w / 2, h / 2, w - w / 2, h - h / 2);
        g.dispose();
        return img;
    }

    /** A small "scene": sky, sun, ground and a house, drawn at any size. */
    static BufferedImage scene(int w, int h, boolean night) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(night ? new Color(10, 10, 40) : new Color(120, 180, 250));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(40, 150, 50));
        g.fillRect(0, h * 2 / 3, w, h - h * 2 / 3);
        g.setColor(Color.YELLOW);
        g.fillOval(w * 3 / 4, h / 10, w / 6, w / 6);
        g.setColor(new Color(150, 60, 30));
        g.fillRect(w / 5, h / 2, w / 4, h / 4);
        g.dispose();
        return img;
    }

    /** Vertical stripes: a picture whose brightness changes in the opposite direction to a scene's. */
    static BufferedImage stripes(int w, int h, int stripes) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < w; x++) {
            int v = (x * stripes / w) % 2 == 0 ? 230 : 20;
            for (int y = 0; y < h; y++) {
                int shade = (v + y * 7) % 256;
                img.setRGB(x, y, new Color(shade, shade / 2, 255 - shade).getRGB());
            }
        }
        return img;
    }

    static byte[] encode(BufferedImage img, String format) {
        try {
            var out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(BufferedImage img) {
        return encode(img, "png");
    }

    /** A PNG signature and header claiming the given size with no pixel data: a decompression-bomb probe. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }
}
