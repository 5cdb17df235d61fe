package io.cxvalue.scoring.messaging;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes the service's real database reject every write of a contact summary until closed, with a constraint no row
 * satisfies. Reads still work, and the processed-event insert that precedes the summary write in the same transaction
 * still succeeds, so the outage also shows whether that insert is rolled back with the failed summary write.
 */
final class StoreOutage implements AutoCloseable {

    static final String CONSTRAINT = "store_outage";

    private StoreOutage() {
    }

    static StoreOutage begin() {
        execute("ALTER TABLE customer_contact_summary ADD CONSTRAINT " + CONSTRAINT + " CHECK (false) NOT VALID");
        return new StoreOutage();
    }

    @Override
    public void close() {
        execute("ALTER TABLE customer_contact_summary DROP CONSTRAINT " + CONSTRAINT);
    }

    private static void execute(String sql) {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "'", e);
        }
    }
}
