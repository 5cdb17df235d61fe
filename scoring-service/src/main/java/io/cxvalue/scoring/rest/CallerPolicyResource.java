package io.cxvalue.scoring.rest;

import static io.cxvalue.support.rest.Problems.PROBLEM;
import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;
import static io.cxvalue.support.rest.Problems.VALIDATION_PROBLEM;

import io.cxvalue.scoring.PolicySettings;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.service.CallerPolicyService;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The caller card's recommendation policy, changeable by analysts without a release. Rules in
 * {@link io.cxvalue.scoring.CallerPolicy}.
 */
@Path("/api/v1/caller-policy")
@Tag(name = "Callers")
@Produces(MediaType.APPLICATION_JSON)
public class CallerPolicyResource {

    private static final Set<String> CHURN_BANDS = Set.of("LOW", "MEDIUM", "HIGH");

    /** The settings an analyst sends. */
    public record PolicyRequest(
            @Schema(description = "Value tiers that count as high value", example = "[\"HIGH\", \"TOP\"]")
            List<String> highValueTiers,
            @Schema(description = "Value tiers that count as low value (EFFICIENT handling)", example = "[\"LOW\"]")
            List<String> lowValueTiers,
            @Schema(description = "Churn-risk bands that warrant TAKE_TIME", example = "[\"HIGH\"]")
            List<String> takeTimeChurnRisks,
            @Schema(description = "A last sentiment below this (-1..1) avoids cross-selling", example = "-0.3")
            Double negativeSentimentBelow,
            @Schema(description = "A CX score (0..1) below this avoids cross-selling", example = "0.5")
            Double cxAvoidBelow,
            @Schema(description = "What the negative-sentiment threshold rests on, cited in the card's cross-sell "
                    + "reason (reporting-service's GET /api/v1/cross-sell gives it as policySuggestion.evidence); "
                    + "optional, at most " + PolicySettings.MAX_EVIDENCE + " characters",
                    example = "sales made in contacts with sentiment below -0.4 are cancelled 3.1 times as often as "
                            + "those made in contacts with positive sentiment (95 % CI 2.4 to 4.0)")
            String crossSellEvidence) {
    }

    /** The settings in force. */
    public record PolicyResponse(List<String> highValueTiers, List<String> lowValueTiers,
            List<String> takeTimeChurnRisks, double negativeSentimentBelow, double cxAvoidBelow,
            String crossSellEvidence,
            @Schema(description = "The contact history's repeat window (configuration, not editable here)")
            long repeatWindowDays,
            @Schema(description = "STORED when set by an analyst, DEFAULT when the configured defaults apply")
            String source, Instant updatedAt, String updatedBy) {

        static PolicyResponse of(CallerPolicyService.Current c) {
            PolicySettings s = c.settings();
            return new PolicyResponse(s.highValueTiers().stream().sorted().toList(),
                    s.lowValueTiers().stream().sorted().toList(), s.takeTimeChurnRisks().stream().sorted().toList(),
                    s.negativeSentimentBelow(), s.cxAvoidBelow(), s.crossSellEvidence(), s.repeatWindowDays(),
                    c.stored() ? "STORED" : "DEFAULT", c.updatedAt(), c.updatedBy());
        }
    }

    private final CallerPolicyService service;
    private final SecurityIdentity identity;
    private final Set<String> tierNames;

    public CallerPolicyResource(CallerPolicyService service, SecurityIdentity identity, ScoringConfig config) {
        this.service = service;
        this.identity = identity;
        this.tierNames = Set.copyOf(config.clv().tierNames());
    }

    @GET
    @RolesAllowed("analyst")
    @Operation(summary = "The caller policy in force", description = "The stored settings, else the defaults.")
    @APIResponse(responseCode = "200", description = "The settings in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PolicyResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token lacks the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<PolicyResponse> get() {
        return service.current().map(PolicyResponse::of);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Operation(summary = "Change the caller policy",
            description = "Replaces the settings in force; the next caller card uses them.")
    @APIResponse(responseCode = "200", description = "The settings now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PolicyResponse.class)))
    @APIResponse(responseCode = "400", description = "A missing or invalid value; violations name the fields",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token lacks the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<PolicyResponse> put(PolicyRequest request) {
        List<Map<String, String>> violations = new ArrayList<>();
        if (request == null) {
            violations.add(violation("body", "must not be empty"));
        } else {
            checkNames(violations, "highValueTiers", request.highValueTiers(), tierNames);
            checkNames(violations, "lowValueTiers", request.lowValueTiers(), tierNames);
            checkNames(violations, "takeTimeChurnRisks", request.takeTimeChurnRisks(), CHURN_BANDS);
            if (request.highValueTiers() != null && request.lowValueTiers() != null) {
                Set<String> both = new HashSet<>(request.highValueTiers());
                both.retainAll(request.lowValueTiers());
                if (!both.isEmpty()) {
                    violations.add(violation("lowValueTiers", "must not share tiers with highValueTiers: " + both));
                }
            }
            checkRange(violations, "negativeSentimentBelow", request.negativeSentimentBelow(), -1, 1);
            checkRange(violations, "cxAvoidBelow", request.cxAvoidBelow(), 0, 1);
            String evidence = request.crossSellEvidence();
            if (evidence != null && (evidence.isBlank() || evidence.length() > PolicySettings.MAX_EVIDENCE)) {
                violations.add(violation("crossSellEvidence", "must be 1 to " + PolicySettings.MAX_EVIDENCE
                        + " characters when given"));
            }
        }
        if (!violations.isEmpty()) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.BAD_REQUEST)
                    .withTitle("Bad Request")
                    .withDetail("Invalid caller policy")
                    .with("violations", violations)
                    .build();
        }
        PolicySettings settings = PolicySettings.of(request.highValueTiers(), request.lowValueTiers(),
                request.takeTimeChurnRisks(), request.negativeSentimentBelow(), request.cxAvoidBelow(),
                service.defaults().repeatWindowDays(), request.crossSellEvidence());
        return service.update(settings, identity.getPrincipal().getName()).map(PolicyResponse::of);
    }

    private static void checkNames(List<Map<String, String>> violations, String field, List<String> values,
            Set<String> allowed) {
        if (values == null) {
            violations.add(violation(field, "must be a list (possibly empty)"));
        } else if (values.stream().anyMatch(v -> v == null || !allowed.contains(v))) {
            violations.add(violation(field, "must contain only " + allowed.stream().sorted().toList()));
        }
    }

    private static void checkRange(List<Map<String, String>> violations, String field, Double value, double min,
            double max) {
        if (value == null || !(value >= min && value <= max)) {
            violations.add(violation(field, "must be a number from " + min + " to " + max));
        }
    }

    private static Map<String, String> violation(String field, String message) {
        return Map.of("field", field, "in", "body", "message", message);
    }
}
