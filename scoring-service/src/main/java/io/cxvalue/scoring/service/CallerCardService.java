package io.cxvalue.scoring.service;

import io.cxvalue.contracts.events.IdentityKind;
import io.cxvalue.scoring.CallerCard;
import io.cxvalue.scoring.CallerPolicy;
import io.cxvalue.scoring.CustomerScore;
import io.cxvalue.scoring.CustomerState;
import io.cxvalue.scoring.SurveyHistory;
import io.cxvalue.scoring.model.cx.CsatResponse;
import io.cxvalue.scoring.model.cx.CxScore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * Builds the caller card from the customer's state, its CLV scores and the policy settings in force
 * ({@link CallerPolicyService}: stored by analysts, else {@code cx.scoring.caller-policy.*}). The CX score is REAL
 * from the latest CSAT answer in the state, else NONE: the
 * inferred-CX model is not wired in yet.
 */
@ApplicationScoped
public class CallerCardService {

    private final CustomerStateService states;
    private final ClvService clv;
    private final Clock clock;
    private final CallerPolicyService policies;

    public CallerCardService(CustomerStateService states, ClvService clv, Clock clock, CallerPolicyService policies) {
        this.states = states;
        this.clv = clv;
        this.clock = clock;
        this.policies = policies;
    }

    /** The card of the customer (or its survivor), now; an unknown card when scoring knows nothing of it. */
    public Uni<CallerCard> card(String customerId) {
        Instant now = clock.instant();
        return states.state(customerId, now).chain(state -> state == null
                ? Uni.createFrom().item(CallerCard.unknown(customerId, now))
                : clv.score(state.customerId()).chain(score -> policies.current()
                        .map(current -> card(state, score, new CallerPolicy(current.settings())))));
    }

    /** The card of the customer an identity key belongs to; an unknown card when none does. */
    public Uni<CallerCard> cardByIdentity(IdentityKind kind, String value) {
        return states.customerByIdentity(kind, value).chain(id -> id == null
                ? Uni.createFrom().item(CallerCard.unknown(null, clock.instant()))
                : card(id));
    }

    static CallerCard card(CustomerState state, CustomerScore score, CallerPolicy policy) {
        SurveyHistory surveys = state.surveys();
        CxScore cx = CxScore.of(surveys.lastCsat() == null ? null
                : new CsatResponse(surveys.lastCsat(), surveys.lastCsatAt()), null);
        CallerPolicy.Recommendation recommendation = policy.recommend(new CallerPolicy.Input(
                score == null ? null : score.valueTier(), score == null ? null : score.churnRisk(),
                state.contacts(), cx));
        return new CallerCard(true, state.customerId(), state.asOf(), CallerCard.Score.of(score), CallerCard.Cx.of(cx),
                CallerCard.Contacts.of(state.contacts()), recommendation);
    }
}
