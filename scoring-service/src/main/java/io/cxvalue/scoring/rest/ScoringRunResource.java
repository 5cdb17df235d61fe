package io.cxvalue.scoring.rest;

import static io.cxvalue.support.rest.Problems.PROBLEM;
import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;

import io.cxvalue.scoring.DataCoverage;
import io.cxvalue.scoring.service.ClvService;
import io.cxvalue.support.rest.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Scoring every customer on demand (the nightly job does the same after its fit). */
@Path("/api/v1/clv/scoring-runs")
@Tag(name = "CLV models")
@Produces(MediaType.APPLICATION_JSON)
public class ScoringRunResource {

    /** What a run did. */
    public record ScoringRunResponse(String modelVersion, int scored, int published,
            @Schema(description = "What data the run saw when it started: per topic the latest event applied and "
                    + "the events still waiting (lag; null when Kafka could not say)") DataCoverage coverage) {
    }

    private final ClvService service;

    public ScoringRunResource(ClvService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed("analyst")
    @Operation(summary = "Score every customer with the active models",
            description = "Computes every customer's CLV, P(alive), value tier and churn risk with the active CLV "
                    + "model and the CX score (latest CSAT answer, else the active inferred-CX model), stores them "
                    + "and publishes a CustomerScored event on cx.scores for each material change. Answers when the "
                    + "run is complete.")
    @APIResponse(responseCode = "200", description = "Customers scored and score changes published",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScoringRunResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token lacks the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "409", description = "No CLV model was fitted yet, or a run is already in progress",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<ScoringRunResponse> run() {
        return service.scoreAllWithActiveModel()
                .onFailure(e -> e instanceof ClvService.NoActiveModel || e instanceof ClvService.ScoringBusy)
                .transform(e -> Problems.conflict(e.getMessage()))
                .map(run -> new ScoringRunResponse(run.modelVersion(), run.scored(), run.published(),
                        run.coverage()));
    }
}
