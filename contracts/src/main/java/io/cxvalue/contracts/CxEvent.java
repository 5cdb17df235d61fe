package io.cxvalue.contracts;

/** A payload published on a CX Value topic. */
public interface CxEvent {

    /** The customer the event is about: the Kafka record key and the CloudEvents subject. */
    String customerId();
}
