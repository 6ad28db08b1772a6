package dev.weft.dispatch;

import java.util.Locale;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * How steps reach workers ({@code weft.dispatch}): {@code in-process} (embedded mode) or
 * {@code kafka} (distributed mode). Unset, it is {@code kafka} exactly when
 * {@code spring.kafka.bootstrap-servers} is set, so the embedded default never tries a broker.
 */
public enum DispatchMode {
    IN_PROCESS, KAFKA;

    public static DispatchMode of(Environment env) {
        String value = env.getProperty("weft.dispatch");
        if (!StringUtils.hasText(value)) {
            return StringUtils.hasText(env.getProperty("spring.kafka.bootstrap-servers")) ? KAFKA : IN_PROCESS;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "kafka" -> KAFKA;
            case "in-process", "in_process", "inprocess" -> IN_PROCESS;
            default -> throw new IllegalStateException(
                    "weft.dispatch must be 'kafka' or 'in-process', not '" + value + "'");
        };
    }

    /** Matches in distributed mode. */
    public static final class OnKafka implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context.getEnvironment()) == KAFKA;
        }
    }

    /** Matches in embedded mode. */
    public static final class OnInProcess implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context.getEnvironment()) == IN_PROCESS;
        }
    }
}
