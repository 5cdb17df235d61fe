package io.cxvalue.reporting.rest;

import io.cxvalue.support.rest.Problems;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Who the caller is, with roles and the teams they may see: a reporting screen asks once at sign-in to offer only
 * those teams. Answered from the validated token alone (no store is read), which also makes it the bare
 * authenticated endpoint the KPI queries' latency is compared with ({@code ./cx bench reporting}).
 */
@Path("/api/v1/session")
@Tag(name = "Session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** The signed-in user as this service sees the token. */
    @Schema(name = "Session", description = "The caller's identity, roles and visible teams, from its access token")
    public record Session(
            @Schema(required = true, description = "The principal name", examples = "mia.manager") String subject,
            @Schema(required = true, description = "Every role of the token, sorted", examples = "[\"manager\"]")
            List<String> roles,
            @Schema(required = true, description = "Whether every team is visible (analysts)") boolean allTeams,
            @Schema(required = true, description = "The teams a manager sees (the token's teams claim), sorted",
                    examples = "[\"team-north\"]") List<String> teams) {
    }

    private final SecurityIdentity identity;

    SessionResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @NonBlocking
    @RolesAllowed({Roles.MANAGER, Roles.ANALYST})
    @Operation(summary = "The signed-in user, its roles and teams", description = "Reads no store.")
    @APIResponse(responseCode = "200", description = "The caller's identity, roles and teams",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Session.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    @APIResponse(responseCode = "403", description = "Neither manager nor analyst",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Session get() {
        TeamScope scope = TeamScope.of(identity);
        return new Session(identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList(),
                scope.allTeams(), scope.teams().stream().sorted().toList());
    }
}
