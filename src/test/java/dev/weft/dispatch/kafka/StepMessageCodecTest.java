package dev.weft.dispatch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The step message's wire format: the run's priority travels with it; older messages without one read as the default. */
class StepMessageCodecTest {

    private final StepMessageCodec codec = new StepMessageCodec();

    @Test
    void aMessageReadsBackAsItWasWrittenPriorityIncluded() {
        StepMessage message = new StepMessage("run-1", "step-1", Instant.parse("2026-12-02T10:00:00Z"), 9);

        byte[] bytes = codec.serialize("t", message);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"priority\":9");
        assertThat(codec.deserialize("t", bytes)).isEqualTo(message);
    }

    @Test
    void aMessageWrittenBeforePrioritiesTravelledHasTheDefaultPriority() {
        byte[] old = """
                {"v":1,"runId":"run-1","stepId":"step-1","notBefore":"2026-12-02T10:00:00Z"}""".getBytes(StandardCharsets.UTF_8);

        assertThat(codec.deserialize("t", old).priority()).isEqualTo(5);
    }

    @Test
    void aPriorityOutsideZeroToNineIsRefused() {
        byte[] bad = """
                {"v":1,"runId":"run-1","stepId":"step-1","notBefore":"2026-12-02T10:00:00Z","priority":12}"""
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.deserialize("t", bad)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("priority");
    }
}
