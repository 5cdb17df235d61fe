package io.cxvalue.ingestion.rest;

/**
 * A submitted record of some kind: its (source, externalId) key, the customer it names (by ingestion's id and/or
 * by identities) and the clean event it becomes.
 */
public interface RecordRequest<R> {

    String source();

    String externalId();

    /** Ingestion's customer id, when the source knows it. */
    String customerId();

    /** Identities of the customer, when the source names the customer that way. */
    CustomerIdentities customer();

    /** The clean record ingestion publishes, under the id it assigned, for the customer it resolved. */
    R toRecord(String id, String customerId);
}
