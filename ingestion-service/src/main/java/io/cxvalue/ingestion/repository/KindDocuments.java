package io.cxvalue.ingestion.repository;

import io.cxvalue.contracts.events.CommentTerm;
import io.cxvalue.contracts.events.QualityEvaluated;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps survey responses, quality evaluations and transactions to and from their documents (absent values are left
 * out, not stored as null; instants as dates, amounts as Decimal128).
 */
final class KindDocuments {

    static final String SOURCE = "source";
    static final String EXTERNAL_ID = "externalId";
    static final String CUSTOMER_ID = "customerId";
    static final String INTERACTION_ID = "interactionId";
    /** A survey answer's comment terms: [{key, label}], indexed for the verbatims of a term. */
    static final String COMMENT_TERMS = "commentTerms";
    /** An interaction's notes and transcript terms, likewise. */
    static final String TEXT_TERMS = "textTerms";

    private KindDocuments() {
    }

    /** Writes the survey response's fields but {@code _id} to the document being written (see {@link RecordStore}). */
    static void writeFields(BsonWriter writer, SurveyResponded r) {
        writeCommon(writer, r.source(), r.externalId(), r.customerId());
        write(writer, INTERACTION_ID, r.interactionId());
        write(writer, "respondedAt", r.respondedAt());
        write(writer, "csat", r.csat());
        write(writer, "nps", r.nps());
        write(writer, "ces", r.ces());
        write(writer, "feltValued", r.feltValued());
        write(writer, "comment", r.comment());
        writeTerms(writer, COMMENT_TERMS, r.commentTerms());
    }

    /** Terms as [{key, label}]; nothing when null. */
    static void writeTerms(BsonWriter writer, String field, List<CommentTerm> terms) {
        if (terms != null) {
            writer.writeStartArray(field);
            for (CommentTerm term : terms) {
                writer.writeStartDocument();
                writer.writeString("key", term.key());
                writer.writeString("label", term.label());
                writer.writeEndDocument();
            }
            writer.writeEndArray();
        }
    }

    static SurveyResponded surveyResponse(Document d) {
        return new SurveyResponded(d.getString("_id"), d.getString(SOURCE), d.getString(EXTERNAL_ID),
                d.getString(CUSTOMER_ID), d.getString(INTERACTION_ID), instant(d.getDate("respondedAt")),
                d.getInteger("csat"), d.getInteger("nps"), d.getInteger("ces"), d.getInteger("feltValued"),
                d.getString("comment"), commentTerms(d.getList(COMMENT_TERMS, Document.class)));
    }

    static List<CommentTerm> commentTerms(List<Document> terms) {
        return terms == null ? null
                : terms.stream().map(t -> new CommentTerm(t.getString("key"), t.getString("label"))).toList();
    }

    /**
     * Writes the evaluation's fields but {@code _id} to the document being written. Criterion names are client text:
     * stored as values, never as field names (no dots or $ in keys).
     */
    static void writeFields(BsonWriter writer, QualityEvaluated r) {
        writeCommon(writer, r.source(), r.externalId(), r.customerId());
        write(writer, INTERACTION_ID, r.interactionId());
        write(writer, "agentId", r.agentId());
        write(writer, "teamId", r.teamId());
        write(writer, "evaluatorId", r.evaluatorId());
        writer.writeDouble("score", r.score());
        if (r.criteria() != null) {
            writer.writeStartArray("criteria");
            r.criteria().forEach((name, score) -> {
                writer.writeStartDocument();
                writeOrNull(writer, "name", name);
                if (score == null) {
                    writer.writeNull("score");
                } else {
                    writer.writeDouble("score", score);
                }
                writer.writeEndDocument();
            });
            writer.writeEndArray();
        }
        write(writer, "evaluatedAt", r.evaluatedAt());
    }

    static QualityEvaluated qualityEvaluation(Document d) {
        Map<String, Double> criteria = null;
        if (d.containsKey("criteria")) {
            criteria = new LinkedHashMap<>();
            for (Document criterion : d.getList("criteria", Document.class)) {
                criteria.put(criterion.getString("name"), criterion.getDouble("score"));
            }
        }
        return new QualityEvaluated(d.getString("_id"), d.getString(SOURCE), d.getString(EXTERNAL_ID),
                d.getString(CUSTOMER_ID), d.getString(INTERACTION_ID), d.getString("agentId"), d.getString("teamId"),
                d.getString("evaluatorId"), d.getDouble("score"), criteria, instant(d.getDate("evaluatedAt")));
    }

    /** Writes the transaction's fields but {@code _id} to the document being written (see {@link RecordStore}). */
    static void writeFields(BsonWriter writer, TransactionRecorded r) {
        writeCommon(writer, r.source(), r.externalId(), r.customerId());
        write(writer, "kind", r.kind().name());
        write(writer, "amount", r.amount());
        write(writer, "currency", r.currency());
        write(writer, "productId", r.productId());
        write(writer, "occurredAt", r.occurredAt());
        write(writer, "originatingInteractionId", r.originatingInteractionId());
        write(writer, "cancelsTransactionId", r.cancelsTransactionId());
    }

    static TransactionRecorded transaction(Document d) {
        return new TransactionRecorded(d.getString("_id"), d.getString(SOURCE), d.getString(EXTERNAL_ID),
                d.getString(CUSTOMER_ID), TransactionKind.valueOf(d.getString("kind")),
                decimal(d.get("amount", Decimal128.class)), d.getString("currency"), d.getString("productId"),
                instant(d.getDate("occurredAt")), d.getString("originatingInteractionId"),
                d.getString("cancelsTransactionId"));
    }

    private static void writeCommon(BsonWriter writer, String source, String externalId, String customerId) {
        writeOrNull(writer, SOURCE, source);
        writeOrNull(writer, EXTERNAL_ID, externalId);
        writeOrNull(writer, CUSTOMER_ID, customerId);
    }

    // An absent value is left out of the document, not written as null.

    static void write(BsonWriter writer, String name, String value) {
        if (value != null) {
            writer.writeString(name, value);
        }
    }

    static void write(BsonWriter writer, String name, Integer value) {
        if (value != null) {
            writer.writeInt32(name, value);
        }
    }

    static void write(BsonWriter writer, String name, Boolean value) {
        if (value != null) {
            writer.writeBoolean(name, value);
        }
    }

    static void write(BsonWriter writer, String name, Double value) {
        if (value != null) {
            writer.writeDouble(name, value);
        }
    }

    /** As a date (milliseconds), as {@link #instant(Date)} reads it. */
    static void write(BsonWriter writer, String name, Instant value) {
        if (value != null) {
            writer.writeDateTime(name, value.toEpochMilli());
        }
    }

    /** As Decimal128, as {@link #decimal(Decimal128)} reads it. */
    static void write(BsonWriter writer, String name, BigDecimal value) {
        if (value != null) {
            writer.writeDecimal128(name, new Decimal128(value));
        }
    }

    /** A value the document holds even when absent: null is written as null. */
    static void writeOrNull(BsonWriter writer, String name, String value) {
        if (value == null) {
            writer.writeNull(name);
        } else {
            writer.writeString(name, value);
        }
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    static Decimal128 decimal(BigDecimal value) {
        return value == null ? null : new Decimal128(value);
    }

    static BigDecimal decimal(Decimal128 value) {
        return value == null ? null : value.bigDecimalValue();
    }
}
