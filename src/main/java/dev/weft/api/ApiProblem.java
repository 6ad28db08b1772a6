package dev.weft.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error answered as {@code application/problem+json}. {@code type} is a short slug
 * (e.g. {@code run-not-found}) under {@value #TYPE_BASE}; {@code errors}, when present, lists
 * each problem with the field it concerns.
 */
public class ApiProblem extends ErrorResponseException {

    public static final String TYPE_BASE = "https://weft.dev/problems/";

    public ApiProblem(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    public ApiProblem(HttpStatus status, String type, String title, String detail, List<? extends Object> errors) {
        super(status, problem(status, type, title, detail, errors), null);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail, List<?> errors) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPE_BASE + type));
        p.setTitle(title);
        if (errors != null && !errors.isEmpty()) {
            p.setProperty("errors", errors);
        }
        return p;
    }

    public static ApiProblem notFound(String what, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, what + "-not-found", "Not Found", detail);
    }

    /**
     * A request field that is wrong (unknown, of the wrong type or shape, missing): 422, like every
     * request that could be read but not accepted; 400 is kept for bodies that cannot be read at all
     * (not JSON, missing, beyond the parser's limits). {@code errors} carries {@code {field, message}}.
     */
    public static ApiProblem invalidField(String field, String message) {
        return invalidValue(field, message);
    }

    /**
     * A field of the right type whose value is not allowed (out of range, too long, not one of the
     * accepted values): 422, {@code errors} carrying {@code {field, message}}.
     */
    public static ApiProblem invalidValue(String field, String message) {
        return invalidValues(List.of(Map.of("field", field, "message", message)));
    }

    /** Several fields at once, each {@code {field, message}}: 422. */
    public static ApiProblem invalidValues(List<Map<String, String>> errors) {
        String detail = errors.stream().map(e -> e.get("field") + ": " + e.get("message"))
                .collect(java.util.stream.Collectors.joining("; "));
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request", "Invalid request", detail, errors);
    }

    public static ApiProblem conflict(String type, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, type, "Conflict", detail);
    }
}
