package io.cxvalue.reporting.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.cxvalue.contracts.events.ValueDriversAnalysed;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The analyses of what moves customer value scoring-service published ({@value #COLLECTION}, one document per
 * analysis by its id, so keeping one again changes nothing); the latest prices a process change's effect on
 * customers.
 */
@ApplicationScoped
public class ValueDriverRepository {

    static final String COLLECTION = "value_driver_analyses";

    private final ReactiveMongoCollection<Document> collection;

    ValueDriverRepository(ReactiveMongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    public Uni<Void> keep(ValueDriversAnalysed analysis) {
        List<Document> drivers = new ArrayList<>();
        for (ValueDriversAnalysed.Driver d : analysis.drivers()) {
            drivers.add(new Document("e", d.experience()).append("c", d.customersPerMonth())
                    .append("r", d.retentionChange()).append("v", d.valueAtStake())
                    .append("lo", d.valueAtStakeLow()).append("hi", d.valueAtStakeHigh()));
        }
        Document document = new Document("_id", analysis.analysisId())
                .append("at", Date.from(analysis.analysedAt()))
                .append("to", Date.from(analysis.outcomeTo()))
                .append("m", analysis.months())
                .append("cur", analysis.currency())
                .append("d", drivers);
        return collection.replaceOne(Filters.eq("_id", analysis.analysisId()), document,
                new ReplaceOptions().upsert(true)).replaceWithVoid();
    }

    /** The analysis run last, or null when none arrived. */
    public Uni<ValueDriversAnalysed> latest() {
        return collection.find(new FindOptions().sort(Sorts.orderBy(Sorts.descending("at"), Sorts.descending("_id")))
                        .limit(1))
                .collect().first()
                .map(d -> d == null ? null : analysis(d));
    }

    private static ValueDriversAnalysed analysis(Document d) {
        List<ValueDriversAnalysed.Driver> drivers = new ArrayList<>();
        for (Document e : d.getList("d", Document.class)) {
            drivers.add(new ValueDriversAnalysed.Driver(e.getString("e"), number(e.get("c")), number(e.get("r")),
                    nullable(e.get("v")), nullable(e.get("lo")), nullable(e.get("hi"))));
        }
        return new ValueDriversAnalysed(d.getString("_id"), d.getDate("at").toInstant(), d.getDate("to").toInstant(),
                d.getInteger("m"), d.getString("cur"), drivers);
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static Double nullable(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
