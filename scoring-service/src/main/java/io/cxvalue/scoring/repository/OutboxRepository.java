package io.cxvalue.scoring.repository;

import io.cxvalue.contracts.outbox.PgOutbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

/** The outbox ({@code outbox_event}): events stored with the change they report, in Panache's current session. */
@ApplicationScoped
public class OutboxRepository extends PgOutbox {

    public OutboxRepository() {
        super(Panache::getSession);
    }
}
