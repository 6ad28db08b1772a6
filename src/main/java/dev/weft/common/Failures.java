package dev.weft.common;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Failures told in the API's words: what a step error, a delivery attempt or a problem detail says
 * about an exception it caught, without Java class names or stack traces (they say nothing to a
 * client, and they tell an attacker what runs inside).
 */
public final class Failures {

    /** A qualified Java type name such as {@code tools.jackson.databind.JsonNodeException}. */
    private static final Pattern QUALIFIED_TYPE = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*:?\\s?");

    /** An unqualified exception or error type name such as {@code NullPointerException}. */
    private static final Pattern BARE_TYPE = Pattern.compile("\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b:?\\s?");

    private static final int MAX_MESSAGE = 300;

    private Failures() {}

    /** What went wrong, in words: the kind of failure and its message with type names removed. */
    public static String describe(Throwable failure) {
        Throwable root = root(failure);
        String kind = kind(root);
        String message = clean(root.getMessage());
        return message.isEmpty() || message.equalsIgnoreCase(kind) ? kind : kind + ": " + message;
    }

    /** The message with Java type names taken out, otherwise as it was; null stays null. */
    public static String withoutTypeNames(String message) {
        if (message == null) {
            return null;
        }
        return BARE_TYPE.matcher(QUALIFIED_TYPE.matcher(message).replaceAll("")).replaceAll("");
    }

    /**
     * A failure of the database, for a message users read: the driver's text names tables, SQL and
     * driver classes, so it goes to the log and the message says only what failed.
     */
    public static String storage(String what) {
        return what + ": the database failed (the service log has the details)";
    }

    /** The message without Java type names, on one line, at most 300 characters; empty for none. */
    public static String clean(String message) {
        if (message == null) {
            return "";
        }
        String cleaned = BARE_TYPE.matcher(QUALIFIED_TYPE.matcher(message).replaceAll("")).replaceAll("");
        cleaned = cleaned.replaceAll("\\s+", " ").strip();
        return cleaned.length() > MAX_MESSAGE ? cleaned.substring(0, MAX_MESSAGE) + "…" : cleaned;
    }

    public static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String kind(Throwable root) {
        return switch (root) {
            case InterruptedIOException ignored -> "timed out";
            case java.net.http.HttpTimeoutException ignored -> "timed out";
            case ConnectException ignored -> "connection refused";
            case UnknownHostException ignored -> "host could not be resolved";
            case NoRouteToHostException ignored -> "no route to host";
            case SSLException ignored -> "TLS failure";
            case EOFException ignored -> "connection closed before the answer was complete";
            case SocketException ignored -> "connection failed";
            case java.io.IOException ignored -> "I/O failure";
            case OutOfMemoryError ignored -> "ran out of memory";
            case StackOverflowError ignored -> "nested too deeply";
            case ArithmeticException ignored -> "arithmetic overflow";
            default -> "internal error";
        };
    }
}
