package io.cxvalue.scoring.model.clv;

import java.util.Locale;

/**
 * Fit time of BG/NBD and Gamma-Gamma for a large simulated customer base (not a test: Surefire does not run it).
 *
 * <p>Simulates calendar data as a store records it (whole days, same-day purchases merged, amounts in cents; see
 * {@link Simulator}) for 1,000,000 customers acquired over a year and observed 182-546 days, with r = 0.25,
 * alpha = 28 days, a = 0.8, b = 2.5, p = 6, q = 4, gamma = 15, then times compression and fit of each model.
 * Run from the repository root (the exec plugin is not available from this project's registry, so plain java with
 * the module's test class path; the optional argument is the number of customers):
 * <pre>
 * ./mvnw -q -f scoring-service/pom.xml test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/clv-bench.classpath
 * java -cp scoring-service/target/test-classes:scoring-service/target/classes:$(cat scoring-service/target/clv-bench.classpath) \
 *     io.cxvalue.scoring.model.clv.FitBenchmark [1000000]
 * </pre>
 * The simulated data are discretised to days, which the model does not describe exactly, so the fitted values differ
 * a little from the truth (alpha about 5 % high); the benchmark measures time, accuracy is tested in
 * {@code SimulationRecoveryTest}.
 */
public final class FitBenchmark {

    private FitBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        BgNbdModel bgTruth = new BgNbdModel(0.25, 28.0, 0.8, 2.5);
        GammaGammaModel ggTruth = new GammaGammaModel(6.0, 4.0, 15.0);

        long t0 = System.nanoTime();
        Simulator.Population pop = Simulator.simulate(n, bgTruth, ggTruth, 182, 546, false, 42L);
        long t1 = System.nanoTime();

        RfmData rfm = RfmData.compress(pop.x(), pop.tx(), pop.T());
        long t2 = System.nanoTime();
        BgNbdFitter.Fit bg = BgNbdFitter.fit(rfm);
        long t3 = System.nanoTime();

        SpendData spend = SpendData.compress(pop.x(), pop.zbar());
        long t4 = System.nanoTime();
        GammaGammaFitter.Fit gg = GammaGammaFitter.fit(spend);
        long t5 = System.nanoTime();

        System.out.printf(Locale.ROOT, "customers: %,d (simulated in %.1f s, not counted)%n", n, (t1 - t0) / 1e9);
        System.out.printf(Locale.ROOT, "BG/NBD: compress %.2f s -> %,d distinct (x, t_x, T) rows; fit %.2f s "
                + "(%d evaluations, converged %s); total %.2f s%n", (t2 - t1) / 1e9, rfm.distinctRows(),
                (t3 - t2) / 1e9, bg.result().evaluations(), bg.result().converged(), (t3 - t1) / 1e9);
        System.out.printf(Locale.ROOT, "  truth %s%n  fitted %s, LL %.1f%n", bgTruth, bg.model(),
                bg.result().logLikelihood());
        System.out.printf(Locale.ROOT, "Gamma-Gamma: compress %.2f s -> %,d distinct (x, zbar) rows of %,d customers "
                + "with x > 0; fit %.2f s (%d evaluations, converged %s); total %.2f s%n", (t4 - t3) / 1e9,
                spend.distinctRows(), spend.customerCount(), (t5 - t4) / 1e9, gg.result().evaluations(),
                gg.result().converged(), (t5 - t3) / 1e9);
        System.out.printf(Locale.ROOT, "  truth %s%n  fitted %s, LL %.1f%n", ggTruth, gg.model(),
                gg.result().logLikelihood());
        System.out.printf(Locale.ROOT, "BG/NBD + Gamma-Gamma, compression included: %.2f s%n", (t5 - t1) / 1e9);
    }
}
