package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.crosssell.CrossSellAnalysis;
import io.cxvalue.reporting.service.CrossSellService;
import io.cxvalue.support.rest.Problems;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Cross-sell timing: which contacts make sales that are cancelled, what that costs, and the caller-card threshold. */
@Path("/api/v1/cross-sell")
@RolesAllowed({Roles.MANAGER, Roles.ANALYST})
@Tag(name = "Cross-sell", description = "Sales cancelled after the contact that made them, by what the contact was "
        + "like")
public class CrossSellResource {

    static final int MAX_DAYS = 400;
    static final int MAX_WINDOW_DAYS = 365;

    private final CrossSellService crossSell;
    private final ReadableTeams teams;
    private final SecurityIdentity identity;
    private final ZoneId defaultZone;
    private final ReportingConfig.CrossSell settings;
    private final ReportingConfig.Costs costs;

    CrossSellResource(CrossSellService crossSell, ReadableTeams teams, SecurityIdentity identity,
            ReportingConfig config) {
        this.crossSell = crossSell;
        this.teams = teams;
        this.identity = identity;
        this.defaultZone = config.kpi().timeZones().get(0);
        this.settings = config.crossSell();
        this.costs = config.costs();
    }

    /**
     * The answer.
     *
     * @param immatureSales        sales whose window has not passed by {@code asOf}: left out
     * @param cancellationContacts the customers' contacts after the cancelled sales up to their cancellation
     * @param policySuggestion     for scoring-service's {@code PUT /api/v1/caller-policy}: the threshold and the
     *                             sentence the card cites
     */
    @Schema(name = "CrossSellReport")
    public record Report(Instant from, Instant to, List<String> teams, long windowDays, Instant asOf, long sales,
            long immatureSales, long cancelled, Double cancellationRate, Double low, Double high,
            Map<String, Double> revenue, Map<String, Double> revenueLost, long cancellationContacts,
            double cancellationContactCost, String costCurrency, String summary,
            List<CrossSellAnalysis.FactorResult> factors, CrossSellAnalysis.Suggestion policySuggestion) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sales cancelled after the contact that made them",
            description = "The sales accepted in contacts that started in [from, to) (at most " + MAX_DAYS + " days) "
                    + "whose window has passed: the share cancelled or refunded within the window (Wilson 95 % "
                    + "interval), the revenue lost and the contacts the cancelled ones cost (the customer's "
                    + "contacts after the sale up to an hour after its cancellation, at cx.reporting.costs.per-"
                    + "contact); by the contact's sentiment band (positive at 0.3 and above, negative at "
                    + "-0.3 and below), resolution, repeat contact and CSAT, each level's rate and relative risk "
                    + "against the good contacts (Katz 95 % interval), in words; and the sentiment below which sales "
                    + "are clearly cancelled more often, for the caller policy's negativeSentimentBelow (an "
                    + "analyst applies it on scoring-service with the evidence sentence).")
    @APIResponse(responseCode = "200", description = "The analysis", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Report.class)))
    @APIResponse(responseCode = "400", description = "'violations' names each invalid parameter",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "403", description = "Neither manager nor analyst, or a team the manager does not "
            + "manage", content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Uni<Report> crossSell(@BeanParam PeriodParams params,
            @Parameter(description = "Days after the contact within which a cancellation counts (1 to "
                    + MAX_WINDOW_DAYS + "; default 30)") @QueryParam("window") String window) {
        List<Problems.Violation> violations = new ArrayList<>();
        PeriodParams.Parsed p = params.parse(defaultZone, MAX_DAYS, violations);
        int days = ReportParams.integer("window", window, Math.toIntExact(settings.window().toDays()), 1,
                MAX_WINDOW_DAYS, violations);
        if (!violations.isEmpty()) {
            throw Problems.invalidQuery(violations);
        }
        Duration windowLength = Duration.ofDays(days);
        Instant asOf = Instant.now();
        return teams.of(identity, p.teams()).chain(readable -> crossSell.analyse(readable, p.from(), p.to(),
                windowLength, asOf).map(r -> {
                    CrossSellAnalysis.Result a = r.analysis();
                    double cost = r.cancellationContacts() * costs.perContact();
                    String summary = a.sales() == 0 ? "No sale in the period has completed its window yet"
                            : String.format(Locale.ROOT, "Of %d sales, %d (%.1f %%, 95 %% CI %.1f to %.1f) were "
                            + "cancelled or refunded within %d days: %s of revenue lost, and %d contacts costing "
                            + "%.2f %s", a.sales(), a.cancelled(), 100 * a.rate(), 100 * a.low(), 100 * a.high(), days,
                            money(a.revenueLostByCurrency()), r.cancellationContacts(), cost, costs.currency());
                    return new Report(p.from(), p.to(), readable.stream().sorted().toList(), days, asOf, a.sales(),
                            r.immature(), a.cancelled(), a.rate(), a.low(), a.high(), a.revenueByCurrency(),
                            a.revenueLostByCurrency(), r.cancellationContacts(), cost, costs.currency(),
                            summary, a.factors(), a.suggestion());
                }));
    }

    private static String money(Map<String, Double> byCurrency) {
        if (byCurrency.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        byCurrency.forEach((currency, amount) -> parts.add(String.format(Locale.ROOT, "%.2f %s", amount, currency)));
        return String.join(" and ", parts);
    }
}
