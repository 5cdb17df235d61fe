package io.cxvalue.scoring.model.clv;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Churn risk from BG/NBD's P(alive): risk = 1 - P(alive | x, t_x, T), banded at configurable upper bounds.
 *
 * <p>Bounds u_1 &lt; ... &lt; u_n in (0, 1) give n + 1 bands: band 0 for risk &lt; u_1, band i for
 * u_i &le; risk &lt; u_{i+1}, band n for risk &ge; u_n. Note that BG/NBD puts P(alive) = 1 for customers without
 * repeat purchases (drop-out can only follow a purchase), so they are always in band 0; whether that is wanted for
 * one-time buyers is a business choice the caller can make on x.
 */
public final class ChurnRisk {

    private final double[] bounds;
    private final List<String> names;

    /**
     * @param bounds band bounds on risk, strictly increasing in (0, 1)
     * @param names  n + 1 band names from lowest to highest risk
     */
    public ChurnRisk(double[] bounds, List<String> names) {
        double[] b = bounds.clone();
        for (int i = 0; i < b.length; i++) {
            if (!(b[i] > 0 && b[i] < 1) || (i > 0 && !(b[i] > b[i - 1]))) {
                throw new IllegalArgumentException("bounds must be strictly increasing in (0, 1): "
                        + Arrays.toString(b));
            }
        }
        Objects.requireNonNull(names, "names");
        if (names.size() != b.length + 1) {
            throw new IllegalArgumentException("need " + (b.length + 1) + " band names, got " + names.size());
        }
        this.bounds = b;
        this.names = List.copyOf(names);
    }

    /** LOW below 0.3, MEDIUM below 0.7, HIGH from 0.7. */
    public static ChurnRisk defaults() {
        return new ChurnRisk(new double[] {0.3, 0.7}, List.of("LOW", "MEDIUM", "HIGH"));
    }

    /** 1 - P(alive). */
    public static double risk(BgNbdModel model, CustomerSummary s) {
        return 1.0 - model.probabilityAlive(s);
    }

    public int band(double risk) {
        if (!(risk >= 0 && risk <= 1)) {
            throw new IllegalArgumentException("risk must be in [0, 1]: " + risk);
        }
        int band = 0;
        while (band < bounds.length && risk >= bounds[band]) {
            band++;
        }
        return band;
    }

    public String bandName(double risk) {
        return names.get(band(risk));
    }

    public String bandName(BgNbdModel model, CustomerSummary s) {
        return bandName(risk(model, s));
    }
}
