package io.cxvalue.scoring.model.clv;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The analysts' fit: from transaction logs to a {@link ClvModel}.
 *
 * <p>Each customer's log is summarised at {@code calibrationEnd} with {@link RfmSummaryBuilder} (so its rules for
 * same-day purchases, refunds and cancellations apply); customers without a purchase on or before the calibration end
 * are left out. BG/NBD is fitted on all summarised customers, Gamma-Gamma on those with x &gt; 0 and a positive mean
 * repeat value. With a holdout end, each summarised customer's transactions in (calibrationEnd, holdoutEnd] are
 * counted and compared with the model's conditional expectations ({@link HoldoutValidation}).
 */
public final class ClvModelFitter {

    private ClvModelFitter() {
    }

    /**
     * @param logs           transaction log per customer (any key)
     * @param calibrationEnd last day of the calibration period (inclusive)
     * @param unit           DAYS or WEEKS
     * @param holdoutEnd     last day of the holdout period (inclusive, after calibrationEnd), or null for none
     */
    public static <K> ClvModel fit(Map<K, ? extends Collection<Transaction>> logs, LocalDate calibrationEnd,
            TimeUnit unit, LocalDate holdoutEnd) {
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        Objects.requireNonNull(unit, "unit");
        if (holdoutEnd != null && !holdoutEnd.isAfter(calibrationEnd)) {
            throw new IllegalArgumentException("holdoutEnd must be after calibrationEnd");
        }
        List<CustomerSummary> summaries = new ArrayList<>(logs.size());
        List<Integer> holdoutCounts = new ArrayList<>();
        for (Collection<Transaction> log : logs.values()) {
            Optional<CustomerSummary> s = RfmSummaryBuilder.summarize(log, calibrationEnd, unit);
            if (s.isEmpty()) {
                continue;
            }
            summaries.add(s.get());
            if (holdoutEnd != null) {
                holdoutCounts.add(RfmSummaryBuilder.holdoutTransactions(log, calibrationEnd, holdoutEnd));
            }
        }
        if (summaries.isEmpty()) {
            throw new IllegalArgumentException("no customer has a purchase on or before " + calibrationEnd);
        }
        int[] actual = holdoutEnd == null ? null : holdoutCounts.stream().mapToInt(Integer::intValue).toArray();
        return fitSummaries(summaries, calibrationEnd, unit, holdoutEnd, actual);
    }

    /**
     * The same fit from summaries already built with {@link RfmSummaryBuilder} (e.g. kept up to date by the scoring
     * service).
     *
     * @param summaries       calibration summaries at {@code calibrationEnd} in {@code unit}
     * @param holdoutEnd      last day of the holdout period, or null
     * @param holdoutActual   with a holdout end: each customer's transactions in (calibrationEnd, holdoutEnd], in
     *                        the order of {@code summaries} ({@link RfmSummaryBuilder#holdoutTransactions}); else null
     */
    public static ClvModel fitSummaries(List<CustomerSummary> summaries, LocalDate calibrationEnd, TimeUnit unit,
            LocalDate holdoutEnd, int[] holdoutActual) {
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        Objects.requireNonNull(unit, "unit");
        if ((holdoutEnd == null) != (holdoutActual == null)) {
            throw new IllegalArgumentException("holdoutEnd and holdoutActual go together");
        }
        if (holdoutEnd != null && !holdoutEnd.isAfter(calibrationEnd)) {
            throw new IllegalArgumentException("holdoutEnd must be after calibrationEnd");
        }
        BgNbdFitter.Fit bg = BgNbdFitter.fit(summaries);
        GammaGammaFitter.Fit gg = GammaGammaFitter.fit(summaries);
        HoldoutReport holdout = null;
        if (holdoutEnd != null) {
            double length = unit.fromDays(ChronoUnit.DAYS.between(calibrationEnd, holdoutEnd));
            holdout = HoldoutValidation.evaluate(bg.model(), summaries, holdoutActual, length);
        }
        return new ClvModel(ClvModel.versionOf(calibrationEnd, unit, bg.model(), gg.model()), ClvModel.FORMAT_VERSION,
                calibrationEnd, unit, bg.model(), bg.result(), gg.model(), gg.result(), summaries.size(), holdoutEnd,
                holdout);
    }
}
