package dev.weft.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract every bucket store keeps, run on each (memory, H2, PostgreSQL). Time is passed in,
 * never read, so refills are exact and no test waits.
 */
abstract class RateLimiterContractTest {

    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    static final Limit THREE_EVERY_TWO_SECONDS = new Limit(3, 0.5);

    protected abstract RateLimiter limiter();

    protected String key() {
        return "test:" + UUID.randomUUID();
    }

    @Test
    void aNewBucketAllowsItsCapacityThenRefusesWithTheTimeUntilATokenIsBack() {
        String key = key();

        var verdicts = IntStream.range(0, 4).mapToObj(i -> limiter().acquire(key, THREE_EVERY_TWO_SECONDS, T0)).toList();

        assertThat(verdicts).extracting(Verdict::allowed).containsExactly(true, true, true, false);
        assertThat(verdicts).extracting(Verdict::remaining).containsExactly(2L, 1L, 0L, 0L);
        assertThat(verdicts.get(3).retryAfterSeconds()).isEqualTo(2);
        assertThat(verdicts.get(3).resetSeconds()).isEqualTo(6);
    }

    @Test
    void tokensComeBackAtTheRateAndNeverBeyondTheCapacity() {
        String key = key();
        for (int i = 0; i < 3; i++) {
            limiter().acquire(key, THREE_EVERY_TWO_SECONDS, T0);
        }

        Verdict tooSoon = limiter().acquire(key, THREE_EVERY_TWO_SECONDS, T0.plus(Duration.ofMillis(1900)));
        Verdict onTime = limiter().acquire(key, THREE_EVERY_TWO_SECONDS, T0.plus(Duration.ofSeconds(2)));
        long afterAnHour = IntStream.range(0, 10)
                .mapToObj(i -> limiter().acquire(key, THREE_EVERY_TWO_SECONDS, T0.plus(Duration.ofHours(1))))
                .filter(Verdict::allowed).count();

        assertThat(tooSoon.allowed()).isFalse();
        assertThat(onTime.allowed()).isTrue();
        assertThat(afterAnHour).as("an idle bucket fills up to its capacity, not more").isEqualTo(3);
    }

    @Test
    void bucketsAreIndependentAndAClockRunningBackwardsRefillsNothing() {
        String a = key();
        String b = key();
        for (int i = 0; i < 3; i++) {
            limiter().acquire(a, THREE_EVERY_TWO_SECONDS, T0);
        }

        Verdict other = limiter().acquire(b, THREE_EVERY_TWO_SECONDS, T0);
        Verdict earlier = limiter().acquire(a, THREE_EVERY_TWO_SECONDS, T0.minus(Duration.ofMinutes(5)));

        assertThat(other.allowed()).isTrue();
        assertThat(earlier.allowed()).isFalse();
    }
}
