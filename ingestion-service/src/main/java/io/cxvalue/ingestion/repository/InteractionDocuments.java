package io.cxvalue.ingestion.repository;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.ExperimentVariant;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.Sale;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.types.Decimal128;

import static io.cxvalue.ingestion.repository.KindDocuments.decimal;
import static io.cxvalue.ingestion.repository.KindDocuments.instant;
import static io.cxvalue.ingestion.repository.KindDocuments.write;
import static io.cxvalue.ingestion.repository.KindDocuments.writeOrNull;

/**
 * Maps interactions to and from their MongoDB documents (absent values are left out, not stored as null). Documents are
 * written field by field with a {@link BsonWriter} (no {@link Document} in between: encoding a Document per record was
 * the largest CPU cost of a batch) and read back as Documents.
 */
final class InteractionDocuments {

    static final String SOURCE = KindDocuments.SOURCE;
    static final String EXTERNAL_ID = KindDocuments.EXTERNAL_ID;

    private InteractionDocuments() {
    }

    /** Writes the interaction's fields but {@code _id} to the document being written (see {@link RecordStore}). */
    static void writeFields(BsonWriter writer, InteractionRecorded r) {
        write(writer, SOURCE, r.source());
        write(writer, EXTERNAL_ID, r.externalId());
        write(writer, "customerId", r.customerId());
        write(writer, "channel", r.channel().name());
        write(writer, "direction", r.direction().name());
        writer.writeDateTime("startedAt", r.startedAt().toEpochMilli());
        write(writer, "queueSeconds", r.queueSeconds());
        write(writer, "talkSeconds", r.talkSeconds());
        write(writer, "holdSeconds", r.holdSeconds());
        write(writer, "afterWorkSeconds", r.afterWorkSeconds());
        writer.writeBoolean("abandoned", r.abandoned());
        write(writer, "agentId", r.agentId());
        write(writer, "teamId", r.teamId());
        write(writer, "departmentId", r.departmentId());
        write(writer, "queue", r.queue());
        write(writer, "contactReason", r.contactReason());
        writer.writeInt32("transfers", r.transfers());
        write(writer, "resolved", r.resolved());
        write(writer, "sentiment", r.sentiment());
        if (r.sale() != null) {
            writer.writeStartDocument("sale");
            writer.writeBoolean("offered", r.sale().offered());
            writer.writeBoolean("accepted", r.sale().accepted());
            write(writer, "productId", r.sale().productId());
            write(writer, "amount", r.sale().amount());
            write(writer, "currency", r.sale().currency());
            writer.writeEndDocument();
        }
        write(writer, "campaign", r.campaign());
        if (r.experiment() != null) {
            writer.writeStartDocument("experiment");
            writeOrNull(writer, "experimentId", r.experiment().experimentId());
            writeOrNull(writer, "variant", r.experiment().variant());
            writer.writeEndDocument();
        }
        write(writer, "notes", r.notes());
        write(writer, "transcript", r.transcript());
        KindDocuments.writeTerms(writer, KindDocuments.TEXT_TERMS, r.textTerms());
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
                        : new ExperimentVariant(experiment.getString("experimentId"), experiment.getString("variant")),
                d.getString("queue"),
                d.getString("notes"),
                d.getString("transcript"),
                KindDocuments.commentTerms(d.getList(KindDocuments.TEXT_TERMS, Document.class)));
        return record;
    }
}
