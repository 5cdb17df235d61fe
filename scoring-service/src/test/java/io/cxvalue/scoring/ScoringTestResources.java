package io.cxvalue.scoring;

import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The real infrastructure every test of this module runs against, declared once so that all test classes share one
 * application start: a KRaft Kafka broker, a fresh PostgreSQL database and an OIDC server with a real JWKS.
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class ScoringTestResources {

    private ScoringTestResources() {
    }
}
