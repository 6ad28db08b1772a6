package dev.weft.ratelimit;

import dev.weft.common.Dialect;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Buckets in the {@code rate_buckets} table, so a limit holds across every process sharing the
 * database. A request costs one statement: an update that refills and takes a token only when one
 * is there, returning what is left. A refused request writes nothing; a bucket's first request
 * inserts it. Each statement commits on its own, so no lock is held beyond it.
 */
public final class JdbcRateLimiter implements RateLimiter {

    private final JdbcClient jdbc;
    private final String take;

    public JdbcRateLimiter(JdbcClient jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        String refilled = "LEAST(?, u.tokens + ? * GREATEST(0, " + dialect.secondsSince("u.updated_at") + "))";
        this.take = dialect.updateReturning("UPDATE rate_buckets u SET tokens = " + refilled + " - 1, "
                + "updated_at = CASE WHEN u.updated_at > CAST(? AS TIMESTAMP WITH TIME ZONE) THEN u.updated_at "
                + "ELSE CAST(? AS TIMESTAMP WITH TIME ZONE) END "
                + "WHERE u.bucket_key = ? AND " + refilled + " >= 1", "u.tokens");
    }

    @Override
    public Verdict acquire(String key, Limit limit, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Double> left = jdbc.sql(take)
                    .params(limit.capacity(), limit.perSecond(), at, at, at, key, limit.capacity(), limit.perSecond(), at)
                    .query(Double.class).optional();
            if (left.isPresent()) {
                return TokenBucket.verdict(limit, left.get() + 1);
            }
            Optional<TokenBucket> stored = jdbc.sql("SELECT tokens, updated_at FROM rate_buckets WHERE bucket_key = ?")
                    .param(key)
                    .query((rs, i) -> new TokenBucket(rs.getDouble(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                    .optional();
            if (stored.isPresent()) {
                double available = stored.get().tokensAt(limit, now);
                if (available < 1) {
                    return TokenBucket.verdict(limit, available);
                }
                continue; // created or refilled since the update looked: take from it
            }
            try {
                jdbc.sql("INSERT INTO rate_buckets (bucket_key, tokens, updated_at) VALUES (?, ?, ?)")
                        .params(key, limit.capacity() - 1.0, at).update();
                return TokenBucket.verdict(limit, limit.capacity());
            } catch (DuplicateKeyException concurrentFirstRequest) {
                // another process created it a moment ago: take from it
            }
        }
        return new Verdict(false, 0, 1, limit.windowSeconds());
    }
}
