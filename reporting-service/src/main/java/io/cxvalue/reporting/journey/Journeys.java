package io.cxvalue.reporting.journey;

import io.cxvalue.reporting.kpi.IssueChains;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Customers' journeys: each issue with its touchpoints, channels, transfers, runaround and time to resolution, the
 * distribution of those per contact reason, and the worst journeys. Plain Java.
 */
public final class Journeys {

    /** Touchpoint buckets of the distribution: 1, 2, 3, 4 and 5 or more. */
    public static final List<String> TOUCHPOINT_BUCKETS = List.of("1", "2", "3", "4", "5+");

    private Journeys() {
    }

    /**
     * One issue, as counted at the contact that opened it.
     *
     * @param contacts the issue's contacts in order (may be empty when only the summary is known)
     */
    public record Journey(String openingInteractionId, String customerId, String reason, Instant openedAt,
            IssueChains.Issue issue, List<Step> contacts) {

        public boolean closedBy(Instant asOf) {
            return issue.closedBy(asOf);
        }

        public Journey withContacts(List<Step> steps) {
            return new Journey(openingInteractionId, customerId, reason, openedAt, issue, List.copyOf(steps));
        }
    }

    /** One contact of a journey. */
    public record Step(String interactionId, Instant startedAt, String channel, String teamId, String agentId,
            int transfers, Boolean resolved) {
    }

    /**
     * The distribution of one reason's closed issues.
     *
     * @param touchpoints issues per touchpoint bucket ({@link #TOUCHPOINT_BUCKETS})
     */
    public record ReasonSummary(String reason, long issues, long closedIssues, Map<String, Long> touchpoints,
            Double meanTouchpoints, Double meanChannels, Double meanTransfers, Double meanRunaround,
            Double resolvedShare, long resolvedIssues, Double medianResolutionSeconds, Double p90ResolutionSeconds) {
    }

    /** Per contact reason (null reason last), over the issues closed by {@code asOf}; open ones are only counted. */
    public static List<ReasonSummary> byReason(List<Journey> journeys, Instant asOf) {
        Map<String, List<Journey>> grouped = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (Journey j : journeys) {
            grouped.computeIfAbsent(j.reason(), r -> new ArrayList<>()).add(j);
        }
        List<ReasonSummary> out = new ArrayList<>();
        grouped.forEach((reason, list) -> {
            List<IssueChains.Issue> closed = list.stream().filter(j -> j.closedBy(asOf)).map(Journey::issue)
                    .toList();
            Map<String, Long> buckets = new java.util.LinkedHashMap<>();
            TOUCHPOINT_BUCKETS.forEach(b -> buckets.put(b, 0L));
            KllDoublesSketch resolution = KllDoublesSketch.newHeapInstance();
            long resolved = 0;
            double touch = 0;
            double channels = 0;
            double transfers = 0;
            double runaround = 0;
            for (IssueChains.Issue i : closed) {
                buckets.merge(i.touchpoints() >= 5 ? "5+" : String.valueOf(i.touchpoints()), 1L, Long::sum);
                touch += i.touchpoints();
                channels += i.channels();
                transfers += i.transfers();
                runaround += i.runaround();
                if (i.endedResolved()) {
                    resolved++;
                    if (i.resolutionSeconds() != null) {
                        resolution.update(i.resolutionSeconds());
                    }
                }
            }
            int n = closed.size();
            out.add(new ReasonSummary(reason, list.size(), n, buckets,
                    n == 0 ? null : touch / n, n == 0 ? null : channels / n,
                    n == 0 ? null : transfers / n, n == 0 ? null : runaround / n,
                    n == 0 ? null : (double) resolved / n, resolved,
                    resolution.isEmpty() ? null : resolution.getQuantile(0.5, QuantileSearchCriteria.INCLUSIVE),
                    resolution.isEmpty() ? null : resolution.getQuantile(0.9, QuantileSearchCriteria.INCLUSIVE)));
        });
        return out;
    }

    /**
     * The worst journeys: most touchpoints first, then the most runaround, then the longest (first contact to the
     * last contact's start), then the earliest.
     */
    public static List<Journey> worst(List<Journey> journeys, int limit) {
        return journeys.stream()
                .sorted(Comparator.comparingInt((Journey j) -> -j.issue().touchpoints())
                        .thenComparingInt(j -> -j.issue().runaround())
                        .thenComparing(j -> -span(j))
                        .thenComparing(Journey::openedAt)
                        .thenComparing(Journey::openingInteractionId))
                .limit(limit)
                .toList();
    }

    /** Seconds from the first contact's start to when the window of the last one opened (its start). */
    static long span(Journey j) {
        return j.issue().closesAt().getEpochSecond() - j.openedAt().getEpochSecond();
    }
}
