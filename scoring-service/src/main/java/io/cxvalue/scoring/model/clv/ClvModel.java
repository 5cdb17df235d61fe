package io.cxvalue.scoring.model.clv;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A fitted, versioned lifetime-value model: BG/NBD and Gamma-Gamma parameters with their fit diagnostics, the
 * calibration period and time unit they refer to, and optionally a holdout validation.
 *
 * @param version        identifies this fit: {@code clv-v<format>-<calibration end>-<unit>-<hash>}, the hash over the
 *                       parameters, so equal fits get equal versions and any refit with different data gets a new one
 * @param formatVersion  {@link #FORMAT_VERSION}: bumped when the meaning of the parameters or rules changes
 * @param calibrationEnd last day of the calibration period (inclusive)
 * @param unit           time unit of t_x, T, alpha and horizons
 * @param bgNbd          the transaction model
 * @param bgNbdFit       its fit
 * @param gammaGamma     the spend model
 * @param gammaGammaFit  its fit (on the customers with x &gt; 0 and positive zbar)
 * @param customerCount  customers with a purchase in the calibration period
 * @param holdoutEnd     last day of the holdout period, or null
 * @param holdout        predicted vs actual holdout transactions, or null without a holdout end
 */
public record ClvModel(String version, int formatVersion, LocalDate calibrationEnd, TimeUnit unit, BgNbdModel bgNbd,
        FitResult bgNbdFit, GammaGammaModel gammaGamma, FitResult gammaGammaFit, long customerCount,
        LocalDate holdoutEnd, HoldoutReport holdout) {

    public static final int FORMAT_VERSION = 1;

    public ClvModel {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(bgNbd, "bgNbd");
        Objects.requireNonNull(gammaGamma, "gammaGamma");
    }

    static String versionOf(LocalDate calibrationEnd, TimeUnit unit, BgNbdModel bg, GammaGammaModel gg) {
        long h = 1125899906842597L;
        for (double v : new double[] {bg.r(), bg.alpha(), bg.a(), bg.b(), gg.p(), gg.q(), gg.gamma()}) {
            h = 31 * h + Double.doubleToLongBits(v);
            h ^= h >>> 29;
        }
        return String.format(Locale.ROOT, "clv-v%d-%s-%s-%016x", FORMAT_VERSION, calibrationEnd,
                unit.name().toLowerCase(Locale.ROOT), h);
    }

    /** CLV calculator over {@code horizon} units with monthly discounting at {@code annualDiscountRate}. */
    public Clv clv(double horizon, double annualDiscountRate) {
        return Clv.monthly(bgNbd, gammaGamma, unit, horizon, annualDiscountRate);
    }
}
