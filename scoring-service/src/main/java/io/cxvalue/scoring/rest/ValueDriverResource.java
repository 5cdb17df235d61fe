package io.cxvalue.scoring.rest;

import static io.cxvalue.support.rest.Problems.PROBLEM;
import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;
import static io.cxvalue.support.rest.Problems.VALIDATION_PROBLEM;

import io.cxvalue.scoring.service.ValueDriverService;
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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestResponse;

/** What moves customer value ("moments that matter"): run an analysis, read it. */
@Path("/api/v1/value-drivers")
@Tag(name = "What moves customer value")
@Produces(MediaType.APPLICATION_JSON)
public class ValueDriverResource {

    private static final String ID_PATTERN = "^[0-9a-f-]{36}$";
    private static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);
    private static final int MIN_SAMPLE = 1_000;

    private final ValueDriverService service;

    public ValueDriverResource(ValueDriverService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Operation(summary = "Analyse what moves customer value",
            description = "For every customer with a contact in the period analysed who had bought before its end: "
                    + "which contact experiences (unresolved, repeat, transferred, long wait, abandoned, negative "
                    + "sentiment, low CSAT) change whether they buy again in the next period (logistic regression: "
                    + "odds ratios and the change in points among those who had it) and what those who do spend "
                    + "(least squares, robust intervals), holding channel, contact reason, tenure, prior spend, "
                    + "value tier and contact counts constant; and the customer lifetime value each puts at stake "
                    + "per month, with 95 % intervals, ranked, in words. The analysis is kept; the body is "
                    + "optional.")
    @APIResponse(responseCode = "201", description = "The analysis",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ValueDriverResponse.class)))
    @APIResponse(responseCode = "400", description = "A setting is malformed or out of range; violations name the "
            + "field", content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token lacks the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "422", description = "The data do not allow the analysis (reason: "
            + "TOO_FEW_CUSTOMERS, TOO_FEW_IN_CLASS, NOT_IDENTIFIABLE or NOT_CONVERGED); nothing was kept",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<RestResponse<ValueDriverResponse>> analyse(
            @RequestBody(required = false, description = "Settings; none or an empty body for the defaults") ValueDriverRequest request) {
        List<Problems.Violation> violations = new ArrayList<>();
        LocalDate today = service.today();
        LocalDate asOf = today;
        int months = 3;
        if (request != null && request.asOf() != null) {
            try {
                asOf = LocalDate.parse(request.asOf());
                if (asOf.isAfter(today) || asOf.isBefore(EARLIEST)) {
                    violations.add(violation("asOf", "must be from " + EARLIEST + " to today (" + today + ")"));
                }
            } catch (DateTimeParseException e) {
                violations.add(violation("asOf", "must be an ISO day such as 2026-12-01"));
            }
        }
        if (request != null && request.months() != null) {
            months = request.months();
            if (months < 1 || months > 12) {
                violations.add(violation("months", "must be from 1 to 12"));
            }
        }
        int maxCustomers = service.maxCustomers();
        if (request != null && request.maxCustomers() != null) {
            maxCustomers = request.maxCustomers();
            if (maxCustomers < MIN_SAMPLE || maxCustomers > service.maxCustomers()) {
                violations.add(violation("maxCustomers", "must be from " + MIN_SAMPLE + " to "
                        + service.maxCustomers()));
            }
        }
        if (!violations.isEmpty()) {
            throw Problems.invalid("Invalid value-driver settings", "body", violations);
        }
        return service.analyse(asOf, months, maxCustomers)
                .onFailure(ValueDriverService.AnalysisRejected.class)
                .transform(e -> Problems.unprocessable(((ValueDriverService.AnalysisRejected) e).reason().name(),
                        e.getMessage()))
                .map(stored -> RestResponse.ResponseBuilder.<ValueDriverResponse>create(RestResponse.Status.CREATED)
                        .location(URI.create("/api/v1/value-drivers/" + stored.id()))
                        .entity(ValueDriverResponse.of(stored))
                        .build());
    }

    @GET
    @Path("/latest")
    @RolesAllowed({"analyst", "manager"})
    @Operation(summary = "The latest analysis of what moves customer value")
    @APIResponse(responseCode = "200", description = "The analysis run last",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ValueDriverResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token has neither the analyst nor the manager role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "404", description = "No analysis was run yet",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<ValueDriverResponse> latest() {
        return service.latest()
                .onItem().ifNull().failWith(() -> Problems.notFound("No value-driver analysis was run yet"))
                .map(ValueDriverResponse::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"analyst", "manager"})
    @Operation(summary = "An analysis of what moves customer value, by id")
    @APIResponse(responseCode = "200", description = "The analysis",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ValueDriverResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token has neither the analyst nor the manager role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "404", description = "No analysis with this id",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<ValueDriverResponse> get(@PathParam("id") String id) {
        if (!id.matches(ID_PATTERN)) {
            throw Problems.notFound("No value-driver analysis " + id);
        }
        return service.find(id)
                .onItem().ifNull().failWith(() -> Problems.notFound("No value-driver analysis " + id))
                .map(ValueDriverResponse::of);
    }

    private static Problems.Violation violation(String field, String message) {
        return new Problems.Violation(field, message);
    }
}
