package io.cxvalue.ingestion;

import io.cxvalue.testsupport.TestTokens;
import io.cxvalue.testsupport.api.ApiConformance;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every operation of ingestion's OpenAPI document against the hostile corpus and the role matrix
 * ({@link ApiConformance}); a refused request leaves every collection as it was (the outbox and import-job
 * collections aside, which the relay and earlier imports move on their own).
 */
@QuarkusTest
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
        Map<String, Long> documents = new TreeMap<>();
        for (String name : mongo.getDatabase(database).listCollectionNames().collect().asList().await()
                .indefinitely()) {
            if (!name.contains("outbox") && !name.contains("import")) {
                documents.put(name, mongo.getDatabase(database).getCollection(name).countDocuments(new Document())
                        .await().indefinitely());
            }
        }
        return documents;
    }
}
