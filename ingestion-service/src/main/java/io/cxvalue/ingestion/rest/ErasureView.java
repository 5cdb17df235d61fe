package io.cxvalue.ingestion.rest;

import io.cxvalue.ingestion.Erasure;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An erasure request and which services have confirmed it. */
@Schema(name = "Erasure")
public record ErasureView(String erasureId, String customerId, Instant requestedAt,
                          @Schema(description = "When each service confirmed") Map<String, Instant> confirmedBy,
                          @Schema(description = "Services that have not confirmed yet") List<String> pending,
                          boolean complete) {

    static ErasureView of(Erasure erasure) {
        return new ErasureView(erasure.erasureId(), erasure.customerId(), erasure.requestedAt(),
                erasure.confirmed(), erasure.pending(), erasure.complete());
    }
}
