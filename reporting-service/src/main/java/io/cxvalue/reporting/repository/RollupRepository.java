package io.cxvalue.reporting.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.kpi.RollupView;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pre-aggregated KPI rollups: per time zone, team and day of the zone, one list of cells per {@link RollupView}.
 * <ul>
 *   <li>{@code kpi_days}: one document per zone, team and month, {@code <view>.<day of month>} holding that day's
 *       cells for every view but the cube: a year of one team is 12 documents;</li>
 *   <li>{@code kpi_cube}: one document per zone, team and day with the cube's cells (one per combination of agent,
 *       channel, reason, department and campaign that occurred), read for filtered queries.</li>
 * </ul>
 * Within a document, each cell is a field named by a hash of its dimension values ({@link RollupDocuments#field}),
 * so an update reads and rewrites only the cells it changes. Every document records the number of the last update
 * that wrote it ({@value #UPDATE}, from {@link #nextUpdate}): what a contact's recorded {@code Counted} history is
 * matched against (see {@code CellUpdateService}). Reads and writes select by {@code _id} alone.
 */
@ApplicationScoped
public class RollupRepository {

    static final String DAYS = "kpi_days";
    static final String CUBE = "kpi_cube";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    static final String VERSION = "v";
    static final String UPDATE = "u";
    static final String UPDATES = "kpi_updates";
    private static final String CUBE_CELLS = "cells";
    /** Rollup documents read at once for an update (each read may need a pooled connection). */
    private static final int READS_AT_ONCE = 8;

    private final ReactiveMongoCollection<Document> days;
    private final ReactiveMongoCollection<Document> cube;
    private final ReactiveMongoCollection<Document> updates;
    private final Map<String, MonthView> cache;
    /** Month views being read, by document, view and version: see {@link #load}. */
    private final Map<String, CompletableFuture<MonthView>> loading = new ConcurrentHashMap<>();

    RollupRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            ReportingConfig config) {
        var db = mongo.getDatabase(database);
        this.days = db.getCollection(DAYS);
        this.cube = db.getCollection(CUBE);
        this.updates = db.getCollection(UPDATES);
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
     * Where one cell is stored: a view's cell of a day in its month document, or a cube cell in its day's. Its
     * document id and field path are worked out once (a SHA-256 and some formatting), as an update uses them for
     * every read, lookup and write of the cell.
     */
    public static final class CellRef {

        private final String zone;
        private final String teamId;
        private final LocalDate date;
        private final RollupView view;
        private final List<String> key;
        private final String documentId;
        private final String path;

        public CellRef(String zone, String teamId, LocalDate date, RollupView view, List<String> key) {
            this.zone = zone;
            this.teamId = teamId;
            this.date = date;
            this.view = view;
            this.key = key;
            this.documentId = view == RollupView.CUBE ? dayId(zone, teamId, date)
                    : monthId(zone, teamId, YearMonth.from(date));
            String field = RollupDocuments.field(key);
            this.path = view == RollupView.CUBE ? CUBE_CELLS + "." + field
                    : view.key() + "." + String.format("%02d", date.getDayOfMonth()) + "." + field;
        }

        public String zone() {
            return zone;
        }

        public String teamId() {
            return teamId;
        }

        public LocalDate date() {
            return date;
        }

        public RollupView view() {
            return view;
        }

        public List<String> key() {
            return key;
        }

        String documentId() {
            return documentId;
        }

        String path() {
            return path;
        }

        /** Equal when zone, team, date, view and dimension values are (document and path follow from them). */
        @Override
        public boolean equals(Object o) {
            return o instanceof CellRef other && documentId.equals(other.documentId) && path.equals(other.path)
                    && key.equals(other.key) && view == other.view && date.equals(other.date);
        }

        @Override
        public int hashCode() {
            return 31 * documentId.hashCode() + path.hashCode();
        }

        @Override
        public String toString() {
            return documentId + " " + path;
        }
    }

    /**
     * Cells read to be changed: the number of the last update of each document read ({@code -1} for one not written
     * yet), and the stored cells (a cell not stored yet is absent).
     */
    public record CellsForUpdate(Map<String, Long> lastUpdates, Map<CellRef, KpiCell> cells) {

        public long lastUpdateOf(CellRef ref) {
            return lastUpdates.getOrDefault(ref.documentId(), -1L);
        }
    }

    /**
     * A stored cell as read: its dimension values and its packed sums and sketches, decoded only when used. Kept
     * packed because the month views stay in memory for queries: a decoded cell (a double per tally and a map each for
     * open issues, money and criteria) is several times its packed size, and a query reads few of its cells. Never
     * changed once made.
     */
    public static final class StoredCell {

        private final List<String> key;
        private final byte[] packed;

        StoredCell(Document stored) {
            this.key = RollupDocuments.key(stored);
            this.packed = RollupDocuments.packed(stored);
        }

        public List<String> key() {
            return key;
        }

        /** Adds the cell's sums, and its sketches when {@code withSketches}, to {@code into}. */
        public void addTo(KpiCell into, boolean withSketches) {
            RollupDocuments.addPacked(packed, into, withSketches);
        }

        /** About how many bytes of heap the cell holds: what the cache is bounded by. */
        long bytes() {
            long bytes = 80 + 16 + packed.length;
            for (String k : key) {
                bytes += k == null ? 0 : 40 + k.length();
            }
            return bytes;
        }
    }

    /**
     * The stored cells of one view on one day of one team; those of a month view (not the cube) ordered by their
     * dimension values (each in turn, no value last): for a view of one dimension, the order of the rows they answer.
     */
    public record DayCells(String teamId, LocalDate date, List<StoredCell> cells) {
    }

    /** The number of a new update of the rollups: greater than that of every update begun before. */
    public Uni<Long> nextUpdate() {
        return updates.findOneAndUpdate(Filters.eq("_id", "sequence"), Updates.inc("n", 1L),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                .map(d -> ((Number) d.get("n")).longValue());
    }

    /**
     * Reads the cells {@code refs} name, with their sketches, and the last update of their documents: one read per
     * document, each projected on its own cells (a busy month holds thousands), a few under way at once. The reads
     * capture nothing but their own document's paths: the driver keeps the callbacks of the operation that opened a
     * pooled connection for as long as the connection lives, so a read holding the decoded cells kept them alive.
     */
    public Uni<CellsForUpdate> readForUpdate(Collection<CellRef> refs) {
        Map<String, List<CellRef>> byDocument = new LinkedHashMap<>();
        refs.forEach(r -> byDocument.computeIfAbsent(r.documentId(), k -> new ArrayList<>()).add(r));
        if (byDocument.isEmpty()) {
            return Uni.createFrom().item(new CellsForUpdate(Map.of(), Map.of()));
        }
        List<Uni<Document>> reads = new ArrayList<>(byDocument.size());
        byDocument.forEach((id, inDocument) -> {
            ReactiveMongoCollection<Document> collection = inDocument.get(0).view() == RollupView.CUBE ? cube : days;
            List<String> paths = new ArrayList<>(inDocument.size() + 1);
            paths.add(UPDATE);
            inDocument.forEach(r -> paths.add(r.path()));
            reads.add(collection.find(new FindOptions().filter(Filters.eq("_id", id))
                    .projection(Projections.include(paths))).collect().first());
        });
        // Decoding the sketches is work for a worker thread, not for the event loop that serves the queries.
        return Uni.join().all(reads).usingConcurrencyOf(READS_AT_ONCE).andFailFast()
                .emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()).map(found -> {
            Map<String, Long> lastUpdates = new HashMap<>();
            Map<CellRef, KpiCell> cells = new HashMap<>();
            for (Document d : found) {
                if (d == null) {
                    continue;
                }
                String id = d.getString("_id");
                lastUpdates.put(id, ((Number) d.get(UPDATE, -1L)).longValue());
                for (CellRef ref : byDocument.get(id)) {
                    Document stored = at(d, ref.path());
                    if (stored != null) {
                        if (!ref.key().equals(RollupDocuments.key(stored))) {
                            throw new IllegalStateException("two cells share the field " + ref.path() + " of " + id);
                        }
                        cells.put(ref, RollupDocuments.cellWithSketches(stored));
                    }
                }
            }
            return new CellsForUpdate(lastUpdates, cells);
        });
    }

    private static Document at(Document d, String path) {
        Object value = d;
        for (String segment : path.split("\\.")) {
            if (!(value instanceof Document doc)) {
                return null;
            }
            value = doc.get(segment);
        }
        return value instanceof Document found ? found : null;
    }

    /**
     * Writes the cells, each document marked as written by update {@code update}: one update document per rollup
     * document (the driver encodes a plain document in one pass, a combination of updates field by field).
     */
    public Uni<Void> writeCells(Map<CellRef, KpiCell> cells, long update) {
        Map<String, Document> monthUpdates = new LinkedHashMap<>();
        Map<String, Document> cubeUpdates = new LinkedHashMap<>();
        cells.forEach((ref, cell) -> {
            boolean inCube = ref.view() == RollupView.CUBE;
            Document updateOf = (inCube ? cubeUpdates : monthUpdates).computeIfAbsent(ref.documentId(), id -> {
                Document onInsert = new Document("zone", ref.zone()).append("team", ref.teamId());
                Document first = new Document("$set", new Document(UPDATE, update)).append("$setOnInsert", onInsert);
                if (inCube) {
                    onInsert.append("date", ref.date().toString());
                } else {
                    onInsert.append("month", YearMonth.from(ref.date()).toString());
                    first.append("$inc", new Document(VERSION, 1));
                }
                return first;
            });
            updateOf.get("$set", Document.class).append(ref.path(), RollupDocuments.toDocument(ref.key(), cell));
        });
        List<WriteModel<Document>> dayWrites = new ArrayList<>();
        monthUpdates.forEach((id, u) -> dayWrites.add(new UpdateOneModel<>(Filters.eq("_id", id), u, UPSERT)));
        List<WriteModel<Document>> cubeWrites = new ArrayList<>();
        cubeUpdates.forEach((id, u) -> cubeWrites.add(new UpdateOneModel<>(Filters.eq("_id", id), u, UPSERT)));
        // Both at once: what each document counts is told by its own update number, whichever is written first.
        return Uni.join().all(ContactRepository.bulk(days, dayWrites), ContactRepository.bulk(cube, cubeWrites))
                .andFailFast().replaceWithVoid();
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
        return ByIds.find(days, ids, Projections.include(VERSION))
                .collect().asMap(d -> d.getString("_id"), d -> ((Number) d.get(VERSION, 0)).longValue())
                .chain(versions -> {
                    List<Uni<MonthView>> views = new ArrayList<>(versions.size());
                    versions.forEach((id, version) -> {
                        MonthView cached = cache.get(id + "|" + view.key());
                        views.add(cached != null && cached.version() == version ? Uni.createFrom().item(cached)
                                : load(id, view, version));
                    });
                    if (views.isEmpty()) {
                        return Uni.createFrom().item(List.<DayCells>of());
                    }
                    return Uni.join().all(views).andFailFast().map(found -> {
                        List<DayCells> out = new ArrayList<>();
                        found.forEach(m -> out.addAll(m.days()));
                        return out;
                    });
                });
    }

    /**
     * Reads and decodes one month view, once however many queries want it at the same time: they wait for the one
     * read under way (a cold cache under a steady load would otherwise decode each month once per waiting query).
     */
    private Uni<MonthView> load(String id, RollupView view, long version) {
        String key = id + "|" + view.key() + "|" + version;
        CompletableFuture<MonthView> load = loading.computeIfAbsent(key, k -> days
                .find(new FindOptions().filter(Filters.eq("_id", id))
                        .projection(Projections.include("team", "month", VERSION, view.key())))
                .collect().first()
                .map(d -> {
                    if (d == null) { // gone since its version was read (a reset): nothing to show
                        return new MonthView(id, version, List.of(), 0);
                    }
                    MonthView m = monthView(d, view);
                    cache.put(id + "|" + view.key(), m);
                    return m;
                })
                .subscribeAsCompletionStage());
        load.whenComplete((m, failure) -> loading.remove(key, load));
        return Uni.createFrom().completionStage(load);
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
                stored.sort(KEY_ORDER);
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
        return ByIds.find(cube, ids)
                .map(d -> new DayCells(d.getString("team"), LocalDate.parse(d.getString("date")),
                        stored(d.get(CUBE_CELLS))))
                .collect().asList();
    }

    /** The cells of one view of a day, or of a cube document: a document of cells by field. */
    private static List<StoredCell> stored(Object cells) {
        List<StoredCell> out = new ArrayList<>();
        if (cells instanceof Document byField) {
            for (Object cell : byField.values()) {
                out.add(new StoredCell((Document) cell));
            }
        }
        return out;
    }

    private static final Comparator<String> VALUE_ORDER = Comparator.nullsLast(Comparator.naturalOrder());
    /** By dimension values, each in turn, no value last: the order of the rows a month view's cells answer. */
    private static final Comparator<StoredCell> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.key.size(); i++) {
            int c = VALUE_ORDER.compare(a.key.get(i), b.key.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    static String monthId(String zone, String team, YearMonth month) {
        return zone + "|" + team + "|" + month;
    }

    static String dayId(String zone, String team, LocalDate date) {
        return zone + "|" + team + "|" + date;
    }
}
