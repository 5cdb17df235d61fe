package io.cxvalue.reporting.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.kpi.RollupView;
import org.apache.datasketches.kll.KllFloatsSketch;
import org.apache.datasketches.memory.Memory;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pre-aggregated KPI rollups: per time zone, team and day of the zone, one list of cells per {@link RollupView}.
 * <ul>
 *   <li>{@code kpi_days}: one document per zone, team and month, {@code <view>.<day of month>} holding that day's
 *       cells for every view but the cube: a year of one team is 12 documents;</li>
 *   <li>{@code kpi_cube}: one document per zone, team and day with the cube's cells (one per combination of agent,
 *       channel, reason, department and campaign that occurred), read for filtered queries.</li>
 * </ul>
 * A day is always written whole, from the contacts of the team-days it spans, with the change counters it was computed
 * from ({@code src.<day>}); writes select by {@code _id} alone (see {@code KpiUpdateService#recompute} for how
 * instances writing the same day converge).
 */
@ApplicationScoped
public class RollupRepository {

    static final String DAYS = "kpi_days";
    static final String CUBE = "kpi_cube";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    static final String VERSION = "v";

    private final ReactiveMongoCollection<Document> days;
    private final ReactiveMongoCollection<Document> cube;
    private final Map<String, MonthView> cache;

    RollupRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            ReportingConfig config) {
        var db = mongo.getDatabase(database);
        this.days = db.getCollection(DAYS);
        this.cube = db.getCollection(CUBE);
        long maxBytes = config.kpi().cacheMegabytes() * 1024L * 1024L;
        // Least recently used month views go first once the decoded cells exceed the bound.
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            private long bytes;

            @Override
            public MonthView put(String key, MonthView value) {
                MonthView old = super.put(key, value);
                bytes += value.bytes() - (old == null ? 0 : old.bytes());
                return old;
            }

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, MonthView> eldest) {
                if (bytes > maxBytes && size() > 1) {
                    bytes -= eldest.getValue().bytes();
                    return true;
                }
                return false;
            }
        });
    }

    /**
     * One day of one team in one zone, every view.
     *
     * @param source the sum of the change counters of the team-days it was computed from
     */
    public record DayRollup(String zone, String teamId, LocalDate date, long source,
            Map<RollupView, Map<List<String>, KpiCell>> views) {
    }

    /**
     * A stored cell, decoded: its dimension values, its sums, and its quantile sketches still serialized (read only
     * by a query that asks for a quantile). Never changed once made.
     */
    public static final class StoredCell {

        private final List<String> key;
        private final KpiCell sums;
        private final byte[][] sketches;

        StoredCell(Document stored) {
            this.key = RollupDocuments.key(stored);
            this.sketches = new byte[KpiCell.TimePart.values().length][];
            this.sums = RollupDocuments.cell(stored, sketches);
        }

        public List<String> key() {
            return key;
        }

        public void addTo(KpiCell into, boolean withSketches) {
            into.mergeSums(sums);
            if (withSketches) {
                for (KpiCell.TimePart part : KpiCell.TimePart.values()) {
                    byte[] sketch = sketches[part.ordinal()];
                    if (sketch != null) {
                        into.mergeSketch(part, KllFloatsSketch.wrap(Memory.wrap(sketch)));
                    }
                }
            }
        }

        /** About how many bytes of heap the cell holds: what the cache is bounded by. */
        long bytes() {
            long bytes = 600;
            for (String k : key) {
                bytes += k == null ? 0 : 40 + 2L * k.length();
            }
            for (byte[] sketch : sketches) {
                bytes += sketch == null ? 0 : 16 + sketch.length;
            }
            return bytes;
        }
    }

    /** The stored cells of one view on one day of one team. */
    public record DayCells(String teamId, LocalDate date, List<StoredCell> cells) {
    }

    public Uni<Void> write(Collection<DayRollup> rollups) {
        List<WriteModel<Document>> dayWrites = new ArrayList<>();
        List<WriteModel<Document>> cubeWrites = new ArrayList<>();
        for (DayRollup r : rollups) {
            String day = String.format("%02d", r.date().getDayOfMonth());
            List<Bson> sets = new ArrayList<>();
            r.views().forEach((view, cells) -> {
                if (view != RollupView.CUBE) {
                    sets.add(Updates.set(view.key() + "." + day, cells(cells)));
                }
            });
            sets.add(Updates.set("src." + day, r.source()));
            sets.add(Updates.inc(VERSION, 1));
            sets.add(Updates.setOnInsert("zone", r.zone()));
            sets.add(Updates.setOnInsert("team", r.teamId()));
            sets.add(Updates.setOnInsert("month", YearMonth.from(r.date()).toString()));
            dayWrites.add(new UpdateOneModel<>(Filters.eq("_id", monthId(r.zone(), r.teamId(),
                    YearMonth.from(r.date()))), Updates.combine(sets), UPSERT));
            Map<List<String>, KpiCell> cubeCells = r.views().get(RollupView.CUBE);
            if (cubeCells != null) {
                cubeWrites.add(new UpdateOneModel<>(Filters.eq("_id", dayId(r.zone(), r.teamId(), r.date())),
                        Updates.combine(Updates.set("cells", cells(cubeCells)), Updates.set("src", r.source()),
                                Updates.setOnInsert("team", r.teamId()),
                                Updates.setOnInsert("date", r.date().toString())),
                        UPSERT));
            }
        }
        return ContactRepository.bulk(days, dayWrites).chain(() -> ContactRepository.bulk(cube, cubeWrites));
    }

    /**
     * The cells of {@code view} for each of {@code teams} on the days of {@code months} (days without contacts are
     * left out; the caller keeps the days it wants). A month's view once read is kept decoded in memory with the
     * month document's version, and read again only when the version moved: a query asks the store for the versions
     * only, a few bytes per month.
     */
    public Uni<List<DayCells>> days(String zone, Collection<String> teams, Collection<YearMonth> months,
            RollupView view) {
        if (view == RollupView.CUBE) {
            throw new IllegalArgumentException("the cube is read per day");
        }
        List<String> ids = new ArrayList<>();
        for (String team : teams) {
            for (YearMonth month : months) {
                ids.add(monthId(zone, team, month));
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return days.find(new FindOptions().filter(Filters.in("_id", ids)).projection(Projections.include(VERSION)))
                .collect().asMap(d -> d.getString("_id"), d -> ((Number) d.get(VERSION, 0)).longValue())
                .chain(versions -> {
                    Map<String, MonthView> found = new HashMap<>();
                    List<String> stale = new ArrayList<>();
                    versions.forEach((id, version) -> {
                        MonthView cached = cache.get(id + "|" + view.key());
                        if (cached != null && cached.version() == version) {
                            found.put(id, cached);
                        } else {
                            stale.add(id);
                        }
                    });
                    Uni<Void> load = stale.isEmpty() ? Uni.createFrom().voidItem()
                            : days.find(new FindOptions().filter(Filters.in("_id", stale))
                                            .projection(Projections.include("team", "month", VERSION, view.key())))
                                    .map(d -> monthView(d, view))
                                    .invoke(m -> {
                                        cache.put(m.id() + "|" + view.key(), m);
                                        found.put(m.id(), m);
                                    })
                                    .collect().last().replaceWithVoid();
                    return load.map(done -> {
                        List<DayCells> out = new ArrayList<>();
                        found.values().forEach(m -> out.addAll(m.days()));
                        return out;
                    });
                });
    }

    /** One month of one view of one team, decoded, with the document version it was read at. */
    private record MonthView(String id, long version, List<DayCells> days, long bytes) {
    }

    private static MonthView monthView(Document d, RollupView view) {
        YearMonth month = YearMonth.parse(d.getString("month"));
        Document byDay = d.get(view.key(), Document.class);
        List<DayCells> out = new ArrayList<>();
        long bytes = 200;
        if (byDay != null) {
            for (Map.Entry<String, Object> day : byDay.entrySet()) {
                List<StoredCell> stored = stored(day.getValue());
                for (StoredCell cell : stored) {
                    bytes += cell.bytes();
                }
                out.add(new DayCells(d.getString("team"), month.atDay(Integer.parseInt(day.getKey())), stored));
            }
        }
        return new MonthView(d.getString("_id"), ((Number) d.get(VERSION, 0)).longValue(), out, bytes);
    }

    /** The cube cells of each of {@code teams} on each of {@code dates}. */
    public Uni<List<DayCells>> cube(String zone, Collection<String> teams, Collection<LocalDate> dates) {
        List<String> ids = new ArrayList<>();
        for (String team : teams) {
            for (LocalDate date : dates) {
                ids.add(dayId(zone, team, date));
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return cube.find(Filters.in("_id", ids), Document.class)
                .map(d -> new DayCells(d.getString("team"), LocalDate.parse(d.getString("date")),
                        stored(d.get("cells"))))
                .collect().asList();
    }

    private static List<Document> cells(Map<List<String>, KpiCell> cells) {
        List<Document> out = new ArrayList<>(cells.size());
        cells.forEach((key, cell) -> out.add(RollupDocuments.toDocument(key, cell)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<StoredCell> stored(Object cells) {
        List<StoredCell> out = new ArrayList<>();
        for (Document cell : (List<Document>) cells) {
            out.add(new StoredCell(cell));
        }
        return out;
    }

    static String monthId(String zone, String team, YearMonth month) {
        return zone + "|" + team + "|" + month;
    }

    static String dayId(String zone, String team, LocalDate date) {
        return zone + "|" + team + "|" + date;
    }
}
