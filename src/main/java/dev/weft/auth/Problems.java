package dev.weft.auth;

import dev.weft.common.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** RFC 9457 problems of this package, for controllers (exceptions) and filters (written directly). */
final class Problems {

    static final String TYPE_BASE = "https://weft.dev/problems/";

    private Problems() {}

    static ErrorResponseException exception(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }

    static ErrorResponseException unauthorized(String detail) {
        return exception(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
    }

    /** Writes a problem from a filter, where no MVC exception handling is in place. */
    static void write(HttpServletResponse response, HttpStatus status, String type, String title, String detail,
            String instance) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", instance);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.write(body));
    }
}
