package io.cxvalue.reporting.rest;

import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

/** An unreachable store is a 503 with Retry-After and a problem document, never a 500; the answers come back after. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class StoreOutageTest {

    private static final Map<String, Object> QUERY = Map.of("from", "2025-03-01", "to", "2025-04-01",
            "granularity", "month", "groupBy", "team", "measures", "contacts_offered");

    @Test
    void anUnreachableStoreIsA503WithRetryAfter() {
        Reports.kpis(QUERY).statusCode(200);
        MongoTestResource.cutConnections();
        try {
            Reports.kpis(QUERY).statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("title", equalTo("Service Unavailable"))
                    .body("status", equalTo(503));
        } finally {
            MongoTestResource.restoreConnections();
        }
        Reports.kpis(QUERY).statusCode(200);
    }
}
