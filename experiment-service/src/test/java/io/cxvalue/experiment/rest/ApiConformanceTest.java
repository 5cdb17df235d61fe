package io.cxvalue.experiment.rest;

import io.cxvalue.experiment.TestDatabase;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.PostgresTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.cxvalue.testsupport.api.ApiConformance;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every operation of experiment's OpenAPI document against the hostile corpus and the role matrix
 * ({@link ApiConformance}); a refused request leaves the tables the API writes as they were.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ApiConformanceTest {

    /** The tables experiment's API writes to (the others are written by its consumers). */
    private static final List<String> API_TABLES = List.of("experiment", "experiment_decision", "outbox_event");

    @TestHTTPResource("/")
    URI base;

    @Test
    void theHostileCorpusIsRefusedWithProblemsAndWritesNothing() {
        ApiConformance.assertHostileCorpusRefused(base, TestTokens.conformance(), ApiConformanceTest::rows);
    }

    @Test
    void everyOperationAnswersEachRoleAsDocumented() {
        ApiConformance.assertRoleMatrix(base, TestTokens.conformance(), ApiConformanceTest::rows);
    }

    private static Map<String, Long> rows() {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
            for (String table : API_TABLES) {
                try (ResultSet result = statement.executeQuery("select count(*) from " + table)) {
                    result.next();
                    rows.put(table, result.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
