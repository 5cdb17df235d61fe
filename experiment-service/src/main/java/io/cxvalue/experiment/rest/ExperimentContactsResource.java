package io.cxvalue.experiment.rest;

import io.quarkiverse.resteasy.problem.HttpProblem;

import io.cxvalue.experiment.service.ContactObservationService;
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

@Path("/api/v1/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Experiments", description = "Outcomes observed under experiment variants")
public class ExperimentContactsResource {

    /** Letters, digits and the separators ids use; no spaces, slashes or control characters. */
    static final String ID_PATTERN = "[A-Za-z0-9._:-]*";
    static final int MAX_ID_LENGTH = 128;

    private static final String PROBLEM_JSON = "application/problem+json";

    private final ContactObservationService observations;

    public ExperimentContactsResource(ContactObservationService observations) {
        this.observations = observations;
    }

    @GET
    @Path("/{experimentId}/contacts")
    @RolesAllowed({"analyst", "manager"})
    @Operation(summary = "Contacts per variant",
            description = "How many contacts each variant of the experiment has handled, and from how many distinct "
                    + "customers. Variants are sorted by name.")
    @APIResponse(responseCode = "200", description = "The experiment's contacts per variant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ExperimentContactsResponse.class)))
    @APIResponse(responseCode = "400", description = "The experiment id is not a valid id",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = "HttpValidationProblem")))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = "HttpProblem")))
    @APIResponse(responseCode = "403", description = "The caller is neither analyst nor manager",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = "HttpProblem")))
    @APIResponse(responseCode = "404", description = "No contacts have been observed for the experiment",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = "HttpProblem")))
    public Uni<ExperimentContactsResponse> contacts(
            @Parameter(description = "The experiment", example = "exp-1")
            @PathParam("experimentId")
            @Size(min = 1, max = MAX_ID_LENGTH)
            @Pattern(regexp = ID_PATTERN, message = "may contain only letters, digits, '.', '_', ':' and '-'")
            String experimentId) {
        return observations.contacts(experimentId)
                .map(found -> found
                        .map(ExperimentContactsResponse::from)
                        .orElseThrow(() -> new ExperimentNotFoundProblem(experimentId)));
    }
}
