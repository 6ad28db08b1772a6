package dev.weft.ratelimit;

import dev.weft.common.Dialect;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The limiter (memory or database, {@code weft.rate-limits.store}) and its filter after the API-key filter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnProperty(name = "weft.rate-limits.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    @Bean
    RateLimiter rateLimiter(RateLimitProperties properties, JdbcClient jdbc, Dialect dialect) {
        boolean database = switch (properties.store()) {
            case "database" -> true;
            case "memory" -> false;
            case "auto" -> dialect == Dialect.POSTGRESQL;
            default -> throw new IllegalArgumentException("weft.rate-limits.store must be auto, memory or database, not '"
                    + properties.store() + "'");
        };
        log.info("rate limits: {} per key ({}/s), {} per app ({}/s), buckets kept in {}", properties.perKey().capacity(),
                properties.perKey().perSecond(), properties.perApp().capacity(), properties.perApp().perSecond(),
                database ? "the database (shared by every process)" : "this process's memory");
        return database ? new JdbcRateLimiter(jdbc, dialect) : new InMemoryRateLimiter();
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimiter limiter, RateLimitProperties properties,
                                                            Clock clock) {
        var registration = new FilterRegistrationBean<>(new RateLimitFilter(limiter, properties.perKey().limit(),
                properties.perApp().limit(), clock));
        // the console's actions too: its filter (at +100, like the API key's) names the signed-in key
        registration.addUrlPatterns("/v1/*", "/console/*");
        registration.setName("weftRateLimitFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 110); // after the API-key filter (+100)
        return registration;
    }
}
