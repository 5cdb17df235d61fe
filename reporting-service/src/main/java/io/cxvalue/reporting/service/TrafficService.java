package io.cxvalue.reporting.service;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.contact.ContactRecord;
import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.repository.TrafficRepository;
import io.cxvalue.reporting.traffic.MinuteSeries;
import io.cxvalue.reporting.traffic.SeasonalBaseline;
import io.cxvalue.reporting.traffic.SpikeDetector;
import io.cxvalue.reporting.traffic.SpikeDetector.Spike;
import io.cxvalue.reporting.traffic.SpikeDrivers;
import io.cxvalue.reporting.traffic.SpikeExperience;
import io.cxvalue.reporting.traffic.TrafficHour;
import io.cxvalue.reporting.traffic.TrafficHour.Dimension;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Contact volume per minute and its spikes, read from the traffic of each team-hour ({@link TrafficHour}): the series
 * (by queue, reason, channel or campaign) with the volume the hour-of-week baseline expects; the spikes of a period,
 * each with what drove it and how customers fared in it against the same hours on normal days; and, for the live
 * stream, each closed minute with any spike it raised.
 */
@ApplicationScoped
public class TrafficService {

    /** Normal days a spike's experience is compared with: the same hours on the days before it. */
    static final int NORMAL_DAYS = 28;

    /** Minutes read before a live period, so its first minutes are judged against the level of the hours before. */
    static final int LIVE_LEAD_MINUTES = 195;
    private static final Set<TrafficRepository.Part> TOTALS = EnumSet.of(TrafficRepository.Part.TOTALS);
    /** The totals and the hourly sums of every series: the history a baseline and the usual mix are learned from. */
    private static final Set<TrafficRepository.Part> TOTALS_AND_MIX = EnumSet.of(TrafficRepository.Part.TOTALS,
            TrafficRepository.Part.HOURLY);
    private static final List<Dimension> DRIVER_DIMENSIONS = List.of(Dimension.REASON, Dimension.CAMPAIGN);
    private static final Predicate<String> DRIVER_KEYS = key -> {
        Dimension d = Dimension.of(key);
        return d == Dimension.TOTAL || d == Dimension.REASON || d == Dimension.CAMPAIGN;
    };

    private final TrafficRepository traffic;
    private final KpiQueryService kpis;
    private final int serviceLevelSeconds;
    private final ReportingConfig.Traffic settings;
    /** Baselines of live scopes, learned once per scope, zone and UTC day (the stream asks every minute). */
    private final Map<String, CompletableFuture<Learned>> learned = new ConcurrentHashMap<>();

    TrafficService(TrafficRepository traffic, KpiQueryService kpis, ReportingConfig config) {
        this.traffic = traffic;
        this.kpis = kpis;
        this.serviceLevelSeconds = Math.toIntExact(config.kpi().serviceLevelThreshold().toSeconds());
        this.settings = config.traffic();
    }

    /** How spikes are found: the weeks of history the baseline is learned from, and the alert threshold. */
    public record Detection(int historyWeeks, double alpha) {
    }

    /**
     * A period's series and the baseline behind its expectations.
     *
     * @param series   per series key, contacts per minute of the period
     * @param expected contacts the baseline expects per minute of the period (for all contacts), scaled by nothing
     */
    public record Series(MinuteSeries series, double[] expected, SeasonalBaseline baseline, int historyMinutes) {
    }

    /**
     * The contacts per minute of {@code teams} in [from, to) of the series {@code keep} selects (the total alone, or
     * series of the dimensions), and the baseline expectation of all contacts per minute (learned from the
     * {@code historyWeeks} before {@code from}).
     */
    public Uni<Series> series(Set<String> teams, Instant from, Instant to, ZoneId zone, int historyWeeks,
            Predicate<String> keep) {
        Instant historyStart = from.minus(Duration.ofDays(7L * historyWeeks)).truncatedTo(ChronoUnit.HOURS);
        String total = Dimension.TOTAL.key(null);
        // Every series per minute is read only when more than the total is asked for (it is most of an hour's size).
        boolean totalOnly = keep.test(total);
        Set<TrafficRepository.Part> periodParts = EnumSet.of(totalOnly ? TrafficRepository.Part.TOTALS
                : TrafficRepository.Part.MINUTES);
        MinuteSeries.Builder historyTotals = new MinuteSeries.Builder(historyStart, from, total::equals);
        MinuteSeries.Builder periodSeries = new MinuteSeries.Builder(from, to, keep);
        return Uni.combine().all().unis(traffic.forEachHour(teams, historyStart, from, TOTALS, historyTotals::add),
                        traffic.forEachHour(teams, from, to, periodParts, periodSeries::add)).asTuple().map(read -> {
            MinuteSeries history = historyTotals.build();
            SeasonalBaseline baseline = SeasonalBaseline.learn(history.total(), historyStart, zone);
            MinuteSeries period = periodSeries.build();
            double[] expected = new double[period.minutes()];
            for (int m = 0; m < expected.length; m++) {
                expected[m] = baseline.expectedInMinute(period.start().plus(Duration.ofMinutes(m)));
            }
            return new Series(period, expected, baseline, history.minutes());
        });
    }

    /** A spike with what drove it and, when asked, how customers fared in it. */
    public record Found(Spike spike, SpikeDrivers.Drivers drivers, SpikeExperience.Experience experience) {
    }

    /**
     * The spikes raised in [from, to) (by when they were raised), against a baseline learned from the weeks before
     * {@code from}; null when those weeks had no contacts at all (nothing to learn from).
     *
     * @param baseline      the baseline used
     * @param historyTotal  the contacts it was learned from
     * @param historyDays   whole days from the first of them to the end of the history: spikes are looked for only
     *                      when it reaches {@value #MIN_HISTORY_DAYS} (every hour of the week seen once)
     */
    public record Spikes(List<Found> spikes, SeasonalBaseline baseline, long historyTotal, long historyDays) {
    }

    /** Days of history a baseline needs before spikes are looked for against it. */
    public static final int MIN_HISTORY_DAYS = 7;

    /** Whole days from the first contact of {@code total}'s first {@code end} minutes to their end. */
    static long historyDays(int[] total, int end) {
        for (int m = 0; m < end; m++) {
            if (total[m] != 0) {
                return (end - m) / (24 * 60);
            }
        }
        return 0;
    }

    public Uni<Spikes> spikes(Set<String> teams, Instant from, Instant to, ZoneId zone, Detection detection,
            boolean withExperience) {
        Instant historyStart = from.minus(Duration.ofDays(7L * detection.historyWeeks()))
                .truncatedTo(ChronoUnit.HOURS);
        // The mix is learned from the whole hours before the period: the period's hours need only their totals.
        // Both are summed as the hours arrive: months of team-hours are never held at once.
        Instant fromHour = from.truncatedTo(ChronoUnit.HOURS);
        MinuteSeries.Builder totals = new MinuteSeries.Builder(historyStart, to, Dimension.TOTAL.key(null)::equals);
        SpikeDrivers.Mix.Learner learner = new SpikeDrivers.Mix.Learner(fromHour, zone, DRIVER_DIMENSIONS);
        Object serially = new Object();
        return Uni.combine().all().unis(
                traffic.forEachHour(teams, historyStart, fromHour, TOTALS_AND_MIX, h -> {
                    synchronized (serially) {
                        totals.add(h);
                        learner.add(h);
                    }
                }),
                traffic.forEachHour(teams, fromHour, to, TOTALS, h -> {
                    synchronized (serially) {
                        totals.add(h);
                    }
                })).asTuple().chain(read -> {
            MinuteSeries series = totals.build();
            int historyEnd = series.index(from.truncatedTo(ChronoUnit.MINUTES));
            int[] total = series.total();
            long historyTotal = 0;
            for (int m = 0; m < historyEnd; m++) {
                historyTotal += total[m];
            }
            SeasonalBaseline baseline = SeasonalBaseline.learn(java.util.Arrays.copyOf(total, historyEnd),
                    historyStart, zone);
            long historyDays = historyDays(total, historyEnd);
            if (historyDays < MIN_HISTORY_DAYS) {
                return Uni.createFrom().item(new Spikes(List.of(), baseline, historyTotal, historyDays));
            }
            // Detection runs over the history too: its spikes mark the hours that are not normal.
            List<Spike> all = new SpikeDetector(baseline, detection.alpha()).detect(total, series.start());
            List<Spike> inPeriod = all.stream()
                    .filter(s -> !s.alertedAt().isBefore(from) && s.alertedAt().isBefore(to.plusSeconds(1)))
                    .toList();
            SpikeDrivers.Mix mix = learner.mix();
            if (inPeriod.isEmpty()) {
                return Uni.createFrom().item(new Spikes(List.of(), baseline, historyTotal, historyDays));
            }
            List<Uni<SpikeDrivers.Drivers>> drivers = inPeriod.stream()
                    .map(s -> drivers(teams, s, baseline, mix)).toList();
            Uni<List<SpikeDrivers.Drivers>> allDrivers = Uni.join().all(drivers).usingConcurrencyOf(4).andFailFast();
            long learnedFrom = historyTotal;
            Uni<List<SpikeExperience.Experience>> experiences = withExperience
                    ? experiences(teams, inPeriod, all, zone)
                    : Uni.createFrom().item(Collections.nCopies(inPeriod.size(), null));
            return Uni.combine().all().unis(allDrivers, experiences).asTuple().map(both -> {
                List<Found> found = new ArrayList<>();
                for (int i = 0; i < inPeriod.size(); i++) {
                    found.add(new Found(inPeriod.get(i), both.getItem1().get(i), both.getItem2().get(i)));
                }
                return new Spikes(found, baseline, learnedFrom, historyDays);
            });
        });
    }

    /** What drove {@code spike}: its hours' series per minute against the usual mix. */
    private Uni<SpikeDrivers.Drivers> drivers(Set<String> teams, Spike spike, SeasonalBaseline baseline,
            SpikeDrivers.Mix mix) {
        Instant from = spike.start().truncatedTo(ChronoUnit.HOURS);
        return traffic.hours(teams, from, spike.end(), EnumSet.of(TrafficRepository.Part.MINUTES)).map(hours -> {
            MinuteSeries window = MinuteSeries.of(hours, from, spike.end(), DRIVER_KEYS);
            return SpikeDrivers.of(window, window.index(spike.start()), window.index(spike.end()), spike.observed(),
                    spike.expected(), baseline, mix);
        });
    }

    /**
     * The experience of each spike's contacts against the same hours (whole hours covering the spike, in
     * {@code zone}) on each of the {@value #NORMAL_DAYS} days before it when no spike touched them. The normal hours
     * of all the spikes are read at once: spikes weeks apart share most of their normal days' documents.
     */
    private Uni<List<SpikeExperience.Experience>> experiences(Set<String> teams, List<Spike> inPeriod,
            List<Spike> spikes, ZoneId zone) {
        Instant now = Instant.now();
        List<Uni<Map<String, KpiCell>>> during = new ArrayList<>();
        // Which spikes each normal hour is compared with, and each spike's sums of them.
        Map<Instant, List<Map<String, KpiCell>>> normalOf = new HashMap<>();
        List<Map<String, KpiCell>> normal = new ArrayList<>();
        for (Spike spike : inPeriod) {
            during.add(kpis.contacts(spike.start(), spike.end(), Map.of(), teams).map(records -> {
                Map<String, KpiCell> cells = new TreeMap<>();
                for (ContactRecord r : records) {
                    TrafficHour.addExperience(cells, r, now, serviceLevelSeconds, 1);
                }
                return cells;
            }));
            Map<String, KpiCell> sums = new HashMap<>();
            normal.add(sums);
            for (Instant h : normalHours(spike, spikes, zone)) {
                normalOf.computeIfAbsent(h, k -> new ArrayList<>()).add(sums);
            }
        }
        Uni<Void> normalRead = traffic.forEachHour(teams, normalOf.keySet(),
                EnumSet.of(TrafficRepository.Part.EXPERIENCE), h -> {
                    for (Map<String, KpiCell> sums : normalOf.getOrDefault(h.hour(), List.of())) {
                        h.experience().forEach((key, cell) -> sums.computeIfAbsent(key, k -> new KpiCell())
                                .merge(cell));
                    }
                });
        return Uni.combine().all().unis(Uni.join().all(during).usingConcurrencyOf(4).andFailFast(), normalRead)
                .asTuple().map(both -> {
                    List<SpikeExperience.Experience> out = new ArrayList<>();
                    for (int i = 0; i < inPeriod.size(); i++) {
                        normal.get(i).values().forEach(c -> c.settle(now));
                        out.add(SpikeExperience.compare(both.getItem1().get(i), normal.get(i)));
                    }
                    return out;
                });
    }

    /** The whole hours covering {@code spike} on each of the {@value #NORMAL_DAYS} days before it no spike touched. */
    private static Set<Instant> normalHours(Spike spike, List<Spike> spikes, ZoneId zone) {
        ZonedDateTime first = spike.start().atZone(zone).truncatedTo(ChronoUnit.HOURS);
        ZonedDateTime last = spike.end().minusNanos(1).atZone(zone).truncatedTo(ChronoUnit.HOURS);
        Set<Instant> hours = new LinkedHashSet<>();
        for (int day = 1; day <= NORMAL_DAYS; day++) {
            Instant start = first.minusDays(day).toInstant();
            Instant end = last.minusDays(day).plusHours(1).toInstant();
            boolean spiky = spikes.stream().anyMatch(s -> s.start().isBefore(end) && s.end().isAfter(start));
            if (!spiky) {
                for (Instant h = start; h.isBefore(end); h = h.plus(Duration.ofHours(1))) {
                    hours.add(h);
                }
            }
        }
        return hours;
    }

    /** A baseline and the usual mix of reasons and campaigns, learned from the weeks before a day. */
    private record Learned(SeasonalBaseline baseline, SpikeDrivers.Mix mix, boolean enough) {
    }

    /**
     * A closed minute as the live stream shows it.
     *
     * @param expected     contacts the baseline expects in it, with the central 95 % range; null while the history
     *                     holds less than {@value #MIN_HISTORY_DAYS} days (and no spike is looked for)
     * @param spikeStart   the start of the spike the minute is part of, null when none
     */
    public record LiveMinute(Instant minute, int contacts, Double expected, Long expectedLow, Long expectedHigh,
            Instant spikeStart) {
    }

    /** The closed minutes of a live period and the spikes raised in it (by when they were raised). */
    public record Live(List<LiveMinute> minutes, List<Found> raised) {
    }

    /**
     * The minutes [from, to) of {@code teams} (whole minutes) against the baseline of the weeks before {@code from}'s
     * UTC day, and the spikes first raised at the end of one of them, with their drivers.
     */
    public Uni<Live> live(Set<String> teams, Instant from, Instant to, ZoneId zone) {
        Instant readFrom = from.minus(Duration.ofMinutes(LIVE_LEAD_MINUTES)).truncatedTo(ChronoUnit.HOURS);
        return learned(teams, zone, from.truncatedTo(ChronoUnit.DAYS))
                .chain(model -> traffic.hours(teams, readFrom, to, EnumSet.of(TrafficRepository.Part.MINUTES))
                        .map(hours -> {
                    MinuteSeries series = MinuteSeries.of(hours, readFrom, to, DRIVER_KEYS);
                    int[] total = series.total();
                    List<Spike> spikes = model.enough()
                            ? new SpikeDetector(model.baseline(), settings.alpha()).detect(total, series.start())
                            : List.of();
                    List<LiveMinute> minutes = new ArrayList<>();
                    double rv = model.baseline().relativeVariance();
                    for (int m = series.index(from); m < series.minutes(); m++) {
                        Instant minute = series.start().plus(Duration.ofMinutes(m));
                        Instant end = minute.plus(Duration.ofMinutes(1));
                        double expected = model.baseline().expectedInMinute(minute);
                        Instant spikeStart = spikes.stream()
                                .filter(s -> !s.alertedAt().isAfter(end) && s.start().isBefore(end)
                                        && !s.end().isBefore(end))
                                .map(Spike::start).findFirst().orElse(null);
                        minutes.add(model.enough() ? new LiveMinute(minute, total[m], expected,
                                SpikeDetector.quantile(0.025, expected, rv),
                                SpikeDetector.quantile(0.975, expected, rv), spikeStart)
                                : new LiveMinute(minute, total[m], null, null, null, null));
                    }
                    List<Found> raised = new ArrayList<>();
                    for (Spike s : spikes) {
                        if (s.alertedAt().isAfter(from) && !s.alertedAt().isAfter(to)) {
                            raised.add(new Found(s, SpikeDrivers.of(series, series.index(s.start()),
                                    series.index(s.end()), s.observed(), s.expected(), model.baseline(), model.mix()),
                                    null));
                        }
                    }
                    return new Live(minutes, raised);
                }));
    }

    private Uni<Learned> learned(Set<String> teams, ZoneId zone, Instant day) {
        String key = new java.util.TreeSet<>(teams) + "|" + zone + "|" + day;
        learned.keySet().removeIf(k -> !k.endsWith("|" + day));
        CompletableFuture<Learned> mine = new CompletableFuture<>();
        CompletableFuture<Learned> existing = learned.putIfAbsent(key, mine);
        if (existing != null) {
            return Uni.createFrom().completionStage(existing);
        }
        Instant historyStart = day.minus(Duration.ofDays(7L * settings.historyWeeks()));
        MinuteSeries.Builder totals = new MinuteSeries.Builder(historyStart, day, Dimension.TOTAL.key(null)::equals);
        SpikeDrivers.Mix.Learner learner = new SpikeDrivers.Mix.Learner(day, zone, DRIVER_DIMENSIONS);
        traffic.forEachHour(teams, historyStart, day, TOTALS_AND_MIX, h -> {
            totals.add(h);
            learner.add(h);
        }).map(done -> {
            MinuteSeries series = totals.build();
            return new Learned(SeasonalBaseline.learn(series.total(), historyStart, zone), learner.mix(),
                    historyDays(series.total(), series.minutes()) >= MIN_HISTORY_DAYS);
        }).subscribe().with(mine::complete, failure -> {
            learned.remove(key, mine);
            mine.completeExceptionally(failure);
        });
        return Uni.createFrom().completionStage(mine);
    }
}
