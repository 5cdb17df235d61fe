package io.cxvalue.scoring;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC on the service's real test database, to look at the rows behind the service or to stage some. */
public final class ScoringDatabase {

    private ScoringDatabase() {
    }

    public static Connection connect() {
        Config config = ConfigProvider.getConfig();
        try {
            return DriverManager.getConnection(
                    config.getValue("quarkus.datasource.jdbc.url", String.class),
                    config.getValue("quarkus.datasource.username", String.class),
                    config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the test database", e);
        }
    }

    /** The number a query like {@code select count(*) ... where x = ?} returns. */
    public static long count(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Test SQL failed: " + sql, e);
        }
    }

    /** Runs an insert, update or delete with the given parameters on {@code connection}. */
    public static int update(Connection connection, String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Test SQL failed: " + sql, e);
        }
    }

    public static int update(String sql, Object... parameters) {
        try (Connection connection = connect()) {
            return update(connection, sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException("Test SQL failed: " + sql, e);
        }
    }
}
