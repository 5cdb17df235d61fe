package io.cxvalue.experiment;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct JDBC access to the service's test database, to look at or disturb the real store behind the service. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static void execute(String sql) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Test SQL failed: " + sql, e);
        }
    }

    /** The single number a query like {@code select count(*) ... where x = ?} returns. */
    public static long count(String sql, String parameter) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Test SQL failed: " + sql, e);
        }
    }

    /** Runs an insert, update or delete with the given parameters. */
    public static int update(String sql, Object... parameters) {
        try (Connection connection = connect()) {
            return update(connection, sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException("Test SQL failed: " + sql, e);
        }
    }

    /** Runs an insert, update or delete with the given parameters on {@code connection} (e.g. in its transaction). */
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

    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
