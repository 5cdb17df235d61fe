package io.cxvalue.ingestion.rest;

/** A submitted record of some kind: its (source, externalId) key and the clean event it becomes. */
public interface RecordRequest<R> {

    String source();

    String externalId();

    /** The clean record ingestion publishes, under the id it assigned. */
    R toRecord(String id);
}
