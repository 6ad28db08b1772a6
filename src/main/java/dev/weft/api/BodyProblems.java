package dev.weft.api;

import dev.weft.common.Failures;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Says what is wrong with a request body that could not be read, in the API's words: the field (as
 * a path such as {@code budget.maxCostUsd} or {@code embedding[3]}) and what it should be, never
 * the Java type it was to become or the method that was to receive it.
 */
final class BodyProblems {

    private BodyProblems() {}

    /** @param maxDepth the nesting a document may have, for the message when a body nests deeper still */
    static ApiProblem of(HttpMessageNotReadableException e, int maxDepth) {
        Throwable cause = e.getCause();
        if (cause == null) {
            return new ApiProblem(HttpStatus.BAD_REQUEST, "missing-body", "Missing request body",
                    "the request body is missing: send a JSON object with Content-Type application/json");
        }
        return switch (cause) {
            case PropertyBindingException unknown -> {
                String field = path(unknown);
                yield ApiProblem.invalidField(field, "unknown field" + allowed(unknown.getKnownPropertyIds()));
            }
            case InputCoercionException range -> outOfRange(path(range), range.getTargetType());
            case MismatchedInputException mismatch when isNumericOverflow(mismatch) ->
                    outOfRange(path(mismatch), mismatch.getTargetType());
            case MismatchedInputException mismatch -> {
                String field = path(mismatch);
                yield ApiProblem.invalidField(field.isEmpty() ? "body" : field,
                        "must be " + describe(mismatch.getTargetType()));
            }
            case StreamConstraintsException limit -> tooDeepOrLong(limit, maxDepth);
            case JacksonException malformed -> malformed(malformed);
            default -> malformed(null);
        };
    }

    private static boolean isNumericOverflow(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        String message = Objects.requireNonNullElse(e.getOriginalMessage(), "");
        return target != null && Number.class.isAssignableFrom(box(target))
                && (message.contains("out of range") || message.contains("overflow"));
    }

    private static ApiProblem outOfRange(String field, Class<?> target) {
        String name = field.isEmpty() ? "body" : field;
        String range = target == null ? "" : switch (box(target).getSimpleName()) {
            case "Integer" -> " (an integer from -2147483648 to 2147483647)";
            case "Long" -> " (an integer from -9223372036854775808 to 9223372036854775807)";
            case "Float" -> " (a number within ±3.4e38)";
            case "Double" -> " (a number within ±1.8e308)";
            default -> "";
        };
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request", "Invalid request",
                name + ": the number is out of range" + range,
                List.of(Map.of("field", name, "message", "the number is out of range" + range)));
    }

    private static ApiProblem tooDeepOrLong(StreamConstraintsException e, int maxDepth) {
        String pointer = pointer(e);
        String field = pointer.isEmpty() ? "body" : pointer.substring(1).split("/")[0];
        String what = Objects.requireNonNullElse(e.getOriginalMessage(), "");
        String message = what.contains("nesting depth")
                ? "nests JSON too deeply: a document may nest at most " + maxDepth + " levels"
                : "is too large to read: " + Failures.clean(what.replaceAll("\\(from `[^`]*`\\)", ""));
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", field + ": " + message,
                List.of(Map.of("field", field, "message", message)));
    }

    private static ApiProblem malformed(JacksonException e) {
        String detail = "the request body is not valid JSON";
        if (e != null) {
            String what = Failures.clean(e.getOriginalMessage());
            TokenStreamLocation at = e.getLocation();
            detail += (what.isEmpty() ? "" : ": " + what)
                    + (at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed request body", detail);
    }

    /** {@code a.b[2].c} from the exception's reference path, or from the parser's position. */
    static String path(JacksonException e) {
        List<JacksonException.Reference> refs = e.getPath();
        if (refs == null || refs.isEmpty()) {
            String pointer = pointer(e);
            return pointer.isEmpty() ? "" : fromPointer(pointer);
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : refs) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String pointer(JacksonException e) {
        if (e.processor() instanceof JsonParser parser && parser.streamReadContext() != null) {
            return parser.streamReadContext().pathAsPointer().toString();
        }
        return "";
    }

    private static String fromPointer(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String segment : pointer.substring(1).split("/")) {
            if (segment.matches("\\d+")) {
                path.append('[').append(segment).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        return path.toString();
    }

    private static String allowed(Collection<Object> known) {
        if (known == null || known.isEmpty()) {
            return "";
        }
        return "; allowed: " + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    /** A JSON type in words, for what a field was meant to be. */
    static String describe(Class<?> target) {
        if (target == null) {
            return "a different JSON type";
        }
        Class<?> t = box(target);
        if (t == String.class || t == Character.class) {
            return "a string";
        }
        if (t == Integer.class || t == Long.class || t == Short.class || t == Byte.class || t == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(t) || t == BigDecimal.class) {
            return "a number";
        }
        if (t == Boolean.class) {
            return "true or false";
        }
        if (t.isEnum()) {
            return "one of " + Arrays.stream(t.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (t == Instant.class || t == OffsetDateTime.class) {
            return "an ISO-8601 date-time string such as 2026-01-31T12:00:00Z";
        }
        if (t == Duration.class) {
            return "an ISO-8601 duration string such as PT30S";
        }
        if (t.isArray() || Collection.class.isAssignableFrom(t)) {
            return "an array";
        }
        if (JsonNode.class.isAssignableFrom(t)) {
            return "a JSON value";
        }
        return "a JSON object";
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> type;
        };
    }
}
