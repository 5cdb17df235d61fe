package io.cxvalue.reporting.repository;

import com.mongodb.client.model.Filters;
import io.quarkus.mongodb.FindOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.cxvalue.reporting.contact.ContactDay;
import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.traffic.TrafficDay;
import io.cxvalue.reporting.traffic.TrafficHour;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The traffic of each team and UTC hour ({@value #COLLECTION}: {@code _id} the {@link TrafficHour#id}, {@code team},
 * {@code hour}, {@code u} the last update that wrote it, and packed: {@code m} every series per minute, {@code x} the
 * experience cells), and of each team and UTC day, compact ({@value #DAYS}: {@code _id} the {@link TrafficDay#id},
 * {@code u}, packed {@code t} all contacts per minute and {@code h} each series per hour). A read takes the parts it
 * needs ({@link Part}): a baseline over months reads the days, one small document per team and day. Written by the cell updates, under the same numbering as the KPI rollups (see
 * {@link io.cxvalue.reporting.service.CellUpdateService}); read by {@code _id}, which every MongoDB wire-protocol
 * server serves from its primary index.
 * <p>
 * Counts layout (big-endian): the number of series, then per series its key (length-prefixed UTF-8), its length
 * (60 minutes, 1,440 minutes or 24 hours), the number of non-zero entries, and per such entry its index (a short) and
 * count.
 */
@ApplicationScoped
public class TrafficRepository {

    static final String COLLECTION = "traffic_hours";
    static final String DAYS = "traffic_days";
    private static final int READS_PER_REQUEST = 2_000;
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final ReactiveMongoCollection<Document> collection;
    private final ReactiveMongoCollection<Document> days;

    TrafficRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
        this.days = mongo.getDatabase(database).getCollection(DAYS);
    }

    /** A stored day and the number of the last update that wrote it. */
    public record StoredDay(long update, TrafficDay day) {
    }

    /** The stored days among {@code ids}, by id (a day not stored yet is left out). */
    public Uni<Map<String, StoredDay>> readDaysForUpdate(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return days.find(Filters.in("_id", ids), Document.class).collect().asList()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> {
                    Map<String, StoredDay> out = new HashMap<>();
                    for (Document d : found) {
                        out.put(d.getString("_id"), new StoredDay(((Number) d.get("u", -1L)).longValue(), day(d)));
                    }
                    return out;
                });
    }

    /** Writes the days whole, each marked as written by update {@code update}. */
    public Uni<Void> writeDays(Collection<TrafficDay> changed, long update) {
        List<WriteModel<Document>> writes = new ArrayList<>(changed.size());
        for (TrafficDay day : changed) {
            Document d = new Document("_id", day.id()).append("u", update)
                    .append("t", new Binary(packMinutes(Map.of("*", day.totals()))))
                    .append("h", new Binary(packMinutes(day.hourly())));
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", day.id()), d, UPSERT));
        }
        return ContactRepository.bulk(days, writes);
    }

    private static TrafficDay day(Document d) {
        ContactDay id = ContactDay.parse(d.getString("_id"));
        int[] totals = unpackMinutes(d.get("t", Binary.class).getData()).getOrDefault("*", new int[24 * 60]);
        return new TrafficDay(id.teamId(), id.date(), totals, unpackMinutes(d.get("h", Binary.class).getData()));
    }

    /** What a read takes of each hour. */
    public enum Part {
        /** All contacts per minute and every series' hourly sum (read from the days). */
        TOTALS(),
        /** Every series per minute. */
        MINUTES("m"),
        /** The experience cells. */
        EXPERIENCE("x");

        private final List<String> fields;

        Part(String... fields) {
            this.fields = List.of(fields);
        }
    }

    /** A stored hour and the number of the last update that wrote it. */
    public record StoredHour(long update, TrafficHour hour) {
    }

    /** The stored hours among {@code ids}, decoded whole, by id (an hour not stored yet is left out). */
    public Uni<Map<String, StoredHour>> readForUpdate(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return collection.find(Filters.in("_id", ids), Document.class).collect().asList()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> {
                    Map<String, StoredHour> out = new HashMap<>();
                    for (Document d : found) {
                        out.put(d.getString("_id"), new StoredHour(((Number) d.get("u", -1L)).longValue(),
                                decode(d)));
                    }
                    return out;
                });
    }

    /** Writes the hours whole, each marked as written by update {@code update}. */
    public Uni<Void> write(Collection<TrafficHour> changed, long update) {
        List<WriteModel<Document>> writes = new ArrayList<>(changed.size());
        for (TrafficHour h : changed) {
            List<Document> cells = new ArrayList<>();
            h.experience().forEach((key, cell) -> cells.add(new Document("k", key)
                    .append("c", new Binary(RollupDocuments.pack(cell)))));
            Document d = new Document("_id", h.id()).append("team", h.teamId()).append("hour", Date.from(h.hour()))
                    .append("u", update).append("m", new Binary(packMinutes(h.series()))).append("x", cells);
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", h.id()), d, UPSERT));
        }
        return ContactRepository.bulk(collection, writes);
    }

    /**
     * The {@code parts} of the stored hours of {@code teams} from {@code from} to {@code to} (whole UTC hours; hours
     * without contacts are left out).
     */
    public Uni<List<TrafficHour>> hours(Collection<String> teams, Instant from, Instant to, Set<Part> parts) {
        List<Instant> hours = new ArrayList<>();
        for (Instant h = from.truncatedTo(ChronoUnit.HOURS); h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
            hours.add(h);
        }
        return hours(teams, hours, parts);
    }

    /**
     * The {@code parts} of the stored hours {@code hours} (whole UTC hours) of {@code teams}: {@link Part#TOTALS}
     * alone from the days, anything else from the hours.
     */
    public Uni<List<TrafficHour>> hours(Collection<String> teams, Collection<Instant> hours, Set<Part> parts) {
        if (parts.equals(Set.of(Part.TOTALS))) {
            return fromDays(teams, hours);
        }
        List<String> ids = new ArrayList<>();
        for (String team : teams) {
            for (Instant h : hours) {
                ids.add(TrafficHour.id(team, h));
            }
        }
        List<Uni<List<Document>>> reads = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += READS_PER_REQUEST) {
            List<String> part = ids.subList(i, Math.min(ids.size(), i + READS_PER_REQUEST));
            List<String> fields = new ArrayList<>(List.of("team", "hour"));
            parts.forEach(p -> fields.addAll(p.fields));
            FindOptions options = new FindOptions().filter(Filters.in("_id", part))
                    .projection(Projections.include(fields));
            reads.add(collection.find(options).collect().asList());
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(reads).andFailFast().emitOn(Infrastructure.getDefaultWorkerPool()).map(found -> {
            List<TrafficHour> out = new ArrayList<>();
            found.forEach(part -> part.forEach(d -> out.add(decode(d))));
            return out;
        });
    }

    private Uni<List<TrafficHour>> fromDays(Collection<String> teams, Collection<Instant> hours) {
        Set<Instant> wanted = new java.util.HashSet<>(hours);
        Set<java.time.LocalDate> dates = new java.util.TreeSet<>();
        hours.forEach(h -> dates.add(java.time.LocalDate.ofInstant(h, java.time.ZoneOffset.UTC)));
        List<String> ids = new ArrayList<>();
        teams.forEach(t -> dates.forEach(d -> ids.add(TrafficDay.id(t, d))));
        List<Uni<List<Document>>> reads = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += READS_PER_REQUEST) {
            reads.add(days.find(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + READS_PER_REQUEST))))
                    .collect().asList());
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(reads).andFailFast().emitOn(Infrastructure.getDefaultWorkerPool()).map(found -> {
            List<TrafficHour> out = new ArrayList<>();
            found.forEach(part -> part.forEach(d -> day(d).hours().stream()
                    .filter(h -> wanted.contains(h.hour())).forEach(out::add)));
            return out;
        });
    }

    /** An hour with whichever parts the document holds. */
    private static TrafficHour decode(Document d) {
        Map<String, KpiCell> experience = new TreeMap<>();
        for (Document cell : d.getList("x", Document.class, List.of())) {
            experience.put(cell.getString("k"), RollupDocuments.unpack(cell.get("c", Binary.class).getData(), false));
        }
        Binary all = d.get("m", Binary.class);
        Map<String, int[]> minutes = all != null ? unpackMinutes(all.getData()) : new TreeMap<>();
        return new TrafficHour(d.getString("team"), d.getDate("hour").toInstant(), minutes, null, experience);
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
                out.writeShort(counts.length);
                out.writeShort(nonZero);
                for (int m = 0; m < counts.length; m++) {
                    if (counts[m] != 0) {
                        out.writeShort(m);
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
            int[] counts = new int[in.getShort() & 0xffff];
            int nonZero = in.getShort() & 0xffff;
            for (int i = 0; i < nonZero; i++) {
                int index = in.getShort() & 0xffff;
                counts[index] = in.getInt();
            }
            out.put(new String(key, StandardCharsets.UTF_8), counts);
        }
        return out;
    }
}
