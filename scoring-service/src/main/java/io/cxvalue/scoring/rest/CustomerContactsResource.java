package io.cxvalue.scoring.rest;

import static io.cxvalue.support.rest.Problems.PROBLEM;
import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;
import static io.cxvalue.support.rest.Problems.VALIDATION_PROBLEM;

import io.cxvalue.scoring.service.ContactSummaryService;
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

@Path("/api/v1/customers/{customerId}/contacts")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerContactsResource {

    // Schemas the problem extension adds to the OpenAPI document.

    private final ContactSummaryService service;

    public CustomerContactsResource(ContactSummaryService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({"agent", "analyst"})
    @Operation(summary = "A customer's contact summary",
            description = "Contacts so far, per channel, and the most recent one, built from cx.interactions.")
    @APIResponse(responseCode = "200", description = "The customer's contact summary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CustomerContactsResponse.class)))
    @APIResponse(responseCode = "400", description = "The customer id is malformed; violations name the field",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token has neither the agent nor the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "404", description = "No contact of this customer has been recorded",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<CustomerContactsResponse> get(
            @Parameter(description = "The customer id", example = "c-1")
            @PathParam("customerId")
            @Size(max = CustomerIds.MAX_LENGTH)
            @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.MESSAGE) String customerId) {
        return service.findSummary(customerId)
                .onItem().ifNull().failWith(() -> Problems.notFound("Customer not found",
                        "No contacts recorded for customer " + customerId))
                .map(CustomerContactsResponse::of);
    }
}
