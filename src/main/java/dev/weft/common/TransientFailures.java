package dev.weft.common;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Which failures are the database's passing trouble rather than a bug: a lost or refused connection,
 * a pool with no connection free in time, a serialization failure or deadlock, a statement
 * cancelled by its time-out, a server shutting down. The same request may succeed a moment later,
 * so they answer {@code 503} with {@code Retry-After} instead of {@code 500}.
 */
public final class TransientFailures {

    /**
     * SQLSTATE classes and codes of passing trouble: 08 connection exception, 40001 serialization
     * failure, 40P01 deadlock, 53300 too many connections, 57014 query cancelled (statement
     * time-out), 57P01-57P03 admin or crash shutdown and "cannot connect now".
     */
    private static final Set<String> STATES = Set.of("40001", "40P01", "53300", "57014", "57P01", "57P02", "57P03");

    private TransientFailures() {}

    /**
     * The database itself out of reach (no connection to be had, the connection lost, the server
     * shutting down), as opposed to a statement that failed on a reachable one.
     */
    public static boolean isConnectionLoss(Throwable failure) {
        return any(failure, 0, t -> t instanceof DataAccessResourceFailureException
                || t instanceof CannotCreateTransactionException
                || t instanceof java.sql.SQLTransientConnectionException || t instanceof SQLRecoverableException
                || t instanceof SQLException sql && (state(sql).startsWith("08") || state(sql).startsWith("57P") || closed(sql)));
    }

    public static boolean isTransient(Throwable failure) {
        return any(failure, 0, t -> t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                || t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
                || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLException sql && (state(sql).startsWith("08") || STATES.contains(state(sql)) || closed(sql)));
    }

    /** Whether {@code failure}, a cause of it or an exception suppressed along the way (a failed rollback hides the first failure so) matches. */
    private static boolean any(Throwable failure, int depth, java.util.function.Predicate<Throwable> test) {
        if (failure == null || depth > 20) {
            return false;
        }
        if (test.test(failure)) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (any(suppressed, depth + 1, test)) {
                return true;
            }
        }
        return failure.getCause() != failure && any(failure.getCause(), depth + 1, test);
    }

    private static String state(SQLException e) {
        return e.getSQLState() == null ? "" : e.getSQLState();
    }

    /** The pool's or the driver's word for a connection that was closed under it, which carries no SQLSTATE. */
    private static boolean closed(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return message.equals("connection is closed") || message.contains("this connection has been closed");
    }
}
