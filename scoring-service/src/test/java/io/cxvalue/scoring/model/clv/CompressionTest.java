package io.cxvalue.scoring.model.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Compressing identical rows changes the cost of the fit, not its result. */
class CompressionTest {

    @Test
    void compressedAndUncompressedCdnowGiveTheSameLikelihoodAndEstimates() {
        List<CustomerSummary> s = Cdnow.summaryFile().stream().map(Cdnow.Row::summary).toList();
        int n = s.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        double sum = 0;
        BgNbdModel published = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        for (int i = 0; i < n; i++) {
            x[i] = s.get(i).x();
            tx[i] = s.get(i).tx();
            T[i] = s.get(i).T();
            sum += published.logLikelihood(x[i], tx[i], T[i]);
        }
        RfmData compressed = RfmData.compress(x, tx, T);
        RfmData uncompressed = RfmData.uncompressed(x, tx, T);
        assertEquals(n, compressed.customerCount());
        assertEquals(n, uncompressed.distinctRows());
        assertTrue(compressed.distinctRows() < n / 2, "CDNOW compresses: " + compressed.distinctRows());
        assertEquals(sum, published.logLikelihood(compressed), 1e-9 * Math.abs(sum));
        assertEquals(sum, published.logLikelihood(uncompressed), 1e-9 * Math.abs(sum));

        BgNbdFitter.Fit a = BgNbdFitter.fit(compressed);
        BgNbdFitter.Fit b = BgNbdFitter.fit(uncompressed);
        assertEquals(a.result().logLikelihood(), b.result().logLikelihood(), 1e-8);
        assertEquals(a.model().r(), b.model().r(), 1e-6 * a.model().r());
        assertEquals(a.model().alpha(), b.model().alpha(), 1e-6 * a.model().alpha());
        assertEquals(a.model().a(), b.model().a(), 1e-6 * a.model().a());
        assertEquals(a.model().b(), b.model().b(), 1e-6 * a.model().b());
    }

    @Test
    void gammaGammaCompressionIsExact() {
        int[] x = {1, 2, 2, 1, 3, 2, 0};
        double[] z = {10, 20, 20, 10, 5, 20, 0};
        SpendData d = SpendData.compress(x, z);
        assertEquals(6, d.customerCount());
        assertEquals(1, d.skipped());
        assertEquals(3, d.distinctRows());
        GammaGammaModel m = new GammaGammaModel(6.25, 3.74, 15.44);
        double sum = 0;
        for (int i = 0; i < x.length - 1; i++) {
            sum += m.logLikelihood(x[i], z[i]);
        }
        assertEquals(sum, m.logLikelihood(d), 1e-12 * Math.abs(sum));
    }
}
