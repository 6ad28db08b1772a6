package dev.weft.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /admin} and the actuator endpoints on the API's port (metrics, Prometheus, info)
 * with the bearer token from {@code weft.admin-token}: no token configured means 403 (admin API
 * disabled), no credentials 401, a wrong token 403. Health stays open for load balancers and
 * orchestrators. An operator who wants metrics without the token serves them on their own port
 * ({@code management.server.port}), which this filter does not cover.
 */
class AdminTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AuthProperties properties;

    AdminTokenFilter(AuthProperties properties) {
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (!properties.adminEnabled()) {
            Problems.write(response, HttpStatus.FORBIDDEN, "admin-disabled", "Admin API disabled",
                    "The admin API is disabled because no admin token is configured; set weft.admin-token "
                            + "(environment variable WEFT_ADMIN_TOKEN) to enable it", uri);
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "Missing admin token: send 'Authorization: Bearer <weft.admin-token>'", uri);
            return;
        }
        String token = header.substring(BEARER.length()).strip();
        if (!ApiKeys.constantTimeEquals(token, properties.adminToken())) {
            Problems.write(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Invalid admin token", uri);
            return;
        }
        chain.doFilter(request, response);
    }
}
