package io.cxvalue.experiment.results;

import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.experiment.design.ExperimentDefinition;
import io.cxvalue.experiment.design.MetricKind;
import io.cxvalue.experiment.design.MetricRole;
import io.cxvalue.experiment.results.ExperimentResults.BalanceRow;
import io.cxvalue.experiment.results.ExperimentResults.BalanceTable;
import io.cxvalue.experiment.results.ExperimentResults.Effect;
import io.cxvalue.experiment.results.ExperimentResults.Interval;
import io.cxvalue.experiment.results.ExperimentResults.MetricResult;
import io.cxvalue.experiment.results.ExperimentResults.Roi;
import io.cxvalue.experiment.results.ExperimentResults.SampleRatio;
import io.cxvalue.experiment.results.ExperimentResults.TierEffect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results in words a contact-centre manager acts on: what each treatment did to the primary metric with its
 * interval, what it cost in agent time and what it is worth, for which value tiers it works, and whether to roll it
 * out. Built only from the computed results, so it never says more than they do.
 */
final class Verdict {

    private Verdict() {
    }

    static String write(ExperimentDefinition d, ExperimentVariantDefinition control, List<MetricResult> metrics,
            List<Roi> roi, SampleRatio sampleRatio, List<BalanceTable> balance, long exposed) {
        if (exposed == 0) {
            return "No customer has been exposed yet: there is nothing to report.";
        }
        if (sampleRatio.mismatch()) {
            return sampleRatio.message() + " Find and fix the cause before reading any effect.";
        }
        MetricResult primary = metrics.stream().filter(m -> m.role() == MetricRole.PRIMARY).findFirst().orElseThrow();
        String currency = d.economics() == null ? "" : d.economics().currency();
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < primary.effects().size(); i++) {
            Effect effect = primary.effects().get(i);
            Roi money = roi.get(i);
            sentences.add(treatment(d, control, primary, effect, money, currency, metrics));
        }
        for (BalanceTable table : balance) {
            List<String> flagged = table.rows().stream().filter(BalanceRow::flagged).map(BalanceRow::covariate)
                    .toList();
            if (!flagged.isEmpty()) {
                sentences.add("Caution: " + table.treatment() + " and " + control.key() + " differ in "
                        + String.join(", ", flagged) + " more than chance allows; check the assignment.");
            }
        }
        return String.join(" ", sentences);
    }

    private static String treatment(ExperimentDefinition d, ExperimentVariantDefinition control,
            MetricResult primary, Effect effect, Roi money, String currency, List<MetricResult> metrics) {
        String name = effect.treatment();
        Interval shown = effect.cuped() != null ? effect.cuped() : effect.difference();
        if (shown == null || shown.lower() == null) {
            return name + ": too few customers so far to compare with " + control.key() + ".";
        }
        MetricKind kind = primary.metric();
        String label = label(kind, d.outcomeWindowDays());
        int direction = shown.lower() > 0 ? 1 : shown.upper() < 0 ? -1 : 0;
        StringBuilder s = new StringBuilder();
        if (direction == 0) {
            s.append(name).append(" shows no clear effect on ").append(label).append(" against ")
                    .append(control.key()).append(": ").append(signed(shown.estimate(), kind, currency))
                    .append(" (95 % CI ").append(value(shown.lower(), kind, currency)).append(" to ")
                    .append(value(shown.upper(), kind, currency)).append(").");
        } else {
            s.append(name).append(direction > 0 ? " raises " : " lowers ").append(label).append(" by ")
                    .append(value(Math.abs(shown.estimate()), kind, currency)).append(" (95 % CI ")
                    .append(value(shown.lower(), kind, currency)).append(" to ")
                    .append(value(shown.upper(), kind, currency)).append(") against ").append(control.key())
                    .append('.');
        }
        if (money.agentCostPerCustomer() != null && money.agentCostPerCustomer().estimate() != null) {
            double cost = money.agentCostPerCustomer().estimate();
            s.append(String.format(Locale.ROOT, " Agent time costs %.2f %s %s per customer", Math.abs(cost),
                    currency, cost >= 0 ? "more" : "less"));
            Interval net = money.netValuePerCustomer();
            if (net != null && net.estimate() != null) {
                s.append(String.format(Locale.ROOT, "; net value %+.2f %s per customer (95 %% CI %.2f to %.2f)",
                        net.estimate(), currency, net.lower(), net.upper()));
            }
            s.append('.');
        }
        boolean improves = direction != 0 && (direction > 0) == primary.higherIsBetter();
        boolean worsens = direction != 0 && !improves;
        List<String> breached = metrics.stream().filter(m -> m.role() == MetricRole.GUARDRAIL)
                .filter(m -> m.effects().stream().anyMatch(e -> e.treatment().equals(name) && e.guardrail() != null
                        && e.guardrail().breached()))
                .map(m -> label(m.metric(), d.outcomeWindowDays())).toList();
        boolean netNegative = money.netValuePerCustomer() != null && money.netValuePerCustomer().upper() != null
                && money.netValuePerCustomer().upper() < 0;
        if (!breached.isEmpty()) {
            s.append(" Guardrail breached (").append(String.join(", ", breached))
                    .append(" worse than allowed): do not roll out.");
        } else if (worsens) {
            s.append(" It makes ").append(label).append(" worse: do not roll out.");
        } else if (improves && netNegative) {
            s.append(" It works, but costs more than it earns: not worth rolling out at these costs.");
        } else if (improves) {
            s.append(rollout(effect, primary.higherIsBetter()));
        } else {
            s.append(" No evidence yet either way; keep it running to the planned sample size.");
        }
        return s.toString();
    }

    private static String rollout(Effect effect, boolean higherIsBetter) {
        List<String> works = new ArrayList<>();
        List<String> noEvidence = new ArrayList<>();
        for (TierEffect tier : effect.byTier()) {
            Interval i = tier.difference();
            boolean better = i != null && i.lower() != null
                    && (higherIsBetter ? i.lower() > 0 : i.upper() < 0);
            (better ? works : noEvidence).add(tier.valueTier());
        }
        if (works.isEmpty() || noEvidence.isEmpty()) {
            return " Worth rolling out to all eligible callers.";
        }
        return " Worth rolling out for " + and(works) + " callers; no evidence for " + and(noEvidence) + ".";
    }

    private static String and(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** The metric as a manager says it. */
    static String label(MetricKind kind, int windowDays) {
        return switch (kind) {
            case CSAT_TOP2 -> "the CSAT top-2-box share";
            case FELT_VALUED -> "the share who felt valued";
            case NPS -> "NPS";
            case CUSTOMER_EFFORT -> "customer effort (CES)";
            case FOLLOW_UP_CONTACTS -> "follow-up contacts per customer";
            case FIRST_CONTACT_RESOLUTION -> "first-contact resolution";
            case HANDLE_TIME -> "handle time per contact";
            case REVENUE -> windowDays + "-day revenue per customer";
            case CANCELLATION_RATE -> "the " + windowDays + "-day cancellation rate";
            case RETENTION -> windowDays + "-day retention";
            case CLV_CHANGE -> "the change in CLV per customer";
            case AGENT_COST -> "agent cost per customer";
            case NET_VALUE -> "net value per customer";
        };
    }

    private static String signed(double v, MetricKind kind, String currency) {
        return (v >= 0 ? "+" : "-") + value(Math.abs(v), kind, currency);
    }

    /** A value in the metric's unit: shares in percentage points, money in the currency, time in seconds. */
    static String value(double v, MetricKind kind, String currency) {
        return switch (kind) {
            case CSAT_TOP2, FELT_VALUED, FIRST_CONTACT_RESOLUTION, CANCELLATION_RATE, RETENTION ->
                    String.format(Locale.ROOT, "%.1f points", v * 100);
            case REVENUE, CLV_CHANGE, AGENT_COST, NET_VALUE -> String.format(Locale.ROOT, "%.2f %s", v, currency);
            case HANDLE_TIME -> String.format(Locale.ROOT, "%.0f s", v);
            case NPS -> String.format(Locale.ROOT, "%.1f points", v);
            case CUSTOMER_EFFORT, FOLLOW_UP_CONTACTS -> String.format(Locale.ROOT, "%.2f", v);
        };
    }
}
