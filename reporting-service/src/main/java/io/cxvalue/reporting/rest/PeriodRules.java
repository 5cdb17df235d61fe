package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.kpi.Granularity;
import io.cxvalue.reporting.service.KpiQueryService;
import io.cxvalue.support.rest.Problems;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * How long a report's period may be, and where it must start: calendar buckets in a pre-aggregated zone read the
 * daily rollups, so the period is whole days of the zone, up to {@value #MAX_ROLLUP_DAYS} days; anything else is
 * computed from the contacts, up to {@code max-raw-days}.
 */
@ApplicationScoped
public class PeriodRules {

    /** Two years and a bit: enough for a year-on-year comparison. */
    static final int MAX_ROLLUP_DAYS = 800;

    private final KpiQueryService kpis;
    private final int maxRawDays;

    PeriodRules(KpiQueryService kpis, ReportingConfig config) {
        this.kpis = kpis;
        this.maxRawDays = config.kpi().maxRawDays();
    }

    /** Adds a violation for each rule {@code p}'s period breaks with buckets of {@code grain}. */
    void check(ReportParams.Parsed p, Granularity grain, List<Problems.Violation> violations) {
        if (p.from() == null || p.to() == null || p.zone() == null || grain == null || !p.from().isBefore(p.to())) {
            return;
        }
        ZoneId zone = p.zone();
        long days = Duration.between(p.from(), p.to()).toDays();
        if (kpis.fromRollups(grain, zone)) {
            if (!isMidnight(p.from(), zone)) {
                violations.add(new Problems.Violation("from", "must be a midnight in " + zone + " (or a date) for "
                        + grain.key() + " buckets"));
            }
            if (!isMidnight(p.to(), zone)) {
                violations.add(new Problems.Violation("to", "must be a midnight in " + zone + " (or a date) for "
                        + grain.key() + " buckets"));
            }
            if (days > MAX_ROLLUP_DAYS) {
                violations.add(new Problems.Violation("to", "the period must not exceed " + MAX_ROLLUP_DAYS
                        + " days"));
            }
        } else if (days > maxRawDays) {
            violations.add(new Problems.Violation("to", "the period must not exceed " + maxRawDays + " days for "
                    + grain.key() + " buckets in " + zone + " (computed from the contacts; day, week and month "
                    + "buckets in a pre-aggregated zone may cover " + MAX_ROLLUP_DAYS + " days)"));
        }
    }

    /** For reports listing contacts themselves: at most {@code max-raw-days}. */
    void checkRaw(ReportParams.Parsed p, List<Problems.Violation> violations) {
        if (p.from() != null && p.to() != null && p.from().isBefore(p.to())
                && Duration.between(p.from(), p.to()).toDays() > maxRawDays) {
            violations.add(new Problems.Violation("to", "the period must not exceed " + maxRawDays + " days"));
        }
    }

    private static boolean isMidnight(Instant time, ZoneId zone) {
        return LocalDate.ofInstant(time, zone).atStartOfDay(zone).toInstant().equals(time);
    }
}
