package io.cxvalue.scoring.service;

import io.cxvalue.contracts.events.IdentityKind;
import io.cxvalue.scoring.CallerCard;
import io.cxvalue.scoring.CallerPolicy;
import io.cxvalue.scoring.CustomerScore;
import io.cxvalue.scoring.CustomerState;
import io.cxvalue.scoring.SurveyHistory;
import io.cxvalue.contracts.events.ExperimentDecided;
import io.cxvalue.scoring.experiment.CallerExperiments;
import io.cxvalue.scoring.experiment.PolicyRollouts;
import io.cxvalue.scoring.model.cx.CsatResponse;
import io.cxvalue.scoring.model.cx.CxModel;
import io.cxvalue.scoring.model.cx.CxScore;
import io.cxvalue.scoring.repository.CallerCardRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builds the caller card from the customer's contacts, answers and scores (read in one statement,
 * {@link CallerCardRepository}), the active inferred-CX model and the policy settings in force
 * ({@link CallerPolicyService}: stored by analysts, else {@code cx.scoring.caller-policy.*}; both cached per instance).
 *
 * <p>The CX score is computed as of the call: the latest CSAT answer (REAL); else the inferred-CX model on the latest
 * contact in the contact window (INFERRED); else, when there was no contact in the window, the inferred score stored
 * by the latest scoring run (INFERRED, from an older contact); else NONE.
 */
@ApplicationScoped
public class CallerCardService {

    private final CallerCardRepository inputs;
    private final CustomerStateService states;
    private final CxModelService cxModels;
    private final Clock clock;
    private final CallerPolicyService policies;
    private final RunningExperimentService experiments;
    private final PolicyRolloutService rollouts;

    public CallerCardService(CallerCardRepository inputs, CustomerStateService states, CxModelService cxModels,
            Clock clock, CallerPolicyService policies, RunningExperimentService experiments,
            PolicyRolloutService rollouts) {
        this.inputs = inputs;
        this.states = states;
        this.cxModels = cxModels;
        this.clock = clock;
        this.policies = policies;
        this.experiments = experiments;
        this.rollouts = rollouts;
    }

    /** The card of the customer (or its survivor), now; an unknown card when scoring knows nothing of it. */
    public Uni<CallerCard> card(String customerId) {
        Instant now = clock.instant();
        return inputs.byCustomerId(customerId, states.contactWindowStart(now), now)
                .chain(read -> card(read, customerId, now));
    }

    /** The card of the customer an identity key belongs to; an unknown card when none does. */
    public Uni<CallerCard> cardByIdentity(IdentityKind kind, String value) {
        Instant now = clock.instant();
        return inputs.byIdentity(kind, value, states.contactWindowStart(now), now)
                .chain(read -> card(read, null, now));
    }

    private Uni<CallerCard> card(CallerCardRepository.CardInputs read, String askedFor, Instant now) {
        if (read == null || !read.known() && read.contacts().isEmpty() && read.responses().isEmpty()) {
            return Uni.createFrom().item(CallerCard.unknown(askedFor, now));
        }
        CustomerState state = states.contactState(read.customerId(), now, read.contacts(), read.responses());
        String tier = read.score() == null ? null : read.score().valueTier();
        return policies.currentForCards().chain(current -> cxModels.current()
                .chain(model -> experiments.forCards().chain(running -> rollouts.forCards().map(rolledOut -> card(
                        state, read.score(), cx(state, read.score(), model.orElse(null)),
                        new CallerPolicy(current.settings()), rolledOut,
                        CallerExperiments.of(running, state.customerId(), tier))))));
    }

    /** A CX score and the inferred-CX model behind it (null unless INFERRED). */
    record CardCx(CxScore score, String modelVersion) {
    }

    /** The CX score as of the call (class comment). */
    private CardCx cx(CustomerState state, CustomerScore score, CxModel model) {
        SurveyHistory surveys = state.surveys();
        CsatResponse latestCsat = surveys.lastCsat() == null ? null
                : new CsatResponse(surveys.lastCsat(), surveys.lastCsatAt());
        CxScore live = cxModels.score(model, latestCsat, state.latestContact());
        if (live.source() == CxScore.Source.INFERRED) {
            return new CardCx(live, model.version());
        }
        if (live.source() == CxScore.Source.NONE && score != null && score.cxSource() == CxScore.Source.INFERRED) {
            return new CardCx(new CxScore(CxScore.Source.INFERRED, score.cxSatisfaction(), null, null, null),
                    score.cxModelVersion());
        }
        return new CardCx(live, null);
    }

    static CallerCard card(CustomerState state, CustomerScore score, CardCx cx, CallerPolicy policy,
            Map<String, ExperimentDecided> rollouts, List<CallerExperiments.Entry> experiments) {
        String tier = score == null ? null : score.valueTier();
        CallerPolicy.Recommendation recommendation = PolicyRollouts.apply(policy.recommend(new CallerPolicy.Input(
                tier, score == null ? null : score.churnRisk(), state.contacts(), cx.score())), tier, rollouts);
        return new CallerCard(true, state.customerId(), state.asOf(), CallerCard.Score.of(score),
                CallerCard.Cx.of(cx.score(), cx.modelVersion()), CallerCard.Contacts.of(state.contacts()),
                recommendation, experiments);
    }
}
