package io.cxvalue.ingestion.repository;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.QualityEvaluated;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionRecorded;
import org.bson.BsonWriter;
import org.bson.Document;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One kind of record ingestion accepts: its collection and how its event maps to and from a document.
 * {@link RecordStore} writes {@code _id} (the assigned id), {@code receivedAt} and the outbox fields for every kind
 * around the kind's own fields.
 *
 * @param name         the kind's name in metrics, e.g. {@code interaction}
 * @param id           the id ingestion assigned, read from the record
 * @param writeFields  writes the record's fields (all but {@code _id}) to the document being written
 * @param fromDocument rebuilds the record from its stored document
 */
public record RecordKind<R extends CxEvent>(String name, String collection, Function<R, String> id,
                                             BiConsumer<BsonWriter, R> writeFields,
                                             Function<Document, R> fromDocument) {

    public static final RecordKind<InteractionRecorded> INTERACTION = new RecordKind<>(
            "interaction", MongoCollections.INTERACTIONS, InteractionRecorded::interactionId,
            InteractionDocuments::writeFields, InteractionDocuments::fromDocument);
    public static final RecordKind<SurveyResponded> SURVEY_RESPONSE = new RecordKind<>(
            "survey_response", MongoCollections.FEEDBACK, SurveyResponded::responseId,
            KindDocuments::writeFields, KindDocuments::surveyResponse);
    public static final RecordKind<QualityEvaluated> QUALITY_EVALUATION =
            new RecordKind<>("quality_evaluation", MongoCollections.QUALITY_EVALUATIONS, QualityEvaluated::evaluationId,
                    KindDocuments::writeFields, KindDocuments::qualityEvaluation);
    public static final RecordKind<TransactionRecorded> TRANSACTION = new RecordKind<>(
            "transaction", MongoCollections.TRANSACTIONS, TransactionRecorded::transactionId,
            KindDocuments::writeFields, KindDocuments::transaction);

    /** Every kind, each in its own collection with a unique (source, externalId) index and outbox fields. */
    public static final List<RecordKind<?>> ALL =
            List.of(INTERACTION, SURVEY_RESPONSE, QUALITY_EVALUATION, TRANSACTION);
}
