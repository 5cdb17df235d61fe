package io.cxvalue.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database on the machine's real PostgreSQL server for each test run, dropped afterwards. The server is
 * found through {@code CX_TEST_PG_HOST}, {@code CX_TEST_PG_PORT}, {@code CX_TEST_PG_USER} and
 * {@code CX_TEST_PG_PASSWORD} (defaults 127.0.0.1, 5432, postgres, no password).
 * Sets both the reactive URL (Hibernate Reactive) and the JDBC URL (Flyway migrations).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String HOST = env("CX_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("CX_TEST_PG_PORT", "5432");
    private static final String USER = env("CX_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("CX_TEST_PG_PASSWORD", "");

    private String database;

    @Override
    public Map<String, String> start() {
        database = "cx_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + database);
        String hostPort = HOST + ":" + PORT + "/" + database;
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort,
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", PASSWORD);
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            database = null;
        }
    }

    private static void execute(String sql) {
        String url = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " refused '" + sql
                    + "'. Is the server running? (pg_ctlcluster 15 main start)", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
