package io.cxvalue.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/** Administration of a PostgreSQL server over JDBC, as its superuser: readiness and databases. */
public final class PostgresAdmin {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    public PostgresAdmin(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Waits until the server accepts a login (it refuses them while it starts or recovers). */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection ignored = connect()) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " did not accept a login"
                            + " within " + timeout.toSeconds() + " s: " + e.getMessage(), e);
                }
                sleep(Duration.ofMillis(100));
            }
        }
    }

    /** Creates the database unless it exists; true when it was created. */
    public boolean createDatabaseIfMissing(String name) {
        checkName(name);
        try (Connection connection = connect();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return false;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE \"" + name + "\"");
            }
            return true;
        } catch (SQLException e) {
            throw failure("create database " + name, e);
        }
    }

    /** Drops the database if it exists, ending its sessions. */
    public void dropDatabase(String name) {
        checkName(name);
        execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    }

    /** A server setting as {@code SHOW} prints it. */
    public String setting(String name) {
        try (Connection connection = connect();
             PreparedStatement show = connection.prepareStatement("SELECT current_setting(?)")) {
            show.setString(1, name);
            try (ResultSet rows = show.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw failure("read setting " + name, e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), user, password);
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("PostgreSQL at " + host + ":" + port + " (user " + user + ") could not "
                + what + ": " + e.getMessage(), e);
    }

    private static void checkName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
