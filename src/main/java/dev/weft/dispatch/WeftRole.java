package dev.weft.dispatch;

import java.util.Locale;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * What a process does ({@code weft.role}, env {@code WEFT_ROLE}): {@code all} (default) serves the
 * API and runs workers; {@code api} serves the API and publishes steps but executes none and sends
 * no webhooks; {@code worker} consumes and executes steps, sends webhooks and runs the maintenance
 * loop. Split roles need Kafka dispatch.
 */
public enum WeftRole {
    ALL, API, WORKER;

    public static WeftRole of(Environment env) {
        String value = env.getProperty("weft.role", "all").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "all", "" -> ALL;
            case "api" -> API;
            case "worker" -> WORKER;
            default -> throw new IllegalStateException("weft.role must be 'all', 'api' or 'worker', not '" + value + "'");
        };
    }

    public boolean runsWorkers() {
        return this != API;
    }

    /** Matches in processes that execute steps ({@code all} and {@code worker}). */
    public static final class RunsWorkers implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context.getEnvironment()).runsWorkers();
        }
    }
}
