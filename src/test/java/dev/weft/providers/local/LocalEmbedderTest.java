package dev.weft.providers.local;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.weft.providers.ProviderException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LocalEmbedderTest {

    private static LocalEmbedder embedder;

    @BeforeAll
    static void loadModelOnce() {
        embedder = new LocalEmbedder();
    }

    @Test
    void describesItselfAsTheLocalMiniLmModel() {
        assertThat(embedder.provider()).isEqualTo("local");
        assertThat(embedder.model()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(embedder.dimensions()).isEqualTo(384);
    }

    @Test
    void producesUnitLength384DimensionalVectors() {
        float[] v = embedder.embed("Weft runs workflows offline.");

        assertThat(v).hasSize(384);
        assertThat(norm(v)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void placesParaphrasesCloserThanUnrelatedText() {
        float[] cat = embedder.embed("a cat sits on the mat");
        float[] kitten = embedder.embed("a kitten is sitting on a rug");
        float[] tax = embedder.embed("quarterly tax filing deadlines");

        assertThat(cosine(cat, kitten)).isGreaterThan(cosine(cat, tax));
    }

    @Test
    void isDeterministicForTheSameText() {
        assertThat(embedder.embed("same text")).containsExactly(embedder.embed("same text"));
    }

    @Test
    void rejectsBlankTextAsPermanentFailure() {
        assertThatThrownBy(() -> embedder.embed("  "))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("EMPTY_TEXT");
                });
    }

    @Test
    void reportsAModelThatFailsToLoadAsPermanentFailure() {
        var broken = new LocalEmbedder(() -> { throw new IllegalStateException("no onnx"); });

        assertThatThrownBy(() -> broken.embed("hello"))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.code()).isEqualTo("MODEL_LOAD_FAILED"));
    }

    @Test
    void loadsTheModelOnlyOnceUnderConcurrentFirstCalls() throws Exception {
        var loads = new AtomicInteger();
        var lazy = new LocalEmbedder(() -> {
            loads.incrementAndGet();
            return new ConstantModel(2f);
        });

        try (var pool = Executors.newFixedThreadPool(8)) {
            var calls = new ArrayList<Future<float[]>>();
            for (int i = 0; i < 32; i++) {
                calls.add(pool.submit(() -> lazy.embed("text")));
            }
            for (Future<float[]> call : calls) {
                call.get();
            }
        }

        assertThat(loads).hasValue(1);
    }

    @Test
    void normalisesWhatTheModelReturns() {
        float[] v = new LocalEmbedder(() -> new ConstantModel(3f)).embed("text");

        assertThat(norm(v)).isCloseTo(1.0, within(1e-6));
    }

    /** A stand-in model returning the same non-unit vector for every text. */
    private record ConstantModel(float value) implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            float[] v = new float[384];
            Arrays.fill(v, value);
            return Response.from(segments.stream().map(s -> Embedding.from(v.clone())).toList());
        }
    }

    private static double norm(float[] v) {
        return Math.sqrt(cosineDot(v, v));
    }

    private static double cosine(float[] a, float[] b) {
        return cosineDot(a, b) / (norm(a) * norm(b));
    }

    private static double cosineDot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
