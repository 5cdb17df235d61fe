package io.cxvalue.scoring;

import io.cxvalue.scoring.model.cx.CxScore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The caller card's recommendation: how to handle the call and whether to cross-sell, each with its reasons in
 * words. Plain Java; the thresholds come from {@link PolicySettings}.
 *
 * <h2>Handling</h2>
 * TAKE_TIME when any of these holds (every one that holds is a reason):
 * <ul>
 *   <li>the customer is a repeat caller: "repeat contact about &lt;reason&gt; within N days", prefixed with
 *       "high value, " for a high-value tier;</li>
 *   <li>a high-value customer has an open issue: "high value, open issue about &lt;reason&gt;";</li>
 *   <li>the churn-risk band is one of {@code takeTimeChurnRisks}: "churn risk &lt;band&gt;".</li>
 * </ul>
 * Otherwise EFFICIENT when the tier is a low-value one and there is no open issue: "low value (tier &lt;tier&gt;),
 * no open issue". Otherwise STANDARD: "no special handling applies". An unscored customer is never EFFICIENT.
 *
 * <h2>Cross-sell</h2>
 * AVOID when any of these holds (every one that holds is a reason):
 * <ul>
 *   <li>the last sentiment is below {@code negativeSentimentBelow}: "negative sentiment in the last contact: sales
 *       made now are often cancelled", followed by the policy's {@code crossSellEvidence} when it has one;</li>
 *   <li>an open issue: "open issue about &lt;reason&gt;: resolve it before selling";</li>
 *   <li>a repeat caller: "repeat contact about &lt;reason&gt;: not the moment to sell";</li>
 *   <li>a CX score below {@code cxAvoidBelow}: "low CX score (&lt;score&gt;, &lt;source&gt;)";</li>
 *   <li>no value score yet: "not scored yet: no value estimate".</li>
 * </ul>
 * Otherwise OFFER: "no open issue or negative signal", with "high value (tier &lt;tier&gt;)" first for a high-value
 * tier. An unknown caller gets STANDARD / AVOID with the reason "unknown caller: no history".
 */
public final class CallerPolicy {

    /** How to handle the call. */
    public enum Handling { TAKE_TIME, STANDARD, EFFICIENT }

    /** Whether to offer more. */
    public enum CrossSell { OFFER, AVOID }

    /** The recommendation with its reasons. */
    public record Recommendation(Handling handling, List<String> handlingReasons, CrossSell crossSell,
            List<String> crossSellReasons) {

        public Recommendation {
            handlingReasons = List.copyOf(handlingReasons);
            crossSellReasons = List.copyOf(crossSellReasons);
        }
    }

    /** What the policy looks at; the score fields are null when the customer has not been scored. */
    public record Input(String valueTier, String churnRisk, ContactHistory contacts, CxScore cx) {

        public Input {
            Objects.requireNonNull(contacts, "contacts");
            Objects.requireNonNull(cx, "cx");
        }
    }

    public static final String UNKNOWN_CALLER = "unknown caller: no history";
    public static final String NEGATIVE_SENTIMENT =
            "negative sentiment in the last contact: sales made now are often cancelled";

    /** The recommendation for a caller scoring knows nothing of. */
    public static final Recommendation UNKNOWN = new Recommendation(Handling.STANDARD, List.of(UNKNOWN_CALLER),
            CrossSell.AVOID, List.of(UNKNOWN_CALLER));

    private final PolicySettings settings;

    public CallerPolicy(PolicySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Recommendation recommend(Input in) {
        ContactHistory c = in.contacts();
        boolean highValue = in.valueTier() != null && settings.highValueTiers().contains(in.valueTier());
        boolean lowValue = in.valueTier() != null && settings.lowValueTiers().contains(in.valueTier());
        String openReason = reason(c.openIssueReason());
        String repeatReason = reason(c.repeatReason());

        List<String> handling = new ArrayList<>();
        if (c.repeatCaller()) {
            handling.add((highValue ? "high value, " : "") + "repeat contact about " + repeatReason + " within "
                    + settings.repeatWindowDays() + " days");
        }
        if (highValue && c.openIssue()) {
            handling.add("high value, open issue about " + openReason);
        }
        if (in.churnRisk() != null && settings.takeTimeChurnRisks().contains(in.churnRisk())) {
            handling.add("churn risk " + in.churnRisk());
        }
        Handling h;
        if (!handling.isEmpty()) {
            h = Handling.TAKE_TIME;
        } else if (lowValue && !c.openIssue()) {
            h = Handling.EFFICIENT;
            handling.add("low value (tier " + in.valueTier() + "), no open issue");
        } else {
            h = Handling.STANDARD;
            handling.add("no special handling applies");
        }

        List<String> avoid = new ArrayList<>();
        if (c.lastSentiment() != null && c.lastSentiment() < settings.negativeSentimentBelow()) {
            avoid.add(settings.crossSellEvidence() == null ? NEGATIVE_SENTIMENT
                    : NEGATIVE_SENTIMENT + " (" + settings.crossSellEvidence() + ")");
        }
        if (c.openIssue()) {
            avoid.add("open issue about " + openReason + ": resolve it before selling");
        }
        if (c.repeatCaller()) {
            avoid.add("repeat contact about " + repeatReason + ": not the moment to sell");
        }
        Double satisfaction = in.cx().satisfaction();
        if (satisfaction != null && satisfaction < settings.cxAvoidBelow()) {
            avoid.add(String.format(Locale.ROOT, "low CX score (%.2f, %s)", satisfaction,
                    in.cx().source().name().toLowerCase(Locale.ROOT)));
        }
        if (in.valueTier() == null) {
            avoid.add("not scored yet: no value estimate");
        }
        if (!avoid.isEmpty()) {
            return new Recommendation(h, handling, CrossSell.AVOID, avoid);
        }
        List<String> offer = new ArrayList<>();
        if (highValue) {
            offer.add("high value (tier " + in.valueTier() + ")");
        }
        offer.add("no open issue or negative signal");
        return new Recommendation(h, handling, CrossSell.OFFER, offer);
    }

    private static String reason(String reason) {
        return reason == null ? "an unrecorded reason" : reason;
    }
}
