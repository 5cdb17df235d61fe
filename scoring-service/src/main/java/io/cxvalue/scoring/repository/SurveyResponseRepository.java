package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.SurveyResponse;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Survey responses (scores only), one row per response. */
@ApplicationScoped
public class SurveyResponseRepository implements PanacheRepositoryBase<SurveyResponse, String> {

    /** The customer's responses given at or before {@code asOf}, latest first. */
    public Uni<List<SurveyResponse>> respondedUpTo(String customerId, Instant asOf) {
        return list("customerId = ?1 and respondedAt <= ?2 order by respondedAt desc, responseId", customerId, asOf);
    }
}
