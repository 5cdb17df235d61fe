package io.cxvalue.ingestion;

import io.cxvalue.contracts.Topics;
import io.cxvalue.ingestion.repository.MongoCollections;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Request bodies of the non-interaction kinds for tests, with where each kind is posted, stored and published. */
enum Records {

    SURVEY_RESPONSE("/api/v1/survey-responses", MongoCollections.FEEDBACK, Topics.FEEDBACK, """
            {"source":"qualtrics","externalId":"%s","customerId":"%s","interactionId":"i-1",
             "respondedAt":"%s","csat":4,"nps":9,"ces":2,"feltValued":5,"comment":"Quick and kind"}
            """),
    QUALITY_EVALUATION("/api/v1/quality-evaluations", MongoCollections.QUALITY_EVALUATIONS, Topics.QUALITY, """
            {"source":"qm-suite","externalId":"%s","customerId":"%s","interactionId":"i-1","agentId":"agent-7",
             "teamId":"team-a","evaluatorId":"lead-2","score":87.5,
             "criteria":{"greeting":100,"empathy":75.5,"resolution.steps":80},"evaluatedAt":"%s"}
            """),
    TRANSACTION("/api/v1/transactions", MongoCollections.TRANSACTIONS, Topics.TRANSACTIONS, """
            {"source":"billing","externalId":"%s","customerId":"%s","kind":"PURCHASE","amount":129.90,
             "currency":"EUR","productId":"fibre-500","occurredAt":"%s","originatingInteractionId":"i-1"}
            """);

    final String path;
    final String collection;
    final String topic;
    private final String template;

    Records(String path, String collection, String topic, String template) {
        this.path = path;
        this.collection = collection;
        this.topic = topic;
        this.template = template;
    }

    /** A complete, valid body of this kind, timestamped ten minutes ago. */
    String body(String externalId, String customerId) {
        Instant at = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        return template.formatted(externalId, customerId, at);
    }
}
