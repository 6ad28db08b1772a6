package dev.weft.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** WEFT_DEV=true (or the dev profile) lets outbound requests reach loopback, and says so loudly; off, it does not. */
@ExtendWith(OutputCaptureExtension.class)
class DevModeTest {

    @Test
    void devModeAllowsLoopbackAndSaysSo(CapturedOutput output) throws Exception {
        OutboundPolicy dev = new OutboundConfiguration().outboundPolicy("", true);

        for (String host : OutboundConfiguration.LOOPBACK) {
            assertThat(dev.isAllowListed(host)).as(host).isTrue();
        }
        dev.checkUrl(URI.create("http://127.0.0.1:9000/hook"));
        assertThat(output.getAll()).contains("DEVELOPMENT MODE");
        assertThat(dev.isAllowListed("10.0.0.5")).as("only loopback").isFalse();
    }

    @Test
    void withoutItLoopbackIsRefusedWithWhatToDo() {
        OutboundPolicy normal = new OutboundConfiguration().outboundPolicy("", false);

        assertThatThrownBy(() -> normal.checkUrl(URI.create("http://127.0.0.1:9000/hook")))
                .hasMessageContaining("WEFT_OUTBOUND_ALLOW_HOSTS").hasMessageContaining("WEFT_DEV=true");
    }
}
