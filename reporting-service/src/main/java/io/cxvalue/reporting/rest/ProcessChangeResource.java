package io.cxvalue.reporting.rest;

import io.cxvalue.contracts.events.ValueDriversAnalysed;
import io.cxvalue.reporting.change.CustomerValue;
import io.cxvalue.reporting.change.ImpactEstimate;
import io.cxvalue.reporting.change.ProcessChange;
import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.kpi.Measure;
import io.cxvalue.reporting.repository.ProcessChangeRepository;
import io.cxvalue.reporting.repository.ValueDriverRepository;
import io.cxvalue.reporting.service.KpiQueryService;
import io.cxvalue.reporting.service.ProcessChangeService;
import io.cxvalue.support.rest.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Process changes (a training programme, a new script) and what they did to the customer experience. */
@Path("/api/v1/process-changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Process changes", description = "Recorded changes and their impact, against the teams they did not "
        + "affect")
public class ProcessChangeResource {

    static final int DEFAULT_DAYS = 28;
    static final int MAX_DAYS = 182;
    private static final Pattern ID = Pattern.compile(io.cxvalue.reporting.rest.validation.Identifiers.ID_PATTERN);
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    private final ProcessChangeRepository changes;
    private final ProcessChangeService impact;
    private final KpiQueryService kpis;
    private final SecurityIdentity identity;
    private final ZoneId zone;
    private final ReportingConfig.Costs costs;
    private final ValueDriverRepository valueDrivers;

    ProcessChangeResource(ProcessChangeRepository changes, ProcessChangeService impact, KpiQueryService kpis,
            ValueDriverRepository valueDrivers, SecurityIdentity identity, ReportingConfig config) {
        this.changes = changes;
        this.impact = impact;
        this.kpis = kpis;
        this.valueDrivers = valueDrivers;
        this.identity = identity;
        this.zone = config.kpi().timeZones().get(0);
        this.costs = config.costs();
    }

    /** What an analyst records. */
    @Schema(name = "ProcessChangeRequest")
    public record ChangeRequest(
            @Schema(description = "What changed", example = "De-escalation training") String name,
            @Schema(description = "Optional detail") String description,
            @Schema(description = "The first day the change applied (ISO date, in the first reporting zone)",
                    example = "2026-03-02") String effectiveDate,
            @Schema(description = "The teams it applied to (at least one)") List<String> teams,
            @Schema(description = "Only contacts about these reasons, when any are named") List<String> reasons,
            @Schema(description = "What it cost, optional") Double cost,
            @Schema(description = "ISO 4217 code of the cost", example = "EUR") String currency) {
    }

    /** A figure's impact, in words too. */
    @Schema(name = "ProcessChangeFigure")
    public record FigureView(String measure, String unit, String method, Double affectedBefore, Double affectedAfter,
            Double controlBefore, Double controlAfter, ImpactEstimate.Effect effect, ImpactEstimate.Effect placebo,
            String words) {
    }

    /**
     * The impact.
     *
     * @param agentTimeValuePerMonth the handle time the change saved (positive) or added, in money per 30 days of the
     *                               affected teams' contacts after it, with its 95 % interval
     * @param affectedIssuesPerMonth the affected teams' closed issues per 30 days after the change
     * @param customerValuePerMonth  the customer lifetime value the change kept (positive) or lost per 30 days: the
     *                               issues first-contact resolution turned resolved, each worth the lifetime value
     *                               at stake per customer with an unresolved contact (the latest analysis of what
     *                               moves customer value), with its 95 % interval; null without both
     * @param valueDriverAnalysisId  that analysis
     * @param totalValuePerMonth     agent time and customer value together (what is known of them)
     * @param paybackMonths          cost / total monthly value, when both are known and the value is positive
     */
    @Schema(name = "ProcessChangeImpact")
    public record ImpactView(ProcessChange change, Instant beforeFrom, Instant changeAt, Instant afterTo,
            List<String> controlTeams, List<FigureView> figures, Double agentTimeValuePerMonth, Double agentTimeLow,
            Double agentTimeHigh, Double affectedIssuesPerMonth, Double customerValuePerMonth,
            Double customerValueLow, Double customerValueHigh, String valueDriverAnalysisId,
            Double totalValuePerMonth, String costCurrency, Double paybackMonths, List<String> assumptions,
            String customerValueNote) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "Record a process change", description = "Name, the first day it applied, the teams (and "
            + "optionally the contact reasons) it applied to, and optionally its cost.")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProcessChange.class)))
    @APIResponse(responseCode = "400", description = "'violations' names each invalid field",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.VALIDATION_PROBLEM)))
    public Uni<Response> record(ChangeRequest request) {
        List<Problems.Violation> violations = new ArrayList<>();
        LocalDate effective = null;
        if (request == null) {
            violations.add(new Problems.Violation("body", "must be a process change"));
        } else {
            if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
                violations.add(new Problems.Violation("name", "must be 1 to 200 characters"));
            }
            if (request.description() != null && request.description().length() > 2000) {
                violations.add(new Problems.Violation("description", "must be at most 2000 characters"));
            }
            try {
                effective = request.effectiveDate() == null ? null : LocalDate.parse(request.effectiveDate());
            } catch (DateTimeException e) {
                effective = null;
            }
            if (effective == null) {
                violations.add(new Problems.Violation("effectiveDate", "must be an ISO date such as 2026-03-02"));
            }
            if (request.teams() == null || request.teams().isEmpty() || request.teams().size() > 500
                    || request.teams().stream().anyMatch(t -> t == null || t.length() > 128 || !ID.matcher(t).matches())) {
                violations.add(new Problems.Violation("teams", "must name 1 to 500 teams, each "
                        + io.cxvalue.reporting.rest.validation.Identifiers.ID_MESSAGE));
            }
            if (request.reasons() != null && request.reasons().stream()
                    .anyMatch(r -> r == null || r.isEmpty() || r.length() > 200)) {
                violations.add(new Problems.Violation("reasons", "must each be 1 to 200 characters"));
            }
            if (request.cost() != null && !(request.cost() >= 0 && request.cost() < 1e12)) {
                violations.add(new Problems.Violation("cost", "must be a number from 0"));
            }
            if (request.cost() != null && (request.currency() == null
                    || !CURRENCY.matcher(request.currency()).matches())) {
                violations.add(new Problems.Violation("currency", "must be an ISO 4217 code such as EUR with a cost"));
            }
        }
        if (!violations.isEmpty()) {
            throw Problems.invalidBody(violations);
        }
        ProcessChange change = new ProcessChange(UUID.randomUUID().toString(), request.name().strip(),
                request.description(), effective, List.copyOf(new LinkedHashSet<>(request.teams())),
                request.reasons() == null ? List.of() : List.copyOf(new LinkedHashSet<>(request.reasons())),
                request.cost(), request.cost() == null ? null : request.currency(), Instant.now(),
                identity.getPrincipal().getName());
        return changes.insert(change).map(v -> Response.created(URI.create("/api/v1/process-changes/" + change.id()))
                .entity(change).build());
    }

    @GET
    @RolesAllowed({Roles.MANAGER, Roles.ANALYST})
    @Operation(summary = "The recorded process changes", description = "A manager sees those affecting a team "
            + "they manage.")
    public Uni<List<ProcessChange>> list() {
        TeamScope scope = TeamScope.of(identity);
        return changes.all().map(all -> all.stream()
                .filter(c -> scope.allTeams() || c.teams().stream().anyMatch(scope::allows)).toList());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "Remove a recorded process change")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such change",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Uni<Response> delete(@PathParam("id") String id) {
        return changes.delete(id).map(found -> {
            if (!found) {
                throw notFound(id);
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("{id}/impact")
    @RolesAllowed({Roles.MANAGER, Roles.ANALYST})
    @Operation(summary = "What a process change did",
            description = "Sentiment, CSAT, felt valued, FCR and AHT of the affected teams' contacts (of the named "
                    + "reasons, if any) in the 'days' before and after the change, as a difference in differences "
                    + "against every other team (each team's change counted alike, pooled two-sample t 95 % "
                    + "interval; with one affected team, the other teams' spread as its own), with the same estimate "
                    + "between the halves "
                    + "of the period before as a check of parallel trends; or, when no other team has contacts, as "
                    + "an interrupted time series of the affected teams' days (the step at the change, t interval). "
                    + "The AHT effect in money (agent time per 30 days of the affected contacts, at "
                    + "cx.reporting.costs.per-agent-minute); the FCR effect in customer value (the issues it turned "
                    + "resolved per 30 days, each worth the lifetime value at stake per customer with an unresolved "
                    + "contact in the latest analysis of what moves customer value, from scoring-service); with a "
                    + "cost, the months their sum takes to pay it back. A "
                    + "manager may ask about changes to teams they all manage (the other teams appear only pooled).")
    @APIResponse(responseCode = "200", description = "The impact", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImpactView.class)))
    @APIResponse(responseCode = "400", description = "'violations' names each invalid parameter",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "403", description = "A team of the change the manager does not manage",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    @APIResponse(responseCode = "404", description = "No such change",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Uni<ImpactView> impact(@PathParam("id") String id,
            @Parameter(description = "Days on each side of the change (7 to " + MAX_DAYS + "; default "
                    + DEFAULT_DAYS + ")") @QueryParam("days") String days) {
        List<Problems.Violation> violations = new ArrayList<>();
        int window = ReportParams.integer("days", days, DEFAULT_DAYS, 7, MAX_DAYS, violations);
        if (!violations.isEmpty()) {
            throw Problems.invalidQuery(violations);
        }
        TeamScope scope = TeamScope.of(identity);
        Instant asOf = Instant.now();
        return changes.find(id).chain(change -> {
            if (change == null) {
                throw notFound(id);
            }
            scope.forbidden(change.teams()).ifPresent(refused -> {
                throw ReadableTeams.notYourTeams(refused);
            });
            return kpis.teams().chain(teams -> impact.impact(change, window, zone, new HashSet<>(teams), asOf))
                    .chain(result -> valueDrivers.latest().map(drivers -> view(change, result, drivers)));
        });
    }

    private ImpactView view(ProcessChange change, ProcessChangeService.Impact result,
            ValueDriversAnalysed drivers) {
        List<FigureView> figures = new ArrayList<>();
        Double value = null;
        Double low = null;
        Double high = null;
        for (ProcessChangeService.FigureImpact f : result.figures()) {
            figures.add(new FigureView(f.measure().key(), f.measure().unit(), f.method(), f.affectedBefore(),
                    f.affectedAfter(), f.controlBefore(), f.controlAfter(), f.effect(), f.placebo(),
                    words(f)));
        }
        Set<String> assumptions = new LinkedHashSet<>();
        boolean did = result.figures().stream().anyMatch(f -> "DIFFERENCE_IN_DIFFERENCES".equals(f.method()));
        if (did) {
            assumptions.add("Parallel trends: without the change the affected teams' figures would have moved as the "
                    + "other teams' did (the placebo between the halves of the period before should be near zero)");
            assumptions.add("No other change hit the affected teams alone in the same period");
        } else {
            assumptions.add("The affected teams' trend before the change would have continued without it");
            assumptions.add("Nothing else changed at the same time");
        }
        // The handle-time effect in money: seconds per contact times the affected contacts per 30 days.
        ProcessChangeService.FigureImpact aht = figure(result, Measure.AHT);
        if (aht != null && result.affectedHandledPerMonth() != null) {
            double perMinute = costs.perAgentMinute() * result.affectedHandledPerMonth() / 60;
            value = -aht.effect().estimate() * perMinute;
            low = -aht.effect().high() * perMinute;
            high = -aht.effect().low() * perMinute;
        }
        CustomerValue customer = customerValue(result, drivers);
        String note;
        if (customer != null) {
            assumptions.add("Each issue first-contact resolution turned resolved spares one customer an unresolved "
                    + "contact, worth the lifetime value at stake per such customer in the latest analysis of what "
                    + "moves customer value (" + drivers.analysisId() + "); an upper bound when customers have "
                    + "several unresolved issues");
            note = String.format(Locale.ROOT, "Customer value from first-contact resolution: %.2f %s a month "
                    + "(95 %% CI %.2f to %.2f), by analysis %s", customer.estimate(), costs.currency(), customer.low(),
                    customer.high(), drivers.analysisId());
        } else if (drivers == null) {
            note = "No analysis of what moves customer value has arrived (scoring-service, POST "
                    + "/api/v1/value-drivers): the return counts agent time only";
        } else {
            note = "The latest analysis of what moves customer value (" + drivers.analysisId() + ") prices no "
                    + "unresolved contact in " + costs.currency() + ", or first-contact resolution has no estimate: "
                    + "the return counts agent time only";
        }
        Double total = value == null && customer == null ? null
                : (value == null ? 0 : value) + (customer == null ? 0 : customer.estimate());
        Double paybackMonths = change.cost() != null && total != null && total > 0
                && costs.currency().equals(change.currency()) ? change.cost() / total : null;
        return new ImpactView(change, result.beforeFrom(), result.changeAt(), result.afterTo(), result.controlTeams(),
                figures, value, low, high, result.affectedIssuesPerMonth(),
                customer == null ? null : customer.estimate(), customer == null ? null : customer.low(),
                customer == null ? null : customer.high(), customer == null ? null : drivers.analysisId(), total,
                costs.currency(), paybackMonths, List.copyOf(assumptions), note);
    }

    /**
     * The issues resolved at first contact that the change added per 30 days, times the lifetime value at stake per
     * customer with an unresolved contact ({@link CustomerValue}); null without both.
     */
    private CustomerValue customerValue(ProcessChangeService.Impact result, ValueDriversAnalysed drivers) {
        ProcessChangeService.FigureImpact fcr = figure(result, Measure.FCR_RATE);
        if (drivers == null || fcr == null || result.affectedIssuesPerMonth() == null
                || !costs.currency().equals(drivers.currency())) {
            return null;
        }
        return drivers.drivers().stream()
                .filter(d -> "UNRESOLVED".equals(d.experience()) && d.valueAtStake() != null
                        && d.customersPerMonth() > 0)
                .findFirst()
                .map(d -> CustomerValue.of(fcr.effect(), result.affectedIssuesPerMonth(), d.valueAtStake(),
                        d.valueAtStakeLow(), d.valueAtStakeHigh(), d.customersPerMonth()))
                .orElse(null);
    }

    private static ProcessChangeService.FigureImpact figure(ProcessChangeService.Impact result, Measure measure) {
        return result.figures().stream().filter(f -> f.measure() == measure && f.effect() != null).findFirst()
                .orElse(null);
    }

    private static String words(ProcessChangeService.FigureImpact f) {
        ImpactEstimate.Effect e = f.effect();
        if (e == null) {
            return "Not enough data on both sides of the change to estimate " + f.measure().key().replace('_', ' ');
        }
        boolean share = f.measure().unit().equals("share");
        double scale = share ? 100 : 1;
        String unit = share ? " points" : f.measure().unit().equals("seconds") ? " s" : "";
        String name = f.measure().key().replace('_', ' ');
        String how = "DIFFERENCE_IN_DIFFERENCES".equals(f.method()) ? "against the teams it did not affect"
                : "against the trend before it";
        return String.format(Locale.ROOT, "%s %s by %.1f%s %s (95 %% CI %.1f to %.1f%s)%s", name,
                e.estimate() >= 0 ? "rose" : "fell", Math.abs(e.estimate() * scale), unit, how, e.low() * scale,
                e.high() * scale, unit, e.clear() ? "" : ": not clearly different from no change");
    }

    private static HttpProblem notFound(String id) {
        return HttpProblem.builder().withStatus(Response.Status.NOT_FOUND).withTitle("Not Found")
                .withDetail("No process change '" + id + "'").build();
    }
}
