package dev.weft.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database's passing trouble met before a controller (the API-key lookup, the rate limiter's
 * shared buckets) or after it: {@code 503} with {@code Retry-After}, like {@link ProblemHandler}
 * answers it inside a controller, instead of the container's {@code 500}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class TransientFailureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(TransientFailureFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!dev.weft.common.TransientFailures.isTransient(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("{} {} answered 503: the database is unreachable for the moment ({})", request.getMethod(),
                    request.getRequestURI(), ProblemHandler.rootMessage(e));
            ProblemDetail problem = ProblemHandler.unavailable();
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("type", problem.getType().toString());
            body.put("title", problem.getTitle());
            body.put("status", problem.getStatus());
            body.put("detail", problem.getDetail());
            body.put("instance", request.getRequestURI());
            response.resetBuffer();
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader("Retry-After", ProblemHandler.RETRY_AFTER_SECONDS);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(dev.weft.common.Json.write(body));
        }
    }
}
