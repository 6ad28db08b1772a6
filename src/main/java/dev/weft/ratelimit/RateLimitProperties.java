package dev.weft.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code weft.rate-limits.*}: token buckets on the {@code /v1} API.
 *
 * @param enabled whether requests are limited at all
 * @param store   {@code memory} (exact for one process), {@code database} (shared by every process
 *                on the database), or {@code auto}: the database on PostgreSQL, memory on H2
 * @param perKey  the bucket of each API key
 * @param perApp  the bucket of each app, shared by all its keys
 */
@ConfigurationProperties("weft.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("auto") String store,
                                  Bucket perKey,
                                  Bucket perApp) {

    public RateLimitProperties {
        perKey = perKey != null ? perKey : new Bucket(200, 100);
        perApp = perApp != null ? perApp : new Bucket(400, 200);
    }

    /**
     * @param capacity  requests a client may send at once after being idle
     * @param perSecond requests per second sustained
     */
    public record Bucket(@DefaultValue("200") int capacity, @DefaultValue("100") double perSecond) {

        Limit limit() {
            return new Limit(capacity, perSecond);
        }
    }
}
