package dev.weft.ratelimit;

import dev.weft.auth.ApiKeyFilter;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.common.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits authenticated {@code /v1} requests: one token from the key's bucket, then one from its
 * app's. Every answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining},
 * {@code RateLimit-Reset} and {@code RateLimit-Policy} for the tighter of the two; a refusal is a
 * {@code 429} problem with {@code Retry-After}. When the bucket store cannot be reached the request
 * goes through: an outage of the limiter must not become an outage of the API.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimiter limiter;
    private final Limit perKey;
    private final Limit perApp;
    private final Clock clock;

    public RateLimitFilter(RateLimiter limiter, Limit perKey, Limit perApp, Clock clock) {
        this.limiter = limiter;
        this.perKey = perKey;
        this.perApp = perApp;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(request.getAttribute(ApiKeyFilter.ATTRIBUTE) instanceof AuthenticatedApp app)) {
            chain.doFilter(request, response);
            return;
        }
        Verdict key;
        Verdict whole;
        try {
            var now = clock.instant();
            key = limiter.acquire("key:" + (app.keyId() == null ? app.appId() : app.keyId()), perKey, now);
            whole = key.allowed() ? limiter.acquire("app:" + app.appId(), perApp, now) : null;
        } catch (DataAccessException e) {
            log.warn("rate limit store unavailable; letting the request through", e);
            chain.doFilter(request, response);
            return;
        }
        boolean keyTighter = whole == null || !key.allowed() || key.remaining() <= whole.remaining() && whole.allowed();
        Verdict shown = keyTighter ? key : whole;
        Limit limit = keyTighter ? perKey : perApp;
        response.setHeader("RateLimit-Limit", Integer.toString(limit.capacity()));
        response.setHeader("RateLimit-Remaining", Long.toString(shown.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(shown.resetSeconds()));
        response.setHeader("RateLimit-Policy", limit.capacity() + ";w=" + limit.windowSeconds());
        if (!shown.allowed()) {
            refuse(request, response, shown, keyTighter ? "this API key" : "this app");
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Verdict verdict, String who)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://weft.dev/problems/rate-limited");
        body.put("title", "Too Many Requests");
        body.put("status", 429);
        body.put("detail", "the rate limit of " + who + " is reached; retry after " + verdict.retryAfterSeconds()
                + " second(s)");
        body.put("instance", request.getRequestURI());
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(verdict.retryAfterSeconds()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.write(body));
    }
}
