package io.cxvalue.scoring.model.cx;

import java.util.Locale;

/**
 * Turns a CSAT answer (1..5) into the binary outcome the model predicts: satisfied when CSAT &ge; {@code threshold}.
 *
 * <p>The default threshold 4 is the usual "top-two-box" reading of a five-point CSAT scale (4 "satisfied", 5 "very
 * satisfied"); a 3 is neutral and counts as not satisfied. The threshold is a parameter so an analyst can ask for
 * "very satisfied" (5) instead; it is written into the model report so a score is never read with another definition.
 *
 * @param threshold lowest CSAT that counts as satisfied, 2..5 (1 would make every answer satisfied)
 */
public record SatisfactionLabel(int threshold) {

    /** Lowest CSAT value. */
    public static final int CSAT_MIN = 1;
    /** Highest CSAT value. */
    public static final int CSAT_MAX = 5;
    /** Satisfied = CSAT &ge; 4. */
    public static final SatisfactionLabel DEFAULT = new SatisfactionLabel(4);

    public SatisfactionLabel {
        if (threshold <= CSAT_MIN || threshold > CSAT_MAX) {
            throw new IllegalArgumentException("CSAT threshold must be in " + (CSAT_MIN + 1) + ".." + CSAT_MAX
                    + ", was " + threshold);
        }
    }

    /** Whether {@code csat} (1..5) counts as satisfied. */
    public boolean satisfied(int csat) {
        checkCsat(csat);
        return csat >= threshold;
    }

    /** The definition in words, for reports. */
    public String describe() {
        return String.format(Locale.ROOT, "satisfied = CSAT >= %d on the %d..%d scale", threshold, CSAT_MIN, CSAT_MAX);
    }

    static int checkCsat(int csat) {
        if (csat < CSAT_MIN || csat > CSAT_MAX) {
            throw new IllegalArgumentException("CSAT must be in " + CSAT_MIN + ".." + CSAT_MAX + ", was " + csat);
        }
        return csat;
    }
}
