package dev.weft.api;

import dev.weft.definition.InvalidDefinitionException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps every failure to an RFC 9457 problem that says what is wrong and where. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidDefinitionException.class)
    ResponseEntity<ProblemDetail> invalidDefinition(InvalidDefinitionException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        p.setType(URI.create(ApiProblem.TYPE_BASE + "invalid-definition"));
        p.setTitle("Invalid workflow definition");
        p.setProperty("errors", e.errors());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(p);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        ApiProblem p = ApiProblem.invalidField(e.getName(), "'" + e.getValue() + "' is not a valid value");
        return ResponseEntity.status(p.getStatusCode()).body(p.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unhandled error", e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "an unexpected error occurred; it has been logged");
        p.setType(URI.create(ApiProblem.TYPE_BASE + "internal-error"));
        p.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(p);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof BodySizeLimitFilter.BodyTooLargeException) {
                ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, c.getMessage());
                p.setType(URI.create(ApiProblem.TYPE_BASE + "body-too-large"));
                p.setTitle("Request body too large");
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(p);
            }
        }
        String cause = e.getMostSpecificCause().getMessage();
        String detail = cause == null ? "the request body is not valid JSON" : "the request body is not valid JSON: "
                + firstLine(cause);
        if (cause != null && cause.contains("nesting depth")) {
            detail = "the request body nests JSON too deeply: " + firstLine(cause);
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        p.setType(URI.create(ApiProblem.TYPE_BASE + "malformed-json"));
        p.setTitle("Malformed request body");
        return ResponseEntity.badRequest().body(p);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
