package io.cxvalue.scoring.model.value;

import io.cxvalue.scoring.model.cx.LogisticRegression;
import io.cxvalue.scoring.model.value.ValueDriverReport.Driver;
import io.cxvalue.scoring.model.value.ValueDriverReport.Estimate;
import io.cxvalue.scoring.model.value.ValueDriverReport.Factor;
import io.cxvalue.scoring.model.value.ValueDriverReport.FactorKind;
import io.cxvalue.scoring.model.value.ValueDriverReport.ReasonShare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What moves customer value ("moments that matter"): a two-part model of what customers do in the period after the
 * one analysed, on the contact experiences they had in it, holding channel, contact reason and the controls (tenure,
 * prior spend, value tier, prior and period contact counts) constant.
 * <ul>
 *   <li>Retention: logistic regression of "bought again in the next period" ({@link LogisticRegression}, maximum
 *   likelihood, covariance from the observed information); odds ratios with Wald intervals.</li>
 *   <li>Spend: ordinary least squares of the next period's net spend among those who bought again ({@link
 *   RobustLeastSquares}: heteroscedasticity-robust HC1 standard errors), since spend varies
 *   far more among big spenders.</li>
 *   <li>Each experience's retention change is its average marginal effect among those who had it (the mean of
 *   P(retained | had it) - P(retained | same customer without it)); its value at stake per month is that change
 *   times the lifetime value of a retained customer of the same value tier, summed over the customers who have it
 *   per month. Intervals by the delta method on the retention model's covariance (the lifetime values taken as
 *   known).</li>
 * </ul>
 * A plain class with no framework: the service reads the periods, this fits.
 */
public final class ValueDriverAnalysis {

    private static final double Z95 = 1.959963984540054;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-8;

    private ValueDriverAnalysis() {
    }

    /**
     * @param months            each period's length in months
     * @param minCustomers      fewest customers an analysis needs
     * @param minPerClass       fewest customers who bought again, and who did not
     * @param minAffected       an experience is a driver when at least this many analysed customers had it and at
     *                          least this many did not; a channel, reason or tier level gets its own coefficient
     *                          with at least this many customers (rarer ones count with the reference level)
     * @param maxReasons        contact reasons with their own coefficient, most frequent first (the rest: "other")
     * @param tierPercentiles   percentiles of prior spend that separate the value tiers
     * @param tierNames         tier names, lowest first, one more than the percentiles
     * @param currency          the currency of spend and lifetime values
     */
    public record Options(int months, int minCustomers, int minPerClass, int minAffected, int maxReasons,
            double[] tierPercentiles, List<String> tierNames, String currency) {

        public Options {
            tierPercentiles = tierPercentiles.clone();
            tierNames = List.copyOf(tierNames);
            if (months < 1 || minCustomers < 1 || minPerClass < 1 || minAffected < 1 || maxReasons < 0
                    || tierNames.size() != tierPercentiles.length + 1) {
                throw new IllegalArgumentException("invalid value-driver options");
            }
        }

        @Override
        public double[] tierPercentiles() {
            return tierPercentiles.clone();
        }
    }

    /**
     * The analysis of these customers' periods.
     *
     * @param rows       the customers analysed: all of them, or a random sample
     * @param population how many there were in all (per-month figures count them all)
     */
    public static ValueDriverReport analyse(List<CustomerPeriod> rows, long population,
            ValueDriverReport.Period period, Options options) throws ValueDriverException {
        if (rows.size() < options.minCustomers()) {
            throw new ValueDriverException(ValueDriverException.Reason.TOO_FEW_CUSTOMERS, String.format(Locale.ROOT,
                    "%d customers had a contact in the period and had bought before its end; at least %d are needed",
                    rows.size(), options.minCustomers()));
        }
        if (population < rows.size()) {
            throw new IllegalArgumentException("the population cannot be smaller than the customers analysed");
        }
        int retained = (int) rows.stream().filter(CustomerPeriod::retained).count();
        if (Math.min(retained, rows.size() - retained) < options.minPerClass()) {
            throw new ValueDriverException(ValueDriverException.Reason.TOO_FEW_IN_CLASS, String.format(Locale.ROOT,
                    "%d of %d customers bought again in the next period; at least %d who did and %d who did not "
                            + "are needed", retained, rows.size(), options.minPerClass(), options.minPerClass()));
        }
        Design design = Design.of(rows, options);
        double[][] x = design.matrix(rows);
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).retained();
        }
        LogisticRegression.Fit retention;
        try {
            retention = LogisticRegression.fit(x, y, 0.0, MAX_ITERATIONS, TOLERANCE);
        } catch (IllegalArgumentException e) {
            throw new ValueDriverException(ValueDriverException.Reason.NOT_IDENTIFIABLE,
                    "the retention model has no unique fit on these data (collinear factors or outcomes that a "
                            + "factor separates completely)");
        }
        if (!retention.converged()) {
            throw new ValueDriverException(ValueDriverException.Reason.NOT_CONVERGED,
                    "the retention model did not converge in " + MAX_ITERATIONS + " steps");
        }
        SpendModel spend = SpendModel.fit(x, rows);
        double share = (double) retained / rows.size();
        double nullLl = retained * Math.log(share) + (rows.size() - retained) * Math.log1p(-share);
        double[] clvValue = clvOfRetainedLikeThem(rows, design);
        int withClv = (int) rows.stream().filter(r -> r.clv() != null).count();
        double scale = (double) population / rows.size() / options.months();

        List<Driver> drivers = new ArrayList<>();
        for (Map.Entry<Experience, Integer> column : design.experienceColumns.entrySet()) {
            drivers.add(driver(column.getKey(), column.getValue(), rows, x, retention, spend, clvValue, scale,
                    options));
        }
        boolean money = withClv > 0;
        drivers.sort(Comparator.comparingDouble((Driver d) -> money && d.valueAtStake() != null
                ? -Math.abs(d.valueAtStake().estimate()) : -Math.abs(d.retentionChange().estimate())));
        List<Factor> factors = new ArrayList<>();
        for (Design.Column c : design.columns) {
            if (c.experience() == null) {
                factors.add(new Factor(c.kind(), c.name(), c.reference(), c.customers(),
                        oddsRatio(retention, c.index()), spend == null ? null : spend.estimate(c.index())));
            }
        }
        ValueDriverReport.Fit fit = new ValueDriverReport.Fit(population, rows.size(), retained,
                retention.logLikelihood(), nullLl, 1 - retention.logLikelihood() / nullLl, retention.converged(),
                spend != null, spend == null ? null : spend.rSquared(), withClv);
        return new ValueDriverReport(period, fit, drivers, factors, assumptions(options, design), options.currency());
    }

    private static Driver driver(Experience experience, int column, List<CustomerPeriod> rows, double[][] x,
            LogisticRegression.Fit fit, SpendModel spend, double[] clvValue, double scale, Options options) {
        double[] beta = fit.coefficients();
        int k = beta.length + 1;
        double[] gradChange = new double[k];
        double[] gradValue = new double[k];
        double change = 0;
        double value = 0;
        int affected = 0;
        Map<String, double[]> byReason = new LinkedHashMap<>();
        boolean money = false;
        for (int i = 0; i < rows.size(); i++) {
            CustomerPeriod row = rows.get(i);
            if (!row.had(experience)) {
                continue;
            }
            affected++;
            double eta = LogisticRegression.linearPredictor(fit.intercept(), beta, x[i]);
            double p1 = LogisticRegression.sigmoid(eta);
            double p0 = LogisticRegression.sigmoid(eta - beta[column]);
            double w1 = p1 * (1 - p1);
            double w0 = p0 * (1 - p0);
            double v = Double.isNaN(clvValue[i]) ? 0 : clvValue[i];
            money |= !Double.isNaN(clvValue[i]);
            // d(p1 - p0)/d(beta): the intercept and the other columns move both, the experience's only p1.
            for (int a = 0; a < k; a++) {
                double xa = a == 0 ? 1.0 : x[i][a - 1];
                double xa0 = a == column + 1 ? 0.0 : xa;
                double g = w1 * xa - w0 * xa0;
                gradChange[a] += g;
                gradValue[a] -= g * v;
            }
            change += p1 - p0;
            value += (p0 - p1) * v;
            double[] reason = byReason.computeIfAbsent(row.experiences().get(experience), r -> new double[2]);
            reason[0]++;
            reason[1] += (p0 - p1) * v;
        }
        double[][] cov = fit.covariance();
        for (int a = 0; a < k; a++) {
            gradChange[a] /= affected;
        }
        double meanChange = change / affected;
        double seChange = Math.sqrt(quadratic(gradChange, cov));
        Estimate retentionChange = new Estimate(100 * meanChange, 100 * (meanChange - Z95 * seChange),
                100 * (meanChange + Z95 * seChange));
        Estimate valueAtStake = null;
        if (money) {
            double perMonth = value * scale;
            double se = Math.sqrt(quadratic(gradValue, cov)) * scale;
            valueAtStake = new Estimate(perMonth, perMonth - Z95 * se, perMonth + Z95 * se);
        }
        List<ReasonShare> reasons = new ArrayList<>();
        for (Map.Entry<String, double[]> r : byReason.entrySet()) {
            reasons.add(new ReasonShare(r.getKey(), r.getValue()[0] * scale,
                    money ? r.getValue()[1] * scale : null));
        }
        reasons.sort(Comparator.comparingDouble((ReasonShare r) -> r.valueAtStake() != null
                ? -Math.abs(r.valueAtStake()) : -r.customersPerMonth()));
        Estimate oddsRatio = oddsRatio(fit, column);
        Estimate spendChange = spend == null ? null : spend.estimate(column);
        double perMonth = affected * scale;
        return new Driver(experience, experience.definition(), affected, perMonth, oddsRatio, retentionChange,
                spendChange, valueAtStake, reasons,
                sentence(experience, oddsRatio, retentionChange, spendChange, valueAtStake, perMonth, reasons,
                        options));
    }

    private static Estimate oddsRatio(LogisticRegression.Fit fit, int column) {
        double b = fit.coefficients()[column];
        double se = fit.standardErrors()[column];
        return new Estimate(Math.exp(b), Math.exp(b - Z95 * se), Math.exp(b + Z95 * se));
    }

    private static double quadratic(double[] g, double[][] cov) {
        double sum = 0;
        for (int a = 0; a < g.length; a++) {
            for (int b = 0; b < g.length; b++) {
                sum += g[a] * cov[a][b] * g[b];
            }
        }
        return Math.max(0, sum);
    }

    /**
     * The lifetime value a customer like each one keeps when retained: the mean scored lifetime value of the
     * analysed customers of the same value tier who bought again (all who bought again when the tier has none).
     * NaN when no customer has a lifetime value.
     */
    private static double[] clvOfRetainedLikeThem(List<CustomerPeriod> rows, Design design) {
        Map<Integer, double[]> byTier = new HashMap<>();
        double[] overall = new double[2];
        for (int i = 0; i < rows.size(); i++) {
            CustomerPeriod r = rows.get(i);
            if (r.retained() && r.clv() != null) {
                double[] t = byTier.computeIfAbsent(design.tiers[i], key -> new double[2]);
                t[0] += r.clv();
                t[1]++;
                overall[0] += r.clv();
                overall[1]++;
            }
        }
        double[] value = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            double[] t = byTier.get(design.tiers[i]);
            value[i] = t != null && t[1] > 0 ? t[0] / t[1] : overall[1] > 0 ? overall[0] / overall[1] : Double.NaN;
        }
        return value;
    }

    private static String sentence(Experience experience, Estimate oddsRatio, Estimate change, Estimate spend,
            Estimate value, double perMonth, List<ReasonShare> reasons, Options options) {
        StringBuilder s = new StringBuilder("Customers with ").append(experience.phrase()).append(' ');
        String next = "in the next " + (options.months() == 1 ? "month" : options.months() + " months");
        if (!oddsRatio.excludes(1.0)) {
            s.append(String.format(Locale.ROOT, "bought again %s about as often as those without, other things "
                            + "equal: odds %.2f times (95 %% CI %.2f to %.2f), no clear effect", next,
                    oddsRatio.estimate(), oddsRatio.low(), oddsRatio.high()));
        } else {
            boolean less = oddsRatio.estimate() < 1;
            s.append(String.format(Locale.ROOT, "were %s likely to buy again %s, other things equal: odds %.2f "
                            + "times (95 %% CI %.2f to %.2f), %.1f points %s (95 %% CI %.1f to %.1f)",
                    less ? "less" : "more", next, oddsRatio.estimate(), oddsRatio.low(), oddsRatio.high(),
                    Math.abs(change.estimate()), less ? "lower" : "higher",
                    Math.abs(less ? change.high() : change.low()), Math.abs(less ? change.low() : change.high())));
        }
        if (spend != null && spend.excludes(0.0)) {
            boolean lessSpend = spend.estimate() < 0;
            s.append(String.format(Locale.ROOT, "; those who bought again spent %s %s %s (95 %% CI %s to %s)",
                    money(Math.abs(spend.estimate())), options.currency(), lessSpend ? "less" : "more",
                    money(Math.abs(lessSpend ? spend.high() : spend.low())),
                    money(Math.abs(lessSpend ? spend.low() : spend.high()))));
        }
        s.append(String.format(Locale.ROOT, ". About %s customers a month have one", whole(perMonth)));
        if (value != null && value.excludes(0.0)) {
            boolean risk = value.estimate() > 0;
            s.append(String.format(Locale.ROOT, "; that %s %s %s (95 %% CI %s to %s) of customer lifetime value %s",
                    risk ? "puts" : "adds", whole(Math.abs(value.estimate())), options.currency(),
                    whole(Math.abs(risk ? value.low() : value.high())),
                    whole(Math.abs(risk ? value.high() : value.low())), risk ? "at risk each month" : "each month"));
            if (!reasons.isEmpty() && !reasons.get(0).contactReason().isEmpty()) {
                s.append(String.format(Locale.ROOT, ", most in contacts about '%s'", reasons.get(0).contactReason()));
            }
        }
        return s.append('.').toString();
    }

    private static String money(double amount) {
        return String.format(Locale.ROOT, "%,.2f", amount);
    }

    private static String whole(double amount) {
        return String.format(Locale.ROOT, "%,.0f", amount);
    }

    private static List<String> assumptions(Options options, Design design) {
        List<String> a = new ArrayList<>();
        a.add("Other things equal means holding channel, contact reason, tenure, prior spend, value tier (by spend in "
                + "the year before the period) and the numbers of contacts before and in the period constant; an "
                + "experience's effect is causal only if nothing else that drives both it and buying again is left "
                + "out.");
        a.add("Retention is a logistic model with effects additive on the log-odds scale; each experience's effect is "
                + "the same whatever the contact reason (where it happens, and the value there, differ).");
        a.add("Spend is modelled among customers who bought again (the second part of a two-part model), linear, "
                + "with heteroscedasticity-robust (HC1) intervals.");
        a.add("Value at stake uses the mean scored lifetime value of retained customers of the same value tier as "
                + "the value a customer keeps when retained, taken as known; its interval reflects the retention "
                + "model's uncertainty only.");
        a.add(String.format(Locale.ROOT, "Channel, reason and tier levels with fewer than %d customers count with "
                + "the reference level; contact reasons beyond the %d most frequent count as 'other'.",
                options.minAffected(), options.maxReasons()));
        if (!design.droppedExperiences.isEmpty()) {
            a.add("Not estimated (too few customers with or without them): " + design.droppedExperiences + ".");
        }
        return a;
    }

    /** The spend model among customers who bought again. */
    private record SpendModel(RobustLeastSquares.Fit fit) {

        /** The coefficient of column {@code column} (without the intercept) with its interval. */
        Estimate estimate(int column) {
            double b = fit.coefficients()[column + 1];
            double s = fit.standardErrors()[column + 1];
            return new Estimate(b, b - Z95 * s, b + Z95 * s);
        }

        double rSquared() {
            return fit.rSquared();
        }

        /** Null when too few bought again or a column is constant among them: the retention model stands alone. */
        static SpendModel fit(double[][] x, List<CustomerPeriod> rows) {
            List<double[]> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).retained()) {
                    xs.add(x[i]);
                    ys.add(rows.get(i).nextSpend());
                }
            }
            if (xs.size() < x[0].length + 11) {
                return null;
            }
            try {
                return new SpendModel(RobustLeastSquares.fit(xs.toArray(double[][]::new),
                        ys.stream().mapToDouble(Double::doubleValue).toArray()));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** How the customers' periods become the models' columns. */
    private static final class Design {

        record Column(int index, FactorKind kind, Experience experience, String name, String reference,
                int customers, ToDoubleFunction<Integer> value) {
        }

        final List<Column> columns = new ArrayList<>();
        final Map<Experience, Integer> experienceColumns = new EnumMap<>(Experience.class);
        final List<Experience> droppedExperiences = new ArrayList<>();
        int[] tiers;

        static Design of(List<CustomerPeriod> rows, Options options) {
            Design d = new Design();
            int n = rows.size();
            for (Experience e : Experience.values()) {
                int had = (int) rows.stream().filter(r -> r.had(e)).count();
                if (had >= options.minAffected() && n - had >= options.minAffected()) {
                    d.experienceColumns.put(e, d.columns.size());
                    d.columns.add(new Column(d.columns.size(), null, e, e.name(), null, had,
                            i -> rows.get(i).had(e) ? 1.0 : 0.0));
                } else {
                    d.droppedExperiences.add(e);
                }
            }
            d.levels(rows, FactorKind.CHANNEL, CustomerPeriod::mainChannel, Integer.MAX_VALUE, options);
            d.levels(rows, FactorKind.CONTACT_REASON, r -> r.mainReason() == null ? "" : r.mainReason(),
                    options.maxReasons(), options);
            d.tiers = tiers(rows, options);
            int[] tiers = d.tiers;
            List<String> names = options.tierNames();
            int[] tierCounts = new int[names.size()];
            for (int t : tiers) {
                tierCounts[t]++;
            }
            for (int t = 1; t < names.size(); t++) {
                if (tierCounts[t] >= options.minAffected()) {
                    int tier = t;
                    d.columns.add(new Column(d.columns.size(), FactorKind.VALUE_TIER, null, names.get(t),
                            names.get(0), tierCounts[t], i -> tiers[i] == tier ? 1.0 : 0.0));
                }
            }
            d.control(rows, "log(1 + tenure in months)", r -> Math.log1p(r.tenureDays() / 30.4375));
            d.control(rows, "log(1 + prior spend)", r -> Math.log1p(Math.max(0, r.priorSpend())));
            d.control(rows, "log(1 + contacts in the period before)", r -> Math.log1p(r.priorContacts()));
            d.control(rows, "log(1 + contacts in the period)", r -> Math.log1p(r.periodContacts()));
            return d;
        }

        private void control(List<CustomerPeriod> rows, String name, ToDoubleFunction<CustomerPeriod> value) {
            columns.add(new Column(columns.size(), FactorKind.CONTROL, null, name, null, rows.size(),
                    i -> value.applyAsDouble(rows.get(i))));
        }

        /** Dummies for a categorical factor: the most frequent level is the reference. */
        private void levels(List<CustomerPeriod> rows, FactorKind kind,
                Function<CustomerPeriod, String> level, int maxLevels, Options options) {
            Map<String, Integer> counts = new HashMap<>();
            for (CustomerPeriod r : rows) {
                counts.merge(level.apply(r), 1, Integer::sum);
            }
            List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
            ranked.sort(Map.Entry.<String, Integer>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey()));
            String reference = ranked.get(0).getKey();
            List<String> own = new ArrayList<>();
            int others = 0;
            for (int j = 1; j < ranked.size(); j++) {
                Map.Entry<String, Integer> e = ranked.get(j);
                if (own.size() < maxLevels && e.getValue() >= options.minAffected()) {
                    own.add(e.getKey());
                } else if (maxLevels != Integer.MAX_VALUE) {
                    others += e.getValue();
                }
            }
            for (String l : own) {
                columns.add(new Column(columns.size(), kind, null, l, reference, counts.get(l),
                        i -> l.equals(level.apply(rows.get(i))) ? 1.0 : 0.0));
            }
            if (others >= options.minAffected()) {
                Set<String> named = new HashSet<>(own);
                named.add(reference);
                columns.add(new Column(columns.size(), kind, null, "other", reference, others,
                        i -> named.contains(level.apply(rows.get(i))) ? 0.0 : 1.0));
            }
        }

        /** Each customer's value tier by prior spend (0 = lowest). */
        private static int[] tiers(List<CustomerPeriod> rows, Options options) {
            double[] spend = rows.stream().mapToDouble(r -> Math.max(0, r.priorSpend())).sorted().toArray();
            double[] percentiles = options.tierPercentiles();
            double[] thresholds = new double[percentiles.length];
            for (int t = 0; t < percentiles.length; t++) {
                thresholds[t] = spend[(int) Math.min(spend.length - 1, Math.floor(percentiles[t] * spend.length))];
            }
            int[] tiers = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                double s = Math.max(0, rows.get(i).priorSpend());
                int t = 0;
                while (t < thresholds.length && s >= thresholds[t] && s > 0) {
                    t++;
                }
                tiers[i] = t;
            }
            return tiers;
        }

        double[][] matrix(List<CustomerPeriod> rows) {
            double[][] x = new double[rows.size()][columns.size()];
            for (Column c : columns) {
                for (int i = 0; i < rows.size(); i++) {
                    x[i][c.index()] = c.value().applyAsDouble(i);
                }
            }
            return x;
        }
    }
}
