package dev.weft.console.web;

import dev.weft.auth.ApiKeys;
import dev.weft.auth.ConsoleSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /console}: every page but sign-in needs a live session (its cookie), and every
 * request that changes something carries the session's CSRF token (form field {@code _csrf} or
 * header {@code X-CSRF-Token}). Without a session, a page answers a redirect to sign-in (saying
 * the session expired when a cookie was sent), an htmx request {@code HX-Redirect}, a stream 401.
 * Console answers are never cached and never framed.
 */
public class ConsoleFilter extends OncePerRequestFilter {

    public static final String COOKIE = "weft_console";
    /** The sign-in form's own CSRF token (double-submit cookie): there is no session yet to hold it. */
    public static final String SIGN_IN_COOKIE = "weft_console_signin";
    public static final String SESSION = ConsoleSessions.Session.class.getName();
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";

    private final ConsoleSessions sessions;

    public ConsoleFilter(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; "
                + "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
                + "form-action 'self'; base-uri 'none'");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean changes = !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
        if (path.equals("/console/sign-in")) {
            String expected = cookie(request, SIGN_IN_COOKIE);
            String presented = request.getParameter(CSRF_FIELD);
            if (changes && (expected == null || presented == null || !ApiKeys.constantTimeEquals(expected, presented))) {
                response.sendRedirect(request.getContextPath() + "/console/sign-in?stale");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        String token = cookie(request, COOKIE);
        Optional<ConsoleSessions.Session> session = sessions.find(token);
        if (session.isEmpty()) {
            String target = request.getContextPath() + "/console/sign-in" + (token != null ? "?expired" : "");
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", target);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else if (path.endsWith("/stream")) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                response.sendRedirect(target);
            }
            return;
        }
        if (changes) {
            String presented = request.getHeader(CSRF_HEADER);
            if (presented == null) {
                presented = request.getParameter(CSRF_FIELD);
            }
            if (presented == null || !ApiKeys.constantTimeEquals(presented, session.get().csrfToken())) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter().write("<p class=\"problem\" role=\"alert\">This form is out of date (its CSRF token "
                        + "does not match your session). Reload the page and try again.</p>");
                return;
            }
        }
        request.setAttribute(SESSION, session.get());
        if (changes) {
            // an action is charged to the key's and the app's rate limits, as the same call through the API is
            request.setAttribute(dev.weft.auth.ApiKeyFilter.ATTRIBUTE, session.get().app());
        }
        chain.doFilter(request, response);
    }

    static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (c.getName().equals(name)) {
                    return c.getValue();
                }
            }
        }
        return null;
    }
}
