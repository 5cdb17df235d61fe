package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.experiment.PolicyRollout;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** The caller policy rolled out per value tier ({@code policy_rollout}). */
@ApplicationScoped
public class PolicyRolloutRepository implements PanacheRepositoryBase<PolicyRollout, String> {

    /** Makes the decision the tier's rollout unless a later decision already is. */
    public Uni<Integer> rollOut(String valueTier, String experimentId, Instant decidedAt, String decisionJson) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into policy_rollout (value_tier, experiment_id, decided_at, decision)
                        values (:tier, :experimentId, :decidedAt, cast(cast(:decision as text) as jsonb))
                        on conflict (value_tier) do update
                            set experiment_id = excluded.experiment_id, decided_at = excluded.decided_at,
                                decision = excluded.decision
                            where policy_rollout.decided_at <= excluded.decided_at""")
                .setParameter("tier", valueTier)
                .setParameter("experimentId", experimentId)
                .setParameter("decidedAt", decidedAt)
                .setParameter("decision", decisionJson)
                .executeUpdate());
    }
}
