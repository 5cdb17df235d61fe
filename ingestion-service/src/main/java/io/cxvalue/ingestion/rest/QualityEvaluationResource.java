package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.contracts.events.QualityEvaluated;
import io.cxvalue.ingestion.repository.RecordKind;
import io.cxvalue.ingestion.service.AcceptService;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Internal quality evaluations of interactions, published to cx.quality. */
@Path("/api/v1/quality-evaluations")
@Tag(name = "Quality evaluations")
@Produces(MediaType.APPLICATION_JSON)
public class QualityEvaluationResource extends RecordResource<QualityEvaluated, QualityEvaluationRequest> {

    public QualityEvaluationResource(AcceptService service, IdentityNormalizer normalizer, BatchReader batches) {
        super(service, normalizer, batches, RecordKind.QUALITY_EVALUATION, "quality evaluation", QualityEvaluationRequest.class);
    }
}
