package io.cxvalue.reporting.repository;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Creates the indexes at startup without blocking it: if MongoDB is not reachable yet the creation is retried in the
 * background, and the readiness check reports the service not ready until the indexes exist. Then moves what earlier
 * versions kept of erased customers to the keyed record ({@link ErasureRepository#forgetLegacyCustomerIds}).
 */
@ApplicationScoped
public class IndexInitializer {

    private static final Logger LOG = Logger.getLogger(IndexInitializer.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final ContactRepository facts;
    private final ErasureRepository erasures;
    private volatile boolean indexesReady;

    IndexInitializer(ContactRepository facts, ErasureRepository erasures) {
        this.facts = facts;
        this.erasures = erasures;
    }

    void onStart(@Observes StartupEvent startup) {
        facts.createIndexes()
                .chain(erasures::createIndexes)
                .chain(erasures::forgetLegacyCustomerIds)
                .onFailure().invoke(failure -> LOG.warnf("Could not create the MongoDB indexes yet (%s); retrying",
                        failure.getMessage()))
                .onFailure().retry().withBackOff(FIRST_RETRY, LONGEST_RETRY).indefinitely()
                .subscribe().with(
                        created -> {
                            indexesReady = true;
                            LOG.debug("MongoDB indexes are in place");
                        },
                        // Unreachable with an unbounded retry; kept so a change of policy cannot fail silently.
                        failure -> LOG.error("Stopped trying to create the MongoDB indexes", failure));
    }

    /** Whether the indexes the reports, the erasures and the outbox relay rely on exist. */
    public boolean indexesReady() {
        return indexesReady;
    }
}
