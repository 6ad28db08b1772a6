package dev.weft.dispatch;

import dev.weft.common.TransientFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a finished attempt's result, trying again while the database is out of reach for a
 * moment (a dropped connection, a restarting server, a pool with nothing free): each try is a new
 * transaction on a connection the pool hands out afresh (it discards broken ones), with a doubling
 * pause up to {@link #MAX_PAUSE}, for at most {@code budget}. The worker keeps the attempt's lease
 * renewed meanwhile, so the step is not given to another worker and run again (its call repeated)
 * only because one report failed. It gives up, leaving the step to its lease, only when the
 * database stays unreachable for the whole budget; a failure that is not the database's passing
 * trouble is not retried.
 */
final class ResultReports {

    private static final Logger log = LoggerFactory.getLogger(ResultReports.class);
    static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    /** Waits between tries (the real one sleeps; tests move a clock). */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final Duration budget;
    private final Clock clock;
    private final Pause pause;

    ResultReports(Duration budget, Clock clock, Pause pause) {
        this.budget = budget;
        this.clock = clock;
        this.pause = pause;
    }

    /** @return how many tries it took; 0 when it gave up */
    int report(Runnable report) {
        Instant deadline = clock.instant().plus(budget);
        Duration next = FIRST_PAUSE;
        for (int tries = 1; ; tries++) {
            try {
                report.run();
                if (tries > 1) {
                    log.info("the result was reported at try {}", tries);
                }
                return tries;
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e)) {
                    throw e;
                }
                if (!clock.instant().plus(next).isBefore(deadline)) {
                    log.warn("could not report the result for {}; giving up: the lease will expire and the step be "
                            + "retried ({})", budget, e.toString());
                    return 0;
                }
                log.warn("reporting the result failed (try {}); trying again in {} ms on a fresh connection: {}",
                        tries, next.toMillis(), e.toString());
                try {
                    pause.pause(next);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
                next = next.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : next.multipliedBy(2);
            }
        }
    }
}
