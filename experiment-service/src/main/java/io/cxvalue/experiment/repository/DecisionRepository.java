package io.cxvalue.experiment.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxvalue.experiment.design.Decision;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The decisions on experiments ({@code experiment_decision}), in Panache's current session. */
@ApplicationScoped
public class DecisionRepository {

    private static final TypeReference<List<String>> TIERS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public DecisionRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Appends the decision to the trail; its id. */
    public Uni<Long> add(String experimentId, String variant, boolean rollout, List<String> valueTiers,
            String rationale, String by, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into experiment_decision (experiment_id, variant, rollout, value_tiers, rationale,
                                                         decided_by, decided_at)
                        values (:experimentId, :variant, :rollout, cast(cast(:tiers as text) as jsonb), :rationale, :by, :at)
                        returning id""", Long.class)
                .setParameter("experimentId", experimentId)
                .setParameter("variant", variant)
                .setParameter("rollout", rollout)
                .setParameter("tiers", write(valueTiers))
                .setParameter("rationale", rationale)
                .setParameter("by", by)
                .setParameter("at", at)
                .getSingleResult());
    }

    /** The experiment's decisions, oldest first. */
    public Uni<List<Decision>> of(String experimentId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select id, experiment_id, variant, rollout, value_tiers::text, rationale, decided_by,
                               decided_at
                        from experiment_decision where experiment_id = :experimentId order by decided_at, id""",
                        Object[].class)
                .setParameter("experimentId", experimentId)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Decision(((Number) r[0]).longValue(), (String) r[1],
                        (String) r[2], (Boolean) r[3], read((String) r[4]), (String) r[5], (String) r[6],
                        instant(r[7]))).toList());
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        return (Instant) value;
    }

    private String write(List<String> tiers) {
        try {
            return json.writeValueAsString(tiers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String tiers) {
        try {
            return json.readValue(tiers, TIERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored value tiers unreadable: " + tiers, e);
        }
    }
}
