package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.service.TrafficService;
import io.cxvalue.reporting.traffic.MinuteSeries;
import io.cxvalue.reporting.traffic.SpikeDetector;
import io.cxvalue.reporting.traffic.TrafficHour;
import io.cxvalue.support.rest.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Contact volume live and over time, its spikes, what drove them and how customers fared in them. */
@Path("/api/v1/traffic")
@RolesAllowed({Roles.MANAGER, Roles.ANALYST})
@Tag(name = "Traffic", description = "Contact volume per minute, spikes against the seasonal baseline, live stream")
public class TrafficResource {

    static final int MAX_MINUTE_DAYS = 7;
    static final int MAX_DAYS = 92;
    static final int MAX_GROUPED_DAYS = 31;
    static final int MAX_HISTORY_WEEKS = 26;
    static final String HISTORY = "Weeks of history the baseline is learned from (1 to " + MAX_HISTORY_WEEKS
            + "; default cx.reporting.traffic.history-weeks, 8)";
    static final double MIN_ALPHA = 1e-12;
    static final double MAX_ALPHA = 0.01;
    /** How often a stream looks for newly closed minutes. */
    static final Duration STREAM_TICK = Duration.ofSeconds(5);
    static final Duration MAX_REPLAY = Duration.ofHours(24);

    private final TrafficService traffic;
    private final ReadableTeams teams;
    private final SecurityIdentity identity;
    private final ZoneId defaultZone;
    private final ReportingConfig.Traffic settings;

    TrafficResource(TrafficService traffic, ReadableTeams teams, SecurityIdentity identity, ReportingConfig config) {
        this.traffic = traffic;
        this.teams = teams;
        this.identity = identity;
        this.defaultZone = config.kpi().timeZones().get(0);
        this.settings = config.traffic();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Contact volume per minute or quarter hour",
            description = "Contacts that started in each bucket of [from, to), summed over the teams in scope: all of "
                    + "them (with what the hour-of-week baseline expects, and its 95 % range), grouped 'by' queue, "
                    + "reason, channel or campaign, or only the named values of one of them. Volume is kept per "
                    + "dimension, not per combination, so a request groups or filters by one dimension. Minute "
                    + "buckets cover at most " + MAX_MINUTE_DAYS + " days, quarter hours " + MAX_DAYS + " ("
                    + MAX_GROUPED_DAYS + " grouped or filtered).")
    @APIResponse(responseCode = "200", description = "The series", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TrafficResponse.Series.class)))
    @APIResponse(responseCode = "400", description = "'violations' names each invalid parameter",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "403", description = "Neither manager nor analyst, or a team the manager does not "
            + "manage", content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Uni<TrafficResponse.Series> series(@BeanParam PeriodParams params,
            @Parameter(description = HISTORY, example = "8") @QueryParam("history") String history,
            @Parameter(description = "Bucket length in minutes: 1 or 15", example = "1") @QueryParam("step")
            String step,
            @Parameter(description = "One series per value of: queue, reason, channel or campaign")
            @QueryParam("by") String by,
            @Parameter(description = "Only these queues (repeatable)") @QueryParam("queue") List<String> queue,
            @Parameter(description = "Only these contact reasons (repeatable)") @QueryParam("reason")
            List<String> reason,
            @Parameter(description = "Only these channels (repeatable)") @QueryParam("channel") List<String> channel,
            @Parameter(description = "Only these campaigns (repeatable)") @QueryParam("campaign")
            List<String> campaign) {
        List<Problems.Violation> violations = new ArrayList<>();
        int minutes = ReportParams.integer("step", step, 1, 1, 15, violations);
        if (minutes != 1 && minutes != 15) {
            violations.add(new Problems.Violation("step", "must be 1 or 15"));
        }
        PeriodParams.Parsed p = params.parse(defaultZone, minutes == 1 ? MAX_MINUTE_DAYS : MAX_DAYS, violations);
        int weeks = ReportParams.integer("history", history, settings.historyWeeks(), 1, MAX_HISTORY_WEEKS,
                violations);
        TrafficHour.Dimension grouping = by == null ? null : dimension(by, violations);
        Map<TrafficHour.Dimension, List<String>> values = new EnumMap<>(TrafficHour.Dimension.class);
        values(values, TrafficHour.Dimension.QUEUE, queue, violations);
        values(values, TrafficHour.Dimension.REASON, reason, violations);
        values(values, TrafficHour.Dimension.CHANNEL, channel, violations);
        values(values, TrafficHour.Dimension.CAMPAIGN, campaign, violations);
        if ((grouping != null || !values.isEmpty()) && p.from() != null && p.to() != null
                && java.time.Duration.between(p.from(), p.to()).toDays() > MAX_GROUPED_DAYS) {
            violations.add(new Problems.Violation("to", "a grouped or filtered series covers at most "
                    + MAX_GROUPED_DAYS + " days (the total, " + MAX_DAYS + ")"));
        }
        if (values.size() + (grouping == null ? 0 : 1) > 1) {
            violations.add(new Problems.Violation(grouping != null ? "by" : values.keySet().iterator().next()
                    .apiName(), "group by one dimension or filter one: volume is kept per dimension, "
                    + "not per combination"));
        }
        if (!violations.isEmpty()) {
            throw Problems.invalidQuery(violations);
        }
        Instant start = p.from();
        Instant end = p.to();
        ZoneId zoneId = p.zone();
        Set<String> keys = new LinkedHashSet<>();
        values.forEach((d, vs) -> vs.forEach(v -> keys.add(d.key(v))));
        String total = TrafficHour.Dimension.TOTAL.key(null);
        Predicate<String> keep = grouping != null ? k -> TrafficHour.Dimension.of(k) == grouping
                : keys.isEmpty() ? total::equals : keys::contains;
        return teams.of(identity, p.teams()).chain(readable -> traffic.series(readable, start, end, zoneId,
                        weeks, keep)
                .map(s -> {
                    MinuteSeries period = s.series();
                    List<TrafficResponse.Line> lines = new ArrayList<>();
                    List<String> shown = grouping != null ? period.keysOf(grouping)
                            : keys.isEmpty() ? List.of(total) : List.copyOf(keys);
                    for (String key : shown) {
                        int[] buckets = MinuteSeries.buckets(period.of(key), minutes);
                        lines.add(new TrafficResponse.Line(TrafficHour.Dimension.of(key).apiName(),
                                TrafficHour.Dimension.value(key), Arrays.stream(buckets).asLongStream().sum(),
                                buckets));
                    }
                    List<TrafficResponse.Expected> expected = null;
                    if (grouping == null && keys.isEmpty()) {
                        expected = new ArrayList<>();
                        double rv = s.baseline().relativeVariance();
                        for (int b = 0; b * minutes < s.expected().length; b++) {
                            double mean = 0;
                            for (int m = b * minutes; m < Math.min(s.expected().length, (b + 1) * minutes); m++) {
                                mean += s.expected()[m];
                            }
                            expected.add(new TrafficResponse.Expected(
                                    period.start().plus(Duration.ofMinutes((long) b * minutes)), mean,
                                    SpikeDetector.quantile(0.025, mean, rv), SpikeDetector.quantile(0.975, mean, rv)));
                        }
                    }
                    return new TrafficResponse.Series(start, end, zoneId.getId(), readable.stream().sorted().toList(),
                            minutes, grouping == null ? null : grouping.apiName(), lines,
                            expected);
                }));
    }

    @GET
    @Path("spikes")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Traffic spikes, what drove them and how customers fared",
            description = "The spikes raised in [from, to) (at most " + MAX_DAYS + " days) in the volume of the teams "
                    + "in scope, against an hour-of-week baseline learned from the 'history' weeks before 'from' "
                    + "(medians, so past spikes do not move it): after each minute, the last 2, 5 and 15 minutes are "
                    + "compared with their expectation scaled by the level of the three hours before, and a minute "
                    + "alerts when a count at least as high has a negative binomial probability below 'alpha'. Each "
                    + "spike says when, how far above the expected volume (with the 95 % range), what drove it (the "
                    + "excess by contact reason and campaign against the usual mix of those hours) and, unless "
                    + "experience=false, the service level, abandonment, AHT, FCR, CSAT and felt valued of its "
                    + "contacts against the same hours on the 28 days before when no spike touched them, overall and "
                    + "by reason, channel and queue.")
    @APIResponse(responseCode = "200", description = "The spikes", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TrafficResponse.Spikes.class)))
    @APIResponse(responseCode = "400", description = "'violations' names each invalid parameter",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "403", description = "Neither manager nor analyst, or a team the manager does not "
            + "manage", content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    @APIResponse(responseCode = "422", description = "The history before 'from' holds less than a week of contacts",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Uni<TrafficResponse.Spikes> spikes(@BeanParam PeriodParams params,
            @Parameter(description = HISTORY, example = "8") @QueryParam("history") String history,
            @Parameter(description = "Alert threshold on the tail probability, " + MIN_ALPHA + " to " + MAX_ALPHA)
            @QueryParam("alpha") String alpha,
            @Parameter(description = "Whether to compare the experience in each spike with normal days (default "
                    + "true)") @QueryParam("experience") String experience) {
        List<Problems.Violation> violations = new ArrayList<>();
        PeriodParams.Parsed p = params.parse(defaultZone, MAX_DAYS, violations);
        int weeks = ReportParams.integer("history", history, settings.historyWeeks(), 1, MAX_HISTORY_WEEKS,
                violations);
        double threshold = settings.alpha();
        if (alpha != null) {
            try {
                threshold = Double.parseDouble(alpha);
            } catch (NumberFormatException e) {
                threshold = Double.NaN;
            }
            if (!(threshold >= MIN_ALPHA && threshold <= MAX_ALPHA)) {
                violations.add(new Problems.Violation("alpha", "must be a number from " + MIN_ALPHA + " to "
                        + MAX_ALPHA));
            }
        }
        boolean withExperience = !"false".equals(experience);
        if (experience != null && !experience.equals("true") && !experience.equals("false")) {
            violations.add(new Problems.Violation("experience", "must be true or false"));
        }
        if (!violations.isEmpty()) {
            throw Problems.invalidQuery(violations);
        }
        TrafficService.Detection detection = new TrafficService.Detection(weeks, threshold);
        return teams.of(identity, p.teams())
                .chain(readable -> traffic.spikes(readable, p.from(), p.to(), p.zone(), detection, withExperience)
                        .map(found -> {
                            if (found.historyDays() < TrafficService.MIN_HISTORY_DAYS) {
                                throw HttpProblem.builder().withStatus(422).withTitle("Not enough history")
                                        .withDetail("The " + weeks + " weeks before 'from' hold " + found.historyDays()
                                                + " days of contacts; the baseline needs at least "
                                                + TrafficService.MIN_HISTORY_DAYS + " (every hour of the week seen)")
                                        .with("field", "from").build();
                            }
                            TrafficResponse.Detection how = new TrafficResponse.Detection(weeks, found.historyDays(),
                                    detection.alpha(), Arrays.stream(SpikeDetector.windows()).boxed().toList(),
                                    found.historyTotal(), found.baseline().relativeVariance());
                            return new TrafficResponse.Spikes(p.from(), p.to(), p.zone().getId(),
                                    readable.stream().sorted().toList(), how,
                                    found.spikes().stream().map(TrafficResponse.SpikeView::of).toList());
                        }));
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live volume and spike alerts (server-sent events)",
            description = "Pushes each closed minute of the teams in scope (event 'minute': contacts, the expected "
                    + "number and its 95 % range, and the spike the minute belongs to) and every spike when it is "
                    + "raised (event 'spike': when, how far above the expected, what drove it). A minute is closed "
                    + "a few seconds after its end (cx.reporting.traffic.minute-closes-after). A new connection "
                    + "first replays the minutes since 'since' (default: the last hour; at most 24 hours back), or "
                    + "since the Last-Event-ID it sends on reconnecting; every event's id is its minute.")
    @APIResponse(responseCode = "200", description = "The event stream", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS))
    @APIResponse(responseCode = "400", description = "'violations' names each invalid parameter",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "403", description = "Neither manager nor analyst, or a team the manager does not "
            + "manage", content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "Only these teams (repeatable); a manager may name only their own")
            @QueryParam("team") List<String> team,
            @Parameter(description = "IANA time zone of the hour-of-week baseline") @QueryParam("zone") String zone,
            @Parameter(description = "Replay the closed minutes from this instant (at most 24 hours back)")
            @QueryParam("since") String since,
            @Parameter(description = "The id of the last event received: replay after its minute")
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        List<Problems.Violation> violations = new ArrayList<>();
        ZoneId zoneId = ReportParams.zone(zone, defaultZone, violations);
        Instant now = Instant.now();
        Instant first = now.minus(settings.streamReplay());
        if (lastEventId != null && !lastEventId.isBlank()) {
            Instant last = ReportParams.instant("Last-Event-ID", lastEventId, ZoneId.of("UTC"), violations);
            first = last == null ? first : last.plus(Duration.ofMinutes(1));
        } else if (since != null) {
            first = ReportParams.instant("since", since, zoneId, violations);
        }
        if (first != null && first.isBefore(now.minus(MAX_REPLAY))) {
            violations.add(new Problems.Violation(lastEventId != null ? "Last-Event-ID" : "since",
                    "must be at most 24 hours back"));
        }
        Set<String> asked = PeriodParams.teams(team, violations);
        if (!violations.isEmpty()) {
            throw Problems.invalidQuery(violations);
        }
        AtomicReference<Instant> next = new AtomicReference<>(first.truncatedTo(ChronoUnit.MINUTES));
        return Multi.createFrom().uni(teams.of(identity, asked)).onItem().transformToMultiAndConcatenate(readable ->
                Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(STREAM_TICK).onOverflow().drop()
                        .onItem().transformToMultiAndConcatenate(tick -> {
                            Instant closed = Instant.now().minus(settings.minuteClosesAfter())
                                    .truncatedTo(ChronoUnit.MINUTES);
                            Instant from = next.get();
                            if (!closed.isAfter(from)) {
                                return Multi.createFrom().empty();
                            }
                            return Multi.createFrom().uni(traffic.live(readable, from, closed, zoneId))
                                    .onItem().transformToIterable(live -> {
                                        next.set(closed);
                                        return events(sse, live);
                                    });
                        }));
    }

    private static List<OutboundSseEvent> events(Sse sse, TrafficService.Live live) {
        List<OutboundSseEvent> out = new ArrayList<>();
        for (TrafficService.LiveMinute m : live.minutes()) {
            String id = m.minute().toString();
            out.add(sse.newEventBuilder().name("minute").id(id).mediaType(MediaType.APPLICATION_JSON_TYPE).data(m)
                    .build());
            Instant end = m.minute().plus(Duration.ofMinutes(1));
            for (TrafficService.Found f : live.raised()) {
                if (f.spike().alertedAt().equals(end)) {
                    out.add(sse.newEventBuilder().name("spike").id(id).mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(TrafficResponse.SpikeView.of(f)).build());
                }
            }
        }
        return out;
    }

    private static TrafficHour.Dimension dimension(String by, List<Problems.Violation> violations) {
        for (TrafficHour.Dimension d : TrafficHour.Dimension.values()) {
            if (d != TrafficHour.Dimension.TOTAL && d.apiName().equals(by)) {
                return d;
            }
        }
        violations.add(new Problems.Violation("by", "must be queue, reason, channel or campaign"));
        return null;
    }

    private static void values(Map<TrafficHour.Dimension, List<String>> into, TrafficHour.Dimension d,
            List<String> given, List<Problems.Violation> violations) {
        if (given == null || given.isEmpty()) {
            return;
        }
        for (String v : given) {
            if (v == null || v.isEmpty() || v.length() > 200) {
                violations.add(new Problems.Violation(d.apiName(), "must be 1 to 200 characters"));
                return;
            }
        }
        into.put(d, List.copyOf(new LinkedHashSet<>(given)));
    }
}
