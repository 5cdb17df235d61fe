package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.ingestion.repository.RecordKind;
import io.cxvalue.ingestion.service.AcceptService;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Survey answers from survey tools, published to cx.feedback. */
@Path("/api/v1/survey-responses")
@Tag(name = "Survey responses")
@Produces(MediaType.APPLICATION_JSON)
public class SurveyResponseResource extends RecordResource<SurveyResponded, SurveyResponseRequest> {

    public SurveyResponseResource(AcceptService service, IdentityNormalizer normalizer, BatchReader batches) {
        super(service, normalizer, batches, RecordKind.SURVEY_RESPONSE, "survey response", SurveyResponseRequest.class);
    }
}
