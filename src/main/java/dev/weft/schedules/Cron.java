package dev.weft.schedules;

import dev.weft.common.InvalidFieldException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.support.CronExpression;

/**
 * A schedule's cron in its time zone: Spring's {@link CronExpression} (six fields, seconds first;
 * the five-field form is read with seconds 0), evaluated in the zone so "every day at 9" follows
 * daylight saving time.
 */
public record Cron(String expression, ZoneId zone, CronExpression cron) {

    /** At most this many fire times are walked to find the latest one missed during downtime. */
    private static final int MAX_WALK = 1_000_000;

    /** @throws InvalidFieldException naming {@code cron} or {@code timezone} */
    public static Cron parse(String expression, String timezone) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidFieldException("cron", "is required, e.g. \"0 0 9 * * MON-FRI\" or \"0 9 * * MON-FRI\"");
        }
        String[] fields = expression.strip().split("\\s+");
        if (fields.length != 5 && fields.length != 6) {
            throw new InvalidFieldException("cron", "must have 6 fields (second minute hour day-of-month month "
                    + "day-of-week) or 5 (without seconds); '" + expression + "' has " + fields.length);
        }
        String six = fields.length == 5 ? "0 " + expression.strip() : expression.strip();
        CronExpression cron;
        try {
            cron = CronExpression.parse(six);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("cron", "is not a valid cron expression: " + e.getMessage());
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone == null || timezone.isBlank() ? "UTC" : timezone.strip());
        } catch (DateTimeException e) {
            throw new InvalidFieldException("timezone", "'" + timezone + "' is not a time zone; use an IANA name such as "
                    + "Europe/Paris or UTC");
        }
        if (cron.next(ZonedDateTime.now(zone)) == null) {
            throw new InvalidFieldException("cron", "never fires");
        }
        return new Cron(expression.strip(), zone, cron);
    }

    /** The first fire time after {@code after}, or null when there is none. */
    public Instant next(Instant after) {
        ZonedDateTime next = cron.next(after.atZone(zone));
        return next == null ? null : next.toInstant();
    }

    /** The next {@code n} fire times after {@code after}. */
    public List<Instant> next(Instant after, int n) {
        List<Instant> times = new ArrayList<>(n);
        Instant t = after;
        for (int i = 0; i < n; i++) {
            t = next(t);
            if (t == null) {
                break;
            }
            times.add(t);
        }
        return times;
    }

    /**
     * The latest fire time from {@code due} (a fire time) up to {@code now}: after downtime only the
     * most recent missed time runs.
     */
    public Instant latestUpTo(Instant due, Instant now) {
        Instant latest = due;
        for (int i = 0; i < MAX_WALK; i++) {
            Instant following = next(latest);
            if (following == null || following.isAfter(now)) {
                return latest;
            }
            latest = following;
        }
        return latest;
    }
}
