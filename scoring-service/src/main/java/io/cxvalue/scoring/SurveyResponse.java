package io.cxvalue.scoring;

import io.cxvalue.contracts.events.SurveyResponded;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/** A customer's survey answer, scores only: the free-text comment (personal data) is never stored. */
@Entity
@Table(name = "survey_response")
public class SurveyResponse {

    @Id
    @Column(name = "response_id", length = 128)
    private String responseId;

    @Column(name = "customer_id", nullable = false, length = 128)
    private String customerId;

    @Column(name = "interaction_id", length = 128)
    private String interactionId;

    @Column(name = "responded_at", nullable = false)
    private Instant respondedAt;

    @Column(name = "csat")
    private Integer csat;

    @Column(name = "nps")
    private Integer nps;

    @Column(name = "ces")
    private Integer ces;

    @Column(name = "felt_valued")
    private Integer feltValued;

    /** For Hibernate. */
    protected SurveyResponse() {
    }

    private SurveyResponse(String responseId) {
        this.responseId = Objects.requireNonNull(responseId, "responseId");
    }

    /** The scores of {@code response}, kept under {@code customerId} (the event's, or its survivor after a merge). */
    public static SurveyResponse of(SurveyResponded response, String customerId) {
        SurveyResponse kept = new SurveyResponse(response.responseId());
        kept.update(response, customerId);
        return kept;
    }

    /**
     * The answer as stored, from a read that does not go through Hibernate (the caller card's single-statement read);
     * the arguments are the table's columns.
     */
    public static SurveyResponse stored(String responseId, String customerId, String interactionId,
            Instant respondedAt, Integer csat, Integer nps, Integer ces, Integer feltValued) {
        SurveyResponse kept = new SurveyResponse(responseId);
        kept.customerId = Objects.requireNonNull(customerId, "customerId");
        kept.interactionId = interactionId;
        kept.respondedAt = Objects.requireNonNull(respondedAt, "respondedAt");
        kept.csat = csat;
        kept.nps = nps;
        kept.ces = ces;
        kept.feltValued = feltValued;
        return kept;
    }

    /** Replaces the scores with those of a newer report of the same response. */
    public void update(SurveyResponded response, String customerId) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.interactionId = response.interactionId();
        this.respondedAt = Objects.requireNonNull(response.respondedAt(), "respondedAt");
        this.csat = response.csat();
        this.nps = response.nps();
        this.ces = response.ces();
        this.feltValued = response.feltValued();
        // response.comment() is deliberately dropped.
    }

    public String responseId() {
        return responseId;
    }

    public String customerId() {
        return customerId;
    }

    public String interactionId() {
        return interactionId;
    }

    public Instant respondedAt() {
        return respondedAt;
    }

    public Integer csat() {
        return csat;
    }

    public Integer nps() {
        return nps;
    }

    public Integer ces() {
        return ces;
    }

    public Integer feltValued() {
        return feltValued;
    }
}
