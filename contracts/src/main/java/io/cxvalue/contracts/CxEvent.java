package io.cxvalue.contracts;

/** A payload published on a CX Value topic. */
public interface CxEvent {

    /**
     * The customer the event is about, and so its {@link #key()}. Null for the events of {@link Topics#EXPERIMENTS},
     * which are about no one customer and keyed by experiment id.
     */
    String customerId();

    /**
     * The Kafka record key and CloudEvents subject: the customer id, except on {@link Topics#EXPERIMENTS}, whose
     * events are keyed by experiment id (the payload property named by {@link Topics#keyProperty}).
     */
    default String key() {
        return customerId();
    }

    /**
     * The event as it goes on the topic: itself, except where a producer keeps personal data the topic must not carry
     * (a survey answer's comment text). {@link OutboxEvent#of} publishes this.
     */
    default CxEvent published() {
        return this;
    }
}
