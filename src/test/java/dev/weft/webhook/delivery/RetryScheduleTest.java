package dev.weft.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2));

    @Test
    void followsTheScheduleAndRepeatsItsLastDelay() {
        RetrySchedule schedule = new RetrySchedule(DELAYS, 0, Duration.ofHours(1), () -> 0.5);

        assertThat(schedule.delayAfter(1, Optional.empty())).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.delayAfter(2, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.delayAfter(3, Optional.empty())).isEqualTo(Duration.ofMinutes(2));
        assertThat(schedule.delayAfter(7, Optional.empty())).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void spreadsDelaysByTheJitterEitherWay() {
        assertThat(new RetrySchedule(DELAYS, 0.2, Duration.ofHours(1), () -> 0.0).delayAfter(1, Optional.empty()))
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(new RetrySchedule(DELAYS, 0.2, Duration.ofHours(1), () -> 1.0).delayAfter(1, Optional.empty()))
                .isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void usesTheReceiversRetryAfterUpToTheCap() {
        RetrySchedule schedule = new RetrySchedule(DELAYS, 0.2, Duration.ofMinutes(10), () -> 0.9);

        assertThat(schedule.delayAfter(1, Optional.of(Duration.ofSeconds(90)))).isEqualTo(Duration.ofSeconds(90));
        assertThat(schedule.delayAfter(1, Optional.of(Duration.ofDays(1)))).isEqualTo(Duration.ofMinutes(10));
    }
}
