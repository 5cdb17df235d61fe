package io.cxvalue.experiment.repository;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Eligibility;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.experiment.exposure.Exposure;
import io.cxvalue.experiment.outcome.CustomerEvent;
import io.cxvalue.experiment.outcome.CustomerOutcome;
import io.cxvalue.experiment.outcome.ExposureOutcome;
import io.cxvalue.experiment.outcome.Measure;
import io.cxvalue.experiment.outcome.StatsKey;
import io.cxvalue.experiment.stats.MetricStats;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The outcome path's store (customer_event, exposure outcomes, variant_stats), set-based: every method is one
 * statement for a whole batch, on the connection of the caller's transaction.
 */
@ApplicationScoped
public class OutcomeRepository {


    /**
     * Serializes the batch with any other writer of these customers' outcomes (another instance's batch) until the
     * transaction ends; locks are taken in one order so two batches cannot deadlock.
     */
    public Uni<Void> lockCustomers(SqlConnection connection, Collection<String> customerIds) {
        return connection.preparedQuery("""
                        select count(pg_advisory_xact_lock(k)) from (
                            select distinct hashtextextended(c, 7177) as k from unnest($1::text[]) c order by k) keys""")
                .execute(Tuple.of(customerIds.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Stores the events not stored before; those that are new (an event twice in the batch counts once). */
    public Uni<List<CustomerEvent>> insertNew(SqlConnection connection, List<CustomerEvent> events) {
        int n = events.size();
        String[] customers = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        Long[] keys = new Long[n];
        String[] kinds = new String[n];
        String[] reasons = new String[n];
        Integer[] handle = new Integer[n];
        Boolean[] abandoned = new Boolean[n];
        Integer[] csat = new Integer[n];
        Integer[] nps = new Integer[n];
        Integer[] ces = new Integer[n];
        Integer[] felt = new Integer[n];
        Double[] amount = new Double[n];
        String[] transactionKind = new String[n];
        Double[] clv = new Double[n];
        Double[] cx = new Double[n];
        String[] channels = new String[n];
        String[] teams = new String[n];
        for (int i = 0; i < n; i++) {
            CustomerEvent e = events.get(i);
            customers[i] = e.customerId();
            times[i] = e.occurredAt().atOffset(ZoneOffset.UTC);
            keys[i] = e.eventKey();
            kinds[i] = e.kind().name();
            reasons[i] = e.contactReason();
            handle[i] = e.handleSeconds();
            abandoned[i] = e.abandoned();
            csat[i] = e.csat();
            nps[i] = e.nps();
            ces[i] = e.ces();
            felt[i] = e.feltValued();
            amount[i] = e.amount();
            transactionKind[i] = e.transactionKind() == null ? null : e.transactionKind().name();
            clv[i] = e.clv();
            cx[i] = e.cxScore();
            channels[i] = e.channel() == null ? null : e.channel().name();
            teams[i] = e.teamId();
        }
        return connection.preparedQuery("""
                        insert into customer_event (customer_id, occurred_at, event_key, kind, contact_reason,
                                                    handle_seconds, abandoned, csat, nps, ces, felt_valued, amount,
                                                    transaction_kind, clv, cx_score, channel, team_id)
                        select * from unnest($1::text[], $2::timestamptz[], $3::int8[], $4::text[], $5::text[],
                                             $6::int4[], $7::bool[], $8::int4[], $9::int4[], $10::int4[], $11::int4[],
                                             $12::float8[], $13::text[], $14::float8[], $15::float8[], $16::text[],
                                             $17::text[])
                        on conflict do nothing
                        returning customer_id, event_key""")
                .execute(Tuple.from(new Object[] {customers, times, keys, kinds, reasons, handle, abandoned, csat, nps,
                        ces, felt, amount, transactionKind, clv, cx, channels, teams}))
                .map(rows -> {
                    java.util.Set<List<Object>> stored = new java.util.HashSet<>();
                    // by (customer, key): the stored time is rounded to microseconds
                    rows.forEach(row -> stored.add(List.of(row.getString(0), row.getLong(1))));
                    return events.stream().filter(e -> stored.remove(List.of(e.customerId(), e.eventKey())))
                            .toList();
                });
    }

    /** Each customer's latest value tier (customers never scored are absent). */
    public Uni<Map<String, String>> tiersOf(SqlConnection connection, Collection<String> customerIds) {
        return connection.preparedQuery("select customer_id, value_tier from customer_tier where customer_id = any($1)")
                .execute(Tuple.of(customerIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> tiers = new HashMap<>();
                    rows.forEach(row -> tiers.put(row.getString(0), row.getString(1)));
                    return tiers;
                });
    }

    /**
     * Records the exposures of customers not exposed before; an exposure at an earlier contact than the stored one
     * (events out of order) moves it there, keeping the variant (the hash decides it) and the tier the customer's
     * outcomes are counted under.
     *
     * @return the exposures that are first exposures (their assignments are then published)
     */
    public Uni<List<Exposure>> expose(SqlConnection connection, List<Exposure> exposures) {
        int n = exposures.size();
        String[] experiments = new String[n];
        String[] customers = new String[n];
        String[] variants = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] interactions = new String[n];
        String[] tiers = new String[n];
        for (int i = 0; i < n; i++) {
            Exposure e = exposures.get(i);
            experiments[i] = e.experimentId();
            customers[i] = e.customerId();
            variants[i] = e.variant();
            at[i] = e.exposedAt().atOffset(ZoneOffset.UTC);
            interactions[i] = e.interactionId();
            tiers[i] = e.valueTier();
        }
        return connection.preparedQuery("""
                        insert into exposure (experiment_id, customer_id, variant, exposed_at, interaction_id, value_tier)
                        select * from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[],
                                             $6::text[])
                        on conflict (experiment_id, customer_id) do update
                            set exposed_at = excluded.exposed_at, interaction_id = excluded.interaction_id
                            where exposure.exposed_at > excluded.exposed_at
                        returning experiment_id, customer_id, (xmax = 0) as first""")
                .execute(Tuple.of(experiments, customers, variants, at, interactions, tiers))
                .map(rows -> {
                    Map<List<String>, Exposure> byKey = new HashMap<>();
                    exposures.forEach(e -> byKey.put(List.of(e.experimentId(), e.customerId()), e));
                    List<Exposure> first = new ArrayList<>();
                    rows.forEach(row -> {
                        if (Boolean.TRUE.equals(row.getBoolean("first"))) {
                            first.add(byKey.get(List.of(row.getString(0), row.getString(1))));
                        }
                    });
                    return first;
                });
    }

    /** Stores events in the outbox in the caller's transaction; the relay publishes them after it commits. */
    public Uni<Void> addToOutbox(SqlConnection connection, List<OutboxEvent> events) {
        int n = events.size();
        String[] ids = new String[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            OutboxEvent e = events.get(i);
            ids[i] = e.eventId();
            topics[i] = e.type().topic();
            keys[i] = e.key();
            types[i] = e.type().ceType();
            payloads[i] = e.payload();
            created[i] = e.createdAt().atOffset(ZoneOffset.UTC);
        }
        return connection.preparedQuery("""
                        insert into outbox_event (event_id, topic, event_key, ce_type, payload, created_at)
                        select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                                             $6::timestamptz[])""")
                .execute(Tuple.of(ids, topics, keys, types, payloads, created))
                .replaceWithVoid();
    }

    /** The customers' exposures in experiments that are running or stopped (decided ones are final). */
    public Uni<List<ExposureOutcome>> exposuresOf(SqlConnection connection, Collection<String> customerIds) {
        return connection.preparedQuery("""
                        select e.experiment_id, e.customer_id, e.variant, e.exposed_at, e.value_tier, e.outcome_y,
                               e.outcome_x
                        from exposure e join experiment x on x.id = e.experiment_id
                        where e.customer_id = any($1) and x.state in ('RUNNING', 'STOPPED')""")
                .execute(Tuple.of(customerIds.toArray(String[]::new)))
                .map(rows -> {
                    List<ExposureOutcome> read = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        Double[] y = row.getArrayOfDoubles("outcome_y");
                        Double[] x = row.getArrayOfDoubles("outcome_x");
                        CustomerOutcome stored = y == null || y.length != Measure.count()
                                ? null : new CustomerOutcome(unbox(y), unbox(x));
                        String tier = row.getString("value_tier");
                        read.add(new ExposureOutcome(row.getString("experiment_id"), row.getString("customer_id"),
                                row.getString("variant"), instant(row, "exposed_at"),
                                tier == null ? ExposureOutcome.UNSCORED : tier, stored));
                    }
                    return read;
                });
    }

    /** The definitions (JSON) of the experiments, by id. */
    public Uni<Map<String, String>> definitions(SqlConnection connection, Collection<String> experimentIds) {
        return connection.preparedQuery("select id, definition::text from experiment where id = any($1)")
                .execute(Tuple.of(experimentIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> read = new HashMap<>();
                    rows.forEach(row -> read.put(row.getString(0), row.getString(1)));
                    return read;
                });
    }

    /**
     * Each customer's events in [from, until), and their latest score before {@code from}: what their outcomes read.
     */
    public Uni<Map<String, List<CustomerEvent>>> histories(SqlConnection connection, List<String> customerIds,
            List<Instant> from, List<Instant> until) {
        return connection.preparedQuery("""
                        select ev.* from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) r(c, f, u)
                        join customer_event ev on ev.customer_id = r.c and ev.occurred_at >= r.f and ev.occurred_at < r.u
                        union all
                        select s.* from unnest($1::text[], $2::timestamptz[]) r(c, f)
                        cross join lateral (select * from customer_event ev
                                            where ev.customer_id = r.c and ev.kind = 'SCORE' and ev.occurred_at < r.f
                                            order by ev.occurred_at desc limit 1) s""")
                .execute(Tuple.of(customerIds.toArray(String[]::new), offsets(from), offsets(until)))
                .map(rows -> {
                    Map<String, List<CustomerEvent>> byCustomer = new HashMap<>();
                    rows.forEach(row -> {
                        CustomerEvent e = event(row);
                        byCustomer.computeIfAbsent(e.customerId(), c -> new ArrayList<>()).add(e);
                    });
                    return byCustomer;
                });
    }

    /** Stores the exposures' new outcomes. */
    public Uni<Void> storeOutcomes(SqlConnection connection, List<ExposureOutcome> exposures,
            List<CustomerOutcome> outcomes) {
        int n = exposures.size();
        String[] experiments = new String[n];
        String[] customers = new String[n];
        String[] ys = new String[n];
        String[] xs = new String[n];
        for (int i = 0; i < n; i++) {
            experiments[i] = exposures.get(i).experimentId();
            customers[i] = exposures.get(i).customerId();
            ys[i] = arrayLiteral(outcomes.get(i).y());
            xs[i] = arrayLiteral(outcomes.get(i).x());
        }
        return connection.preparedQuery("""
                        update exposure e set outcome_y = u.y::float8[], outcome_x = u.x::float8[]
                        from unnest($1::text[], $2::text[], $3::text[], $4::text[]) u(experiment_id, customer_id, y, x)
                        where e.experiment_id = u.experiment_id and e.customer_id = u.customer_id""")
                .execute(Tuple.of(experiments, customers, ys, xs))
                .replaceWithVoid();
    }

    /** Creates the missing statistics rows (empty), then locks and reads all of them in key order. */
    public Uni<Map<StatsKey, MetricStats>> lockStats(SqlConnection connection, SortedSet<StatsKey> keys) {
        Tuple keyArrays = keyArrays(keys);
        return connection.preparedQuery("""
                        insert into variant_stats (experiment_id, variant, value_tier, measure, n, mean_y, mean_x,
                                                   ssd_y, ssd_x, scd_xy)
                        select k.*, 0, 0, 0, 0, 0, 0 from unnest($1::text[], $2::text[], $3::text[], $4::text[]) k
                        on conflict do nothing""")
                .execute(keyArrays)
                .chain(() -> connection.preparedQuery("""
                                select s.* from variant_stats s
                                join unnest($1::text[], $2::text[], $3::text[], $4::text[]) k(e, v, t, m)
                                  on s.experiment_id = k.e and s.variant = k.v and s.value_tier = k.t and s.measure = k.m
                                order by s.experiment_id, s.variant, s.value_tier, s.measure
                                for update of s""")
                        .execute(keyArrays))
                .map(rows -> {
                    Map<StatsKey, MetricStats> read = new HashMap<>();
                    rows.forEach(row -> read.put(statsKey(row), stats(row)));
                    return read;
                });
    }

    /** Writes the statistics (rows locked by {@link #lockStats}). */
    public Uni<Void> storeStats(SqlConnection connection, Map<StatsKey, MetricStats> stats) {
        int n = stats.size();
        Double[][] columns = new Double[6][n];
        int i = 0;
        for (MetricStats s : stats.values()) {
            columns[0][i] = (double) s.count();
            columns[1][i] = s.mean();
            columns[2][i] = s.meanX();
            columns[3][i] = s.sumSquaredDeviations();
            columns[4][i] = s.sumSquaredDeviationsX();
            columns[5][i] = s.sumCrossDeviations();
            i++;
        }
        Tuple keys = keyArrays(stats.keySet());
        for (Double[] column : columns) {
            keys.addArrayOfDouble(column);
        }
        return connection.preparedQuery("""
                        update variant_stats s set n = u.n::int8, mean_y = u.my, mean_x = u.mx, ssd_y = u.sy,
                                                   ssd_x = u.sx, scd_xy = u.sxy
                        from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[],
                                    $7::float8[], $8::float8[], $9::float8[], $10::float8[])
                             u(e, v, t, m, n, my, mx, sy, sx, sxy)
                        where s.experiment_id = u.e and s.variant = u.v and s.value_tier = u.t and s.measure = u.m""")
                .execute(keys)
                .replaceWithVoid();
    }

    /** Every statistics row of the experiment. */
    public Uni<Map<StatsKey, MetricStats>> statsOf(SqlConnection connection, String experimentId) {
        return connection.preparedQuery("select * from variant_stats where experiment_id = $1")
                .execute(Tuple.of(experimentId))
                .map(rows -> {
                    Map<StatsKey, MetricStats> read = new HashMap<>();
                    rows.forEach(row -> {
                        StatsKey key = statsKey(row);
                        if (key != null) {
                            read.put(key, stats(row));
                        }
                    });
                    return read;
                });
    }

    /** A customer of the plan's cohort: their first eligible contact in the cohort period. */
    public record CohortMember(String customerId, Instant firstContactAt) {
    }

    private static final String COHORT = """
            with eligible as (
                select ev.customer_id, min(ev.occurred_at) as first_at
                from customer_event ev
                where ev.kind = 'CONTACT' and ev.occurred_at >= $1 and ev.occurred_at < $2
                  and (cardinality($3::text[]) = 0 or ev.channel = any($3))
                  and (cardinality($4::text[]) = 0 or ev.contact_reason = any($4))
                  and (cardinality($5::text[]) = 0 or ev.team_id = any($5))
                group by ev.customer_id)
            select e.customer_id, e.first_at from eligible e
            left join customer_tier t on t.customer_id = e.customer_id
            where cardinality($6::text[]) = 0 or t.value_tier = any($6)
            """;

    /**
     * How many customers had a contact in [from, until) that the eligibility admits (channel, reason and team of the
     * contact; the customer's tier as last scored).
     */
    public Uni<Long> cohortSize(SqlConnection connection, Instant from, Instant until, Eligibility eligibility) {
        return connection.preparedQuery("select count(*) from (" + COHORT + ") cohort")
                .execute(cohortParameters(from, until, eligibility))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Up to {@code limit} of those customers, a pseudo-random sample independent of any experiment's salt. */
    public Uni<List<CohortMember>> cohortSample(SqlConnection connection, Instant from, Instant until,
            Eligibility eligibility, int limit) {
        Tuple parameters = cohortParameters(from, until, eligibility).addInteger(limit);
        return connection.preparedQuery(COHORT + " order by hashtextextended(e.customer_id, 11) limit $7")
                .execute(parameters)
                .map(rows -> {
                    List<CohortMember> sample = new ArrayList<>(rows.size());
                    rows.forEach(row -> sample.add(new CohortMember(row.getString(0), instant(row, "first_at"))));
                    return sample;
                });
    }

    private static Tuple cohortParameters(Instant from, Instant until, Eligibility eligibility) {
        return Tuple.of(from.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC),
                eligibility.channels().stream().map(Channel::name).toArray(String[]::new),
                eligibility.contactReasons().toArray(String[]::new), eligibility.teams().toArray(String[]::new))
                .addArrayOfString(eligibility.valueTiers().toArray(String[]::new));
    }

    /** Per assigned variant: the contacts reported under a variant of the experiment, and how many under that one. */
    public Uni<Map<String, long[]>> compliance(SqlConnection connection, String experimentId) {
        return connection.preparedQuery("""
                        select assigned_variant, reported_contacts, compliant_contacts from variant_compliance
                        where experiment_id = $1""")
                .execute(Tuple.of(experimentId))
                .map(rows -> {
                    Map<String, long[]> read = new HashMap<>();
                    rows.forEach(row -> read.put(row.getString(0), new long[] {row.getLong(1), row.getLong(2)}));
                    return read;
                });
    }

    /** The first and last exposure of the experiment; empty when none. */
    public Uni<java.util.Optional<Instant[]>> exposureSpan(SqlConnection connection, String experimentId) {
        return connection.preparedQuery(
                        "select min(exposed_at) as first, max(exposed_at) as last from exposure where experiment_id = $1")
                .execute(Tuple.of(experimentId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return row.getOffsetDateTime("first") == null
                            ? java.util.Optional.empty()
                            : java.util.Optional.of(new Instant[] {instant(row, "first"), instant(row, "last")});
                });
    }

    private static Tuple keyArrays(Collection<StatsKey> keys) {
        int n = keys.size();
        String[] experiments = new String[n];
        String[] variants = new String[n];
        String[] tiers = new String[n];
        String[] measures = new String[n];
        int i = 0;
        for (StatsKey k : keys) {
            experiments[i] = k.experimentId();
            variants[i] = k.variant();
            tiers[i] = k.valueTier();
            measures[i] = k.measure().name();
            i++;
        }
        return Tuple.of(experiments, variants, tiers, measures);
    }

    private static StatsKey statsKey(Row row) {
        Measure measure;
        try {
            measure = Measure.valueOf(row.getString("measure"));
        } catch (IllegalArgumentException e) {
            return null; // a measure this version does not know (rolled back after an upgrade): not shown
        }
        return new StatsKey(row.getString("experiment_id"), row.getString("variant"), row.getString("value_tier"),
                measure);
    }

    private static MetricStats stats(Row row) {
        return new MetricStats(row.getLong("n"), row.getDouble("mean_y"), row.getDouble("mean_x"),
                row.getDouble("ssd_y"), row.getDouble("ssd_x"), row.getDouble("scd_xy"));
    }

    private static CustomerEvent event(Row row) {
        String transactionKind = row.getString("transaction_kind");
        String channel = row.getString("channel");
        return new CustomerEvent(row.getString("customer_id"), instant(row, "occurred_at"), row.getLong("event_key"),
                CustomerEvent.Kind.valueOf(row.getString("kind")), row.getString("contact_reason"),
                row.getInteger("handle_seconds"), row.getBoolean("abandoned"), row.getInteger("csat"),
                row.getInteger("nps"), row.getInteger("ces"), row.getInteger("felt_valued"), row.getDouble("amount"),
                transactionKind == null ? null : TransactionKind.valueOf(transactionKind), row.getDouble("clv"),
                row.getDouble("cx_score"), channel == null ? null : Channel.valueOf(channel), row.getString("team_id"));
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }

    private static OffsetDateTime[] offsets(List<Instant> instants) {
        return instants.stream().map(i -> i.atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new);
    }

    private static double[] unbox(Double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? 0 : values[i];
        }
        return out;
    }

    private static String arrayLiteral(double[] values) {
        StringBuilder b = new StringBuilder(values.length * 8).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(values[i]);
        }
        return b.append('}').toString();
    }
}
