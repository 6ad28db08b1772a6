package dev.weft.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /v1} requests by their {@code X-API-Key} header and stores the
 * {@link AuthenticatedApp} in the request attribute {@link #ATTRIBUTE}; a missing, unknown, revoked
 * or expired key gets 401, a key without the scope the request needs ({@link ApiScopes}) 403.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-API-Key";
    public static final String ATTRIBUTE = AuthenticatedApp.class.getName();

    private final AppDirectory directory;

    public ApiKeyFilter(AppDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank()) {
            reject(request, response, "Missing " + HEADER + " header");
            return;
        }
        Optional<AuthenticatedApp> app = directory.authenticate(key.strip());
        if (app.isEmpty()) {
            reject(request, response, "Invalid API key");
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<String> required = ApiScopes.required(request.getMethod(), path);
        if (required.isPresent() && !ApiScopes.allows(app.get().scopes(), required.get())) {
            Problems.write(response, HttpStatus.FORBIDDEN, "insufficient-scope", "Insufficient scope",
                    "This API key lacks the scope '" + required.get() + "' (it has: "
                            + String.join(", ", new java.util.TreeSet<>(app.get().scopes())) + ")", request.getRequestURI());
            return;
        }
        request.setAttribute(ATTRIBUTE, app.get());
        chain.doFilter(request, response);
    }

    private static void reject(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey");
        Problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail,
                request.getRequestURI());
    }
}
