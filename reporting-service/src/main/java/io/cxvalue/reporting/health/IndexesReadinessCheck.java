package io.cxvalue.reporting.health;

import io.cxvalue.reporting.repository.IndexInitializer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the report indexes exist: without them a report is a collection scan. MongoDB itself and Kafka
 * are checked by the built-in readiness checks of the MongoDB client and the messaging connector.
 */
@Readiness
@ApplicationScoped
public class IndexesReadinessCheck implements HealthCheck {

    static final String NAME = "MongoDB report indexes";

    private final IndexInitializer indexes;

    IndexesReadinessCheck(IndexInitializer indexes) {
        this.indexes = indexes;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(indexes.indexesReady()).build();
    }
}
