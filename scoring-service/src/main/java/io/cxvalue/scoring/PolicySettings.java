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
 */
public record PolicySettings(Set<String> highValueTiers, Set<String> lowValueTiers, Set<String> takeTimeChurnRisks,
        double negativeSentimentBelow, double cxAvoidBelow, long repeatWindowDays) {

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
        if (repeatWindowDays < 1) {
            throw new IllegalArgumentException("repeatWindowDays must be positive: " + repeatWindowDays);
        }
    }

    /** The defaults (as the configuration's). */
    public static final PolicySettings DEFAULT = new PolicySettings(Set.of("HIGH", "TOP"), Set.of("LOW"),
            Set.of("HIGH"), -0.3, 0.5, 7);

    public static PolicySettings of(List<String> highValueTiers, List<String> lowValueTiers,
            List<String> takeTimeChurnRisks, double negativeSentimentBelow, double cxAvoidBelow,
            long repeatWindowDays) {
        return new PolicySettings(Set.copyOf(highValueTiers), Set.copyOf(lowValueTiers),
                Set.copyOf(takeTimeChurnRisks), negativeSentimentBelow, cxAvoidBelow, repeatWindowDays);
    }
}
