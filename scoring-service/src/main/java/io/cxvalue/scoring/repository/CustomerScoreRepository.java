package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.CustomerScore;
import io.cxvalue.scoring.model.cx.CxScore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Customers' CLV scores ({@code customer_score}), through native queries in Panache's current session: a chunk of
 * customers is read with one query and upserted with one multi-row statement.
 */
@ApplicationScoped
public class CustomerScoreRepository {

    private static final String COLUMNS = """
            customer_id, model_version, x, t_x, t_cal, horizon_months, expected_transactions, p_alive, expected_spend,
            clv, currency, value_tier, churn_risk, scored_at, cx_source, cx_satisfaction, cx_model_version""";

    /** The customer's scores, or null. */
    public Uni<CustomerScore> find(String customerId) {
        return Panache.getSession().chain(session -> session
                        .<Object[]>createNativeQuery("select " + COLUMNS + " from customer_score where customer_id = :id")
                        .setParameter("id", customerId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : toScore(rows.get(0)));
    }

    /** The scores of these customers that exist, by customer id. */
    public Uni<Map<String, CustomerScore>> findAll(List<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session
                        .<Object[]>createNativeQuery("select " + COLUMNS
                                + " from customer_score where customer_id in (:ids)")
                        .setParameter("ids", customerIds)
                        .getResultList())
                .map(rows -> {
                    Map<String, CustomerScore> byId = new HashMap<>();
                    for (Object[] row : rows) {
                        CustomerScore s = toScore(row);
                        byId.put(s.customerId(), s);
                    }
                    return byId;
                });
    }

    /** Inserts or replaces the scores in one statement. */
    public Uni<Integer> upsertAll(List<CustomerScore> scores) {
        if (scores.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        StringBuilder sql = new StringBuilder("insert into customer_score (" + COLUMNS + ") values ");
        for (int i = 0; i < scores.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append("(:id").append(i).append(", :v").append(i).append(", :x").append(i).append(", :tx").append(i)
                    .append(", :t").append(i).append(", :h").append(i).append(", :et").append(i).append(", :pa")
                    .append(i).append(", :es").append(i).append(", :clv").append(i).append(", :cur").append(i)
                    .append(", :tier").append(i).append(", :churn").append(i).append(", :at").append(i)
                    .append(", :cxs").append(i).append(", :cx").append(i).append(", :cxv").append(i).append(')');
        }
        sql.append("""
                 on conflict (customer_id) do update set model_version = excluded.model_version, x = excluded.x,
                    t_x = excluded.t_x, t_cal = excluded.t_cal, horizon_months = excluded.horizon_months,
                    expected_transactions = excluded.expected_transactions, p_alive = excluded.p_alive,
                    expected_spend = excluded.expected_spend, clv = excluded.clv, currency = excluded.currency,
                    value_tier = excluded.value_tier, churn_risk = excluded.churn_risk, scored_at = excluded.scored_at,
                    cx_source = excluded.cx_source, cx_satisfaction = excluded.cx_satisfaction,
                    cx_model_version = excluded.cx_model_version""");
        return Panache.getSession().chain(session -> {
            var q = session.createNativeQuery(sql.toString());
            for (int i = 0; i < scores.size(); i++) {
                CustomerScore s = scores.get(i);
                q.setParameter("id" + i, s.customerId())
                        .setParameter("v" + i, s.modelVersion())
                        .setParameter("x" + i, s.x())
                        .setParameter("tx" + i, s.tx())
                        .setParameter("t" + i, s.T())
                        .setParameter("h" + i, s.horizonMonths())
                        .setParameter("et" + i, s.expectedTransactions())
                        .setParameter("pa" + i, s.pAlive())
                        .setParameter("es" + i, s.expectedSpend())
                        .setParameter("clv" + i, s.clv())
                        .setParameter("cur" + i, s.currency())
                        .setParameter("tier" + i, s.valueTier())
                        .setParameter("churn" + i, s.churnRisk())
                        .setParameter("at" + i, OffsetDateTime.ofInstant(s.scoredAt(), ZoneOffset.UTC))
                        .setParameter("cxs" + i, s.cxSource().name())
                        .setParameter("cx" + i, s.cxSatisfaction())
                        .setParameter("cxv" + i, s.cxModelVersion());
            }
            return q.executeUpdate();
        });
    }

    /** Deletes the customer's scores (erasure). */
    public Uni<Integer> deleteCustomer(String customerId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("delete from customer_score where customer_id = :id")
                .setParameter("id", customerId)
                .executeUpdate());
    }

    private static CustomerScore toScore(Object[] row) {
        return new CustomerScore((String) row[0], (String) row[1], ((Number) row[2]).intValue(),
                ((Number) row[3]).doubleValue(), ((Number) row[4]).doubleValue(), ((Number) row[5]).intValue(),
                ((Number) row[6]).doubleValue(), ((Number) row[7]).doubleValue(), decimal(row[8]), decimal(row[9]),
                (String) row[10], (String) row[11], (String) row[12], ClvModelRepository.instant(row[13]),
                CxScore.Source.valueOf((String) row[14]), row[15] == null ? null : ((Number) row[15]).doubleValue(),
                (String) row[16]);
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }
}
