package io.cxvalue.contracts;

import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.contracts.events.CustomerUpserted;
import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.contracts.events.ExperimentStarted;
import io.cxvalue.contracts.events.ExperimentDecided;
import io.cxvalue.contracts.events.ExperimentStopped;
import io.cxvalue.contracts.events.IdentityLinked;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.QualityEvaluated;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.contracts.events.ValueDriversAnalysed;
import io.cxvalue.contracts.events.VariantAssigned;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event of the product: its versioned CloudEvents type, its topic, its payload record and its JSON Schema.
 * A breaking change to a payload is a new constant with a new version, never an edit of an existing one.
 */
public enum EventType {

    CUSTOMER_UPSERTED("io.cxvalue.customer.upserted.v1", Topics.CUSTOMERS, CustomerUpserted.class),
    IDENTITY_LINKED("io.cxvalue.customer.identity-linked.v1", Topics.CUSTOMERS, IdentityLinked.class),
    CUSTOMERS_MERGED("io.cxvalue.customer.merged.v1", Topics.CUSTOMERS, CustomersMerged.class),
    INTERACTION_RECORDED("io.cxvalue.interaction.recorded.v1", Topics.INTERACTIONS, InteractionRecorded.class),
    SURVEY_RESPONDED("io.cxvalue.feedback.survey-responded.v1", Topics.FEEDBACK, SurveyResponded.class),
    QUALITY_EVALUATED("io.cxvalue.quality.evaluated.v1", Topics.QUALITY, QualityEvaluated.class),
    TRANSACTION_RECORDED("io.cxvalue.transaction.recorded.v1", Topics.TRANSACTIONS, TransactionRecorded.class),
    CUSTOMER_SCORED("io.cxvalue.score.customer-scored.v1", Topics.SCORES, CustomerScored.class),
    EXPERIMENT_STARTED("io.cxvalue.experiment.started.v1", Topics.EXPERIMENTS, ExperimentStarted.class),
    EXPERIMENT_STOPPED("io.cxvalue.experiment.stopped.v1", Topics.EXPERIMENTS, ExperimentStopped.class),
    EXPERIMENT_DECIDED("io.cxvalue.experiment.decided.v1", Topics.EXPERIMENTS, ExperimentDecided.class),
    VARIANT_ASSIGNED("io.cxvalue.experiment.variant-assigned.v1", Topics.ASSIGNMENTS, VariantAssigned.class),
    ERASURE_REQUESTED("io.cxvalue.erasure.requested.v1", Topics.ERASURES, ErasureRequested.class),
    ERASURE_COMPLETED("io.cxvalue.erasure.completed.v1", Topics.ERASURES, ErasureCompleted.class),
    VALUE_DRIVERS_ANALYSED("io.cxvalue.score.value-drivers-analysed.v1", Topics.VALUE_DRIVERS,
            ValueDriversAnalysed.class);

    // Looked up for every consumed record.
    private static final Map<String, EventType> BY_CE_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));

    private final String ceType;
    private final String topic;
    private final Class<? extends CxEvent> payloadType;

    EventType(String ceType, String topic, Class<? extends CxEvent> payloadType) {
        this.ceType = ceType;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    /** The {@code ce_type} header value. */
    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends CxEvent> payloadType() {
        return payloadType;
    }

    /** Classpath location of the payload's JSON Schema (draft 2020-12). */
    public String schemaResource() {
        String name = ceType.substring("io.cxvalue.".length()).replace('.', '-');
        return "/schemas/" + name + ".json";
    }

    public static Optional<EventType> ofCeType(String ceType) {
        return Optional.ofNullable(ceType).map(BY_CE_TYPE::get);
    }

    public static EventType of(CxEvent event) {
        return Arrays.stream(values())
                .filter(t -> t.payloadType.equals(event.getClass()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No event type for " + event.getClass()));
    }
}
