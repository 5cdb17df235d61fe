package io.cxvalue.scoring.rest;

import io.cxvalue.scoring.ScoringDatabase;
import io.cxvalue.testsupport.TestTokens;
import io.cxvalue.testsupport.api.ApiConformance;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every operation of scoring's OpenAPI document against the hostile corpus and the role matrix
 * ({@link ApiConformance}); a refused request leaves the tables the API writes as they were.
 */
@QuarkusTest
class ApiConformanceTest {

    /** The tables scoring's API writes to (the others are written by its consumers and scheduled jobs). */
    private static final List<String> API_TABLES = List.of("caller_policy", "clv_model", "cx_model",
            "value_driver_report", "customer_score");

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
        API_TABLES.forEach(table -> rows.put(table, ScoringDatabase.count("select count(*) from " + table)));
        return rows;
    }
}
