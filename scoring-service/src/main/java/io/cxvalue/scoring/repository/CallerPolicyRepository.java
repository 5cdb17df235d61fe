package io.cxvalue.scoring.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** The stored caller policy ({@code caller_policy}, one row at most), through native queries. */
@ApplicationScoped
public class CallerPolicyRepository {

    /** The stored values; lists are tier or band names. */
    public record Row(List<String> highValueTiers, List<String> lowValueTiers, List<String> takeTimeChurnRisks,
            double negativeSentimentBelow, double cxAvoidBelow, String crossSellEvidence, Instant updatedAt,
            String updatedBy) {
    }

    /** The stored policy, or null when analysts never set one. */
    public Uni<Row> find() {
        return Panache.getSession().chain(session -> session
                        .<Object[]>createNativeQuery("select high_value_tiers, low_value_tiers, take_time_churn_risks,"
                                + " negative_sentiment_below, cx_avoid_below, updated_at, updated_by,"
                                + " cross_sell_evidence"
                                + " from caller_policy where id = 1")
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = rows.get(0);
                    return new Row(split(r[0]), split(r[1]), split(r[2]), ((Number) r[3]).doubleValue(),
                            ((Number) r[4]).doubleValue(), (String) r[7], ClvModelRepository.instant(r[5]),
                            (String) r[6]);
                });
    }

    /** Stores the policy, replacing the previous one. */
    public Uni<Integer> save(Row row) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("""
                        insert into caller_policy (id, high_value_tiers, low_value_tiers, take_time_churn_risks,
                            negative_sentiment_below, cx_avoid_below, updated_at, updated_by, cross_sell_evidence)
                        values (1, :high, :low, :churn, :sentiment, :cx, :at, :by, :evidence)
                        on conflict (id) do update set high_value_tiers = excluded.high_value_tiers,
                            low_value_tiers = excluded.low_value_tiers,
                            take_time_churn_risks = excluded.take_time_churn_risks,
                            negative_sentiment_below = excluded.negative_sentiment_below,
                            cx_avoid_below = excluded.cx_avoid_below, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by, cross_sell_evidence = excluded.cross_sell_evidence""")
                .setParameter("high", String.join(",", row.highValueTiers()))
                .setParameter("low", String.join(",", row.lowValueTiers()))
                .setParameter("churn", String.join(",", row.takeTimeChurnRisks()))
                .setParameter("sentiment", row.negativeSentimentBelow())
                .setParameter("cx", row.cxAvoidBelow())
                .setParameter("at", OffsetDateTime.ofInstant(row.updatedAt(), ZoneOffset.UTC))
                .setParameter("by", row.updatedBy())
                .setParameter("evidence", row.crossSellEvidence())
                .executeUpdate());
    }

    /** Removes the stored policy: the configured defaults apply again. */
    public Uni<Integer> delete() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("delete from caller_policy").executeUpdate());
    }

    private static List<String> split(Object value) {
        String s = (String) value;
        return s.isEmpty() ? List.of() : Arrays.stream(s.split(",")).map(String::strip).toList();
    }
}
