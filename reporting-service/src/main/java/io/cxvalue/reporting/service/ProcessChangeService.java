package io.cxvalue.reporting.service;

import io.cxvalue.reporting.change.ImpactEstimate;
import io.cxvalue.reporting.change.ProcessChange;
import io.cxvalue.reporting.kpi.Dimension;
import io.cxvalue.reporting.kpi.Granularity;
import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.kpi.KpiQuery;
import io.cxvalue.reporting.kpi.KpiRow;
import io.cxvalue.reporting.kpi.Measure;
import io.cxvalue.reporting.kpi.Tally;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The impact of a recorded process change on sentiment, CSAT, felt valued, FCR and AHT: a difference in differences
 * against the teams it did not affect (those with contacts on both sides), or, when fewer than two such teams have the
 * figure, an interrupted time series of the affected teams' days ({@link ImpactEstimate}). Periods of {@code days} days before and after the change, read from the
 * KPI rollups (one cell per team and period; days for the time series).
 */
@ApplicationScoped
public class ProcessChangeService {

    /** The figures compared. */
    public static final List<Measure> MEASURES = List.of(Measure.SENTIMENT, Measure.CSAT, Measure.FELT_VALUED,
            Measure.FCR_RATE, Measure.AHT);
    /** A team needs this base in both periods for its change to count. */
    static final double MIN_BASE = 20;

    private final KpiQueryService kpis;

    ProcessChangeService(KpiQueryService kpis) {
        this.kpis = kpis;
    }

    /**
     * One figure's estimate.
     *
     * @param method         DIFFERENCE_IN_DIFFERENCES or INTERRUPTED_TIME_SERIES; null when neither could be made
     * @param affectedBefore the affected teams' figure before and after (all their contacts together)
     * @param placebo        for a difference in differences, the same estimate between the halves of the period
     *                       before (it should be near zero if the trends were parallel)
     */
    public record FigureImpact(Measure measure, String method, Double affectedBefore, Double affectedAfter,
            Double controlBefore, Double controlAfter, ImpactEstimate.Effect effect, ImpactEstimate.Effect placebo) {
    }

    /**
     * The periods compared and the estimates.
     *
     * @param affectedHandledPerMonth the affected teams' handled contacts (of the named reasons) per 30 days after
     *                                the change; null when no day after it has passed
     * @param affectedIssuesPerMonth  their issues whose repeat window closed, per 30 days after the change (the base
     *                                of first-contact resolution); null when no day after it has passed
     */
    public record Impact(Instant beforeFrom, Instant changeAt, Instant afterTo, List<String> controlTeams,
            List<FigureImpact> figures, Double affectedHandledPerMonth, Double affectedIssuesPerMonth) {
    }

    /**
     * The impact of {@code change} with {@code days} days on each side (the period after ends at {@code asOf} at
     * the latest), against {@code teams} (the teams the caller may see, the affected ones among them).
     */
    public Uni<Impact> impact(ProcessChange change, int days, ZoneId zone, Set<String> teams, Instant asOf) {
        LocalDate day0 = change.effectiveDate();
        Instant changeAt = day0.atStartOfDay(zone).toInstant();
        Instant beforeFrom = day0.minusDays(days).atStartOfDay(zone).toInstant();
        LocalDate lastAfter = day0.plusDays(days);
        LocalDate today = LocalDate.ofInstant(asOf, zone);
        Instant afterTo = (lastAfter.isAfter(today) ? today : lastAfter).atStartOfDay(zone).toInstant();
        Instant midBefore = day0.minusDays(days / 2).atStartOfDay(zone).toInstant();
        Set<String> affected = new HashSet<>(change.teams());
        Set<String> controls = new HashSet<>(teams);
        controls.removeAll(affected);
        Map<Dimension, Set<String>> filters = change.reasons().isEmpty() ? Map.of()
                : Map.of(Dimension.REASON, Set.copyOf(change.reasons()));
        Set<String> all = new HashSet<>(teams);
        all.addAll(affected);
        Uni<Map<String, KpiCell>> before = byTeam(beforeFrom, changeAt, zone, filters, all);
        Uni<Map<String, KpiCell>> after = byTeam(changeAt, afterTo, zone, filters, all);
        Uni<Map<String, KpiCell>> firstHalf = byTeam(beforeFrom, midBefore, zone, filters, all);
        Uni<Map<String, KpiCell>> secondHalf = byTeam(midBefore, changeAt, zone, filters, all);
        Uni<List<KpiRow>> daily = dailyOf(beforeFrom, afterTo, zone, filters, affected);
        return Uni.combine().all().unis(before, after, firstHalf, secondHalf, daily).asTuple().map(t -> {
            // The other teams that had contacts on both sides are the comparison.
            Set<String> withData = new HashSet<>();
            for (String team : controls) {
                KpiCell b = t.getItem1().get(team);
                KpiCell a = t.getItem2().get(team);
                if (b != null && a != null && b.get(Tally.OFFERED) > 0 && a.get(Tally.OFFERED) > 0) {
                    withData.add(team);
                }
            }
            List<FigureImpact> figures = new ArrayList<>();
            int changeDay = (int) ChronoUnit.DAYS.between(day0.minusDays(days), day0);
            for (Measure m : MEASURES) {
                ImpactEstimate.Effect effect = ImpactEstimate.differenceInDifferences(
                        changes(t.getItem1(), t.getItem2(), affected, m),
                        changes(t.getItem1(), t.getItem2(), withData, m));
                FigureImpact f;
                if (effect != null) {
                    ImpactEstimate.Effect placebo = ImpactEstimate.differenceInDifferences(
                            changes(t.getItem3(), t.getItem4(), affected, m),
                            changes(t.getItem3(), t.getItem4(), withData, m));
                    f = new FigureImpact(m, "DIFFERENCE_IN_DIFFERENCES", pooled(t.getItem1(), affected, m),
                            pooled(t.getItem2(), affected, m), pooled(t.getItem1(), withData, m),
                            pooled(t.getItem2(), withData, m), effect, placebo);
                } else {
                    double[] series = new double[(int) ChronoUnit.DAYS.between(day0.minusDays(days),
                            LocalDate.ofInstant(afterTo, zone))];
                    java.util.Arrays.fill(series, Double.NaN);
                    for (KpiRow row : t.getItem5()) {
                        Measure.Figure figure = row.figures().get(m);
                        int i = (int) ChronoUnit.DAYS.between(day0.minusDays(days), row.date());
                        if (figure != null && figure.value() != null && i >= 0 && i < series.length) {
                            series[i] = figure.value();
                        }
                    }
                    ImpactEstimate.Effect its = ImpactEstimate.interruptedTimeSeries(series, changeDay);
                    f = new FigureImpact(m, its == null ? null : "INTERRUPTED_TIME_SERIES",
                            pooled(t.getItem1(), affected, m), pooled(t.getItem2(), affected, m), null, null, its,
                            null);
                }
                figures.add(f);
            }
            KpiCell handled = new KpiCell();
            t.getItem2().forEach((team, cell) -> {
                if (affected.contains(team)) {
                    handled.merge(cell);
                }
            });
            double daysAfter = java.time.Duration.between(changeAt, afterTo).toHours() / 24.0;
            return new Impact(beforeFrom, changeAt, afterTo, withData.stream().sorted().toList(), figures,
                    daysAfter <= 0 ? null : handled.get(Tally.HANDLED) * 30 / daysAfter,
                    daysAfter <= 0 ? null : handled.get(Tally.ISSUES_CLOSED) * 30 / daysAfter);
        });
    }

    /** Each team's change of the figure (after minus before), for teams with the minimum base in both periods. */
    private static List<Double> changes(Map<String, KpiCell> before, Map<String, KpiCell> after, Set<String> teams,
            Measure m) {
        List<Double> out = new ArrayList<>();
        for (String team : teams) {
            KpiCell b = before.get(team);
            KpiCell a = after.get(team);
            if (b == null || a == null) {
                continue;
            }
            Measure.Figure fb = m.of(b);
            Measure.Figure fa = m.of(a);
            if (fb.value() != null && fa.value() != null && fb.base() != null && fa.base() != null
                    && fb.base() >= MIN_BASE && fa.base() >= MIN_BASE) {
                out.add(fa.value() - fb.value());
            }
        }
        return out;
    }

    /** The figure of the teams' contacts together. */
    private static Double pooled(Map<String, KpiCell> cells, Set<String> teams, Measure m) {
        KpiCell sum = new KpiCell();
        cells.forEach((team, cell) -> {
            if (teams.contains(team)) {
                sum.merge(cell);
            }
        });
        return m.of(sum).value();
    }

    private Uni<Map<String, KpiCell>> byTeam(Instant from, Instant to, ZoneId zone,
            Map<Dimension, Set<String>> filters, Set<String> teams) {
        if (!from.isBefore(to)) {
            return Uni.createFrom().item(Map.of());
        }
        return kpis.totalsByGroup(new KpiQuery(from, to, Granularity.DAY, zone, Dimension.TEAM, filters, MEASURES,
                teams));
    }

    private Uni<List<KpiRow>> dailyOf(Instant from, Instant to, ZoneId zone, Map<Dimension, Set<String>> filters,
            Set<String> teams) {
        if (!from.isBefore(to)) {
            return Uni.createFrom().item(List.of());
        }
        return kpis.run(new KpiQuery(from, to, Granularity.DAY, zone, null, filters, MEASURES, teams), 0, 1_000)
                .map(KpiQueryService.RowPage::rows);
    }
}
