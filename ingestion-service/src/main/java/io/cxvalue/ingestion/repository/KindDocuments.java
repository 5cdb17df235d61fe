package io.cxvalue.ingestion.repository;

import io.cxvalue.contracts.events.QualityEvaluated;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
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

    private KindDocuments() {
    }

    static Document toDocument(SurveyResponded r) {
        Document document = common(r.source(), r.externalId(), r.customerId());
        put(document, INTERACTION_ID, r.interactionId());
        put(document, "respondedAt", date(r.respondedAt()));
        put(document, "csat", r.csat());
        put(document, "nps", r.nps());
        put(document, "ces", r.ces());
        put(document, "feltValued", r.feltValued());
        put(document, "comment", r.comment());
        return document;
    }

    static SurveyResponded surveyResponse(Document d) {
        return new SurveyResponded(d.getString("_id"), d.getString(SOURCE), d.getString(EXTERNAL_ID),
                d.getString(CUSTOMER_ID), d.getString(INTERACTION_ID), instant(d.getDate("respondedAt")),
                d.getInteger("csat"), d.getInteger("nps"), d.getInteger("ces"), d.getInteger("feltValued"),
                d.getString("comment"));
    }

    static Document toDocument(QualityEvaluated r) {
        Document document = common(r.source(), r.externalId(), r.customerId());
        put(document, INTERACTION_ID, r.interactionId());
        put(document, "agentId", r.agentId());
        put(document, "teamId", r.teamId());
        put(document, "evaluatorId", r.evaluatorId());
        put(document, "score", r.score());
        // Criterion names are client text: stored as values, never as field names (no dots or $ in keys).
        put(document, "criteria", r.criteria() == null ? null : r.criteria().entrySet().stream()
                .map(e -> new Document("name", e.getKey()).append("score", e.getValue()))
                .toList());
        put(document, "evaluatedAt", date(r.evaluatedAt()));
        return document;
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

    static Document toDocument(TransactionRecorded r) {
        Document document = common(r.source(), r.externalId(), r.customerId());
        put(document, "kind", r.kind().name());
        put(document, "amount", decimal(r.amount()));
        put(document, "currency", r.currency());
        put(document, "productId", r.productId());
        put(document, "occurredAt", date(r.occurredAt()));
        put(document, "originatingInteractionId", r.originatingInteractionId());
        put(document, "cancelsTransactionId", r.cancelsTransactionId());
        return document;
    }

    static TransactionRecorded transaction(Document d) {
        return new TransactionRecorded(d.getString("_id"), d.getString(SOURCE), d.getString(EXTERNAL_ID),
                d.getString(CUSTOMER_ID), TransactionKind.valueOf(d.getString("kind")),
                decimal(d.get("amount", Decimal128.class)), d.getString("currency"), d.getString("productId"),
                instant(d.getDate("occurredAt")), d.getString("originatingInteractionId"),
                d.getString("cancelsTransactionId"));
    }

    private static Document common(String source, String externalId, String customerId) {
        return new Document(SOURCE, source).append(EXTERNAL_ID, externalId).append(CUSTOMER_ID, customerId);
    }

    static void put(Document document, String key, Object value) {
        if (value != null) {
            document.append(key, value);
        }
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
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
