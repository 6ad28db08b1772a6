package dev.weft.dispatch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Engine tuning ({@code weft.engine.*}).
 *
 * @param lease              how long a claimed step is a worker's before others may take it over;
 *                           renewed every third of it while the step runs
 * @param pollInterval       how often the maintenance loop looks for due and orphaned work
 * @param maxConcurrentSteps steps one process executes at once (virtual threads, so I/O-bound
 *                           steps are cheap)
 * @param defaultStepTimeout limit for one attempt of a step without its own {@code timeout}
 * @param recoverOnStart     treat every running step as interrupted at startup; applied only on the
 *                           embedded H2 database, which one process owns, so nothing else can be
 *                           running them (on PostgreSQL, expired leases do the same job safely)
 */
@ConfigurationProperties("weft.engine")
public record EngineProperties(@DefaultValue("PT30S") Duration lease,
                               @DefaultValue("PT0.5S") Duration pollInterval,
                               @DefaultValue("256") int maxConcurrentSteps,
                               @DefaultValue("PT5M") Duration defaultStepTimeout,
                               @DefaultValue("true") boolean recoverOnStart,
                               @DefaultValue("PT10S") Duration pendingRunGrace) {}
