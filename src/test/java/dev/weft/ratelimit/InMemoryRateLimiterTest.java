package dev.weft.ratelimit;

class InMemoryRateLimiterTest extends RateLimiterContractTest {

    private final RateLimiter limiter = new InMemoryRateLimiter();

    @Override
    protected RateLimiter limiter() {
        return limiter;
    }
}
