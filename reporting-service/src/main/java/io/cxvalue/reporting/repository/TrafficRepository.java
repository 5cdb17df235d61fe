package io.cxvalue.reporting.repository;

import com.mongodb.client.model.Filters;
import io.quarkus.mongodb.FindOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.cxvalue.reporting.kpi.KpiCell;
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
 * {@code hour}, {@code u} the last update that wrote it, and packed: {@code t} all contacts per minute, {@code h} each
 * series' contacts in the hour, {@code m} every series per minute, {@code x} the experience cells). A read takes the
 * parts it needs ({@link Part}): a baseline over months reads {@code t} and {@code h}, a few bytes per hour. Written by the cell updates, under the same numbering as the KPI rollups (see
 * {@link io.cxvalue.reporting.service.CellUpdateService}); read by {@code _id}, which every MongoDB wire-protocol
 * server serves from its primary index.
 * <p>
 * Minute counts layout (big-endian): the number of series, then per series its key (length-prefixed UTF-8), the
 * number of minutes with contacts, and per such minute its index (a byte) and count.
 */
@ApplicationScoped
public class TrafficRepository {

    static final String COLLECTION = "traffic_hours";
    private static final int READS_PER_REQUEST = 2_000;
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final ReactiveMongoCollection<Document> collection;

    TrafficRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** What a read takes of each hour. */
    public enum Part {
        /** All contacts per minute and every series' hourly sum. */
        TOTALS("t", "h"),
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
            String total = TrafficHour.Dimension.TOTAL.key(null);
            int[] all = h.series().get(total);
            Document d = new Document("_id", h.id()).append("team", h.teamId()).append("hour", Date.from(h.hour()))
                    .append("u", update)
                    .append("t", new Binary(packMinutes(all == null ? Map.of() : Map.of(total, all))))
                    .append("h", new Binary(packHourly(h.hourly())))
                    .append("m", new Binary(packMinutes(h.series()))).append("x", cells);
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

    /** The {@code parts} of the stored hours {@code hours} (whole UTC hours) of {@code teams}. */
    public Uni<List<TrafficHour>> hours(Collection<String> teams, Collection<Instant> hours, Set<Part> parts) {
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

    /** An hour with whichever parts the document holds. */
    private static TrafficHour decode(Document d) {
        Map<String, KpiCell> experience = new TreeMap<>();
        for (Document cell : d.getList("x", Document.class, List.of())) {
            experience.put(cell.getString("k"), RollupDocuments.unpack(cell.get("c", Binary.class).getData(), false));
        }
        Binary all = d.get("m", Binary.class);
        Binary totals = d.get("t", Binary.class);
        Map<String, int[]> minutes = all != null ? unpackMinutes(all.getData())
                : totals != null ? unpackMinutes(totals.getData()) : new TreeMap<>();
        Binary hourly = d.get("h", Binary.class);
        return new TrafficHour(d.getString("team"), d.getDate("hour").toInstant(), minutes,
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
