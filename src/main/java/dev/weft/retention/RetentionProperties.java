package dev.weft.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code weft.retention.*}.
 *
 * @param enabled     whether this process purges old runs
 * @param defaultDays days a finished run is kept when its app sets no retention of its own
 * @param interval    how often the purge looks for runs past their retention
 * @param batchSize   runs deleted per transaction, so no purge holds locks for long
 */
@ConfigurationProperties("weft.retention")
public record RetentionProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("30") int defaultDays,
                                  @DefaultValue("PT10M") Duration interval,
                                  @DefaultValue("500") int batchSize) {

    public RetentionProperties {
        if (defaultDays < 1 || batchSize < 1) {
            throw new IllegalArgumentException("weft.retention.default-days and batch-size must be at least 1");
        }
    }
}
