package io.cxvalue.reporting.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.cxvalue.reporting.ContactFact;
import io.cxvalue.reporting.ReportingPeriod;
import io.cxvalue.reporting.TeamContactSummary;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static io.cxvalue.reporting.repository.ContactFactDocuments.ABANDONED;
import static io.cxvalue.reporting.repository.ContactFactDocuments.CUSTOMER_ID;
import static io.cxvalue.reporting.repository.ContactFactDocuments.HANDLE_SECONDS;
import static io.cxvalue.reporting.repository.ContactFactDocuments.STARTED_AT;
import static io.cxvalue.reporting.repository.ContactFactDocuments.TEAM_ID;

/**
 * The contact facts in MongoDB. Only single-document writes and basic aggregation stages are used, so the same code
 * runs on MongoDB and on the wire-protocol server of the tests (no transactions, no window functions).
 */
@ApplicationScoped
public class ContactFactRepository {

    /** Serves the team reports: equality on team, range on start time. */
    static final String TEAM_STARTED_AT_INDEX = "teamId_startedAt";
    /** Serves erasure: all facts of one customer. */
    static final String CUSTOMER_INDEX = "customerId";

    private static final String CONTACTS = "contacts";

    private final ReactiveMongoCollection<Document> facts;

    ContactFactRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.facts = mongo.getDatabase(database).getCollection(ContactFactDocuments.COLLECTION);
    }

    /**
     * Stores {@code fact} unless a fact for the same interaction is already stored.
     *
     * @return true when this call stored it, false when it was already there (the write is a no-op then)
     */
    public Uni<Boolean> insertIfAbsent(ContactFact fact) {
        return facts.insertOne(ContactFactDocuments.toDocument(fact, Instant.now()))
                .replaceWith(Boolean.TRUE)
                .onFailure(ContactFactRepository::isDuplicateKey).recoverWithItem(Boolean.FALSE);
    }

    /**
     * Files every fact of {@code customerId} under {@code pseudonym} instead. Idempotent: a repeat finds no fact of
     * the customer left and changes nothing.
     *
     * @return the number of facts changed
     */
    public Uni<Long> pseudonymise(String customerId, String pseudonym) {
        return facts.updateMany(Filters.eq(CUSTOMER_ID, customerId), Updates.set(CUSTOMER_ID, pseudonym))
                .map(result -> result.getModifiedCount());
    }

    /** Counts the team's contacts that started in {@code period}, per outcome, with the handled ones' handle time. */
    public Uni<TeamContactSummary> summarizeTeam(String teamId, ReportingPeriod period) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq(TEAM_ID, teamId));
        period.start().ifPresent(from -> filters.add(Filters.gte(STARTED_AT, Date.from(from))));
        period.end().ifPresent(to -> filters.add(Filters.lt(STARTED_AT, Date.from(to))));
        // Grouping on the abandoned flag yields at most two rows; the split into handled and abandoned is done here
        // rather than with $cond so the pipeline stays within what every server implements.
        List<Bson> pipeline = List.of(
                Aggregates.match(Filters.and(filters)),
                Aggregates.group("$" + ABANDONED,
                        Accumulators.sum(CONTACTS, 1),
                        Accumulators.sum(HANDLE_SECONDS, "$" + HANDLE_SECONDS)));
        return facts.aggregate(pipeline).collect().asList()
                .map(rows -> toSummary(teamId, rows));
    }

    /** Creates the indexes the queries need; creating an index that exists with the same definition is a no-op. */
    public Uni<Void> createIndexes() {
        return facts.createIndex(Indexes.ascending(TEAM_ID, STARTED_AT),
                        new IndexOptions().name(TEAM_STARTED_AT_INDEX))
                .chain(() -> facts.createIndex(Indexes.ascending(CUSTOMER_ID), new IndexOptions().name(CUSTOMER_INDEX)))
                .replaceWithVoid();
    }

    private static TeamContactSummary toSummary(String teamId, List<Document> rows) {
        long handled = 0;
        long abandoned = 0;
        long handledSeconds = 0;
        for (Document row : rows) {
            long contacts = row.get(CONTACTS, Number.class).longValue();
            if (Boolean.TRUE.equals(row.getBoolean("_id"))) {
                abandoned = contacts;
            } else {
                handled = contacts;
                handledSeconds = row.get(HANDLE_SECONDS, Number.class).longValue();
            }
        }
        return TeamContactSummary.of(teamId, handled, abandoned, handledSeconds);
    }

    /**
     * A unique index refused the insert. The only unique index of the collections is {@code _id}: a duplicate key
     * means the document (the interaction's fact, the erasure) is stored.
     */
    static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException write
                && ErrorCategory.fromErrorCode(write.getError().getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
