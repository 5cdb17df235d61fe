package io.cxvalue.scoring.rest;

import static io.cxvalue.support.rest.Problems.PROBLEM;
import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;
import static io.cxvalue.support.rest.Problems.VALIDATION_PROBLEM;

import io.cxvalue.scoring.service.ClvService;
import io.cxvalue.support.rest.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/customers/{customerId}/score")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerScoreResource {


    private final ClvService service;

    public CustomerScoreResource(ClvService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({"agent", "analyst"})
    @Operation(summary = "A customer's scores",
            description = "CLV over the configured horizon, expected transactions, P(alive), expected spend, value "
                    + "tier and churn risk, from the latest scoring run of the active model, and the CX score of that "
                    + "run with its source (REAL, INFERRED with the model version, or NONE).")
    @APIResponse(responseCode = "200", description = "The customer's scores",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CustomerScoreResponse.class)))
    @APIResponse(responseCode = "400", description = "The customer id is malformed",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token has neither the agent nor the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "404", description = "The customer has not been scored",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<CustomerScoreResponse> get(
            @Parameter(description = "The customer id", example = "c-1")
            @PathParam("customerId")
            @Size(max = CustomerIds.MAX_LENGTH)
            @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.MESSAGE) String customerId) {
        return service.score(customerId)
                .onItem().ifNull().failWith(() -> Problems.notFound("Customer " + customerId + " has not been scored"))
                .map(CustomerScoreResponse::of);
    }
}
