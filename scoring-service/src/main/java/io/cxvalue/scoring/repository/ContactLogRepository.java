package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.ContactLogEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The contact log, one row per interaction. */
@ApplicationScoped
public class ContactLogRepository implements PanacheRepositoryBase<ContactLogEntry, String> {

    /** The customer's contacts that started in {@code (from, to]}, latest first. */
    public Uni<List<ContactLogEntry>> startedBetween(String customerId, Instant from, Instant to) {
        return list("customerId = ?1 and startedAt > ?2 and startedAt <= ?3 order by startedAt desc, interactionId",
                customerId, from, to);
    }
}
