package io.cxvalue.scoring.rest;

import static io.cxvalue.support.rest.Problems.PROBLEM;
import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;
import static io.cxvalue.support.rest.Problems.VALIDATION_PROBLEM;

import io.cxvalue.contracts.events.IdentityKind;
import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.scoring.CallerCard;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.service.CallerCardService;
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

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The caller card. An unknown caller is a 200 with {@code known: false} and the default recommendation, not a 404:
 * the desktop shows a card either way, and "we know nothing of this caller" is an answer, not an error.
 */
@Path("/api/v1/callers")
@Tag(name = "Callers")
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {

    private final CallerCardService service;
    private final IdentityNormalizer identities;

    public CallerResource(CallerCardService service, ScoringConfig config) {
        this.service = service;
        this.identities = new IdentityNormalizer(config.phoneRegion().toUpperCase(Locale.ROOT));
    }

    @GET
    @Path("/{customerId}")
    @RolesAllowed({"agent", "analyst"})
    @Operation(summary = "The caller card of a customer",
            description = "Value tier, CLV, P(alive), churn risk, CX score and its source, recent contacts and the "
                    + "recommendation (handling and cross-sell, with reasons), as of now. An unknown customer is a "
                    + "200 with known false and the default recommendation: the desktop shows the card either way.")
    @APIResponse(responseCode = "200", description = "The caller card",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CallerCard.class)))
    @APIResponse(responseCode = "400", description = "The customer id is malformed",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token has neither the agent nor the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<CallerCard> byCustomerId(
            @Parameter(description = "The customer id", example = "c-1")
            @PathParam("customerId")
            @Size(max = CustomerIds.MAX_LENGTH)
            @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.MESSAGE) String customerId) {
        return service.card(customerId);
    }

    @GET
    @RolesAllowed({"agent", "analyst"})
    @Operation(summary = "The caller card of a phone number or e-mail address",
            description = "Exactly one of phone (any format libphonenumber parses; national numbers are read in "
                    + "the configured region, GB by default) or email (compared lower-cased). An unknown caller "
                    + "is a 200 with known false and the default recommendation.")
    @APIResponse(responseCode = "200", description = "The caller card",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CallerCard.class)))
    @APIResponse(responseCode = "400", description = "Neither or both parameters, or an unparseable phone number "
            + "or e-mail address; violations name the parameter",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token has neither the agent nor the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<CallerCard> byIdentity(
            @Parameter(description = "The caller's phone number", example = "07700 900123")
            @QueryParam("phone") String phone,
            @Parameter(description = "The caller's e-mail address", example = "ada@example.com")
            @QueryParam("email") String email) {
        boolean hasPhone = phone != null && !phone.isBlank();
        boolean hasEmail = email != null && !email.isBlank();
        if (hasPhone == hasEmail) {
            throw invalid(hasPhone ? "email" : "phone",
                    hasPhone ? "give either phone or email, not both" : "give either phone or email");
        }
        // The normaliser ingestion stores identities with, so the lookup key is exactly the stored one.
        try {
            return hasPhone
                    ? service.cardByIdentity(IdentityKind.PHONE, identities.phone(phone).value())
                    : service.cardByIdentity(IdentityKind.EMAIL, identities.email(email).value());
        } catch (IdentityNormalizer.InvalidIdentityException e) {
            throw invalid(hasPhone ? "phone" : "email", e.getMessage());
        }
    }

    private static HttpProblem invalid(String parameter, String message) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail(parameter + ": " + message)
                .with("violations", List.of(Map.of("field", parameter, "in", "query", "message", message)))
                .build();
    }
}
