package dev.weft.vector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VectorsTest {

    @Test
    void encodesAsBase64OfLittleEndianFloat32() {
        assertThat(Vectors.encode(new float[] {1.0f})).isEqualTo("AACAPw==");
        assertThat(Vectors.decode(Vectors.encode(new float[] {1.5f, -2f, Float.MIN_VALUE})))
                .containsExactly(1.5f, -2f, Float.MIN_VALUE);
    }

    @Test
    void normalisesToUnitLength() {
        assertThat(Vectors.normalized(new float[] {3, 4})).containsExactly(0.6f, 0.8f);
    }
}
