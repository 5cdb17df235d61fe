package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.service.KpiQueryService;
import io.cxvalue.support.rest.Problems;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Drill-down: the contacts a KPI figure is made of. */
@Path("/api/v1/kpis/contacts")
@Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
@RolesAllowed({Roles.MANAGER, Roles.ANALYST})
@Tag(name = "KPIs")
public class ContactListResource {

    static final String EXAMPLE = """
            {"from":"2026-03-02T00:00:00Z","to":"2026-03-03T00:00:00Z","filters":{"team":["team-north"],
            "agent":["agent-7"]},"page":{"number":0,"size":500,"totalRows":1,"totalPages":1},
            "contacts":[{"interactionId":"int-81c2","customerId":"cust-4410","startedAt":"2026-03-02T09:14:03Z",
            "teamId":"team-north","agentId":"agent-7","channel":"VOICE","direction":"INBOUND","reason":"billing",
            "abandoned":false,"queueSeconds":12,"handleSeconds":318,"talkSeconds":270,"holdSeconds":18,
            "afterWorkSeconds":30,"transfers":0,"resolved":true,"issueRole":"OPENED","issueTouchpoints":1,
            "surveys":[{"responseId":"resp-1","respondedAt":"2026-03-03T10:00:00Z","csat":5,"feltValued":4}],
            "qualityScores":[88.0]}]}""";

    private final KpiQueryService kpis;
    private final ReadableTeams teams;
    private final SecurityIdentity identity;
    private final PeriodRules periods;
    private final ZoneId defaultZone;

    ContactListResource(KpiQueryService kpis, ReadableTeams teams, SecurityIdentity identity, PeriodRules periods,
            ReportingConfig config) {
        this.periods = periods;
        this.kpis = kpis;
        this.teams = teams;
        this.identity = identity;
        this.defaultZone = config.kpi().timeZones().get(0);
    }

    @GET
    @Operation(summary = "The contacts behind a figure",
            description = "The contacts that started in [from, to) and pass the filters (the same as the KPI "
                    + "query's), in start order, paged, with their survey answers, quality scores, sale and place in "
                    + "their issue. Periods of at most max-raw-days (31) days. Team scope as for the KPIs.")
    @APIResponse(responseCode = "200", description = "One page of contacts; as CSV one line per contact",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ContactListResponse.class),
                    examples = @ExampleObject(name = "one agent's day", value = EXAMPLE)),
                    @Content(mediaType = CsvWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "'violations' names each invalid parameter",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    @APIResponse(responseCode = "403", description = "Neither manager nor analyst, or a team the manager does not "
            + "manage", content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Uni<ContactListResponse> contacts(@BeanParam ReportParams params) {
        List<Problems.Violation> violations = new ArrayList<>();
        ReportParams.Parsed p = params.parse(defaultZone, violations);
        periods.checkRaw(p, violations);
        if (!violations.isEmpty()) {
            throw Problems.invalidQuery(violations);
        }
        return teams.of(identity, p.teams())
                .chain(readable -> kpis.contacts(p.from(), p.to(), p.filters(), readable))
                .map(records -> new ContactListResponse(p.from(), p.to(), p.filterEcho(),
                        KpiResponse.Page.of(p.page(), p.size(), records.size()),
                        KpiResponse.Page.slice(records, p.page(), p.size()).stream()
                                .map(ContactListResponse.Contact::of).toList()));
    }
}
