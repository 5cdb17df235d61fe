package io.cxvalue.scoring.rest;

import io.quarkiverse.resteasy.problem.HttpProblem;

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
 * Who the caller of this service is and which roles its token carries: the agent desktop asks once at sign-in to
 * show the user and to offer only what the roles allow. Answered from the validated token alone (no store is read),
 * which also makes it the bare authenticated endpoint the caller card's latency is compared with
 * ({@code ./cx bench caller-card}).
 */
@Path("/api/v1/session")
@Tag(name = "Session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = "HttpProblem";

    /** The signed-in user as this service sees the token. */
    @Schema(name = "Session", description = "The caller's identity and roles, as read from its access token")
    public record Session(
            @Schema(required = true, description = "The principal name (preferred user name, else subject)",
                    examples = "alice.agent")
            String subject,
            @Schema(required = true, description = "Every role of the token, sorted; this service grants agent "
                    + "and analyst their endpoints", examples = "[\"agent\"]")
            List<String> roles) {
    }

    private final SecurityIdentity identity;

    public SessionResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @NonBlocking
    @RolesAllowed({"agent", "analyst"})
    @Operation(summary = "The signed-in user and its roles",
            description = "The principal name and the roles of the bearer token, as this service validated them. "
                    + "Reads no store.")
    @APIResponse(responseCode = "200", description = "The caller's identity and roles",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Session.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token has neither the agent nor the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Session get() {
        return new Session(identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList());
    }
}
