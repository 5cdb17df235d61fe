package io.cxvalue.scoring;

import io.cxvalue.scoring.CallerPolicy.CrossSell;
import io.cxvalue.scoring.CallerPolicy.Handling;
import io.cxvalue.scoring.CallerPolicy.Input;
import io.cxvalue.scoring.CallerPolicy.Recommendation;
import io.cxvalue.scoring.model.cx.CsatResponse;
import io.cxvalue.scoring.model.cx.CxScore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallerPolicyTest {

    private static final Instant T = Instant.parse("2026-03-31T12:00:00Z");
    private static final CxScore NO_CX = CxScore.of(null, null);
    private static final CallerPolicy POLICY = new CallerPolicy(PolicySettings.DEFAULT);

    private record That(Object actual) {
        void isEqualTo(Object expected) {
            assertEquals(expected, actual);
        }

        void containsExactly(String... expected) {
            assertEquals(List.of(expected), actual);
        }
    }

    private static That that(Object actual) {
        return new That(actual);
    }

    private static ContactHistory history(boolean open, String openReason, boolean repeat, String repeatReason,
            Double sentiment) {
        return new ContactHistory(2, 3, null, open, openReason, repeat, repeatReason, sentiment,
                sentiment == null ? null : T);
    }

    private static final ContactHistory QUIET = history(false, null, false, null, 0.5);

    @Test
    void highValueRepeatCallerTakesTimeNamingTheReasonAndWindow() {
        Recommendation r = POLICY.recommend(new Input("TOP", "LOW", history(false, null, true, "billing", 0.1),
                NO_CX));
        that(r.handling()).isEqualTo(Handling.TAKE_TIME);
        that(r.handlingReasons()).containsExactly("high value, repeat contact about billing within 7 days");
        that(r.crossSell()).isEqualTo(CrossSell.AVOID);
        that(r.crossSellReasons()).containsExactly("repeat contact about billing: not the moment to sell");
    }

    @Test
    void repeatCallerOfOrdinaryValueTakesTimeWithoutTheHighValuePrefix() {
        Recommendation r = POLICY.recommend(new Input("MEDIUM", "LOW", history(false, null, true, "refund", null),
                NO_CX));
        that(r.handling()).isEqualTo(Handling.TAKE_TIME);
        that(r.handlingReasons()).containsExactly("repeat contact about refund within 7 days");
    }

    @Test
    void theRepeatWindowInTheReasonComesFromTheSettings() {
        CallerPolicy policy = new CallerPolicy(new PolicySettings(Set.of("TOP"), Set.of("LOW"), Set.of("HIGH"),
                -0.3, 0.5, 3, null));
        Recommendation r = policy.recommend(new Input("TOP", "LOW", history(false, null, true, "billing", null),
                NO_CX));
        that(r.handlingReasons()).containsExactly("high value, repeat contact about billing within 3 days");
    }

    @Test
    void highValueOpenIssueTakesTimeAndAvoidsSelling() {
        Recommendation r = POLICY.recommend(new Input("HIGH", "LOW", history(true, "delivery", false, null, null),
                NO_CX));
        that(r.handling()).isEqualTo(Handling.TAKE_TIME);
        that(r.handlingReasons()).containsExactly("high value, open issue about delivery");
        that(r.crossSell()).isEqualTo(CrossSell.AVOID);
        that(r.crossSellReasons()).containsExactly("open issue about delivery: resolve it before selling");
    }

    @Test
    void anUnrecordedOpenIssueReasonIsSaidSo() {
        Recommendation r = POLICY.recommend(new Input("HIGH", "LOW", history(true, null, false, null, null), NO_CX));
        that(r.handlingReasons()).containsExactly("high value, open issue about an unrecorded reason");
    }

    @Test
    void aConfiguredChurnRiskBandTakesTime() {
        Recommendation r = POLICY.recommend(new Input("MEDIUM", "HIGH", QUIET, NO_CX));
        that(r.handling()).isEqualTo(Handling.TAKE_TIME);
        that(r.handlingReasons()).containsExactly("churn risk HIGH");
        // Nothing against selling.
        that(r.crossSell()).isEqualTo(CrossSell.OFFER);
    }

    @Test
    void everyTakeTimeReasonThatHoldsIsListed() {
        Recommendation r = POLICY.recommend(new Input("TOP", "HIGH", history(true, "billing", true, "billing", null),
                NO_CX));
        that(r.handlingReasons()).containsExactly("high value, repeat contact about billing within 7 days",
                "high value, open issue about billing", "churn risk HIGH");
    }

    @Test
    void lowValueWithoutAnOpenIssueIsEfficient() {
        Recommendation r = POLICY.recommend(new Input("LOW", "MEDIUM", QUIET, NO_CX));
        that(r.handling()).isEqualTo(Handling.EFFICIENT);
        that(r.handlingReasons()).containsExactly("low value (tier LOW), no open issue");
        that(r.crossSell()).isEqualTo(CrossSell.OFFER);
        that(r.crossSellReasons()).containsExactly("no open issue or negative signal");
    }

    @Test
    void lowValueWithAnOpenIssueIsStandard() {
        Recommendation r = POLICY.recommend(new Input("LOW", "LOW", history(true, "billing", false, null, null),
                NO_CX));
        that(r.handling()).isEqualTo(Handling.STANDARD);
        that(r.handlingReasons()).containsExactly("no special handling applies");
    }

    @Test
    void highValueWithNothingAgainstItIsStandardAndOffered() {
        Recommendation r = POLICY.recommend(new Input("TOP", "LOW", QUIET, NO_CX));
        that(r.handling()).isEqualTo(Handling.STANDARD);
        that(r.crossSell()).isEqualTo(CrossSell.OFFER);
        that(r.crossSellReasons()).containsExactly("high value (tier TOP)", "no open issue or negative signal");
    }

    @Test
    void negativeSentimentAvoidsCrossSelling() {
        Recommendation r = POLICY.recommend(new Input("TOP", "LOW", history(false, null, false, null, -0.31),
                NO_CX));
        that(r.crossSell()).isEqualTo(CrossSell.AVOID);
        that(r.crossSellReasons()).containsExactly(
                "negative sentiment in the last contact: sales made now are often cancelled");
    }

    @Test
    void sentimentAtTheThresholdIsNotNegative() {
        Recommendation r = POLICY.recommend(new Input("TOP", "LOW", history(false, null, false, null, -0.3),
                NO_CX));
        that(r.crossSell()).isEqualTo(CrossSell.OFFER);
    }

    @Test
    void aLowCxScoreAvoidsCrossSelling() {
        CxScore unhappy = CxScore.of(new CsatResponse(2, T), null);
        Recommendation r = POLICY.recommend(new Input("MEDIUM", "LOW", QUIET, unhappy));
        that(r.crossSell()).isEqualTo(CrossSell.AVOID);
        that(r.crossSellReasons()).containsExactly("low CX score (0.00, real)");

        CxScore happy = CxScore.of(new CsatResponse(5, T), null);
        that(POLICY.recommend(new Input("MEDIUM", "LOW", QUIET, happy)).crossSell()).isEqualTo(CrossSell.OFFER);
    }

    @Test
    void anUnscoredCustomerIsStandardAndNotSoldTo() {
        Recommendation r = POLICY.recommend(new Input(null, null, QUIET, NO_CX));
        that(r.handling()).isEqualTo(Handling.STANDARD);
        that(r.crossSell()).isEqualTo(CrossSell.AVOID);
        that(r.crossSellReasons()).containsExactly("not scored yet: no value estimate");
    }

    @Test
    void theUnknownCallerRecommendation() {
        that(CallerPolicy.UNKNOWN.handling()).isEqualTo(Handling.STANDARD);
        that(CallerPolicy.UNKNOWN.crossSell()).isEqualTo(CrossSell.AVOID);
        that(CallerPolicy.UNKNOWN.crossSellReasons()).isEqualTo(List.of("unknown caller: no history"));
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class,
                () -> new PolicySettings(Set.of(), Set.of(), Set.of(), -2, 0.5, 7, null));
        assertThrows(IllegalArgumentException.class,
                () -> new PolicySettings(Set.of(), Set.of(), Set.of(), -0.3, 1.5, 7, null));
        assertThrows(IllegalArgumentException.class,
                () -> new PolicySettings(Set.of(), Set.of(), Set.of(), -0.3, 0.5, 0, null));
        assertThrows(IllegalArgumentException.class,
                () -> new PolicySettings(Set.of(), Set.of(), Set.of(), -0.3, 0.5, 7, " "));
    }

    @Test
    void theNegativeSentimentReasonCitesTheEvidenceTheAnalystApplied() {
        String evidence = "sales made in contacts with sentiment below -0.4 are cancelled 3.1 times as often as "
                + "those made in contacts with positive sentiment (95 % CI 2.4 to 4.0)";
        CallerPolicy policy = new CallerPolicy(new PolicySettings(Set.of("TOP"), Set.of("LOW"), Set.of("HIGH"),
                -0.4, 0.5, 7, evidence));
        ContactHistory angry = history(false, null, false, null, -0.6);
        Recommendation r = policy.recommend(new Input("MID", "LOW", angry, NO_CX));
        that(r.crossSell()).isEqualTo(CrossSell.AVOID);
        that(r.crossSellReasons()).containsExactly(CallerPolicy.NEGATIVE_SENTIMENT + " (" + evidence + ")");
        // Above the threshold the rule does not apply, evidence or not.
        that(policy.recommend(new Input("MID", "LOW", history(false, null, false, null, -0.35), NO_CX)).crossSell())
                .isEqualTo(CrossSell.OFFER);
    }
}
