package io.cxvalue.ingestion.config;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.ingestion.OutboxSequence;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The clock the service reads time from, the outbox sequence derived from it, and the identity normaliser. */
public class CoreBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    IdentityNormalizer identityNormalizer(IngestionConfig config) {
        return new IdentityNormalizer(config.phoneRegion());
    }

    @Produces
    @Singleton
    OutboxSequence outboxSequence(Clock clock) {
        return new OutboxSequence(clock);
    }
}
