package dev.weft.console.web;

import dev.weft.api.ProblemHandler;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.auth.ConsoleSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page knows (the signed-in app, the CSRF token), and how a console request
 * that fails is answered: a not-found page for an unknown or foreign id, an inline problem for an
 * action (htmx), an error page otherwise; the problem's title and detail as the API words them,
 * never a stack trace.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleAdvice {

    private final ProblemHandler problems;

    ConsoleAdvice(ProblemHandler problems) {
        this.problems = problems;
    }

    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        model.addAttribute("json", new ConsoleViews());
        if (request.getAttribute(ConsoleFilter.SESSION) instanceof ConsoleSessions.Session s) {
            model.addAttribute("appId", s.app().appId());
            model.addAttribute("csrf", s.csrfToken());
        }
    }

    @ExceptionHandler(RuntimeException.class)
    ModelAndView problem(RuntimeException e, HttpServletRequest request, HttpServletResponse response) {
        ProblemDetail p = problems.problemOf(e);
        HttpStatus status = HttpStatus.resolve(p.getStatus()) == null ? HttpStatus.INTERNAL_SERVER_ERROR
                : HttpStatus.valueOf(p.getStatus());
        boolean fragment = request.getHeader("HX-Request") != null;
        String view = fragment ? "console/fragments :: problem" : status == HttpStatus.NOT_FOUND ? "console/not-found"
                : "console/error";
        ModelAndView answer = new ModelAndView(view, Map.of("problem", Problem.of(p), "json", new ConsoleViews()), status);
        if (request.getAttribute(ConsoleFilter.SESSION) instanceof ConsoleSessions.Session s) {
            answer.addObject("appId", s.app().appId());
            answer.addObject("csrf", s.csrfToken());
        }
        if (fragment) {
            // htmx swaps a problem into the action's message area, not over the page
            response.setHeader("HX-Retarget", "#action-result");
            response.setHeader("HX-Reswap", "innerHTML");
        }
        return answer;
    }

    /** A problem as the console shows it. */
    public record Problem(int status, String title, String detail, List<String> errors) {
        static Problem of(ProblemDetail p) {
            List<String> errors = new java.util.ArrayList<>();
            if (p.getProperties() != null && p.getProperties().get("errors") instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> m) {
                        Object where = m.get("pointer") != null ? m.get("pointer") : m.get("field");
                        errors.add((where == null ? "" : where + ": ") + m.get("message"));
                    }
                }
            }
            // a single error the detail already says is not listed again
            if (errors.size() == 1 && p.getDetail() != null && p.getDetail().endsWith(errors.getFirst())) {
                errors.clear();
            }
            return new Problem(p.getStatus(), p.getTitle(), p.getDetail(), errors);
        }
    }

    /**
     * Goes to another console page: htmx follows {@code HX-Redirect} (a 302 would be followed
     * inside the request and swapped in), a plain form the redirect.
     */
    static String redirect(HttpServletRequest request, HttpServletResponse response, String path) {
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", request.getContextPath() + path);
            return "console/fragments :: empty";
        }
        return "redirect:" + path;
    }

    /** The session of a console request (the filter put it there). */
    static ConsoleSessions.Session session(HttpServletRequest request) {
        return (ConsoleSessions.Session) request.getAttribute(ConsoleFilter.SESSION);
    }

    /**
     * The session's app, once its key is known to allow what the API request {@code method apiPath}
     * needs: the console can do exactly what the key can do through the API.
     */
    static AuthenticatedApp app(HttpServletRequest request, String method, String apiPath) {
        ConsoleSessions.Session s = session(request);
        if (!s.allows(method, apiPath)) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "The API key you signed in with may not do this (" + method + " " + apiPath + ")");
            p.setTitle("Insufficient scope");
            p.setType(URI.create("https://weft.dev/problems/insufficient-scope"));
            throw new ErrorResponseException(HttpStatus.FORBIDDEN, p, null);
        }
        return s.app();
    }
}
