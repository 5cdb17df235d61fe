package io.cxvalue.ingestion;

/** What became of a submitted record. */
public record AcceptResult(String id, Status status) {

    public enum Status {
        /** Stored now and queued for publication. */
        ACCEPTED,
        /** A record with the same source and external id was stored before; nothing was stored or published. */
        DUPLICATE
    }

    public static AcceptResult accepted(String id) {
        return new AcceptResult(id, Status.ACCEPTED);
    }

    public static AcceptResult duplicate(String id) {
        return new AcceptResult(id, Status.DUPLICATE);
    }
}
