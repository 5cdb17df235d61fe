package io.cxvalue.reporting.repository;

import com.mongodb.client.model.Filters;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Multi;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Documents read by id in requests of at most {@value #IDS_PER_READ} ids, {@value #READS_AT_ONCE} side by side. A
 * bounded {@code $in} keeps every request well within the 16 MB request limit however many ids a caller asks for,
 * and keeps a server that checks each document found against the whole list (the MongoDB wire-protocol server of
 * the tests and the local stack does) linear in the ids: 1,400 ids in one request cost it 125 ms. For the reports'
 * reads only: the cell updates' reads stay one request each, as before this class: the
 * end-to-end test's CDNOW import, which shares the file-backed stand-in with reporting's consumer, ran at 80-100
 * records a second while the consumer read in parts (cause not isolated further).
 */
final class ByIds {

    static final int IDS_PER_READ = 200;
    static final int READS_AT_ONCE = 4;

    private ByIds() {
    }

    /** The documents of {@code collection} whose {@code _id} is among {@code ids}, in no particular order. */
    static Multi<Document> find(ReactiveMongoCollection<Document> collection, Collection<String> ids) {
        return find(collection, ids, null);
    }

    /** As {@link #find(ReactiveMongoCollection, Collection)}, with only the fields {@code projection} keeps. */
    static Multi<Document> find(ReactiveMongoCollection<Document> collection, Collection<String> ids,
            Bson projection) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IDS_PER_READ) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IDS_PER_READ)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToMulti(chunk -> {
                    FindOptions options = new FindOptions().filter(Filters.in("_id", chunk));
                    return collection.find(projection == null ? options : options.projection(projection));
                })
                .merge(READS_AT_ONCE);
    }
}
