package dev.weft.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.providers.local.PlaceholderImageGenerator;
import dev.weft.providers.openai.OpenAiProvider;
import dev.weft.providers.wire.Wire;
import dev.weft.providers.wire.WireServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImageGenerator} gives an {@code image_generate} step, the placeholder and each
 * remote one (against a local server in its wire format): a decodable image whose reported size and
 * type are its own, the generator's name, and an honest placeholder flag.
 */
class ImageGeneratorContractTest {

    abstract static class Contract {

        final WireServer server = new WireServer();

        @AfterEach
        void close() {
            server.close();
        }

        abstract ImageGenerator generator();

        /** Makes the generator's next image this PNG (a remote one's server answers it). */
        abstract void willAnswer(byte[] png);

        abstract boolean placeholder();

        @Test
        void generatesADecodableImageOfTheSizeItReportsAndSaysWhoMadeIt() throws IOException {
            willAnswer(png(1024, 1024));

            ImageGenerator.GeneratedImage image = generator().generate(new ImageGenerator.Request("a red fox", 1024, 1024, null));

            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.bytes()));
            assertThat(decoded).isNotNull();
            assertThat(image.contentType()).isEqualTo("image/png");
            assertThat(image.width()).isEqualTo(decoded.getWidth()).isEqualTo(1024);
            assertThat(image.height()).isEqualTo(decoded.getHeight()).isEqualTo(1024);
            assertThat(image.provider()).isEqualTo(generator().provider());
            assertThat(image.placeholder()).isEqualTo(placeholder());
        }
    }

    static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    @Nested
    class Placeholder extends Contract {
        final PlaceholderImageGenerator generator = new PlaceholderImageGenerator();

        @Override
        ImageGenerator generator() {
            return generator;
        }

        @Override
        void willAnswer(byte[] png) {
            // renders its own
        }

        @Override
        boolean placeholder() {
            return true;
        }
    }

    @Nested
    class OpenAiCompatible extends Contract {
        final OpenAiProvider provider = new OpenAiProvider("openai", TextGeneratorContractTest.HTTP, Duration.ofMillis(1500),
                null, null, null, null, null, false);

        @Override
        ImageGenerator generator() {
            return provider.images(ProviderCredentials.fromApp(TextGeneratorContractTest.KEY, server.url() + "/v1"));
        }

        @Override
        void willAnswer(byte[] png) {
            server.on("/v1/images/generations", 200, Wire.openAiImage(Base64.getEncoder().encodeToString(png)));
        }

        @Override
        boolean placeholder() {
            return false;
        }
    }
}
