package io.cxvalue.ingestion.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cxvalue.ingestion.AcceptResult;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The answer to a batch: totals, and the outcome of every record in the order they were sent. */
@Schema(name = "BatchResult")
public record BatchResponse(int received, int accepted, int duplicates, int rejected, List<Item> results) {

    public enum Outcome {
        /** Stored now and queued for publication. */
        ACCEPTED,
        /** Stored before under the same (source, externalId) (or earlier in this batch); not published again. */
        DUPLICATE,
        /** Not stored: see the violations. */
        REJECTED
    }

    /** The outcome of one record. */
    @Schema(name = "BatchItemResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(
            @Schema(description = "Position of the record in the batch, from 0") int index,
            @Schema(description = "Line of the record, for NDJSON (from 1)") Integer line,
            @Schema(description = "Ingestion's id of the record (of the stored one for a duplicate; the customer "
                    + "id for customer profiles)") String id,
            Outcome outcome,
            List<FieldViolation> violations) {

        static Item of(BatchReader.Read<?> read, AcceptResult result) {
            return new Item(read.index(), read.line(), result.id(),
                    result.status() == AcceptResult.Status.ACCEPTED ? Outcome.ACCEPTED : Outcome.DUPLICATE, null);
        }

        static Item rejected(BatchReader.Read<?> read, List<FieldViolation> violations) {
            return new Item(read.index(), read.line(), null, Outcome.REJECTED, violations);
        }
    }

    static BatchResponse of(List<Item> results) {
        int accepted = (int) results.stream().filter(item -> item.outcome() == Outcome.ACCEPTED).count();
        int duplicates = (int) results.stream().filter(item -> item.outcome() == Outcome.DUPLICATE).count();
        return new BatchResponse(results.size(), accepted, duplicates, results.size() - accepted - duplicates,
                results);
    }
}
