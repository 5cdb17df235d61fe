package io.cxvalue.reporting.repository;

import io.cxvalue.reporting.crosssell.SaleOutcome;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The sales accepted in contacts and what became of them ({@value #COLLECTION}: per team and UTC month of the contact,
 * under {@code s}, one entry per sale in a field named by a hash of its interaction id: {@link TeamMonthEntries}),
 * written by the cell updates whenever such a contact changes (each write sets the entry's whole present state, so
 * writing again changes nothing) and read whole by team-month for the cross-sell analysis. No customer id is kept (an erasure then has
 * nothing to find here); read by {@code _id}.
 */
@ApplicationScoped
public class SalesRepository {

    static final String COLLECTION = "sales_months";

    private final ReactiveMongoCollection<Document> collection;

    SalesRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** Records the present state of each sale, by the team of its contact: one update per team-month. */
    public Uni<Void> write(Map<String, List<SaleOutcome>> byTeam) {
        List<TeamMonthEntries.Entry> entries = new ArrayList<>();
        byTeam.forEach((team, sales) -> sales.forEach(s -> entries.add(
                new TeamMonthEntries.Entry(team, s.startedAt(), s.interactionId(), entry(s)))));
        return TeamMonthEntries.set(collection, "s", entries);
    }

    /** The sales of {@code teams} in the UTC months {@code months}. */
    public Uni<List<SaleOutcome>> read(Collection<String> teams, Collection<YearMonth> months) {
        return TeamMonthEntries.read(collection, "s", teams, months)
                .map(found -> found.stream().map(f -> outcome((Document) f.content())).toList());
    }

    private static Document entry(SaleOutcome s) {
        List<Document> cancellations = new ArrayList<>();
        s.cancellations().forEach(c -> cancellations.add(new Document("o", Date.from(c.occurredAt()))
                .append("a", c.amount())));
        return new Document("i", s.interactionId()).append("t", Date.from(s.startedAt()))
                .append("se", s.sentiment()).append("r", s.resolved()).append("p", s.repeat())
                .append("q", s.csat()).append("a", s.amount()).append("cur", s.currency())
                .append("x", cancellations);
    }

    private static SaleOutcome outcome(Document e) {
        List<SaleOutcome.Cancellation> cancellations = new ArrayList<>();
        for (Document c : e.getList("x", Document.class, List.of())) {
            cancellations.add(new SaleOutcome.Cancellation(c.getDate("o").toInstant(),
                    ((Number) c.get("a")).doubleValue()));
        }
        Number sentiment = (Number) e.get("se");
        Number amount = (Number) e.get("a");
        return new SaleOutcome(e.getString("i"), null, e.getDate("t").toInstant(),
                sentiment == null ? null : sentiment.doubleValue(), e.getBoolean("r"), e.getBoolean("p"),
                e.getInteger("q"), amount == null ? 0 : amount.doubleValue(), e.getString("cur"), cancellations);
    }
}
