package dev.weft.api;

import dev.weft.common.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report, as {@code application/problem+json} instead of an HTML page. It answers
 * the requests Tomcat refuses before any application code sees them: a path with an encoded
 * {@code /} or {@code \} ({@code ..%2F}), a NUL character, an invalid escape, a malformed header.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ApiProblem.TYPE_BASE + (status == 400 ? "malformed-request" : "http-" + status));
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status);
        body.put("detail", status == 400
                ? "the request is malformed: the path may not contain an encoded '/' or '\\', a NUL character or an"
                        + " invalid %-escape, and headers must be well formed"
                : "the request could not be served");
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Json.write(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away; nothing more to send
        }
    }
}
