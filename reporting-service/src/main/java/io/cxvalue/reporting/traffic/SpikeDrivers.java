package io.cxvalue.reporting.traffic;

import io.cxvalue.reporting.traffic.TrafficHour.Dimension;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What drove a spike: per contact reason and per campaign, the contacts in the spike against those the usual mix
 * would give (the baseline's expectation split by each value's share of the same hours of the week in the history),
 * ranked by excess; and whether the excess came with a campaign (a marketing push), with one contact reason (look for
 * a service failure behind it) or across the board. Plain Java.
 */
public final class SpikeDrivers {

    /** The share of the excess one campaign or reason must carry to be named as the cause. */
    static final double CAUSE_SHARE = 0.5;

    /** The usual mix: per series key and hour of the week, contacts in the history. */
    public static final class Mix {
        private final ZoneId zone;
        private final Map<String, double[]> bySlot;
        private final double[] totalBySlot;

        private Mix(ZoneId zone, Map<String, double[]> bySlot, double[] totalBySlot) {
            this.zone = zone;
            this.bySlot = bySlot;
            this.totalBySlot = totalBySlot;
        }

        /** Learns the mix of some dimensions from the hourly sums of hours before a time, as they are read. */
        public static final class Learner {
            private final Instant historyEnd;
            private final ZoneId zone;
            private final List<Dimension> dimensions;
            private final Map<String, double[]> bySlot = new HashMap<>();
            private final double[] total = new double[SeasonalBaseline.SLOTS];

            public Learner(Instant historyEnd, ZoneId zone, List<Dimension> dimensions) {
                this.historyEnd = historyEnd;
                this.zone = zone;
                this.dimensions = dimensions;
            }

            public void add(TrafficHour h) {
                if (!h.hour().isBefore(historyEnd)) {
                    return;
                }
                String all = Dimension.TOTAL.key(null);
                int slot = SeasonalBaseline.slot(h.hour(), zone);
                h.hourly().forEach((key, count) -> {
                    if (key.equals(all)) {
                        total[slot] += count;
                    } else if (dimensions.contains(Dimension.of(key))) {
                        bySlot.computeIfAbsent(key, k -> new double[SeasonalBaseline.SLOTS])[slot] += count;
                    }
                });
            }

            public Mix mix() {
                return new Mix(zone, bySlot, total);
            }
        }

        /** The share of hour-of-week {@code slot}'s contacts in series {@code key} (0 when never seen). */
        double share(String key, int slot) {
            double[] sums = bySlot.get(key);
            return sums == null || totalBySlot[slot] == 0 ? 0 : sums[slot] / totalBySlot[slot];
        }

        Set<String> keys() {
            return bySlot.keySet();
        }
    }

    /**
     * One value's part in a spike.
     *
     * @param value          the reason or campaign; null for the contacts without one
     * @param observed       its contacts in the spike
     * @param expected       those the usual mix gives it
     * @param shareOfExcess  its excess over the spike's whole excess
     */
    public record Driver(String value, long observed, double expected, double excess, double shareOfExcess) {
    }

    /** How a spike is best explained. */
    public enum Cause {
        /** Most of the excess came with one campaign: the result of a marketing push. */
        CAMPAIGN,
        /** Most of the excess had one contact reason and no campaign: look for a service failure behind it. */
        CONTACT_REASON,
        /** The excess is spread over reasons and campaigns: volume rose across the board. */
        BROAD
    }

    public record Drivers(List<Driver> byReason, List<Driver> byCampaign, Cause cause, String summary) {
    }

    private SpikeDrivers() {
    }

    /**
     * The drivers of the spike over minutes [from, to) of {@code series}, with {@code expected} contacts expected in
     * it overall (the detector's expectation) and {@code baseline} for the minutes' relative weight.
     */
    public static Drivers of(MinuteSeries series, int from, int to, long observed, double expected,
            SeasonalBaseline baseline, Mix mix) {
        double excess = observed - expected;
        List<Driver> byReason = drivers(series, from, to, expected, excess, baseline, mix, Dimension.REASON);
        List<Driver> byCampaign = drivers(series, from, to, expected, excess, baseline, mix, Dimension.CAMPAIGN);
        Driver topCampaign = byCampaign.stream().filter(d -> d.value() != null).findFirst().orElse(null);
        Driver topReason = byReason.isEmpty() ? null : byReason.get(0);
        Cause cause;
        String summary;
        if (topCampaign != null && topCampaign.shareOfExcess() >= CAUSE_SHARE) {
            cause = Cause.CAMPAIGN;
            summary = String.format(Locale.ROOT, "%d %% of the excess came with campaign '%s' (%d contacts against "
                    + "%.0f usual): the result of a marketing push rather than a service failure",
                    percent(topCampaign.shareOfExcess()), topCampaign.value(), topCampaign.observed(),
                    topCampaign.expected());
        } else if (topReason != null && topReason.shareOfExcess() >= CAUSE_SHARE) {
            cause = Cause.CONTACT_REASON;
            summary = String.format(Locale.ROOT, "%d %% of the excess had contact reason %s (%d contacts against "
                    + "%.0f usual) and came with no campaign: look for a service failure behind it",
                    percent(topReason.shareOfExcess()), named(topReason.value()), topReason.observed(),
                    topReason.expected());
        } else {
            cause = Cause.BROAD;
            summary = topReason == null ? "The excess is spread across reasons and campaigns"
                    : String.format(Locale.ROOT, "The excess is spread across reasons (largest: %s, %d %%) and "
                    + "campaigns: volume rose across the board", named(topReason.value()),
                    percent(topReason.shareOfExcess()));
        }
        return new Drivers(byReason, byCampaign, cause, summary);
    }

    private static List<Driver> drivers(MinuteSeries series, int from, int to, double expected, double excess,
            SeasonalBaseline baseline, Mix mix, Dimension dimension) {
        Set<String> keys = new LinkedHashSet<>(series.keysOf(dimension));
        mix.keys().stream().filter(k -> Dimension.of(k) == dimension).forEach(keys::add);
        // Each minute's usual share, weighted by how many contacts the baseline expects in that minute.
        double[] weights = new double[to - from];
        int[] slots = new int[to - from];
        double weightSum = 0;
        for (int m = from; m < to; m++) {
            Instant minute = series.start().plus(Duration.ofMinutes(m));
            slots[m - from] = SeasonalBaseline.slot(minute, mix.zone);
            weights[m - from] = baseline.expectedInMinute(minute);
            weightSum += weights[m - from];
        }
        List<Driver> out = new ArrayList<>();
        for (String key : keys) {
            double share = 0;
            for (int i = 0; i < weights.length; i++) {
                share += weightSum == 0 ? 0 : weights[i] / weightSum * mix.share(key, slots[i]);
            }
            long seen = series.sum(key, from, to);
            double usual = expected * share;
            if (seen == 0 && usual < 0.5) {
                continue;
            }
            double over = seen - usual;
            out.add(new Driver(Dimension.value(key), seen, usual, over, excess > 0 ? over / excess : 0));
        }
        out.sort(Comparator.comparingDouble(Driver::excess).reversed());
        return out;
    }

    private static long percent(double share) {
        return Math.round(100 * share);
    }

    private static String named(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }
}
