package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.service.TrafficService;
import io.cxvalue.reporting.traffic.SpikeDetector;
import io.cxvalue.reporting.traffic.SpikeDrivers;
import io.cxvalue.reporting.traffic.SpikeExperience;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The traffic API's answers: series, spikes and the live stream's events. */
public final class TrafficResponse {

    private TrafficResponse() {
    }

    /**
     * Contact volume per bucket.
     *
     * @param expected per bucket, what the hour-of-week baseline expects (all contacts of the scope; absent for a
     *                 grouped or filtered series)
     */
    @Schema(name = "TrafficSeries")
    public record Series(Instant from, Instant to, String zone, List<String> teams, int stepMinutes, String by,
            List<Line> series, List<Expected> expected) {
    }

    /** One series: the contacts of one queue, reason, channel or campaign (or all), per bucket from {@code from}. */
    @Schema(name = "TrafficLine")
    public record Line(String dimension, String value, long total, int[] contacts) {
    }

    @Schema(name = "TrafficExpected")
    public record Expected(Instant start, double contacts, long low, long high) {
    }

    /** The spikes of a period and how they were found. */
    @Schema(name = "TrafficSpikes")
    public record Spikes(Instant from, Instant to, String zone, List<String> teams, Detection detection,
            List<SpikeView> spikes) {
    }

    /**
     * @param baselineContacts  the contacts of the history the baseline was learned from
     * @param relativeVariance  how much an hour varies beyond Poisson (negative binomial 1/size)
     */
    @Schema(name = "TrafficDetection")
    public record Detection(int historyWeeks, long historyDays, double alpha, List<Integer> windowsMinutes,
            long baselineContacts, double relativeVariance) {
    }

    /**
     * One spike: from the start of the window that first alerted to the end of the last alerting minute.
     *
     * @param alertedAt       when a live stream raised it (the end of its first alerting minute)
     * @param ratio           observed / expected
     * @param tailProbability the smallest probability, under the baseline, of a count at least as high
     */
    @Schema(name = "TrafficSpike")
    public record SpikeView(Instant start, Instant end, Instant alertedAt, long observed, double expected,
            long expectedLow, long expectedHigh, Double ratio, double tailProbability, String summary, String cause,
            String driversSummary, List<SpikeDrivers.Driver> byReason, List<SpikeDrivers.Driver> byCampaign,
            SpikeExperience.Experience experience) {

        static SpikeView of(TrafficService.Found found) {
            SpikeDetector.Spike s = found.spike();
            Double ratio = s.expected() > 0 ? s.observed() / s.expected() : null;
            String summary = String.format(Locale.ROOT, "%d contacts from %s to %s against %.0f expected (95 %% "
                    + "range %d to %d)%s", s.observed(), s.start(), s.end(), s.expected(), s.expectedLow(),
                    s.expectedHigh(), ratio == null ? "" : String.format(Locale.ROOT, ", %.1f times the usual", ratio));
            return new SpikeView(s.start(), s.end(), s.alertedAt(), s.observed(), s.expected(), s.expectedLow(),
                    s.expectedHigh(), ratio, s.tailProbability(), summary,
                    found.drivers().cause().name(), found.drivers().summary(), found.drivers().byReason(),
                    found.drivers().byCampaign(), found.experience());
        }
    }
}
