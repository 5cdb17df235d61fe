package io.cxvalue.scoring.rest;

import static io.cxvalue.support.rest.Problems.PROBLEM;
import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;
import static io.cxvalue.support.rest.Problems.VALIDATION_PROBLEM;

import io.cxvalue.scoring.model.clv.TimeUnit;
import io.cxvalue.scoring.service.ClvService;
import io.cxvalue.support.rest.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The analysts' CLV models: fit one on demand, read one by version or the active one. */
@Path("/api/v1/clv/models")
@Tag(name = "CLV models")
@Produces(MediaType.APPLICATION_JSON)
public class ClvModelResource {

    private static final String VERSION_PATTERN = "^[A-Za-z0-9._:-]{1,64}$";

    private final ClvService service;

    public ClvModelResource(ClvService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Operation(summary = "Fit a CLV model",
            description = "Fits BG/NBD and Gamma-Gamma on every customer's transaction days up to the calibration "
                    + "end and makes the model the active one. With a holdout end, predicted and actual repeat "
                    + "transactions in the holdout are compared, in total and by calibration frequency.")
    @APIResponse(responseCode = "201", description = "The fitted, versioned model",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClvModelResponse.class)))
    @APIResponse(responseCode = "400", description = "A date or the unit is missing, malformed or out of range, or "
            + "too few customers to fit; violations name the field",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token lacks the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<RestResponse<ClvModelResponse>> fit(FitRequest request) {
        FitRequest fit = request == null ? new FitRequest(null, null, null) : request;
        List<Problems.Violation> violations = new ArrayList<>();
        LocalDate calibrationEnd = date("calibrationEnd", fit.calibrationEnd(), true, violations);
        TimeUnit unit = unit(fit.timeUnit(), violations);
        LocalDate holdoutEnd = date("holdoutEnd", fit.holdoutEnd(), false, violations);
        if (!violations.isEmpty()) {
            throw Problems.invalidBody(violations);
        }
        return service.fit(calibrationEnd, unit, holdoutEnd)
                .onFailure(ClvService.FitRejected.class)
                .transform(e -> invalid(((ClvService.FitRejected) e).field(), e.getMessage()))
                .map(stored -> RestResponse.ResponseBuilder.<ClvModelResponse>create(RestResponse.Status.CREATED)
                        .location(URI.create("/api/v1/clv/models/" + stored.model().version()))
                        .entity(ClvModelResponse.of(stored))
                        .build());
    }

    @GET
    @Path("/active")
    @RolesAllowed({"analyst", "agent"})
    @Operation(summary = "The active CLV model", description = "The model customers are scored with.")
    @APIResponse(responseCode = "200", description = "The active model",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClvModelResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token has neither the analyst nor the agent role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "404", description = "No model was fitted yet",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<ClvModelResponse> active() {
        return service.activeModel()
                .onItem().ifNull().failWith(() -> Problems.notFound("No CLV model was fitted yet"))
                .map(ClvModelResponse::of);
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({"analyst", "agent"})
    @Operation(summary = "A CLV model by version")
    @APIResponse(responseCode = "200", description = "The model",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClvModelResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token has neither the analyst nor the agent role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "404", description = "No model of this version",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<ClvModelResponse> get(@PathParam("version") String version) {
        if (!version.matches(VERSION_PATTERN)) {
            throw Problems.notFound("No CLV model " + version);
        }
        return service.model(version)
                .onItem().ifNull().failWith(() -> Problems.notFound("No CLV model " + version))
                .map(ClvModelResponse::of);
    }

    private static LocalDate date(String field, String value, boolean required,
            List<Problems.Violation> violations) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Problems.Violation(field, "must not be null"));
            }
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            violations.add(new Problems.Violation(field, "must be a date (yyyy-mm-dd)"));
            return null;
        }
    }

    private static TimeUnit unit(String value, List<Problems.Violation> violations) {
        if (value == null) {
            violations.add(new Problems.Violation("timeUnit", "must not be null"));
            return null;
        }
        try {
            return TimeUnit.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            violations.add(new Problems.Violation("timeUnit", "must be DAYS or WEEKS"));
            return null;
        }
    }

    private static HttpProblem invalid(String field, String message) {
        return Problems.invalidBody(field, message);
    }
}
