package io.cxvalue.scoring.repository;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.IdentityKind;
import io.cxvalue.scoring.ContactLogEntry;
import io.cxvalue.scoring.CustomerScore;
import io.cxvalue.scoring.SurveyResponse;
import io.cxvalue.scoring.model.cx.CxScore;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the caller card reads, in one prepared statement on a reactive PostgreSQL pool of its own (datasource
 * {@code card}, so that the outbox relay, consumers and scoring runs never queue it): the survivor of the
 * customer asked for (or of the customer an identity belongs to), its contacts in the contact window, its survey
 * answers, its latest scores and whether scoring knows it at all.
 *
 * <p>The card is read on every incoming call, so it bypasses Hibernate: one round trip and no ORM query-plan lookups
 * (which cost several times the query itself). The rows are the same the state API reads through Hibernate.
 */
@ApplicationScoped
public class CallerCardRepository {

    /**
     * What the card is built from.
     *
     * @param customerId the survivor
     * @param known      whether scoring has heard of the customer at all (profile, contact, answer, transaction)
     * @param contacts   contacts in the window, latest first
     * @param responses  survey answers up to the instant
     * @param score      the latest scores, or null
     */
    public record CardInputs(String customerId, boolean known, List<ContactLogEntry> contacts,
            List<SurveyResponse> responses, CustomerScore score) {
    }

    private static final String BY_ID_TARGET = """
            select coalesce((select a.survivor_id from customer_alias a where a.merged_id = $1), $1) as id""";

    private static final String BY_IDENTITY_TARGET = """
            select coalesce((select a.survivor_id from customer_alias a where a.merged_id = i.customer_id),
                            i.customer_id) as id
            from customer_identity i where i.kind = $1 and i.value = $4""";

    /** The statement after the target CTE; $2 and $3 bound the contact window ($2, $3]. */
    private static final String CARD = """
            select t.id,
                exists (select 1 from customer where customer_id = t.id)
                    or exists (select 1 from customer_contact_summary where customer_id = t.id)
                    or exists (select 1 from customer_transaction where customer_id = t.id) as known,
                (select json_agg(json_build_array(l.interaction_id, l.started_at, l.channel, l.direction,
                            l.contact_reason, l.resolved, l.sentiment, l.transfers, l.queue_seconds, l.handle_seconds,
                            l.abandoned, l.talk_seconds, l.hold_seconds, l.after_work_seconds)
                            order by l.started_at desc, l.interaction_id)
                    from contact_log l
                    where l.customer_id = t.id and l.started_at > $2 and l.started_at <= $3) as contacts,
                (select json_agg(json_build_array(r.response_id, r.interaction_id, r.responded_at, r.csat, r.nps,
                            r.ces, r.felt_valued))
                    from survey_response r where r.customer_id = t.id and r.responded_at <= $3) as responses,
                s.model_version, s.x, s.t_x, s.t_cal, s.horizon_months, s.expected_transactions, s.p_alive,
                s.expected_spend, s.clv, s.currency, s.value_tier, s.churn_risk, s.scored_at, s.cx_source,
                s.cx_satisfaction, s.cx_model_version
            from target t left join customer_score s on s.customer_id = t.id""";

    private final Pool pool;

    public CallerCardRepository(@ReactiveDataSource("card") Pool pool) {
        this.pool = pool;
    }

    /** The inputs of the card of {@code customerId} (or its survivor); contacts in {@code (from, asOf]}. */
    public Uni<CardInputs> byCustomerId(String customerId, Instant from, Instant asOf) {
        return read("with target as (" + BY_ID_TARGET + ")\n" + CARD,
                Tuple.of(customerId, utc(from), utc(asOf)));
    }

    /** The inputs of the card of the customer the identity belongs to; a null item when it belongs to nobody. */
    public Uni<CardInputs> byIdentity(IdentityKind kind, String value, Instant from, Instant asOf) {
        return read("with target as (" + BY_IDENTITY_TARGET + ")\n" + CARD,
                Tuple.of(kind.name(), utc(from), utc(asOf), value));
    }

    private Uni<CardInputs> read(String sql, Tuple parameters) {
        return pool.preparedQuery(sql).execute(parameters).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? inputs(it.next()) : null;
        });
    }

    private static CardInputs inputs(Row row) {
        String id = row.getString("id");
        List<ContactLogEntry> contacts = new ArrayList<>();
        JsonArray contactRows = (JsonArray) row.getValue("contacts");
        if (contactRows != null) {
            for (int i = 0; i < contactRows.size(); i++) {
                JsonArray c = contactRows.getJsonArray(i);
                contacts.add(ContactLogEntry.stored(c.getString(0), id, instant(c.getString(1)),
                        Channel.valueOf(c.getString(2)), Direction.valueOf(c.getString(3)), c.getString(4),
                        c.getBoolean(5), c.getDouble(6), c.getInteger(7), c.getInteger(8), c.getInteger(9),
                        c.getBoolean(10), c.getInteger(11), c.getInteger(12), c.getInteger(13)));
            }
        }
        List<SurveyResponse> responses = new ArrayList<>();
        JsonArray responseRows = (JsonArray) row.getValue("responses");
        if (responseRows != null) {
            for (int i = 0; i < responseRows.size(); i++) {
                JsonArray r = responseRows.getJsonArray(i);
                responses.add(SurveyResponse.stored(r.getString(0), id, r.getString(1), instant(r.getString(2)),
                        r.getInteger(3), r.getInteger(4), r.getInteger(5), r.getInteger(6)));
            }
        }
        CustomerScore score = row.getString("model_version") == null ? null : new CustomerScore(id,
                row.getString("model_version"), row.getInteger("x"), row.getDouble("t_x"), row.getDouble("t_cal"),
                row.getInteger("horizon_months"), row.getDouble("expected_transactions"), row.getDouble("p_alive"),
                row.getBigDecimal("expected_spend"), row.getBigDecimal("clv"), row.getString("currency"),
                row.getString("value_tier"), row.getString("churn_risk"),
                row.getOffsetDateTime("scored_at").toInstant(), CxScore.Source.valueOf(row.getString("cx_source")),
                row.getDouble("cx_satisfaction"), row.getString("cx_model_version"));
        return new CardInputs(id, Boolean.TRUE.equals(row.getBoolean("known")), contacts, responses, score);
    }

    /** A timestamptz as PostgreSQL writes it in JSON (ISO 8601 with an offset). */
    private static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
