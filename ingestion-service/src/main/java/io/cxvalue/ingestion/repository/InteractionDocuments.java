package io.cxvalue.ingestion.repository;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.ExperimentVariant;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.Sale;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.util.Date;

import static io.cxvalue.ingestion.repository.KindDocuments.decimal;
import static io.cxvalue.ingestion.repository.KindDocuments.instant;
import static io.cxvalue.ingestion.repository.KindDocuments.put;

/** Maps interactions to and from their MongoDB documents (absent values are left out, not stored as null). */
final class InteractionDocuments {

    static final String SOURCE = KindDocuments.SOURCE;
    static final String EXTERNAL_ID = KindDocuments.EXTERNAL_ID;

    private InteractionDocuments() {
    }

    static Document toDocument(InteractionRecorded r) {
        Document document = new Document("_id", r.interactionId());
        put(document, SOURCE, r.source());
        put(document, EXTERNAL_ID, r.externalId());
        put(document, "customerId", r.customerId());
        put(document, "channel", r.channel().name());
        put(document, "direction", r.direction().name());
        put(document, "startedAt", Date.from(r.startedAt()));
        put(document, "queueSeconds", r.queueSeconds());
        put(document, "talkSeconds", r.talkSeconds());
        put(document, "holdSeconds", r.holdSeconds());
        put(document, "afterWorkSeconds", r.afterWorkSeconds());
        put(document, "abandoned", r.abandoned());
        put(document, "agentId", r.agentId());
        put(document, "teamId", r.teamId());
        put(document, "departmentId", r.departmentId());
        put(document, "contactReason", r.contactReason());
        put(document, "transfers", r.transfers());
        put(document, "resolved", r.resolved());
        put(document, "sentiment", r.sentiment());
        if (r.sale() != null) {
            Document sale = new Document("offered", r.sale().offered()).append("accepted", r.sale().accepted());
            put(sale, "productId", r.sale().productId());
            put(sale, "amount", r.sale().amount() == null ? null : new Decimal128(r.sale().amount()));
            put(sale, "currency", r.sale().currency());
            document.append("sale", sale);
        }
        put(document, "campaign", r.campaign());
        if (r.experiment() != null) {
            document.append("experiment", new Document("experimentId", r.experiment().experimentId())
                    .append("variant", r.experiment().variant()));
        }
        return document;
    }

    static InteractionRecorded fromDocument(Document d) {
        Document sale = d.get("sale", Document.class);
        Document experiment = d.get("experiment", Document.class);
        InteractionRecorded record = new InteractionRecorded(
                d.getString("_id"),
                d.getString(SOURCE),
                d.getString(EXTERNAL_ID),
                d.getString("customerId"),
                Channel.valueOf(d.getString("channel")),
                Direction.valueOf(d.getString("direction")),
                instant(d.getDate("startedAt")),
                d.getInteger("queueSeconds"),
                d.getInteger("talkSeconds"),
                d.getInteger("holdSeconds"),
                d.getInteger("afterWorkSeconds"),
                d.getBoolean("abandoned", false),
                d.getString("agentId"),
                d.getString("teamId"),
                d.getString("departmentId"),
                d.getString("contactReason"),
                d.getInteger("transfers", 0),
                d.getBoolean("resolved"),
                d.getDouble("sentiment"),
                sale == null ? null : new Sale(sale.getBoolean("offered", false), sale.getBoolean("accepted", false),
                        sale.getString("productId"), decimal(sale.get("amount", Decimal128.class)),
                        sale.getString("currency")),
                d.getString("campaign"),
                experiment == null ? null
                        : new ExperimentVariant(experiment.getString("experimentId"), experiment.getString("variant")));
        return record;
    }
}
