package io.cxvalue.reporting.rest;

import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.cxvalue.testsupport.api.ApiConformance;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

/**
 * Every operation of reporting's OpenAPI document against the hostile corpus and the role matrix
 * ({@link ApiConformance}); a refused request leaves the collection the API writes (process changes) as it was.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ApiConformanceTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    ReactiveMongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void theHostileCorpusIsRefusedWithProblemsAndWritesNothing() {
        ApiConformance.assertHostileCorpusRefused(base, TestTokens.conformance(), this::documents);
    }

    @Test
    void everyOperationAnswersEachRoleAsDocumented() {
        ApiConformance.assertRoleMatrix(base, TestTokens.conformance(), this::documents);
    }

    private Map<String, Long> documents() {
        return Map.of("process_changes", mongo.getDatabase(database).getCollection("process_changes")
                .countDocuments(new Document()).await().indefinitely());
    }
}
