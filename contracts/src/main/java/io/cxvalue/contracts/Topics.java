package io.cxvalue.contracts;

import java.util.List;

/** Kafka topic names. The record key on every topic is the customer id. */
public final class Topics {

    public static final String CUSTOMERS = "cx.customers";
    public static final String INTERACTIONS = "cx.interactions";
    public static final String FEEDBACK = "cx.feedback";
    public static final String QUALITY = "cx.quality";
    public static final String TRANSACTIONS = "cx.transactions";
    public static final String SCORES = "cx.scores";
    public static final String ASSIGNMENTS = "cx.assignments";
    public static final String ERASURES = "cx.erasures";

    public static final List<String> ALL = List.of(
            CUSTOMERS, INTERACTIONS, FEEDBACK, QUALITY, TRANSACTIONS, SCORES, ASSIGNMENTS, ERASURES);

    private Topics() {
    }

    /** The dead-letter topic where {@code consumerService} parks records of {@code topic} it cannot apply. */
    public static String deadLetter(String topic, String consumerService) {
        return topic + ".dlq." + consumerService;
    }
}
