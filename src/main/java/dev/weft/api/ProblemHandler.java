package dev.weft.api;

import dev.weft.common.ConflictException;
import dev.weft.common.ForbiddenException;
import dev.weft.common.InvalidFieldException;
import dev.weft.common.NotFoundException;
import dev.weft.common.Limits;
import dev.weft.common.ValidationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import tools.jackson.databind.exc.JsonNodeException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps every failure to an RFC 9457 problem that says what is wrong and where. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final Limits limits;

    public ProblemHandler(Limits limits) {
        this.limits = limits;
    }

    /**
     * The problem a refused part of a request gets, as the handlers below would answer it: for
     * answers that carry one problem per item (a batch of runs).
     */
    public ProblemDetail problemOf(RuntimeException e) {
        ResponseEntity<ProblemDetail> answer = switch (e) {
            case ValidationException v -> invalidDocument(v);
            case NotFoundException n -> notFound(n);
            case InvalidFieldException f -> invalidField(f);
            case ConflictException c -> conflict(c);
            case ForbiddenException f -> forbidden(f);
            case ErrorResponseException r -> ResponseEntity.status(r.getStatusCode()).body(r.getBody());
            case org.springframework.dao.DataAccessException d -> dataAccess(d);
            default -> unexpected(e);
        };
        return answer.getBody();
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<ProblemDetail> invalidDocument(ValidationException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        p.setType(URI.create(ApiProblem.TYPE_BASE + e.type()));
        p.setTitle(e.title());
        p.setProperty("errors", e.errorList());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(p);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        ApiProblem p = e.field() == null ? ApiProblem.notFound(e.what(), e.getMessage())
                : new ApiProblem(HttpStatus.NOT_FOUND, e.what() + "-not-found", "Not Found", e.getMessage(),
                        List.of(Map.of("field", e.field(), "message", "not found")));
        return ResponseEntity.status(p.getStatusCode()).body(p.getBody());
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ProblemDetail> invalidField(InvalidFieldException e) {
        ApiProblem p = ApiProblem.invalidValue(e.field(), e.getMessage());
        return ResponseEntity.status(p.getStatusCode()).body(p.getBody());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        ApiProblem p = ApiProblem.conflict(e.type(), e.getMessage());
        return ResponseEntity.status(p.getStatusCode()).body(p.getBody());
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
        ApiProblem p = new ApiProblem(HttpStatus.FORBIDDEN, e.type(), "Forbidden", e.getMessage(),
                List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return ResponseEntity.status(p.getStatusCode()).body(p.getBody());
    }

    /**
     * A number read from a request with one of Jackson's own accessors that was out of its range: a
     * safety net for a check that used one by mistake; the endpoints read numbers with JsonNumbers.
     */
    @ExceptionHandler(JsonNodeException.class)
    ResponseEntity<ProblemDetail> unreadableValue(JsonNodeException e) {
        log.warn("a request value could not be converted; the endpoint should check it first", e);
        ApiProblem p = ApiProblem.invalidValue("body", "a value is out of the range its field accepts");
        return ResponseEntity.status(p.getStatusCode()).body(p.getBody());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        ApiProblem p = ApiProblem.invalidField(e.getName(), "'" + e.getValue() + "' is not a valid value");
        return ResponseEntity.status(p.getStatusCode()).body(p.getBody());
    }

    /** Seconds a client is asked to wait when the database is unreachable for a moment. */
    static final String RETRY_AFTER_SECONDS = "2";

    /** The database's passing trouble: 503, safe to retry; anything else from the database is a bug (500). */
    @ExceptionHandler({org.springframework.dao.DataAccessException.class, org.springframework.transaction.TransactionException.class})
    ResponseEntity<ProblemDetail> dataAccess(RuntimeException e) {
        if (!dev.weft.common.TransientFailures.isTransient(e)) {
            return unexpected(e);
        }
        log.warn("answered 503: the database is unreachable for the moment ({})", rootMessage(e));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS)
                .body(unavailable());
    }

    static ProblemDetail unavailable() {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the database is unreachable for the moment; try again after Retry-After seconds. Sending the same "
                        + "request again is safe: a run submitted with an idempotency key is stored at most once");
        p.setType(URI.create(ApiProblem.TYPE_BASE + "service-unavailable"));
        p.setTitle("Service unavailable");
        return p;
    }

    /** The innermost message, for a log line without a stack trace. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        for (int i = 0; i < 20 && root.getCause() != null; i++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
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
        ApiProblem problem = BodyProblems.of(e, limits.maxDepth());
        return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
    }

    /** Bean Validation on a request record: 422 with every violated field, by its JSON name. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", Objects.requireNonNullElse(f.getDefaultMessage(), "is invalid")))
                .toList();
        ApiProblem problem = ApiProblem.invalidValues(errors);
        return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
    }

}
