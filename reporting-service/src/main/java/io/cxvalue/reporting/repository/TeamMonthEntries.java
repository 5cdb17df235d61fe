package io.cxvalue.reporting.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.cxvalue.reporting.contact.ContactDay;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.bson.Document;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The shape the sales and the comments are kept in: one document per team and UTC month of the contact
 * ({@code <team>|<yyyy-MM>}), each entry under one field (the collection's) in a field named by a hash of its id.
 * Every write sets the entries' whole present state (so writing again changes nothing), one upsert per document; a
 * read takes whole team-months.
 */
final class TeamMonthEntries {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private TeamMonthEntries() {
    }

    /**
     * An entry: its team ({@link ContactDay#NO_TEAM} for none), its contact's start, its id and its content (a
     * document, or packed bytes).
     */
    record Entry(String team, Instant contactStartedAt, String id, Object content) {
    }

    /** An entry read back with its team. */
    record Found(String team, Object content) {
    }

    static String id(String team, YearMonth month) {
        return (team == null ? ContactDay.NO_TEAM : team) + "|" + month;
    }

    static Uni<Void> set(ReactiveMongoCollection<Document> collection, String field, Collection<Entry> entries) {
        Map<String, Document> sets = new LinkedHashMap<>();
        for (Entry e : entries) {
            String id = id(e.team(), YearMonth.from(e.contactStartedAt().atZone(ZoneOffset.UTC)));
            sets.computeIfAbsent(id, k -> new Document())
                    .append(field + "." + RollupDocuments.field(List.of(e.id())), e.content());
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        sets.forEach((id, set) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", id), new Document("$set", set),
                UPSERT)));
        return ContactRepository.bulk(collection, writes);
    }

    /** Removes the entries of {@code ids} of a contact of {@code team} started at {@code contactStartedAt}. */
    record Removal(String team, Instant contactStartedAt, Collection<String> ids) {
    }

    /** Removes entries, one update per team-month document. */
    static Uni<Void> unset(ReactiveMongoCollection<Document> collection, String field, Collection<Removal> removals) {
        Map<String, Document> unsets = new LinkedHashMap<>();
        for (Removal r : removals) {
            String id = id(r.team(), YearMonth.from(r.contactStartedAt().atZone(ZoneOffset.UTC)));
            r.ids().forEach(entry -> unsets.computeIfAbsent(id, k -> new Document())
                    .append(field + "." + RollupDocuments.field(List.of(entry)), ""));
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        unsets.forEach((id, unset) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", id),
                new Document("$unset", unset))));
        return writes.isEmpty() ? Uni.createFrom().voidItem() : ContactRepository.bulk(collection, writes);
    }

    /** Every entry of {@code teams} in the UTC months {@code months}, on a worker thread. */
    static Uni<List<Found>> read(ReactiveMongoCollection<Document> collection, String field,
            Collection<String> teams, Collection<YearMonth> months) {
        List<Found> out = new ArrayList<>();
        return each(collection, field, teams, months, out::add).replaceWith(out);
    }

    /**
     * Hands every entry of {@code teams} in the UTC months {@code months} to {@code consumer}, one team-month document
     * at a time on a worker thread, so that only one document is held at once.
     */
    static Uni<Void> each(ReactiveMongoCollection<Document> collection, String field, Collection<String> teams,
            Collection<YearMonth> months, Consumer<Found> consumer) {
        List<String> ids = new ArrayList<>();
        teams.forEach(t -> months.forEach(m -> ids.add(id(t, m))));
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return ByIds.find(collection, ids)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().invoke(d -> {
                    String id = d.getString("_id");
                    String team = id.substring(0, id.lastIndexOf('|'));
                    Document entries = d.get(field, Document.class);
                    if (entries != null) {
                        entries.values().forEach(e -> consumer.accept(new Found(team, e)));
                    }
                })
                .collect().last().replaceWithVoid();
    }
}
