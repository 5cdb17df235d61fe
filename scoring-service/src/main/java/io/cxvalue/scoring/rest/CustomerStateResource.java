package io.cxvalue.scoring.rest;

import static io.cxvalue.support.rest.Problems.PROBLEM;
import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;
import static io.cxvalue.support.rest.Problems.VALIDATION_PROBLEM;

import io.cxvalue.scoring.service.CustomerStateService;
import io.cxvalue.support.rest.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

@Path("/api/v1/customers/{customerId}/state")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerStateResource {

    // Schemas the problem extension adds to the OpenAPI document.
    private static final String INSTANT_PATTERN =
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$";

    private final CustomerStateService service;
    private final Clock clock;

    public CustomerStateResource(CustomerStateService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({"agent", "analyst"})
    @Operation(summary = "A customer's state",
            description = "Contact history (contacts in the last 7 and 30 days, open issue, repeat caller, last "
                    + "sentiment), survey history (last CSAT, NPS category, felt valued) and the transaction days "
                    + "the CLV summary is built from, as of now or as of the given instant. A merged customer id "
                    + "answers with its survivor's state.")
    @APIResponse(responseCode = "200", description = "The customer's state",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CustomerStateResponse.class)))
    @APIResponse(responseCode = "400", description = "The customer id or asOf is malformed; violations name the field",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token has neither the agent nor the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "404", description = "Nothing is known of this customer",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<CustomerStateResponse> get(
            @Parameter(description = "The customer id", example = "c-1")
            @PathParam("customerId")
            @Size(max = CustomerIds.MAX_LENGTH)
            @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.MESSAGE) String customerId,
            @Parameter(description = "The instant to compute the state as of (RFC 3339); now when absent",
                    example = "2026-03-10T12:00:00Z")
            @QueryParam("asOf")
            @Pattern(regexp = INSTANT_PATTERN, message = "must be an RFC 3339 timestamp, e.g. 2026-03-10T12:00:00Z")
            String asOf) {
        Instant at = asOf == null ? clock.instant() : parse(asOf);
        return service.state(customerId, at)
                .onItem().ifNull().failWith(() -> Problems.notFound("Customer not found",
                        "Nothing is known of customer " + customerId))
                .map(CustomerStateResponse::of);
    }

    private static Instant parse(String asOf) {
        try {
            return OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException e) {
            // Shaped like one but not a real instant (e.g. month 13).
            throw HttpProblem.builder()
                    .withStatus(Response.Status.BAD_REQUEST)
                    .withTitle("Bad Request")
                    .withDetail("asOf is not a valid timestamp: " + asOf)
                    .build();
        }
    }
}
