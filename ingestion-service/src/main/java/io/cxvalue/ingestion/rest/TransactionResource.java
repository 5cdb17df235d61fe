package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.ingestion.repository.RecordKind;
import io.cxvalue.ingestion.service.AcceptService;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Purchases, cancellations and refunds, published to cx.transactions. */
@Path("/api/v1/transactions")
@Tag(name = "Transactions")
@Produces(MediaType.APPLICATION_JSON)
public class TransactionResource extends RecordResource<TransactionRecorded, TransactionRequest> {

    public TransactionResource(AcceptService service, IdentityNormalizer normalizer, BatchReader batches) {
        super(service, normalizer, batches, RecordKind.TRANSACTION, "transaction", TransactionRequest.class);
    }
}
