package io.cxvalue.contracts;

import java.util.List;
import java.util.Map;

/**
 * Kafka topic names. The record key is the customer id on every topic except {@link #EXPERIMENTS}, where it is the
 * experiment id (an experiment's events stay in order on one partition, and they are about no one customer), and
 * {@link #VALUE_DRIVERS}, where it is the analysis id.
 */
public final class Topics {

    public static final String CUSTOMERS = "cx.customers";
    public static final String INTERACTIONS = "cx.interactions";
    public static final String FEEDBACK = "cx.feedback";
    public static final String QUALITY = "cx.quality";
    public static final String TRANSACTIONS = "cx.transactions";
    public static final String SCORES = "cx.scores";
    public static final String ASSIGNMENTS = "cx.assignments";
    /** Experiments started and stopped, keyed by experiment id (not customer id). */
    public static final String EXPERIMENTS = "cx.experiments";
    public static final String ERASURES = "cx.erasures";
    /** Analyses of what moves customer value, keyed by analysis id (not customer id). */
    public static final String VALUE_DRIVERS = "cx.value-drivers";

    public static final List<String> ALL = List.of(
            CUSTOMERS, INTERACTIONS, FEEDBACK, QUALITY, TRANSACTIONS, SCORES, EXPERIMENTS, ASSIGNMENTS, ERASURES,
            VALUE_DRIVERS);

    /** The services that consume each topic (ARCHITECTURE.md), each with its own group and dead-letter topic. */
    public static final Map<String, List<String>> CONSUMERS = Map.of(
            CUSTOMERS, List.of("scoring-service", "reporting-service"),
            INTERACTIONS, List.of("scoring-service", "experiment-service", "reporting-service"),
            FEEDBACK, List.of("scoring-service", "experiment-service", "reporting-service"),
            QUALITY, List.of("reporting-service"),
            TRANSACTIONS, List.of("scoring-service", "experiment-service", "reporting-service"),
            SCORES, List.of("experiment-service", "reporting-service"),
            EXPERIMENTS, List.of("scoring-service"),
            ASSIGNMENTS, List.of("reporting-service"),
            ERASURES, List.of("ingestion-service", "scoring-service", "experiment-service", "reporting-service"),
            VALUE_DRIVERS, List.of("reporting-service"));

    /**
     * A service's own topic: the contacts whose KPI cells must change, keyed by team, so that one consumer at a time
     * updates a team's cells (like a Kafka Streams repartition topic). Not an event of the contract: produced and
     * consumed by reporting-service only. Its partition count may grow only while its consumers are stopped and it is
     * drained (a team's changes must stay in order).
     */
    public static final String REPORTING_CELL_CHANGES = "cx.reporting.cell-changes";

    /** The services' own topics and their dead-letter topics, created with the contract's topics. */
    public static final List<String> INTERNAL = List.of(REPORTING_CELL_CHANGES,
            deadLetter(REPORTING_CELL_CHANGES, "reporting-service"));

    private Topics() {
    }

    /**
     * The payload property whose value is the record key (and CloudEvents subject) of {@code topic}'s events:
     * {@code experimentId} on {@link #EXPERIMENTS}, {@code analysisId} on {@link #VALUE_DRIVERS}, {@code customerId}
     * on every other topic.
     */
    public static String keyProperty(String topic) {
        return EXPERIMENTS.equals(topic) ? "experimentId" : VALUE_DRIVERS.equals(topic) ? "analysisId" : "customerId";
    }

    /** Every dead-letter topic of the suite: one per (topic, consuming service). */
    public static List<String> deadLetterTopics() {
        return ALL.stream()
                .flatMap(topic -> CONSUMERS.get(topic).stream().map(service -> deadLetter(topic, service)))
                .toList();
    }

    /** The dead-letter topic where {@code consumerService} parks records of {@code topic} it cannot apply. */
    public static String deadLetter(String topic, String consumerService) {
        return topic + ".dlq." + consumerService;
    }
}
