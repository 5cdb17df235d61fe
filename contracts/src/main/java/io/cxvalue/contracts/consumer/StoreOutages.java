package io.cxvalue.contracts.consumer;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.Set;

/**
 * Whether a failure means "the store is not reachable now" (no server selected in time, a connection refused or lost,
 * a database shutting down or starting up) rather than "the request or the events are wrong". A consumer waits for
 * the store to come back instead of dead-lettering events that are fine; an API answers 503 with Retry-After instead of
 * 500.
 * <p>
 * Failures are recognised by the names of the drivers' exception classes in the cause chain (and their superclasses)
 * and by SQL states of class 08 (connection exception) and 57P (operator intervention: shutdown, starting up), so that
 * this class needs neither the MongoDB nor the PostgreSQL driver.
 */
public final class StoreOutages {

    static final Set<String> OUTAGES = Set.of(
            // MongoDB driver
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            // Vert.x SQL client (Hibernate Reactive)
            "io.vertx.sqlclient.ClosedConnectionException",
            "io.vertx.core.impl.NoStackTraceTimeoutException",
            // the network under any driver
            "java.net.ConnectException",
            "java.net.SocketTimeoutException",
            "java.net.NoRouteToHostException");

    private StoreOutages() {
    }

    /** Whether any exception in the cause chain is (a subclass of) a known outage or carries an outage SQL state. */
    public static boolean isOutage(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 20; t = t.getCause()) {
            for (Class<?> type = t.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                if (OUTAGES.contains(type.getName())) {
                    return true;
                }
            }
            String state = sqlState(t);
            if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** JDBC's SQL state, or the Vert.x SQL client's ({@code DatabaseException.getSqlState()}). */
    private static String sqlState(Throwable t) {
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        try {
            Method method = t.getClass().getMethod("getSqlState");
            return method.getReturnType() == String.class ? (String) method.invoke(t) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
