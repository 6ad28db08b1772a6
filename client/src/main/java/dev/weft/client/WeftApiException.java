package dev.weft.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A problem the server answered ({@code application/problem+json}, RFC 9457): its {@code type},
 * {@code title}, {@code status}, {@code detail} and, for a refused request, the {@code errors}
 * naming each field. 429 and 503 answers carry the server's {@code Retry-After}.
 */
public class WeftApiException extends RuntimeException {

    /** One refused field, in the API's words: where ({@code field} or a JSON {@code pointer}), which step, why. */
    public record FieldError(String field, String pointer, String step, String code, String message) {}

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public WeftApiException(String type, String title, int status, String detail, List<FieldError> errors,
                            Duration retryAfter) {
        super(status + " " + (title == null ? "" : title) + (detail == null ? "" : ": " + detail));
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** The problem type, a URI such as {@code https://weft.dev/problems/run-not-found}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    /** Every refused field (empty when the problem is not about fields). */
    public List<FieldError> errors() {
        return errors;
    }

    /** How long the server asked to wait before trying again, when it said (429, 503). */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether this is a 404: no such thing for this app. */
    public boolean isNotFound() {
        return status == 404;
    }

    static FieldError fieldError(Map<String, Object> e) {
        return new FieldError(text(e.get("field")), text(e.get("pointer")), text(e.get("step")), text(e.get("code")),
                text(e.get("message")));
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
