package io.cxvalue.reporting.service;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.contact.ContactDay;
import io.cxvalue.reporting.contact.ContactFact;
import io.cxvalue.reporting.contact.ContactRecord;
import io.cxvalue.reporting.kpi.Dimension;
import io.cxvalue.reporting.kpi.Granularity;
import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.kpi.KpiQuery;
import io.cxvalue.reporting.kpi.KpiRow;
import io.cxvalue.reporting.kpi.Measure;
import io.cxvalue.reporting.kpi.RollupView;
import io.cxvalue.reporting.repository.ContactRepository;
import io.cxvalue.reporting.repository.RollupRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Answers KPI queries. Day, week and month buckets in a configured time zone are summed from the pre-aggregated
 * daily rollups (the smallest view that holds the grouping and the filters); quarter hours, hours, and calendar
 * buckets in any other zone are computed from the contacts of the period (at most {@code maxRawDays} days). Either
 * way the figures are the same: the rollups are the same cells, made from the same contacts.
 */
@ApplicationScoped
public class KpiQueryService {

    private final RollupRepository rollups;
    private final ContactRepository contacts;
    private final Set<ZoneId> rolledUpZones;
    private final int serviceLevelSeconds;
    private final Clock clock;

    KpiQueryService(RollupRepository rollups, ContactRepository contacts, ReportingConfig config) {
        this.rollups = rollups;
        this.contacts = contacts;
        this.rolledUpZones = Set.copyOf(config.kpi().timeZones());
        this.serviceLevelSeconds = Math.toIntExact(config.kpi().serviceLevelThreshold().toSeconds());
        this.clock = Clock.systemUTC();
    }

    /** Whether {@code query} is answered from the daily rollups (else from the contacts themselves). */
    public boolean fromRollups(Granularity granularity, ZoneId zone) {
        return granularity.calendar() && rolledUpZones.contains(zone);
    }

    /** Every team that has had a contact. */
    public Uni<List<String>> teams() {
        return contacts.teams();
    }

    /** One page of an answer's rows, and how many rows the whole answer has. */
    public record RowPage(List<KpiRow> rows, int totalRows) {
    }

    /**
     * Page {@code page} (of {@code size} rows) of {@code query}'s rows, ordered by bucket start, then group (no value
     * last). Only the page's figures are computed.
     */
    public Uni<RowPage> run(KpiQuery query, int page, int size) {
        Instant now = clock.instant();
        Uni<Map<Key, Slot>> table = fromRollups(query.granularity(), query.zone())
                ? fromRollups(query) : fromContacts(query, now);
        return table.map(cells -> new RowPage(rows(query, cells, now, (long) page * size, size), cells.size()));
    }

    /**
     * One cell per group over the whole period (the query's granularity only decides whether the rollups or the
     * contacts are read), settled now; a group without a value (contacts without an agent, say) is left out.
     */
    public Uni<Map<String, KpiCell>> totalsByGroup(KpiQuery query) {
        Instant now = clock.instant();
        Uni<Map<Key, Slot>> table = fromRollups(query.granularity(), query.zone())
                ? fromRollups(query) : fromContacts(query, now);
        boolean sketches = query.wantsSketches();
        return table.map(cells -> {
            Map<String, KpiCell> totals = new TreeMap<>();
            cells.forEach((key, slot) -> {
                if (key.group() != null) {
                    totals.computeIfAbsent(key.group(), g -> new KpiCell()).merge(slot.cell(sketches));
                }
            });
            totals.values().forEach(cell -> cell.settle(now));
            return totals;
        });
    }

    private record Key(Instant start, String group) {
    }

    /**
     * One row's cells: while a single stored cell falls into it, that cell itself (shared, never changed); a second
     * one makes it a cell of its own. Most rows of a daily, per-agent answer are one stored cell each, so a query
     * copies only what it merges, and only the rows of the page it answers are turned into figures.
     */
    private static final class Slot {
        private RollupRepository.StoredCell single;
        private KpiCell merged;

        static Slot of(KpiCell cell) {
            Slot slot = new Slot();
            slot.merged = cell;
            return slot;
        }

        void add(RollupRepository.StoredCell cell, boolean sketches) {
            if (merged == null && single == null) {
                single = cell;
                return;
            }
            if (merged == null) {
                merged = new KpiCell();
                single.addTo(merged, sketches);
                single = null;
            }
            cell.addTo(merged, sketches);
        }

        /** The row's own cell (a fresh one for a shared stored cell, since settling changes it). */
        KpiCell cell(boolean sketches) {
            if (merged == null) {
                merged = new KpiCell();
                single.addTo(merged, sketches);
                single = null;
            }
            return merged;
        }
    }

    private Uni<Map<Key, Slot>> fromRollups(KpiQuery q) {
        LocalDate firstDay = LocalDate.ofInstant(q.from(), q.zone());
        LocalDate endDay = LocalDate.ofInstant(q.to(), q.zone());
        RollupView view = RollupView.covering(q.neededDimensions());
        boolean sketches = q.wantsSketches();
        // Filled unordered (a hash map is several times cheaper per cell than a tree for the thousands of cells of a
        // year), ordered once at the end.
        Map<Key, Slot> table = new HashMap<>();
        Uni<List<RollupRepository.DayCells>> read;
        if (view == RollupView.CUBE) {
            List<LocalDate> dates = new ArrayList<>();
            for (LocalDate d = firstDay; d.isBefore(endDay); d = d.plusDays(1)) {
                dates.add(d);
            }
            read = rollups.cube(q.zone().getId(), q.teams(), dates);
        } else {
            Set<YearMonth> months = new LinkedHashSet<>();
            for (YearMonth m = YearMonth.from(firstDay); !m.atDay(1).isAfter(endDay.minusDays(1));
                    m = m.plusMonths(1)) {
                months.add(m);
            }
            read = rollups.days(q.zone().getId(), q.teams(), months, view);
        }
        List<Dimension> keyed = view.dimensions();
        int groupIndex = q.groupBy() == null || q.groupBy() == Dimension.TEAM ? -1 : keyed.indexOf(q.groupBy());
        boolean cellFilters = q.filters().keySet().stream().anyMatch(d -> d != Dimension.TEAM);
        return read.map(days -> {
            for (RollupRepository.DayCells day : days) {
                if (day.date().isBefore(firstDay) || !day.date().isBefore(endDay)) {
                    continue;
                }
                Instant bucket = q.granularity().dayBucket(day.date()).atStartOfDay(q.zone()).toInstant();
                String team = teamValue(day.teamId());
                if (!matches(q, team, dimension -> null, true)) {
                    continue;
                }
                for (RollupRepository.StoredCell cell : day.cells()) {
                    List<String> key = cell.key();
                    if (cellFilters && !matches(q, team, dimension -> key.get(keyed.indexOf(dimension)), false)) {
                        continue;
                    }
                    String group = q.groupBy() == null ? null : groupIndex < 0 ? team : key.get(groupIndex);
                    table.computeIfAbsent(new Key(bucket, group), k -> new Slot()).add(cell, sketches);
                }
            }
            return sorted(table);
        });
    }

    private Uni<Map<Key, Slot>> fromContacts(KpiQuery q, Instant now) {
        return contacts(q.from(), q.to(), q.filters(), q.teams()).map(records -> {
            Map<Key, Slot> table = new TreeMap<>(KEY_ORDER);
            for (ContactRecord r : records) {
                ContactFact f = r.fact();
                String group = q.groupBy() == null ? null : q.groupBy().value(f);
                Instant bucket = q.granularity().bucketStart(f.startedAt(), q.zone());
                table.computeIfAbsent(new Key(bucket, group), k -> Slot.of(new KpiCell())).merged
                        .add(r, now, serviceLevelSeconds);
            }
            return table;
        });
    }

    /**
     * The contacts of {@code teams} that started in [from, to) and pass the filters, ordered by start time (then
     * interaction id): what a figure is made of.
     */
    public Uni<List<ContactRecord>> contacts(Instant from, Instant to, Map<Dimension, Set<String>> filters,
            Set<String> teams) {
        List<ContactDay> days = new ArrayList<>();
        for (String team : teams) {
            for (LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC);
                    d.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(to); d = d.plusDays(1)) {
                days.add(new ContactDay(team, d));
            }
        }
        KpiQuery filter = new KpiQuery(from, to, Granularity.DAY, ZoneOffset.UTC, null, filters, List.of(), teams);
        return contacts.members(days)
                .chain(members -> {
                    Set<String> ids = new LinkedHashSet<>();
                    members.values().forEach(m -> ids.addAll(m.interactionIds()));
                    return contacts.find(ids);
                })
                .map(records -> records.stream()
                        .filter(r -> !r.fact().startedAt().isBefore(from) && r.fact().startedAt().isBefore(to))
                        .filter(r -> matches(filter, r.fact().teamId(), dimension -> dimension.value(r.fact())))
                        .sorted(Comparator.comparing((ContactRecord r) -> r.fact().startedAt())
                                .thenComparing(r -> r.fact().interactionId()))
                        .toList());
    }

    private static boolean matches(KpiQuery q, String team, java.util.function.Function<Dimension, String> value) {
        return matches(q, team, value, false);
    }

    /** Whether the contact or cell passes the filters (only the team filter when {@code teamOnly}). */
    private static boolean matches(KpiQuery q, String team, java.util.function.Function<Dimension, String> value,
            boolean teamOnly) {
        for (Map.Entry<Dimension, Set<String>> filter : q.filters().entrySet()) {
            if (teamOnly && filter.getKey() != Dimension.TEAM) {
                continue;
            }
            String v = filter.getKey() == Dimension.TEAM ? team : value.apply(filter.getKey());
            if (v == null || !filter.getValue().contains(v)) {
                return false;
            }
        }
        return true;
    }

    private List<KpiRow> rows(KpiQuery q, Map<Key, Slot> table, Instant now, long skip, int limit) {
        List<KpiRow> rows = new ArrayList<>(Math.min(limit, table.size()));
        long index = 0;
        boolean sketches = q.wantsSketches();
        for (Map.Entry<Key, Slot> entry : table.entrySet()) {
            if (index++ < skip) {
                continue;
            }
            if (rows.size() == limit) {
                break;
            }
            Key key = entry.getKey();
            KpiCell cell = entry.getValue().cell(sketches);
            cell.settle(now);
            Map<Measure, Measure.Figure> figures = new LinkedHashMap<>();
            for (Measure m : q.measures()) {
                figures.put(m, m.of(cell));
            }
            Instant start = key.start().isBefore(q.from()) ? q.from() : key.start();
            Instant next = q.granularity().next(key.start(), q.zone());
            Instant end = next.isAfter(q.to()) ? q.to() : next;
            LocalDate date = q.granularity().calendar() ? LocalDate.ofInstant(key.start(), q.zone()) : null;
            rows.add(new KpiRow(start, end, date, key.group(), figures));
        }
        return rows;
    }

    /** The table in row order: bucket start, then group (no value last). */
    private static Map<Key, Slot> sorted(Map<Key, Slot> table) {
        List<Map.Entry<Key, Slot>> entries = new ArrayList<>(table.entrySet());
        entries.sort(Map.Entry.comparingByKey(KEY_ORDER));
        Map<Key, Slot> out = new LinkedHashMap<>(entries.size() * 2);
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String teamValue(String teamId) {
        return ContactDay.NO_TEAM.equals(teamId) ? null : teamId;
    }

    private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::start)
            .thenComparing(Key::group, Comparator.nullsLast(Comparator.naturalOrder()));
}
