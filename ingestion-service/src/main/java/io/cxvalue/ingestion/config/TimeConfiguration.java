package io.cxvalue.ingestion.config;

import io.cxvalue.ingestion.OutboxSequence;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The clock the service reads time from, and the outbox sequence derived from it. */
public class TimeConfiguration {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    OutboxSequence outboxSequence(Clock clock) {
        return new OutboxSequence(clock);
    }
}
