package io.cxvalue.scoring.repository;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.scoring.model.cx.CsatResponse;
import io.cxvalue.scoring.model.cx.InteractionFeatures;
import io.cxvalue.scoring.model.cx.LabelledInteraction;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the inferred-CX model reads from the contact log and the survey answers, with native queries in Panache's
 * current session: the respondents it trains on, and for scoring each customer's latest contact and latest CSAT.
 *
 * <p>A contact is a repeat when the same customer had another contact in the repeat window before it, computed in
 * the query ({@code exists} over the (customer_id, started_at) index) so that it is the same whichever rows are read.
 */
@ApplicationScoped
public class CxInputRepository {

    /** The contact_log columns {@link #features} reads, in order, then the repeat flag. */
    private static final String FEATURE_COLUMNS = """
            c.channel, c.direction, c.contact_reason, c.queue_seconds, c.talk_seconds, c.hold_seconds,
            c.after_work_seconds, c.abandoned, c.transfers, c.resolved, c.sentiment, c.started_at,
            exists (select 1 from contact_log p where p.customer_id = c.customer_id
                    and p.started_at >= c.started_at - make_interval(secs => cast(:window as double precision))
                    and p.started_at < c.started_at) as repeat_contact""";

    /**
     * Every interaction with a CSAT answer given up to {@code asOf}, with that answer (the latest when it was
     * answered more than once). Answers not tied to an interaction, or to one scoring has not seen, are left out: the
     * model learns how an interaction relates to the answer about it.
     */
    public Uni<List<LabelledInteraction>> respondents(Instant asOf, Duration repeatWindow, ZoneId zone) {
        return Panache.getSession().chain(session -> session.<Object[]>createNativeQuery("""
                        select c.customer_id, s.csat, %s
                        from (select distinct on (interaction_id) interaction_id, csat
                              from survey_response
                              where csat is not null and interaction_id is not null and responded_at <= :asOf
                              order by interaction_id, responded_at desc, response_id desc) s
                        join contact_log c on c.interaction_id = s.interaction_id
                        where c.started_at <= :asOf""".formatted(FEATURE_COLUMNS))
                        .setParameter("asOf", OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC))
                        .setParameter("window", (double) repeatWindow.toSeconds())
                        .getResultList())
                .map(rows -> {
                    List<LabelledInteraction> result = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        result.add(new LabelledInteraction((String) row[0], features(row, 2, zone),
                                ((Number) row[1]).intValue()));
                    }
                    return result;
                });
    }

    /** The latest contact up to {@code asOf} of each of these customers that has one, by customer id. */
    public Uni<Map<String, InteractionFeatures>> latestContacts(List<String> customerIds, Instant asOf,
            Duration repeatWindow, ZoneId zone) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.<Object[]>createNativeQuery("""
                        select distinct on (c.customer_id) c.customer_id, %s
                        from contact_log c
                        where c.customer_id in (:ids) and c.started_at <= :asOf
                        order by c.customer_id, c.started_at desc, c.interaction_id desc""".formatted(FEATURE_COLUMNS))
                        .setParameter("ids", customerIds)
                        .setParameter("asOf", OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC))
                        .setParameter("window", (double) repeatWindow.toSeconds())
                        .getResultList())
                .map(rows -> {
                    Map<String, InteractionFeatures> result = new HashMap<>();
                    for (Object[] row : rows) {
                        result.put((String) row[0], features(row, 1, zone));
                    }
                    return result;
                });
    }

    /** The latest CSAT answer up to {@code asOf} of each of these customers that has one, by customer id. */
    public Uni<Map<String, CsatResponse>> latestCsat(List<String> customerIds, Instant asOf) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.<Object[]>createNativeQuery("""
                        select distinct on (customer_id) customer_id, csat, responded_at
                        from survey_response
                        where customer_id in (:ids) and csat is not null and responded_at <= :asOf
                        order by customer_id, responded_at desc, response_id desc""")
                        .setParameter("ids", customerIds)
                        .setParameter("asOf", OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC))
                        .getResultList())
                .map(rows -> {
                    Map<String, CsatResponse> result = new HashMap<>();
                    for (Object[] row : rows) {
                        result.put((String) row[0], new CsatResponse(((Number) row[1]).intValue(),
                                ClvModelRepository.instant(row[2])));
                    }
                    return result;
                });
    }

    /** The features in {@code row} from column {@code at} on, in {@link #FEATURE_COLUMNS} order. */
    private static InteractionFeatures features(Object[] row, int at, ZoneId zone) {
        ZonedDateTime local = ClvModelRepository.instant(row[at + 11]).atZone(zone);
        return new InteractionFeatures(Channel.valueOf((String) row[at]), Direction.valueOf((String) row[at + 1]),
                (String) row[at + 2], integer(row[at + 3]), integer(row[at + 4]), integer(row[at + 5]),
                integer(row[at + 6]), (Boolean) row[at + 7], ((Number) row[at + 8]).intValue(), (Boolean) row[at + 9],
                (Boolean) row[at + 12], row[at + 10] == null ? null : ((Number) row[at + 10]).doubleValue(),
                local.getHour(), local.getDayOfWeek());
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }
}
