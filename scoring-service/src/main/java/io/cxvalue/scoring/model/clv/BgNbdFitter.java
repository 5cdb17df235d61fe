package io.cxvalue.scoring.model.clv;

import java.util.Collection;

/** Maximum-likelihood estimation of {@link BgNbdModel} over compressed frequency/recency data. */
public final class BgNbdFitter {

    private BgNbdFitter() {
    }

    /** A fitted model and how the fit went. */
    public record Fit(BgNbdModel model, FitResult result) {
    }

    public static Fit fit(Collection<CustomerSummary> summaries) {
        return fit(RfmData.compress(summaries));
    }

    /**
     * Fits from r = 1, alpha = mean T / 4 (hence in the data's time unit), a = 1.5, b = 3, all on a log scale. With
     * more than {@value Subsampling#WARM_START_ROWS} distinct rows, a seeded random subsample of
     * {@value Subsampling#SUBSAMPLE_CUSTOMERS} customers is fitted first and its estimate starts the full fit (see
     * {@link MaximumLikelihood}); the result is the full-data maximum either way.
     */
    public static Fit fit(RfmData data) {
        double[] start = {1.0, Math.max(data.meanT() / 4, 1e-3), 1.5, 3.0};
        double fraction = Subsampling.fraction(data.distinctRows(), data.customerCount());
        RfmData sample = fraction > 0 ? data.subsample(fraction, Subsampling.SEED) : null;
        MaximumLikelihood.Result r = MaximumLikelihood.maximise(
                p -> BgNbdModel.logLikelihood(data, p[0], p[1], p[2], p[3]),
                sample == null ? null : p -> BgNbdModel.logLikelihood(sample, p[0], p[1], p[2], p[3]), start,
                data.customerCount(), data.distinctRows());
        double[] p = r.parameters();
        return new Fit(new BgNbdModel(p[0], p[1], p[2], p[3]), r.fit());
    }
}
