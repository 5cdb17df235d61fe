package io.cxvalue.scoring;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The thresholds of the caller card's recommendation policy ({@link CallerPolicy}).
 *
 * @param highValueTiers         value tiers that count as high value
 * @param lowValueTiers          value tiers that count as low value
 * @param takeTimeChurnRisks     churn-risk bands (LOW, MEDIUM, HIGH) that warrant TAKE_TIME
 * @param negativeSentimentBelow a last sentiment (-1..1) below this avoids cross-selling
 * @param cxAvoidBelow           a CX score (probability satisfied, 0..1) below this avoids cross-selling
 * @param repeatWindowDays       the repeat window of the contact history, in days (for the reason text)
 * @param crossSellEvidence      what the negative-sentiment rule rests on, cited in the card's reason (for example
 *                               reporting's cross-sell analysis, as the analyst applied it); null when none
 */
public record PolicySettings(Set<String> highValueTiers, Set<String> lowValueTiers, Set<String> takeTimeChurnRisks,
        double negativeSentimentBelow, double cxAvoidBelow, long repeatWindowDays, String crossSellEvidence) {

    /** The longest evidence sentence a policy keeps. */
    public static final int MAX_EVIDENCE = 500;

    public PolicySettings {
        highValueTiers = Set.copyOf(Objects.requireNonNull(highValueTiers, "highValueTiers"));
        lowValueTiers = Set.copyOf(Objects.requireNonNull(lowValueTiers, "lowValueTiers"));
        takeTimeChurnRisks = Set.copyOf(Objects.requireNonNull(takeTimeChurnRisks, "takeTimeChurnRisks"));
        if (negativeSentimentBelow < -1 || negativeSentimentBelow > 1) {
            throw new IllegalArgumentException("negativeSentimentBelow must be in -1..1: " + negativeSentimentBelow);
        }
        if (cxAvoidBelow < 0 || cxAvoidBelow > 1) {
            throw new IllegalArgumentException("cxAvoidBelow must be in 0..1: " + cxAvoidBelow);
        }
        if (crossSellEvidence != null && (crossSellEvidence.isBlank() || crossSellEvidence.length() > MAX_EVIDENCE)) {
            throw new IllegalArgumentException("crossSellEvidence must be 1 to " + MAX_EVIDENCE + " characters");
        }
        if (repeatWindowDays < 1) {
            throw new IllegalArgumentException("repeatWindowDays must be positive: " + repeatWindowDays);
        }
    }

    /** The defaults (as the configuration's). */
    public static final PolicySettings DEFAULT = new PolicySettings(Set.of("HIGH", "TOP"), Set.of("LOW"),
            Set.of("HIGH"), -0.3, 0.5, 7, null);

    public static PolicySettings of(List<String> highValueTiers, List<String> lowValueTiers,
            List<String> takeTimeChurnRisks, double negativeSentimentBelow, double cxAvoidBelow,
            long repeatWindowDays, String crossSellEvidence) {
        return new PolicySettings(Set.copyOf(highValueTiers), Set.copyOf(lowValueTiers),
                Set.copyOf(takeTimeChurnRisks), negativeSentimentBelow, cxAvoidBelow, repeatWindowDays,
                crossSellEvidence);
    }
}
