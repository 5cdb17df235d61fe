package io.cxvalue.reporting.scorecard;

import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.kpi.Tally;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.interval.BinomialProportion;
import org.hipparchus.stat.interval.ConfidenceInterval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One agent's customers' view (felt valued, CSAT) next to the internal quality evaluations (overall and per
 * criterion), each with a 95 % interval, and the gap between "felt valued" and quality, in points of 100. Plain Java.
 *
 * @param gap null when either side has no answers
 */
public record AgentScorecard(String agentId, double contactsHandled, Share feltValued, Share csat, Mean csatMean,
        Mean quality, List<Criterion> criteria, Gap gap) {

    static final double LEVEL = 0.95;
    static final double Z = 1.959963984540054;

    /** A share with its Wilson score interval; null fields when nobody answered. */
    public record Share(Double value, long base, Double low, Double high) {

        static Share of(double successes, double trials) {
            long n = Math.round(trials);
            if (n == 0) {
                return new Share(null, 0, null, null);
            }
            double p = successes / trials;
            ConfidenceInterval ci = BinomialProportion.getWilsonScoreInterval((int) n, p, LEVEL);
            return new Share(p, n, ci.getLowerBound(), ci.getUpperBound());
        }
    }

    /** A mean with its t interval (none below two values). */
    public record Mean(Double value, long base, Double low, Double high) {

        static Mean of(double n, double sum, double squares) {
            long count = Math.round(n);
            if (count == 0) {
                return new Mean(null, 0, null, null);
            }
            double mean = sum / n;
            if (count < 2) {
                return new Mean(mean, count, null, null);
            }
            double half = new TDistribution(n - 1).inverseCumulativeProbability(0.5 + LEVEL / 2)
                    * Math.sqrt(variance(n, sum, squares) / n);
            return new Mean(mean, count, mean - half, mean + half);
        }
    }

    public record Criterion(String name, Mean score) {
    }

    /** Which way the customers and the checklist disagree. */
    public enum Direction {
        /** Quality reviewers rate the agent higher than customers feel valued. */
        CHECKLIST_ABOVE_CUSTOMERS,
        /** Customers feel valued more than the quality score says. */
        CUSTOMERS_ABOVE_CHECKLIST
    }

    /**
     * Felt valued (share of customers, in points of 100) minus the quality score (0 to 100), with its 95 % interval
     * (normal approximation of the difference of two independent estimates).
     *
     * @param clear     both bases reach their minimum and the interval excludes zero
     * @param direction null unless clear
     * @param words     the coaching sentence; null unless clear
     */
    public record Gap(double points, double low, double high, boolean clear, Direction direction, String words) {
    }

    /** The scorecard of the agent whose contacts are summed in {@code cell}. */
    public static AgentScorecard of(String agentId, KpiCell cell, long minAnswers, long minEvaluations) {
        Share feltValued = Share.of(cell.get(Tally.FELT_VALUED_TOP2), cell.get(Tally.FELT_VALUED_ANSWERS));
        Share csat = Share.of(cell.get(Tally.CSAT_TOP2), cell.get(Tally.CSAT_ANSWERS));
        Mean csatMean = Mean.of(cell.get(Tally.CSAT_ANSWERS), cell.get(Tally.CSAT_SUM), cell.get(Tally.CSAT_SQUARES));
        Mean quality = Mean.of(cell.get(Tally.QUALITY_EVALUATIONS), cell.get(Tally.QUALITY_SUM),
                cell.get(Tally.QUALITY_SQUARES));
        List<Criterion> criteria = new ArrayList<>();
        for (Map.Entry<String, double[]> c : cell.criteria().entrySet()) {
            double[] sums = c.getValue();
            criteria.add(new Criterion(c.getKey(), Mean.of(sums[0], sums[1], sums[2])));
        }
        return new AgentScorecard(agentId, cell.get(Tally.HANDLED), feltValued, csat, csatMean, quality, criteria,
                gap(cell, feltValued, quality, minAnswers, minEvaluations));
    }

    private static Gap gap(KpiCell cell, Share feltValued, Mean quality, long minAnswers, long minEvaluations) {
        if (feltValued.value() == null || quality.value() == null) {
            return null;
        }
        double fv = 100 * feltValued.value();
        double points = fv - quality.value();
        double nq = cell.get(Tally.QUALITY_EVALUATIONS);
        double varianceFv = 100 * 100 * feltValued.value() * (1 - feltValued.value()) / feltValued.base();
        double varianceQ = nq < 2 ? Double.NaN
                : variance(nq, cell.get(Tally.QUALITY_SUM), cell.get(Tally.QUALITY_SQUARES)) / nq;
        double se = Math.sqrt(varianceFv + varianceQ);
        double low = points - Z * se;
        double high = points + Z * se;
        boolean clear = feltValued.base() >= minAnswers && quality.base() >= minEvaluations
                && !Double.isNaN(se) && (low > 0 || high < 0);
        if (!clear) {
            return new Gap(points, low, high, false, null, null);
        }
        Direction direction = points < 0 ? Direction.CHECKLIST_ABOVE_CUSTOMERS : Direction.CUSTOMERS_ABOVE_CHECKLIST;
        String words = direction == Direction.CHECKLIST_ABOVE_CUSTOMERS
                ? String.format(Locale.ROOT, "rated %.0f by quality reviewers (n = %d), but only %.0f %% of customers "
                        + "felt valued (n = %d): coach on the customer's experience, not the checklist",
                        quality.value(), quality.base(), fv, feltValued.base())
                : String.format(Locale.ROOT, "%.0f %% of customers felt valued (n = %d), but quality reviewers rate "
                        + "%.0f (n = %d): the checklist may be measuring the wrong thing",
                        fv, feltValued.base(), quality.value(), quality.base());
        return new Gap(points, low, high, true, direction, words);
    }

    /** The sample variance from count, sum and sum of squares (never below zero from rounding). */
    static double variance(double n, double sum, double squares) {
        return Math.max(0, (squares - sum * sum / n) / (n - 1));
    }
}
