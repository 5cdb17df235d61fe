package io.cxvalue.experiment.rest;

import io.cxvalue.support.rest.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;

import io.cxvalue.experiment.design.Decision;
import io.cxvalue.experiment.design.DefinitionCheck;
import io.cxvalue.experiment.design.Experiment;
import io.cxvalue.experiment.design.ExperimentDefinition;
import io.cxvalue.experiment.design.ExperimentPlan;
import io.cxvalue.experiment.design.ExperimentState;
import io.cxvalue.experiment.messaging.OutboxRelay;
import io.cxvalue.experiment.results.ExperimentResults;
import io.cxvalue.experiment.service.DecisionService;
import io.cxvalue.experiment.service.ExperimentCatalog;
import io.cxvalue.experiment.service.ExperimentDesignService;
import io.cxvalue.experiment.service.PlanningService;
import io.cxvalue.experiment.service.ResultsService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.cxvalue.support.rest.Problems.PROBLEM;
import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;
import static io.cxvalue.support.rest.Problems.VALIDATION_PROBLEM;

/**
 * Test programs: analysts design them (DRAFT, editable), start them (callers are randomized and the agent is told the
 * caller's variant) and stop them; managers may read them.
 */
@Path("/api/v1/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Experiments", description = "Design, start and stop test programs")
public class ExperimentResource {

    /** Why an analyst stops an experiment (optional). */
    public record StopRequest(@Size(max = 500) String reason) {
    }

    /**
     * What an analyst decides.
     *
     * @param variant    the chosen variant's key
     * @param rollout    whether its instruction becomes the caller policy for {@code valueTiers}
     * @param valueTiers the tiers to roll it out to (required when rolling out)
     * @param rationale  why, in words
     */
    public record DecisionRequest(@NotBlank @Size(max = 64) String variant, boolean rollout,
            @Size(max = 20) List<@NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9._-]+") String> valueTiers,
            @NotBlank @Size(max = 2000) String rationale) {
    }

    private static final Logger LOG = Logger.getLogger(ExperimentResource.class);

    private final ExperimentDesignService design;
    private final OutboxRelay relay;
    private final ExperimentCatalog catalog;
    private final SecurityIdentity identity;
    private final ResultsService results;
    private final DecisionService decisions;
    private final PlanningService planning;

    public ExperimentResource(ExperimentDesignService design, OutboxRelay relay, ExperimentCatalog catalog,
            SecurityIdentity identity, ResultsService results, DecisionService decisions, PlanningService planning) {
        this.design = design;
        this.relay = relay;
        this.catalog = catalog;
        this.identity = identity;
        this.results = results;
        this.decisions = decisions;
        this.planning = planning;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Operation(summary = "Design an experiment", description = "Creates a DRAFT with a new id; every invalid field is "
            + "named in the problem's violations.")
    @APIResponse(responseCode = "201", description = "The new draft",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ExperimentResponse.class)))
    @APIResponse(responseCode = "400", description = "An invalid definition; violations name the fields",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "403", description = "The token lacks the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<Response> create(ExperimentDefinition definition) {
        check(definition);
        return design.create(definition, user()).map(created -> Response
                .created(URI.create("/api/v1/experiments/" + created.id()))
                .entity(ExperimentResponse.of(created, definition)).build());
    }

    @GET
    @RolesAllowed({"analyst", "manager"})
    @Operation(summary = "The experiments", description = "Newest first, optionally only those in one state.")
    @APIResponse(responseCode = "200", description = "The experiments")
    public Uni<List<ExperimentResponse>> list(@QueryParam("state") ExperimentState state) {
        return design.list(state).map(all -> all.stream().map(this::response).toList());
    }

    @GET
    @Path("/{experimentId}")
    @RolesAllowed({"analyst", "manager"})
    @Operation(summary = "One experiment")
    @APIResponse(responseCode = "200", description = "The experiment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ExperimentResponse.class)))
    @APIResponse(responseCode = "404", description = "No such experiment",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<ExperimentResponse> get(@PathParam("experimentId") @Size(min = 1, max = 64)
            @Pattern(regexp = ExperimentContactsResource.ID_PATTERN) String experimentId) {
        return design.find(experimentId).map(found(experimentId));
    }

    /** Customers exposed so far, per variant, with the compliance of their reported contacts. */
    public record ExposuresResponse(String experimentId, long total,
            Map<String, ExperimentDesignService.VariantExposure> variants) {
    }

    @GET
    @Path("/{experimentId}/exposures")
    @RolesAllowed({"analyst", "manager"})
    @Operation(summary = "Exposed customers per variant, and compliance", description = "Customers exposed at their "
            + "first eligible contact since the start, per variant (every variant listed); of their contacts reported "
            + "under a variant of the experiment, how many under the assigned one (complianceRate).")
    @APIResponse(responseCode = "200", description = "The counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ExposuresResponse.class)))
    @APIResponse(responseCode = "404", description = "No such experiment",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<ExposuresResponse> exposures(@PathParam("experimentId") @Size(min = 1, max = 64)
            @Pattern(regexp = ExperimentContactsResource.ID_PATTERN) String experimentId) {
        return design.exposures(experimentId).map(found -> found
                .map(counts -> new ExposuresResponse(experimentId,
                        counts.values().stream().mapToLong(ExperimentDesignService.VariantExposure::customers).sum(),
                        counts))
                .orElseThrow(() -> notFound(experimentId)));
    }

    @GET
    @Path("/{experimentId}/plan")
    @RolesAllowed({"analyst", "manager"})
    @Operation(summary = "The sample-size plan", description = "From the customers with an eligible contact in the 28 "
            + "days that end one outcome window ago: eligible customers per day, the primary metric's mean and "
            + "spread (measured as the experiment will measure it; CUPED's share of variance removed), the customers "
            + "and days needed for the minimum detectable effect at the chosen alpha and power, and the effect "
            + "detectable in 14 and 28 days.")
    @APIResponse(responseCode = "200", description = "The plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ExperimentPlan.class)))
    @APIResponse(responseCode = "404", description = "No such experiment",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<ExperimentPlan> plan(@PathParam("experimentId") @Size(min = 1, max = 64)
            @Pattern(regexp = ExperimentContactsResource.ID_PATTERN) String experimentId) {
        return planning.plan(experimentId).map(found -> found.orElseThrow(() -> notFound(experimentId)));
    }

    @GET
    @Path("/{experimentId}/results")
    @RolesAllowed({"analyst", "manager"})
    @Operation(summary = "What the experiment did, with the statistics and the money", description = "The "
            + "sample-ratio check first (a mismatch invalidates everything under it); per metric and variant the "
            + "value and standard error; per treatment against the control the difference with its 95 % interval "
            + "(Welch; delta method for ratio metrics), relative lift, p-value and Holm-adjusted p-value, the CUPED "
            + "estimate with the variance it removed, the always-valid confidence sequence, the effect per value tier "
            + "with Cochran's Q, guardrail breaches; ROI in money per customer and per month; a balance table of "
            + "pre-period covariates; a verdict in words. Computed from per-group statistics kept as events arrive.")
    @APIResponse(responseCode = "200", description = "The results",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ExperimentResults.class)))
    @APIResponse(responseCode = "404", description = "No such experiment",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<ExperimentResults> results(@PathParam("experimentId") @Size(min = 1, max = 64)
            @Pattern(regexp = ExperimentContactsResource.ID_PATTERN) String experimentId) {
        return results.results(experimentId)
                .map(found -> found.orElseThrow(() -> notFound(experimentId)));
    }

    @PUT
    @Path("/{experimentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Operation(summary = "Change a draft", description = "Replaces the definition of a DRAFT experiment.")
    @APIResponse(responseCode = "200", description = "The changed draft")
    @APIResponse(responseCode = "400", description = "An invalid definition; violations name the fields",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "404", description = "No such experiment",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "409", description = "The experiment is no longer a draft",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<ExperimentResponse> redefine(@PathParam("experimentId") @Size(min = 1, max = 64)
            @Pattern(regexp = ExperimentContactsResource.ID_PATTERN) String experimentId,
            ExperimentDefinition definition) {
        check(definition);
        return lifecycle(design.redefine(experimentId, definition, user()), experimentId);
    }

    @POST
    @Path("/{experimentId}/start")
    @RolesAllowed("analyst")
    @Operation(summary = "Start a draft", description = "From now on eligible callers are randomized and the agent is "
            + "told their variant's instruction; published as ExperimentStarted on cx.experiments.")
    @APIResponse(responseCode = "200", description = "The running experiment")
    @APIResponse(responseCode = "404", description = "No such experiment",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "409", description = "The experiment is not a draft",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<ExperimentResponse> start(@PathParam("experimentId") @Size(min = 1, max = 64)
            @Pattern(regexp = ExperimentContactsResource.ID_PATTERN) String experimentId) {
        // The plan's sample size at the start tunes the always-valid intervals; without history there is none.
        Uni<Long> planned = planning.plan(experimentId)
                .map(plan -> plan.map(ExperimentPlan::requiredCustomers).orElse(null))
                .onFailure().invoke(e -> LOG.warnf("Starting %s without a plan: %s", experimentId, e.getMessage()))
                .onFailure().recoverWithNull();
        // Committed with its event in the outbox: wake the relay to publish it now rather than at its next poll.
        return lifecycle(planned.chain(total -> design.start(experimentId, user(), total)).invoke(this::moved),
                experimentId);
    }

    @POST
    @Path("/{experimentId}/stop")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Operation(summary = "Stop a running experiment", description = "No new customer is exposed; outcomes of those "
            + "exposed keep counting until their windows close. Published as ExperimentStopped on cx.experiments.")
    @APIResponse(responseCode = "200", description = "The stopped experiment")
    @APIResponse(responseCode = "404", description = "No such experiment",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "409", description = "The experiment is not running",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<ExperimentResponse> stop(@PathParam("experimentId") @Size(min = 1, max = 64)
            @Pattern(regexp = ExperimentContactsResource.ID_PATTERN) String experimentId,
            @RequestBody(required = false, description = "Why it stops; none or an empty body for no reason")
            @jakarta.validation.Valid StopRequest request) {
        String reason = request == null || request.reason() == null || request.reason().isBlank()
                ? null : request.reason().strip();
        return lifecycle(design.stop(experimentId, user(), reason).invoke(this::moved), experimentId);
    }

    @POST
    @Path("/{experimentId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Operation(summary = "Decide what the experiment showed", description = "Records the chosen variant with the "
            + "rationale, who and when (the audit trail), moves the experiment to DECIDED (a running one stops) and "
            + "publishes ExperimentDecided on cx.experiments; with rollout, scoring-service makes the variant's "
            + "instruction the caller policy for the chosen value tiers. A decided experiment may be decided again.")
    @APIResponse(responseCode = "201", description = "The decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Decision.class)))
    @APIResponse(responseCode = "400", description = "Invalid decision, every invalid field named",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "404", description = "No such experiment",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "409", description = "The experiment has not started",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<Response> decide(@PathParam("experimentId") @Size(min = 1, max = 64)
            @Pattern(regexp = ExperimentContactsResource.ID_PATTERN) String experimentId,
            @NotNull @Valid DecisionRequest request) {
        List<String> tiers = request.valueTiers() == null ? List.of() : request.valueTiers().stream().distinct()
                .toList();
        return decisions.decide(experimentId, request.variant(), request.rollout(), tiers,
                        request.rationale().strip(), user())
                .onFailure(Experiment.IllegalTransitionException.class)
                .transform(e -> Problems.conflict(e.getMessage()))
                .onFailure(DecisionService.InvalidDecision.class)
                .transform(e -> invalidBody(((DecisionService.InvalidDecision) e).violations()))
                .invoke(this::moved)
                .map(found -> Response.status(Response.Status.CREATED)
                        .entity(found.orElseThrow(() -> notFound(experimentId))).build());
    }

    @GET
    @Path("/{experimentId}/decisions")
    @RolesAllowed({"analyst", "manager"})
    @Operation(summary = "The experiment's decisions", description = "The audit trail: every decision, oldest "
            + "first, with the chosen variant, whether and for which value tiers it was rolled out, the rationale, "
            + "who and when.")
    @APIResponse(responseCode = "200", description = "The decisions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Decision.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such experiment",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    public Uni<List<Decision>> decisions(@PathParam("experimentId") @Size(min = 1, max = 64)
            @Pattern(regexp = ExperimentContactsResource.ID_PATTERN) String experimentId) {
        return decisions.decisions(experimentId)
                .map(found -> found.orElseThrow(() -> notFound(experimentId)));
    }

    /** A start or stop committed: exposures follow it at once on this instance, and its event goes out now. */
    private void moved() {
        catalog.invalidate();
        relay.wake();
    }

    private Uni<ExperimentResponse> lifecycle(Uni<Optional<Experiment>> move, String experimentId) {
        return move.onFailure(Experiment.IllegalTransitionException.class)
                .transform(e -> Problems.conflict(e.getMessage()))
                .map(found(experimentId));
    }

    private Function<Optional<Experiment>, ExperimentResponse> found(String experimentId) {
        return found -> found.map(this::response).orElseThrow(() -> notFound(experimentId));
    }

    private ExperimentResponse response(Experiment e) {
        return ExperimentResponse.of(e, design.definition(e));
    }

    private static void check(ExperimentDefinition definition) {
        List<DefinitionCheck.Violation> violations = DefinitionCheck.violations(definition);
        if (!violations.isEmpty()) {
            throw invalidBody(violations);
        }
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static HttpProblem invalidBody(List<DefinitionCheck.Violation> violations) {
        return Problems.invalidBody(violations.stream().map(v -> new Problems.Violation(v.field(), v.message()))
                .toList());
    }

    private static HttpProblem notFound(String experimentId) {
        return Problems.notFound("Experiment not found", "There is no experiment '" + experimentId + "'");
    }
}
