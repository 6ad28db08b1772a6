package dev.weft.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.steps.StepResult;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** Failures are told in words: no Java type names reach a step error or a problem. */
class FailuresTest {

    @Test
    void aStepFailureMessageLosesTheTypeNamesAnExceptionCarriedIntoIt() {
        var permanent = new StepResult.PermanentFailure("X",
                "step 'a' failed: tools.jackson.databind.exc.JsonNodeException: value out of range");
        var retryable = new StepResult.RetryableFailure("Y", "step 'b': NullPointerException at read", null);

        assertThat(permanent.message()).isEqualTo("step 'a' failed: value out of range");
        assertThat(retryable.message()).isEqualTo("step 'b': at read");
    }

    @Test
    void describesACauseChainByItsRootInWords() {
        assertThat(Failures.describe(new RuntimeException(new SocketTimeoutException("Read timed out"))))
                .isEqualTo("timed out: Read timed out");
        assertThat(Failures.describe(new IllegalStateException(new ConnectException("Connection refused"))))
                .isEqualTo("connection refused");
        assertThat(Failures.describe(new OutOfMemoryError("Java heap space"))).isEqualTo("ran out of memory: Java heap space");
        assertThat(Failures.describe(new IllegalArgumentException("java.lang.String cannot be cast to dev.weft.X")))
                .doesNotContain("java.").doesNotContain("dev.weft");
    }
}
