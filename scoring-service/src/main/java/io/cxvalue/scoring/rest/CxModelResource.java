package io.cxvalue.scoring.rest;

import static io.cxvalue.support.rest.Problems.PROBLEM;
import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;
import static io.cxvalue.support.rest.Problems.VALIDATION_PROBLEM;

import io.cxvalue.scoring.service.CxModelService;
import io.cxvalue.support.rest.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestResponse;

/** The analysts' inferred-CX models: train one on the stored survey answers, read its report. */
@Path("/api/v1/cx/models")
@Tag(name = "Inferred CX models")
@Produces(MediaType.APPLICATION_JSON)
public class CxModelResource {

    private static final String VERSION_PATTERN = "^[A-Za-z0-9._:-]{1,64}$";

    private final CxModelService service;

    public CxModelResource(CxModelService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Operation(summary = "Train an inferred-CX model",
            description = "Trains a logistic regression on every stored interaction with a CSAT answer about it "
                    + "(channel, direction, contact reason, waits, talk/hold/after-work time, abandonment, transfers, "
                    + "resolution, repeat contact, sentiment, time of day and week), evaluates it on held-out "
                    + "customers (AUC, calibration by decile, Brier score and log loss against a constant baseline) "
                    + "and makes it the active model: customers without an answer are scored with it. The body is "
                    + "optional.")
    @APIResponse(responseCode = "201", description = "The trained, versioned model and its report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CxModelResponse.class)))
    @APIResponse(responseCode = "400", description = "A setting is out of range; violations name the field",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token lacks the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "422", description = "The stored answers do not allow a model (reason: "
            + "TOO_FEW_RESPONDENTS, SINGLE_CLASS, TOO_FEW_IN_CLASS or NOT_CONVERGED); nothing was changed",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<RestResponse<CxModelResponse>> train(
            @RequestBody(required = false, description = "Settings; none or an empty body for the defaults") CxTrainRequest request) {
        CxModelService.TrainSettings settings = settings(request);
        return service.train(settings)
                .onFailure(CxModelService.TrainingRejected.class)
                .transform(e -> Problems.unprocessable(((CxModelService.TrainingRejected) e).reason().name(),
                        e.getMessage()))
                .map(stored -> RestResponse.ResponseBuilder.<CxModelResponse>create(RestResponse.Status.CREATED)
                        .location(URI.create("/api/v1/cx/models/" + stored.model().version()))
                        .entity(CxModelResponse.of(stored))
                        .build());
    }

    @GET
    @Path("/active")
    @RolesAllowed({"analyst", "manager"})
    @Operation(summary = "The active inferred-CX model", description = "The model customers without a survey "
            + "answer are scored with, and its report.")
    @APIResponse(responseCode = "200", description = "The active model",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CxModelResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token has neither the analyst nor the manager role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "404", description = "No model was trained yet",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<CxModelResponse> active() {
        return service.activeModel()
                .onItem().ifNull().failWith(() -> Problems.notFound("No inferred-CX model was trained yet"))
                .map(CxModelResponse::of);
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({"analyst", "manager"})
    @Operation(summary = "An inferred-CX model by version")
    @APIResponse(responseCode = "200", description = "The model",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CxModelResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token has neither the analyst nor the manager role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "404", description = "No model of this version",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<CxModelResponse> get(@PathParam("version") String version) {
        if (!version.matches(VERSION_PATTERN)) {
            throw Problems.notFound("No inferred-CX model " + version);
        }
        return service.model(version)
                .onItem().ifNull().failWith(() -> Problems.notFound("No inferred-CX model " + version))
                .map(CxModelResponse::of);
    }

    /** The request's settings, each checked (all violations reported at once). */
    private static CxModelService.TrainSettings settings(CxTrainRequest request) {
        if (request == null) {
            return CxModelService.TrainSettings.DEFAULTS;
        }
        List<Problems.Violation> violations = new ArrayList<>();
        if (request.satisfiedFrom() != null && (request.satisfiedFrom() < 2 || request.satisfiedFrom() > 5)) {
            violations.add(violation("satisfiedFrom", "must be from 2 to 5"));
        }
        if (request.holdoutFraction() != null
                && !(request.holdoutFraction() >= 0.05 && request.holdoutFraction() <= 0.5)) {
            violations.add(violation("holdoutFraction", "must be from 0.05 to 0.5"));
        }
        if (request.l2Penalty() != null && !(request.l2Penalty() >= 0 && request.l2Penalty() <= 1000)) {
            violations.add(violation("l2Penalty", "must be from 0 to 1000"));
        }
        if (!violations.isEmpty()) {
            throw Problems.invalid("Invalid training settings", "body", violations);
        }
        return new CxModelService.TrainSettings(request.satisfiedFrom(), request.holdoutFraction(),
                request.l2Penalty(), request.seed());
    }

    private static Problems.Violation violation(String field, String message) {
        return new Problems.Violation(field, message);
    }
}
