package io.cxvalue.reporting.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.cxvalue.reporting.contact.ContactDay;
import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.traffic.TrafficHour;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The traffic of each team and UTC hour, kept in one document per team and UTC day ({@value #COLLECTION}: {@code _id}
 * the team and date, {@code team}, {@code day}, and per hour {@code HH} of the day that had contacts: {@code uHH} the
 * last update that wrote the hour, and packed: {@code tHH} all contacts per minute, {@code hHH} each series' contacts
 * in the hour, {@code mHH} every series per minute, {@code xHH} the experience cells). A read takes the parts it needs
 * ({@link Part}) of the hours it needs, by projection: a baseline over months reads {@code t} of whole days, one
 * document per team and day, and the usual mix {@code h}; the experience of the same hours on normal days reads
 * {@code x} of those hours alone. An update sets the fields of the hours it changed ({@code $set}, no read of the
 * rest of the day). Written by the cell updates, under the same numbering as the KPI rollups (see
 * {@link io.cxvalue.reporting.service.CellUpdateService}); read by {@code _id}, which every MongoDB wire-protocol
 * server serves from its primary index.
 * <p>
 * Minute counts layout (big-endian): the number of series, then per series its key (length-prefixed UTF-8), the
 * number of minutes with contacts, and per such minute its index (a byte) and count.
 */
@ApplicationScoped
public class TrafficRepository {

    static final String COLLECTION = "traffic_days";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final ReactiveMongoCollection<Document> collection;

    TrafficRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** What a read takes of each hour. */
    public enum Part {
        /** All contacts per minute (what a baseline and the volume need). */
        TOTALS("t"),
        /** Every series' sum in the hour (what the usual mix of reasons and campaigns is learned from). */
        HOURLY("h"),
        /** Every series per minute. */
        MINUTES("m"),
        /** The experience cells. */
        EXPERIENCE("x");

        private final List<String> prefixes;

        Part(String... prefixes) {
            this.prefixes = List.of(prefixes);
        }
    }

    /** A stored hour and the number of the last update that wrote it. */
    public record StoredHour(long update, TrafficHour hour) {
    }

    /** The document of the day an hour id ({@link TrafficHour#id}) falls on. */
    private static String dayOf(String hourId) {
        return hourId.substring(0, hourId.length() - 3);
    }

    /** The hour of the day ({@code HH}) of an hour id. */
    private static String hourOf(String hourId) {
        return hourId.substring(hourId.length() - 2);
    }

    /** The id of a team's day document: {@code <team>|<yyyy-MM-dd>}, what {@link #dayOf} gives of its hours' ids. */
    private static String dayId(String team, String date) {
        return (team == null ? ContactDay.NO_TEAM : team) + "|" + date;
    }

    /** The date ({@code yyyy-MM-dd}) of a day document's id. */
    private static String dateOf(String dayId) {
        return dayId.substring(dayId.length() - 10);
    }

    /** The id of hour {@code hh} of a day document ({@link TrafficHour#id}). */
    private static String hourId(String dayId, String hh) {
        return dayId + "T" + hh;
    }

    /** The stored hours among {@code ids} ({@link TrafficHour#id}), decoded whole, by id (hours not stored: none). */
    public Uni<Map<String, StoredHour>> readForUpdate(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Set<String> days = new LinkedHashSet<>();
        Set<String> hoursOfDay = new TreeSet<>();
        for (String id : ids) {
            days.add(dayOf(id));
            hoursOfDay.add(hourOf(id));
        }
        List<String> fields = new ArrayList<>(List.of("team", "day"));
        for (String hh : hoursOfDay) {
            fields.addAll(List.of("u" + hh, "t" + hh, "h" + hh, "m" + hh, "x" + hh));
        }
        // The cell updates' read: one request, as the consumer's other reads (see ByIds).
        FindOptions options = new FindOptions().filter(Filters.in("_id", days))
                .projection(Projections.include(fields));
        return collection.find(options).collect().asList()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> {
                    Map<String, StoredHour> out = new HashMap<>();
                    for (Document d : found) {
                        for (String hh : hoursOfDay) {
                            Object update = d.get("u" + hh);
                            String id = hourId(d.getString("_id"), hh);
                            if (update != null && ids.contains(id)) {
                                out.put(id, new StoredHour(((Number) update).longValue(), decode(d, hh)));
                            }
                        }
                    }
                    return out;
                });
    }

    /** Writes the hours whole (the other hours of their days untouched), each marked as written by {@code update}. */
    public Uni<Void> write(Collection<TrafficHour> changed, long update) {
        Map<String, List<Bson>> byDay = new LinkedHashMap<>();
        String total = TrafficHour.Dimension.TOTAL.key(null);
        for (TrafficHour h : changed) {
            String hh = hourOf(h.id());
            List<Bson> sets = byDay.computeIfAbsent(dayOf(h.id()), day -> new ArrayList<>(List.of(
                    Updates.set("team", h.teamId()),
                    Updates.set("day", Date.from(h.hour().truncatedTo(ChronoUnit.DAYS))))));
            List<Document> cells = new ArrayList<>();
            h.experience().forEach((key, cell) -> cells.add(new Document("k", key)
                    .append("c", new Binary(RollupDocuments.pack(cell)))));
            int[] all = h.series().get(total);
            sets.add(Updates.set("u" + hh, update));
            sets.add(Updates.set("t" + hh, new Binary(packMinutes(all == null ? Map.of() : Map.of(total, all)))));
            sets.add(Updates.set("h" + hh, new Binary(packHourly(h.hourly()))));
            sets.add(Updates.set("m" + hh, new Binary(packMinutes(h.series()))));
            sets.add(Updates.set("x" + hh, cells));
        }
        List<WriteModel<Document>> writes = new ArrayList<>(byDay.size());
        byDay.forEach((day, sets) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", day), Updates.combine(sets),
                UPSERT)));
        return ContactRepository.bulk(collection, writes);
    }

    /**
     * The {@code parts} of the stored hours of {@code teams} from {@code from} to {@code to} (whole UTC hours; hours
     * without contacts are left out): for reads of a few hours (a spike's, the stream's).
     */
    public Uni<List<TrafficHour>> hours(Collection<String> teams, Instant from, Instant to, Set<Part> parts) {
        List<TrafficHour> out = new ArrayList<>();
        return forEachHour(teams, from, to, parts, out::add).replaceWith(out);
    }

    /** The {@code parts} of the stored hours {@code hours} (whole UTC hours) of {@code teams}. */
    public Uni<List<TrafficHour>> hours(Collection<String> teams, Collection<Instant> hours, Set<Part> parts) {
        List<TrafficHour> out = new ArrayList<>();
        return forEachHour(teams, hours, parts, out::add).replaceWith(out);
    }

    /**
     * Hands the {@code parts} of each stored hour of {@code teams} from {@code from} to {@code to} (whole UTC hours)
     * to {@code each}, one at a time: what a read over months folds into its sums without holding the hours.
     */
    public Uni<Void> forEachHour(Collection<String> teams, Instant from, Instant to, Set<Part> parts,
            Consumer<TrafficHour> each) {
        List<Instant> hours = new ArrayList<>();
        for (Instant h = from.truncatedTo(ChronoUnit.HOURS); h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
            hours.add(h);
        }
        return forEachHour(teams, hours, parts, each);
    }

    /**
     * Hands the {@code parts} of each stored hour among {@code hours} of {@code teams} to {@code each}, one at a
     * time (never concurrently); the documents are read in parts side by side ({@link ByIds}) and decoded on a worker
     * thread as they arrive.
     */
    public Uni<Void> forEachHour(Collection<String> teams, Collection<Instant> hours, Set<Part> parts,
            Consumer<TrafficHour> each) {
        // The hours wanted of each day; the projection takes the union of their hours of the day.
        Map<String, Set<String>> wanted = new TreeMap<>();
        Set<String> hoursOfDay = new TreeSet<>();
        for (Instant h : hours) {
            LocalDateTime utc = LocalDateTime.ofInstant(h, ZoneOffset.UTC);
            String hh = String.format("%02d", utc.getHour());
            wanted.computeIfAbsent(utc.toLocalDate().toString(), d -> new HashSet<>()).add(hh);
            hoursOfDay.add(hh);
        }
        List<String> ids = new ArrayList<>();
        for (String team : teams) {
            for (String date : wanted.keySet()) {
                ids.add(dayId(team, date));
            }
        }
        List<String> fields = new ArrayList<>(List.of("team", "day"));
        for (String hh : hoursOfDay) {
            parts.forEach(p -> p.prefixes.forEach(prefix -> fields.add(prefix + hh)));
        }
        Bson projection = Projections.include(fields);
        List<String> firstFields = parts.stream().map(p -> p.prefixes.get(0)).toList();
        // The reads' documents arrive one at a time (a stream signals serially), decoded on a worker thread.
        return ByIds.find(collection, ids, projection)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().invoke(d -> {
                    Set<String> ofDay = wanted.getOrDefault(dateOf(d.getString("_id")), Set.of());
                    for (String hh : hoursOfDay) {
                        if (ofDay.contains(hh) && firstFields.stream().anyMatch(f -> d.containsKey(f + hh))) {
                            each.accept(decode(d, hh));
                        }
                    }
                })
                .collect().last().replaceWithVoid();
    }

    /** Hour {@code hh} of a day document, with whichever parts the read took. */
    private static TrafficHour decode(Document d, String hh) {
        Map<String, KpiCell> experience = new TreeMap<>();
        for (Document cell : d.getList("x" + hh, Document.class, List.of())) {
            experience.put(cell.getString("k"), RollupDocuments.unpack(cell.get("c", Binary.class).getData(), false));
        }
        Binary all = d.get("m" + hh, Binary.class);
        Binary totals = d.get("t" + hh, Binary.class);
        Map<String, int[]> minutes = all != null ? unpackMinutes(all.getData())
                : totals != null ? unpackMinutes(totals.getData()) : new TreeMap<>();
        Binary hourly = d.get("h" + hh, Binary.class);
        Instant hour = d.getDate("day").toInstant().plus(Duration.ofHours(Integer.parseInt(hh)));
        return new TrafficHour(d.getString("team"), hour, minutes,
                hourly == null ? null : unpackHourly(hourly.getData()), experience);
    }

    static byte[] packHourly(Map<String, Integer> hourly) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + hourly.size() * 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(hourly.size());
            for (Map.Entry<String, Integer> e : hourly.entrySet()) {
                byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(key.length);
                out.write(key);
                out.writeInt(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Map<String, Integer> unpackHourly(byte[] packed) {
        ByteBuffer in = ByteBuffer.wrap(packed);
        Map<String, Integer> out = new TreeMap<>();
        int n = in.getInt();
        for (int i = 0; i < n; i++) {
            byte[] key = new byte[in.getInt()];
            in.get(key);
            out.put(new String(key, StandardCharsets.UTF_8), in.getInt());
        }
        return out;
    }

    static byte[] packMinutes(Map<String, int[]> series) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + series.size() * 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(series.size());
            for (Map.Entry<String, int[]> e : series.entrySet()) {
                byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(key.length);
                out.write(key);
                int[] counts = e.getValue();
                int nonZero = 0;
                for (int c : counts) {
                    nonZero += c == 0 ? 0 : 1;
                }
                out.writeByte(nonZero);
                for (int m = 0; m < counts.length; m++) {
                    if (counts[m] != 0) {
                        out.writeByte(m);
                        out.writeInt(counts[m]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Map<String, int[]> unpackMinutes(byte[] packed) {
        ByteBuffer in = ByteBuffer.wrap(packed);
        Map<String, int[]> out = new TreeMap<>();
        int series = in.getInt();
        for (int s = 0; s < series; s++) {
            byte[] key = new byte[in.getInt()];
            in.get(key);
            int[] counts = new int[60];
            int nonZero = in.get() & 0xff;
            for (int i = 0; i < nonZero; i++) {
                int minute = in.get() & 0xff;
                counts[minute] = in.getInt();
            }
            out.put(new String(key, StandardCharsets.UTF_8), counts);
        }
        return out;
    }
}
