package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.kpi.Dimension;
import io.cxvalue.reporting.service.VoiceService;
import io.cxvalue.reporting.voice.Comment;
import io.cxvalue.reporting.voice.VoiceAnalysis;
import io.cxvalue.reporting.voice.VoiceReport;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The voice of the customer: what survey comments are about, their trend and the satisfaction attached. */
@Path("/api/v1/voice")
@RolesAllowed({Roles.MANAGER, Roles.ANALYST})
@Tag(name = "Voice of the customer", description = "Themes of survey comments (their terms; the text stays in "
        + "ingestion, whose /api/v1/verbatims shows it to analysts)")
public class VoiceResource {

    static final int MAX_DAYS = 366;
    static final int MAX_LIMIT = 100;
    /** Fewer comments than this could point at one person: no theme is shown with fewer. */
    static final int MIN_COMMENTS = 5;

    private final VoiceService voice;
    private final ReadableTeams teams;
    private final SecurityIdentity identity;
    private final ZoneId defaultZone;

    VoiceResource(VoiceService voice, ReadableTeams teams, SecurityIdentity identity, ReportingConfig config) {
        this.voice = voice;
        this.teams = teams;
        this.identity = identity;
        this.defaultZone = config.kpi().timeZones().get(0);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What customers say in survey comments, contact notes and transcripts",
            description = "The themes of the texts (survey comments, and contacts' notes and transcripts where the "
                    + "channel system sends them; `source` picks) of contacts that started in [from, to) (at most "
                    + MAX_DAYS
                    + " days): each theme's share of comments (Wilson 95 % interval), its trend against the period "
                    + "of the same length before (share ratio, Katz interval: RISING, FALLING, STEADY or NEW) and "
                    + "per week, the CSAT given with it (mean; share of 1-2 against the other comments'), the "
                    + "sentiment the channel system measured of its contacts (mean; share negative against the other "
                    + "texts': how themes of notes and transcripts, which carry no CSAT, are judged), the "
                    + "contact reasons it is about; and per contact reason the themes distinctive of it (Dunning's "
                    + "log-likelihood). A theme is shown with at least minComments (" + MIN_COMMENTS + " or more) "
                    + "comments. Terms only: the comments' text is in ingestion (GET /api/v1/verbatims?term=key).")
    @APIResponse(responseCode = "200", description = "The themes", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VoiceReport.class)))
    @APIResponse(responseCode = "400", description = "'violations' names each invalid parameter",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "403", description = "Neither manager nor analyst, or a team the manager does not "
            + "manage", content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Uni<VoiceReport> voice(@BeanParam PeriodParams params,
            @Parameter(description = "Only contacts with these reasons (repeatable)") @QueryParam("reason")
            List<String> reason,
            @Parameter(description = "Most themes listed (1 to " + MAX_LIMIT + "; default 20)") @QueryParam("limit")
            String limit,
            @Parameter(description = "Fewest comments a theme needs (" + MIN_COMMENTS + " to 10000; default "
                    + MIN_COMMENTS + ")") @QueryParam("minComments") String minComments,
            @Parameter(description = "Which texts: survey (comments), contact (notes and transcripts) or all "
                    + "(default)") @QueryParam("source") String source) {
        List<Problems.Violation> violations = new ArrayList<>();
        PeriodParams.Parsed p = params.parse(defaultZone, MAX_DAYS, violations);
        Map<Dimension, Set<String>> filters = new EnumMap<>(Dimension.class);
        ReportParams.filter(filters, Dimension.REASON, reason, false, violations);
        int themes = ReportParams.integer("limit", limit, VoiceAnalysis.Options.DEFAULTS.limit(), 1, MAX_LIMIT,
                violations);
        int least = ReportParams.integer("minComments", minComments, MIN_COMMENTS, MIN_COMMENTS, 10_000, violations);
        Set<Comment.Source> sources = switch (source == null ? "all" : source) {
            case "all" -> EnumSet.allOf(Comment.Source.class);
            case "survey" -> EnumSet.of(Comment.Source.SURVEY);
            case "contact" -> EnumSet.of(Comment.Source.CONTACT);
            default -> {
                violations.add(new Problems.Violation("source", "must be survey, contact or all"));
                yield Set.of();
            }
        };
        if (!violations.isEmpty()) {
            throw Problems.invalidQuery(violations);
        }
        VoiceAnalysis.Options defaults = VoiceAnalysis.Options.DEFAULTS;
        VoiceAnalysis.Options options = new VoiceAnalysis.Options(least, themes, defaults.maxReasons(),
                defaults.distinctivePerReason());
        return teams.of(identity, p.teams()).chain(readable -> voice.analyse(readable,
                filters.getOrDefault(Dimension.REASON, Set.of()), sources, p.from(), p.to(), p.zone(), options));
    }
}
