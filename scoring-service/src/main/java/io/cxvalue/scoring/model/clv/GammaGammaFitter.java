package io.cxvalue.scoring.model.clv;

import java.util.Collection;

/** Maximum-likelihood estimation of {@link GammaGammaModel} over compressed (x, zbar) data. */
public final class GammaGammaFitter {

    private GammaGammaFitter() {
    }

    /** A fitted model and how the fit went. */
    public record Fit(GammaGammaModel model, FitResult result) {
    }

    /** Fits on the summaries with x &gt; 0 and zbar &gt; 0 (see {@link SpendData}). */
    public static Fit fit(Collection<CustomerSummary> summaries) {
        return fit(SpendData.compress(summaries));
    }

    /**
     * Fits from p = 2, q = 3, gamma = mean zbar (so that E[Z] = p gamma / (q - 1) starts at mean zbar); large data
     * are warm-started from a subsample as in {@link BgNbdFitter#fit(RfmData)}.
     */
    public static Fit fit(SpendData data) {
        double[] start = {2.0, 3.0, Math.max(data.meanZbar(), 1e-6)};
        double fraction = Subsampling.fraction(data.distinctRows(), data.customerCount());
        SpendData sample = fraction > 0 ? data.subsample(fraction, Subsampling.SEED) : null;
        MaximumLikelihood.Result r = MaximumLikelihood.maximise(
                p -> GammaGammaModel.logLikelihood(data, p[0], p[1], p[2]),
                sample == null ? null : p -> GammaGammaModel.logLikelihood(sample, p[0], p[1], p[2]), start,
                data.customerCount(), data.distinctRows());
        double[] p = r.parameters();
        return new Fit(new GammaGammaModel(p[0], p[1], p[2]), r.fit());
    }
}
