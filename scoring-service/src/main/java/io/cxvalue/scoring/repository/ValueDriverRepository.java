package io.cxvalue.scoring.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxvalue.scoring.model.value.CustomerPeriod;
import io.cxvalue.scoring.model.value.Experience;
import io.cxvalue.scoring.model.value.ValueDriverReport;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the value-driver analysis reads (each customer's period, set-based in one query) and the analyses kept
 * ({@code value_driver_report}), through native queries in Panache's current session.
 */
@ApplicationScoped
public class ValueDriverRepository {

    /** The experiences in the order the query returns their columns (the reason of the first contact with it). */
    private static final List<Experience> EXPERIENCE_COLUMNS = List.of(Experience.UNRESOLVED,
            Experience.REPEAT_CONTACT, Experience.TRANSFERRED, Experience.LONG_WAIT, Experience.ABANDONED,
            Experience.NEGATIVE_SENTIMENT, Experience.LOW_CSAT);

    /**
     * Contacts of the period before and the period itself, under the customer's surviving id; a contact repeats one
     * about the same reason within the repeat window (the previous may be in the period before); a low CSAT is an
     * answer about the contact given before the outcome period ends. Per customer with a contact in the period: the
     * reason of the first contact with each experience ({@code ""} for none recorded, null when none had it), the
     * modal channel and reason, and the lifetime value as scored. Only the customers whose draw (a hash of
     * the surviving id, so the same data give the same sample) is below {@code drawBelow} out of 2^31 are read,
     * through the covering draw indexes (V12): at a large centre a random sample of about {@code max-customers},
     * which is what the models fit on and all the service's heap holds; the population is estimated as the sample
     * over the sampling fraction (exact when every customer is drawn). The purchases ({@link #PURCHASES}) are read
     * beside it, on a connection of their own, and joined by customer here.
     */
    private static final String EXPERIENCES = """
            with sampled_alias as (
                select merged_id, survivor_id from customer_alias
                where (hashtext(survivor_id) & 2147483647) < cast(:drawBelow as bigint)
            ), contact_row as (
                select l.customer_id, l.interaction_id, l.started_at, l.channel, l.contact_reason, l.resolved,
                       l.transfers, l.queue_seconds, l.abandoned, l.sentiment
                from contact_log l
                where (hashtext(l.customer_id) & 2147483647) < cast(:drawBelow as bigint)
                  and l.started_at >= :priorFrom and l.started_at < :outcomeFrom
                union all
                select l.customer_id, l.interaction_id, l.started_at, l.channel, l.contact_reason, l.resolved,
                       l.transfers, l.queue_seconds, l.abandoned, l.sentiment
                from contact_log l join sampled_alias s on s.merged_id = l.customer_id
                where (hashtext(l.customer_id) & 2147483647) >= cast(:drawBelow as bigint)
                  and l.started_at >= :priorFrom and l.started_at < :outcomeFrom
            ), contact as (
                select coalesce(a.survivor_id, l.customer_id) as customer_id, l.interaction_id, l.started_at,
                       l.channel, l.contact_reason, l.resolved, l.transfers, l.queue_seconds, l.abandoned,
                       l.sentiment, l.started_at >= :experienceFrom as in_period
                from contact_row l
                left join customer_alias a on a.merged_id = l.customer_id
                where (hashtext(coalesce(a.survivor_id, l.customer_id)) & 2147483647) < cast(:drawBelow as bigint)
            ), flagged as (
                select c.*, coalesce(c.started_at - lag(c.started_at) over (
                           partition by c.customer_id, c.contact_reason order by c.started_at, c.interaction_id)
                           <= make_interval(secs => cast(:repeatSeconds as double precision)), false) as repeat_contact,
                       exists (select 1 from survey_response s
                               where s.interaction_id = c.interaction_id and s.csat is not null
                                 and s.csat <= :lowCsat and s.responded_at < :outcomeTo) as low_csat
                from contact c
            ), experience as (
                select customer_id,
                       count(*) filter (where in_period) as period_contacts,
                       count(*) filter (where not in_period) as prior_contacts,
                       (array_agg(coalesce(contact_reason, '') order by started_at)
                           filter (where in_period and resolved = false))[1] as unresolved,
                       (array_agg(coalesce(contact_reason, '') order by started_at)
                           filter (where in_period and repeat_contact))[1] as repeat_contact,
                       (array_agg(coalesce(contact_reason, '') order by started_at)
                           filter (where in_period and transfers > 0))[1] as transferred,
                       (array_agg(coalesce(contact_reason, '') order by started_at)
                           filter (where in_period and queue_seconds >= :longWaitSeconds))[1] as long_wait,
                       (array_agg(coalesce(contact_reason, '') order by started_at)
                           filter (where in_period and abandoned))[1] as abandoned,
                       (array_agg(coalesce(contact_reason, '') order by started_at)
                           filter (where in_period and sentiment < :negativeBelow))[1] as negative_sentiment,
                       (array_agg(coalesce(contact_reason, '') order by started_at)
                           filter (where in_period and low_csat))[1] as low_csat,
                       mode() within group (order by channel) filter (where in_period) as main_channel,
                       mode() within group (order by contact_reason) filter (where in_period) as main_reason
                from flagged
                group by customer_id
                having count(*) filter (where in_period) > 0
            )
            select e.customer_id, e.period_contacts, e.prior_contacts, e.unresolved, e.repeat_contact,
                   e.transferred, e.long_wait, e.abandoned, e.negative_sentiment, e.low_csat, e.main_channel,
                   e.main_reason, s.clv, s.currency
            from experience e
            left join customer_score s on s.customer_id = e.customer_id""";

    /** The same sample's purchases: the first, the net spend of the year before the period and of the next. */
    private static final String PURCHASES = """
            with sampled_alias as (
                select merged_id, survivor_id from customer_alias
                where (hashtext(survivor_id) & 2147483647) < cast(:drawBelow as bigint)
            ), money as (
                select coalesce(a.survivor_id, t.customer_id) as customer_id,
                       min(t.occurred_at) filter (where t.kind = 'PURCHASE') as first_purchase_at,
                       coalesce(sum(case when t.kind = 'PURCHASE' then t.amount else -t.amount end)
                           filter (where t.occurred_at >= :spendFrom and t.occurred_at < :experienceFrom), 0)
                           as prior_spend,
                       count(*) filter (where t.kind = 'PURCHASE' and t.occurred_at >= :outcomeFrom) as next_purchases,
                       coalesce(sum(case when t.kind = 'PURCHASE' then t.amount else -t.amount end)
                           filter (where t.occurred_at >= :outcomeFrom), 0) as next_spend
                from (select t.customer_id, t.kind, t.amount, t.occurred_at from customer_transaction t
                      where (hashtext(t.customer_id) & 2147483647) < cast(:drawBelow as bigint)
                        and t.occurred_at < :outcomeTo
                      union all
                      select t.customer_id, t.kind, t.amount, t.occurred_at
                      from customer_transaction t join sampled_alias s on s.merged_id = t.customer_id
                      where (hashtext(t.customer_id) & 2147483647) >= cast(:drawBelow as bigint)
                        and t.occurred_at < :outcomeTo) t
                left join customer_alias a on a.merged_id = t.customer_id
                where (hashtext(coalesce(a.survivor_id, t.customer_id)) & 2147483647) < cast(:drawBelow as bigint)
                group by 1
            )
            select customer_id, first_purchase_at, prior_spend, next_purchases, next_spend
            from money
            where first_purchase_at < :outcomeFrom""";

    private final ObjectMapper json;
    private final Mutiny.SessionFactory sessions;

    public ValueDriverRepository(ObjectMapper json, Mutiny.SessionFactory sessions) {
        this.json = json;
        this.sessions = sessions;
    }

    /** What the analysis reads: the thresholds that make an experience. */
    public record Definitions(Duration repeatWindow, Duration longWait, double negativeSentimentBelow,
            int lowCsatAtMost) {
    }

    /**
     * The customers' periods, and the currency their lifetime values are scored in (the most common one; a value
     * scored in another is left out), null when none is scored.
     */
    public record Periods(List<CustomerPeriod> periods, long population, String clvCurrency) {
    }

    /**
     * Customers with a contact in the period among those whose draw is below {@code drawBelow}: the pilot that sizes
     * the sample, first over 1 % of the draws (read from the draw index), then over all of them when that counted
     * too few to estimate from (a small centre, where counting them all is cheap).
     */
    private static final String PILOT = """
            select count(distinct coalesce(a.survivor_id, l.customer_id))
            from contact_log l
            left join customer_alias a on a.merged_id = l.customer_id
            where (hashtext(l.customer_id) & 2147483647) < cast(:drawBelow as bigint)
              and l.started_at >= :experienceFrom and l.started_at < :outcomeFrom""";

    /** Draws are 31-bit: a customer is in a sample of fraction f when its draw is below f * 2^31. */
    static final long DRAWS = 1L << 31;
    private static final long PILOT_DRAW_BELOW = DRAWS / 100;
    /** A 1 % pilot that counts fewer is followed by a full count (400 counted: a relative error of about 5 %). */
    private static final long PILOT_ENOUGH = 400;

    /**
     * Memory for the analysis's sorts and hashes (PostgreSQL's default of 4 MB sends a 50,000-customer sample's
     * sorts to disk and its bitmap scans lossy), and a plan for the draw actually bound (a cached generic plan knows
     * no fraction and would scan the whole year); set for its transaction alone.
     */
    private static final String WORK_MEM = "select set_config('work_mem', '64MB', true), "
            + "set_config('plan_cache_mode', 'force_custom_plan', true)";

    /** The sampling fraction, out of {@link #DRAWS}, that gives about {@code maxCustomers} of {@code estimated}. */
    static long drawBelow(long estimated, int maxCustomers) {
        return estimated <= maxCustomers ? DRAWS : Math.max(1, DRAWS * maxCustomers / estimated);
    }

    /**
     * Every customer with a contact in the period and a purchase before its end, with the next period's outcome: the
     * sample's experiences and purchases read side by side, each in a transaction of its own (two connections, two
     * of the database's cores).
     */
    public Uni<Periods> periods(ValueDriverReport.Period period, Instant priorFrom, Instant spendFrom,
            Definitions definitions, int maxCustomers) {
        return inOwnTransaction(session -> pilot(session, period, PILOT_DRAW_BELOW)
                        .chain(piloted -> piloted >= PILOT_ENOUGH
                                ? Uni.createFrom().item(piloted * (DRAWS / PILOT_DRAW_BELOW))
                                : pilot(session, period, DRAWS)))
                .map(estimated -> drawBelow(estimated, maxCustomers))
                .chain(drawBelow -> Uni.combine().all().unis(
                        inOwnTransaction(session -> session.<Object[]>createNativeQuery(EXPERIENCES)
                                .setParameter("priorFrom", utc(priorFrom))
                                .setParameter("experienceFrom", utc(period.experienceFrom()))
                                .setParameter("outcomeFrom", utc(period.outcomeFrom()))
                                .setParameter("outcomeTo", utc(period.outcomeTo()))
                                .setParameter("repeatSeconds", (double) definitions.repeatWindow().toSeconds())
                                .setParameter("longWaitSeconds", (int) definitions.longWait().toSeconds())
                                .setParameter("negativeBelow", definitions.negativeSentimentBelow())
                                .setParameter("lowCsat", definitions.lowCsatAtMost())
                                .setParameter("drawBelow", drawBelow)
                                .getResultList()),
                        inOwnTransaction(session -> session.<Object[]>createNativeQuery(PURCHASES)
                                .setParameter("experienceFrom", utc(period.experienceFrom()))
                                .setParameter("outcomeFrom", utc(period.outcomeFrom()))
                                .setParameter("outcomeTo", utc(period.outcomeTo()))
                                .setParameter("spendFrom", utc(spendFrom))
                                .setParameter("drawBelow", drawBelow)
                                .getResultList()))
                        .combinedWith((experiences, purchases) -> periods(experiences, purchases, drawBelow,
                                period.experienceFrom())));
    }

    /** The customers with both experiences and purchases, in customer order (the fits see the same rows each run). */
    private static Periods periods(List<Object[]> experiences, List<Object[]> purchases, long drawBelow,
            Instant experienceFrom) {
        Map<String, Object[]> bought = new HashMap<>(purchases.size() * 2);
        purchases.forEach(row -> bought.put((String) row[0], row));
        List<Object[]> rows = new ArrayList<>();
        Map<String, Integer> currencies = new HashMap<>();
        for (Object[] e : experiences) {
            Object[] m = bought.get((String) e[0]);
            if (m == null) {
                continue;
            }
            rows.add(new Object[] {e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9], e[10], e[11], m[1],
                    m[2], m[3], m[4], e[12], e[13]});
            if (e[13] != null) {
                currencies.merge((String) e[13], 1, Integer::sum);
            }
        }
        rows.sort(Comparator.comparing(row -> (String) row[0]));
        // The most common; ties to the first in alphabetical order.
        String currency = null;
        for (Map.Entry<String, Integer> c : new TreeMap<>(currencies).entrySet()) {
            if (currency == null || c.getValue() > currencies.get(currency)) {
                currency = c.getKey();
            }
        }
        List<CustomerPeriod> result = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            result.add(period(row, experienceFrom, currency));
        }
        return new Periods(result, Math.round(rows.size() * (double) DRAWS / drawBelow), currency);
    }

    /** {@code work} in a session and transaction of its own, with the analysis's {@link #WORK_MEM}. */
    private <T> Uni<T> inOwnTransaction(Function<Mutiny.Session, Uni<T>> work) {
        return sessions.openSession().chain(session -> session.withTransaction(tx -> session
                        .createNativeQuery(WORK_MEM).getSingleResult().chain(() -> work.apply(session)))
                .eventually(session::close));
    }

    private static Uni<Long> pilot(Mutiny.Session session, ValueDriverReport.Period period, long drawBelow) {
        return session.createNativeQuery(PILOT)
                .setParameter("drawBelow", drawBelow)
                .setParameter("experienceFrom", utc(period.experienceFrom()))
                .setParameter("outcomeFrom", utc(period.outcomeFrom()))
                .getSingleResult()
                .map(count -> ((Number) count).longValue());
    }

    private static CustomerPeriod period(Object[] row, Instant experienceFrom, String currency) {
        Map<Experience, String> experiences = new EnumMap<>(Experience.class);
        for (int e = 0; e < EXPERIENCE_COLUMNS.size(); e++) {
            if (row[3 + e] != null) {
                experiences.put(EXPERIENCE_COLUMNS.get(e), (String) row[3 + e]);
            }
        }
        Instant firstPurchase = ClvModelRepository.instant(row[12]);
        double tenureDays = Math.max(0, Duration.between(firstPurchase, experienceFrom).toSeconds() / 86_400.0);
        boolean valued = row[16] != null && currency != null && currency.equals(row[17]);
        return new CustomerPeriod((String) row[0], experiences, (String) row[10], (String) row[11],
                ((Number) row[1]).intValue(), ((Number) row[2]).intValue(), tenureDays,
                ((Number) row[13]).doubleValue(), ((Number) row[14]).longValue() > 0, ((Number) row[15]).doubleValue(),
                valued ? ((Number) row[16]).doubleValue() : null);
    }

    /** A stored analysis. */
    public record Stored(String id, Instant analysedAt, ValueDriverReport report) {
    }

    public Uni<Void> save(Stored stored) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into value_driver_report (id, analysed_at, outcome_to, months, report)
                        values (:id, :analysedAt, :outcomeTo, :months, cast(cast(:report as text) as jsonb))""")
                        .setParameter("id", stored.id())
                        .setParameter("analysedAt", utc(stored.analysedAt()))
                        .setParameter("outcomeTo", utc(stored.report().period().outcomeTo()))
                        .setParameter("months", stored.report().period().months())
                        .setParameter("report", JsonbColumns.write(json, stored.report()))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The analysis with this id, or null. */
    public Uni<Stored> find(String id) {
        return select("where id = :id", id);
    }

    /** The analysis run last, or null when none was. */
    public Uni<Stored> latest() {
        return select("order by analysed_at desc, id desc limit 1", null);
    }

    private Uni<Stored> select(String tail, String id) {
        return Panache.getSession().chain(session -> {
                    var query = session.<Object[]>createNativeQuery(
                            "select id, analysed_at, cast(report as text) from value_driver_report " + tail);
                    if (id != null) {
                        query.setParameter("id", id);
                    }
                    return query.getResultList();
                })
                .map(rows -> rows.isEmpty() ? null : new Stored((String) rows.get(0)[0],
                        ClvModelRepository.instant(rows.get(0)[1]),
                        JsonbColumns.read(json, (String) rows.get(0)[2], ValueDriverReport.class)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
