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
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
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
        Uni<List<TableRow>> table = fromRollups(query.granularity(), query.zone())
                ? fromRollups(query) : fromContacts(query, now);
        return table.map(rows -> new RowPage(rows(query, rows, now, (long) page * size, size), rows.size()));
    }

    /**
     * One cell per group over the whole period (the query's granularity only decides whether the rollups or the
     * contacts are read), settled now; a group without a value (contacts without an agent, say) is left out.
     */
    public Uni<Map<String, KpiCell>> totalsByGroup(KpiQuery query) {
        Instant now = clock.instant();
        Uni<List<TableRow>> table = fromRollups(query.granularity(), query.zone())
                ? fromRollups(query) : fromContacts(query, now);
        boolean sketches = query.wantsSketches();
        return table.map(rows -> {
            Map<String, KpiCell> totals = new TreeMap<>();
            for (TableRow row : rows) {
                if (row.group() != null) {
                    totals.computeIfAbsent(row.group(), g -> new KpiCell()).merge(row.slot().cell(sketches));
                }
            }
            totals.values().forEach(cell -> cell.settle(now));
            return totals;
        });
    }

    /** One row of an answer before its figures are worked out: its bucket, its group and its cells. */
    private record TableRow(Instant start, String group, Slot slot) {
    }

    /**
     * One row's cells: while a single stored cell falls into it, that cell, still packed; a second one makes it a
     * decoded cell of its own. Most rows of a daily, per-agent answer are one stored cell each, so a query decodes
     * what it merges and the rows of the page it answers, nothing else.
     */
    private static final class Slot {
        private RollupRepository.StoredCell single;
        private KpiCell merged;

        static Slot of(KpiCell cell) {
            Slot slot = new Slot();
            slot.merged = cell;
            return slot;
        }

        static Slot of(RollupRepository.StoredCell cell) {
            Slot slot = new Slot();
            slot.single = cell;
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

        /** The row's own cell, decoded (settling changes it; the stored cell stays as read). */
        KpiCell cell(boolean sketches) {
            if (merged == null) {
                merged = new KpiCell();
                single.addTo(merged, sketches);
                single = null;
            }
            return merged;
        }
    }

    private Uni<List<TableRow>> fromRollups(KpiQuery q) {
        LocalDate firstDay = LocalDate.ofInstant(q.from(), q.zone());
        LocalDate endDay = LocalDate.ofInstant(q.to(), q.zone());
        RollupView view = RollupView.covering(q.neededDimensions());
        boolean sketches = q.wantsSketches();
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
        return read.map(stored -> {
            // Days in order, so a bucket's days come together: each bucket is assembled in a small map of its groups
            // and left in row order, with no table of the whole year to hash and sort (a year by agent is thousands
            // of rows).
            List<RollupRepository.DayCells> days = new ArrayList<>(stored.size());
            for (RollupRepository.DayCells day : stored) {
                if (!day.date().isBefore(firstDay) && day.date().isBefore(endDay)
                        && matches(q, teamValue(day.teamId()), dimension -> null, true)) {
                    days.add(day);
                }
            }
            days.sort(Comparator.comparing(RollupRepository.DayCells::date));
            if (!cellFilters && eachCellIsARow(q, view, days)) {
                return new CellRows(days, q.zone(), q.groupBy(), groupIndex);
            }
            List<TableRow> table = new ArrayList<>();
            Map<String, Slot> bucketGroups = new HashMap<>();
            LocalDate bucket = null;
            for (RollupRepository.DayCells day : days) {
                LocalDate dayBucket = q.granularity().dayBucket(day.date());
                if (!dayBucket.equals(bucket)) {
                    addBucket(table, bucket, bucketGroups, q.zone());
                    bucket = dayBucket;
                }
                String team = teamValue(day.teamId());
                for (RollupRepository.StoredCell cell : day.cells()) {
                    List<String> key = cell.key();
                    if (cellFilters && !matches(q, team, dimension -> key.get(keyed.indexOf(dimension)), false)) {
                        continue;
                    }
                    bucketGroups.computeIfAbsent(group(q.groupBy(), groupIndex, team, key), g -> new Slot())
                            .add(cell, sketches);
                }
            }
            addBucket(table, bucket, bucketGroups, q.zone());
            return table;
        });
    }

    /**
     * Whether every stored cell of {@code days} is one row of the answer, as it is: daily buckets of one team, grouped
     * by the view's one dimension (or, in the view without any, by team or not at all). Then nothing is merged.
     */
    private static boolean eachCellIsARow(KpiQuery q, RollupView view, List<RollupRepository.DayCells> days) {
        if (q.granularity() != Granularity.DAY
                || days.stream().map(RollupRepository.DayCells::teamId).distinct().count() > 1) {
            return false;
        }
        return view.dimensions().isEmpty() ? q.groupBy() == null || q.groupBy() == Dimension.TEAM
                : view.dimensions().size() == 1 && view.dimensions().get(0) == q.groupBy();
    }

    /**
     * The rows of an answer where each stored cell is a row (see {@link #eachCellIsARow}): the stored days, in date
     * order, each with its cells in group order, read as rows only where asked for. A page of a year's daily rows by
     * agent touches only its own cells, not the thousands of the year.
     */
    private static final class CellRows extends AbstractList<TableRow> implements RandomAccess {

        private final List<RollupRepository.DayCells> days;
        private final int[] firstRow;
        private final ZoneId zone;
        private final Dimension groupBy;
        private final int groupIndex;
        private final int size;

        CellRows(List<RollupRepository.DayCells> days, ZoneId zone, Dimension groupBy, int groupIndex) {
            this.days = days.stream().filter(d -> !d.cells().isEmpty()).toList();
            this.zone = zone;
            this.groupBy = groupBy;
            this.groupIndex = groupIndex;
            this.firstRow = new int[this.days.size()];
            int rows = 0;
            for (int i = 0; i < this.days.size(); i++) {
                firstRow[i] = rows;
                rows += this.days.get(i).cells().size();
            }
            this.size = rows;
        }

        @Override
        public TableRow get(int index) {
            Objects.checkIndex(index, size);
            int found = Arrays.binarySearch(firstRow, index);
            int day = found >= 0 ? found : -found - 2;
            RollupRepository.DayCells cells = days.get(day);
            RollupRepository.StoredCell cell = cells.cells().get(index - firstRow[day]);
            return new TableRow(cells.date().atStartOfDay(zone).toInstant(),
                    group(groupBy, groupIndex, teamValue(cells.teamId()), cell.key()), Slot.of(cell));
        }

        @Override
        public int size() {
            return size;
        }
    }

    /**
     * A stored cell's group: none without grouping, its team when grouped by team, else its value of the grouped
     * dimension ({@code groupIndex} in its key).
     */
    private static String group(Dimension groupBy, int groupIndex, String team, List<String> key) {
        return groupBy == null ? null : groupBy == Dimension.TEAM ? team : key.get(groupIndex);
    }

    /** Appends one bucket's groups to the table in row order (no value last) and empties them. */
    private static void addBucket(List<TableRow> table, LocalDate bucket, Map<String, Slot> groups, ZoneId zone) {
        if (groups.isEmpty()) {
            return;
        }
        Instant start = bucket.atStartOfDay(zone).toInstant();
        List<String> names = new ArrayList<>(groups.keySet());
        names.sort(GROUP_ORDER);
        for (String name : names) {
            table.add(new TableRow(start, name, groups.get(name)));
        }
        groups.clear();
    }

    private Uni<List<TableRow>> fromContacts(KpiQuery q, Instant now) {
        return contacts(q.from(), q.to(), q.filters(), q.teams()).map(records -> {
            // The contacts come ordered by start time, but a week or month bucket of one zone spans many days.
            Map<Instant, Map<String, Slot>> buckets = new TreeMap<>();
            for (ContactRecord r : records) {
                ContactFact f = r.fact();
                String group = q.groupBy() == null ? null : q.groupBy().value(f);
                Instant bucket = q.granularity().bucketStart(f.startedAt(), q.zone());
                buckets.computeIfAbsent(bucket, b -> new TreeMap<>(GROUP_ORDER))
                        .computeIfAbsent(group, g -> Slot.of(new KpiCell())).merged.add(r, now, serviceLevelSeconds);
            }
            List<TableRow> table = new ArrayList<>();
            buckets.forEach((start, groups) -> groups.forEach((group, slot) -> table.add(new TableRow(start, group,
                    slot))));
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

    private List<KpiRow> rows(KpiQuery q, List<TableRow> table, Instant now, long skip, int limit) {
        int from = (int) Math.min(skip, table.size());
        List<TableRow> page = table.subList(from, Math.min(from + limit, table.size()));
        List<KpiRow> rows = new ArrayList<>(page.size());
        boolean sketches = q.wantsSketches();
        for (TableRow row : page) {
            KpiCell cell = row.slot().cell(sketches);
            cell.settle(now);
            Map<Measure, Measure.Figure> figures = new LinkedHashMap<>();
            for (Measure m : q.measures()) {
                figures.put(m, m.of(cell));
            }
            Instant start = row.start().isBefore(q.from()) ? q.from() : row.start();
            Instant next = q.granularity().next(row.start(), q.zone());
            Instant end = next.isAfter(q.to()) ? q.to() : next;
            LocalDate date = q.granularity().calendar() ? LocalDate.ofInstant(row.start(), q.zone()) : null;
            rows.add(new KpiRow(start, end, date, row.group(), figures));
        }
        return rows;
    }

    private static String teamValue(String teamId) {
        return ContactDay.NO_TEAM.equals(teamId) ? null : teamId;
    }

    private static final Comparator<String> GROUP_ORDER = Comparator.nullsLast(Comparator.naturalOrder());
}
