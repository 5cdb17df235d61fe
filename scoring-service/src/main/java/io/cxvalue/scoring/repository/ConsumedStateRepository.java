package io.cxvalue.scoring.repository;

import io.cxvalue.contracts.events.IdentityKind;
import io.cxvalue.scoring.ContactLogEntry;
import io.cxvalue.scoring.CustomerIdentity;
import io.cxvalue.scoring.CustomerContactSummary;
import io.cxvalue.scoring.CustomerTransaction;
import io.cxvalue.scoring.IdentityReplay;
import io.cxvalue.scoring.SurveyResponse;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the state consumers write for a whole poll, set-based: every method is one statement (or a few, for the
 * survivors of merges) on the connection of the caller's transaction, whatever the number of events.
 * <p>
 * The customer locks are the same transaction-scoped advisory locks as {@link CustomerAliasRepository#lock}, so a
 * poll and a merge of one of its customers still commit one after the other.
 */
@ApplicationScoped
public class ConsumedStateRepository {

    /**
     * Locks the customers until the transaction ends (in one order, so two polls cannot deadlock on them) and
     * resolves each to its survivor, locking the survivors too and resolving again until nothing moves. Returns the
     * id each customer's state is kept under.
     */
    public Uni<Map<String, String>> lockAndResolve(SqlConnection connection, Collection<String> customerIds) {
        Set<String> ids = new TreeSet<>(customerIds);
        return lock(connection, ids).chain(() -> resolveLocked(connection, ids, new HashSet<>(ids)));
    }

    private Uni<Map<String, String>> resolveLocked(SqlConnection connection, Set<String> ids, Set<String> locked) {
        return connection.preparedQuery("select merged_id, survivor_id from customer_alias where merged_id = any($1)")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .chain(rows -> {
                    Map<String, String> survivors = new HashMap<>();
                    ids.forEach(id -> survivors.put(id, id));
                    for (Row row : rows) {
                        survivors.put(row.getString(0), row.getString(1));
                    }
                    Set<String> unlocked = new TreeSet<>(survivors.values());
                    unlocked.removeAll(locked);
                    if (unlocked.isEmpty()) {
                        return Uni.createFrom().item(survivors);
                    }
                    locked.addAll(unlocked);
                    return lock(connection, unlocked).chain(() -> resolveLocked(connection, ids, locked));
                });
    }

    private static Uni<Void> lock(SqlConnection connection, Collection<String> ids) {
        return connection.preparedQuery("""
                        select count(pg_advisory_xact_lock(k)) from (
                            select distinct hashtextextended(c, 0) as k from unnest($1::text[]) c order by k) keys""")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Records the event ids not recorded before; returns those (an id twice in the list is new once). */
    public Uni<Set<String>> recordNewEvents(SqlConnection connection, List<String> eventIds, String topic) {
        return connection.preparedQuery("""
                        insert into processed_event (event_id, topic)
                        select e, $2 from unnest($1::text[]) e
                        on conflict do nothing
                        returning event_id""")
                .execute(Tuple.of(eventIds.toArray(String[]::new), topic))
                .map(rows -> {
                    Set<String> added = new HashSet<>();
                    rows.forEach(row -> added.add(row.getString(0)));
                    return added;
                });
    }

    /**
     * Writes the contacts (one per interaction id: the caller keeps the latest report of each); returns the ids of
     * those that were not in the log before.
     */
    public Uni<Set<String>> upsertContacts(SqlConnection connection, Collection<ContactLogEntry> entries) {
        int n = entries.size();
        String[] ids = new String[n];
        String[] customers = new String[n];
        OffsetDateTime[] started = new OffsetDateTime[n];
        String[] channels = new String[n];
        String[] directions = new String[n];
        String[] reasons = new String[n];
        Boolean[] resolved = new Boolean[n];
        Double[] sentiment = new Double[n];
        Integer[] transfers = new Integer[n];
        Integer[] queue = new Integer[n];
        Integer[] handle = new Integer[n];
        Boolean[] abandoned = new Boolean[n];
        Integer[] talk = new Integer[n];
        Integer[] hold = new Integer[n];
        Integer[] afterWork = new Integer[n];
        int i = 0;
        for (ContactLogEntry e : entries) {
            ids[i] = e.interactionId();
            customers[i] = e.customerId();
            started[i] = utc(e.startedAt());
            channels[i] = e.channel().name();
            directions[i] = e.direction().name();
            reasons[i] = e.contactReason();
            resolved[i] = e.resolved();
            sentiment[i] = e.sentiment();
            transfers[i] = e.transfers();
            queue[i] = e.queueSeconds();
            handle[i] = e.handleSeconds();
            abandoned[i] = e.abandoned();
            talk[i] = e.talkSeconds();
            hold[i] = e.holdSeconds();
            afterWork[i] = e.afterWorkSeconds();
            i++;
        }
        return connection.preparedQuery("""
                        insert into contact_log (interaction_id, customer_id, started_at, channel, direction,
                                                 contact_reason, resolved, sentiment, transfers, queue_seconds,
                                                 handle_seconds, abandoned, talk_seconds, hold_seconds,
                                                 after_work_seconds)
                        select * from unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[],
                                             $6::text[], $7::bool[], $8::float8[], $9::int4[], $10::int4[],
                                             $11::int4[], $12::bool[], $13::int4[], $14::int4[], $15::int4[])
                        on conflict (interaction_id) do update set
                            customer_id = excluded.customer_id, started_at = excluded.started_at,
                            channel = excluded.channel, direction = excluded.direction,
                            contact_reason = excluded.contact_reason, resolved = excluded.resolved,
                            sentiment = excluded.sentiment, transfers = excluded.transfers,
                            queue_seconds = excluded.queue_seconds, handle_seconds = excluded.handle_seconds,
                            abandoned = excluded.abandoned, talk_seconds = excluded.talk_seconds,
                            hold_seconds = excluded.hold_seconds, after_work_seconds = excluded.after_work_seconds
                        returning interaction_id, xmax = 0""")
                .execute(Tuple.from(new Object[] {ids, customers, started, channels, directions, reasons, resolved,
                        sentiment, transfers, queue, handle, abandoned, talk, hold, afterWork}))
                .map(rows -> {
                    Set<String> inserted = new HashSet<>();
                    for (Row row : rows) {
                        if (row.getBoolean(1)) {
                            inserted.add(row.getString(0));
                        }
                    }
                    return inserted;
                });
    }

    /**
     * Adds the contacts the given summaries hold (each built from a customer's new contacts of one poll) to the
     * stored summaries, creating those that do not exist: counts add up, the first and last contacts are the
     * earliest and latest of both (on a tie the new one wins, as in {@link CustomerContactSummary#record}).
     */
    public Uni<Void> addToSummaries(SqlConnection connection, Collection<CustomerContactSummary> added) {
        if (added.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = added.size();
        String[] customers = new String[n];
        Long[] contacts = new Long[n];
        Long[] abandoned = new Long[n];
        OffsetDateTime[] first = new OffsetDateTime[n];
        OffsetDateTime[] last = new OffsetDateTime[n];
        String[] lastIds = new String[n];
        String[] lastChannels = new String[n];
        String[] lastReasons = new String[n];
        Double[] lastSentiments = new Double[n];
        List<String> channelCustomers = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        List<Long> channelContacts = new ArrayList<>();
        int i = 0;
        for (CustomerContactSummary s : added) {
            customers[i] = s.customerId();
            contacts[i] = s.contacts();
            abandoned[i] = s.abandonedContacts();
            first[i] = utc(s.firstContactAt());
            last[i] = utc(s.lastContactAt());
            lastIds[i] = s.lastInteractionId();
            lastChannels[i] = s.lastChannel().name();
            lastReasons[i] = s.lastContactReason();
            lastSentiments[i] = s.lastSentiment();
            s.contactsByChannel().forEach((channel, count) -> {
                channelCustomers.add(s.customerId());
                channels.add(channel.name());
                channelContacts.add(count);
            });
            i++;
        }
        return connection.preparedQuery("""
                        insert into customer_contact_summary as s (customer_id, contacts, abandoned_contacts,
                            first_contact_at, last_contact_at, last_interaction_id, last_channel,
                            last_contact_reason, last_sentiment, version)
                        select *, 0 from unnest($1::text[], $2::int8[], $3::int8[], $4::timestamptz[],
                                                $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::float8[])
                        on conflict (customer_id) do update set
                            contacts = s.contacts + excluded.contacts,
                            abandoned_contacts = s.abandoned_contacts + excluded.abandoned_contacts,
                            first_contact_at = least(s.first_contact_at, excluded.first_contact_at),
                            last_contact_at = greatest(s.last_contact_at, excluded.last_contact_at),
                            last_interaction_id = case when excluded.last_contact_at >= s.last_contact_at
                                then excluded.last_interaction_id else s.last_interaction_id end,
                            last_channel = case when excluded.last_contact_at >= s.last_contact_at
                                then excluded.last_channel else s.last_channel end,
                            last_contact_reason = case when excluded.last_contact_at >= s.last_contact_at
                                then excluded.last_contact_reason else s.last_contact_reason end,
                            last_sentiment = case when excluded.last_contact_at >= s.last_contact_at
                                then excluded.last_sentiment else s.last_sentiment end,
                            version = s.version + 1""")
                .execute(Tuple.from(new Object[] {customers, contacts, abandoned, first, last, lastIds, lastChannels,
                        lastReasons, lastSentiments}))
                .chain(() -> connection.preparedQuery("""
                                insert into customer_contact_channel as c (customer_id, channel, contacts)
                                select * from unnest($1::text[], $2::text[], $3::int8[])
                                on conflict (customer_id, channel) do update set contacts = c.contacts + excluded.contacts""")
                        .execute(Tuple.of(channelCustomers.toArray(String[]::new), channels.toArray(String[]::new),
                                channelContacts.toArray(Long[]::new))))
                .replaceWithVoid();
    }

    /** Writes the transactions (one per transaction id: the caller keeps the latest report of each). */
    public Uni<Void> upsertTransactions(SqlConnection connection, Collection<CustomerTransaction> transactions) {
        if (transactions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = transactions.size();
        String[] ids = new String[n];
        String[] customers = new String[n];
        String[] kinds = new String[n];
        String[] amounts = new String[n];
        String[] currencies = new String[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        String[] cancels = new String[n];
        String[] originating = new String[n];
        int i = 0;
        for (CustomerTransaction t : transactions) {
            ids[i] = t.transactionId();
            customers[i] = t.customerId();
            kinds[i] = t.kind().name();
            // As text: the exact decimal, whatever its scale.
            amounts[i] = t.amount().toPlainString();
            currencies[i] = t.currency();
            occurred[i] = utc(t.occurredAt());
            cancels[i] = t.cancelsTransactionId();
            originating[i] = t.originatingInteractionId();
            i++;
        }
        return connection.preparedQuery("""
                        insert into customer_transaction (transaction_id, customer_id, kind, amount, currency,
                                                          occurred_at, cancels_transaction_id,
                                                          originating_interaction_id)
                        select t, c, k, a::numeric, cur, o, x, orig
                        from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
                                    $7::text[], $8::text[]) u(t, c, k, a, cur, o, x, orig)
                        on conflict (transaction_id) do update set
                            customer_id = excluded.customer_id, kind = excluded.kind, amount = excluded.amount,
                            currency = excluded.currency, occurred_at = excluded.occurred_at,
                            cancels_transaction_id = excluded.cancels_transaction_id,
                            originating_interaction_id = excluded.originating_interaction_id""")
                .execute(Tuple.from(new Object[] {ids, customers, kinds, amounts, currencies, occurred, cancels,
                        originating}))
                .replaceWithVoid();
    }

    /** Writes the survey responses' scores (one per response id: the caller keeps the latest report of each). */
    public Uni<Void> upsertResponses(SqlConnection connection, Collection<SurveyResponse> responses) {
        if (responses.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = responses.size();
        String[] ids = new String[n];
        String[] customers = new String[n];
        String[] interactions = new String[n];
        OffsetDateTime[] responded = new OffsetDateTime[n];
        Integer[] csat = new Integer[n];
        Integer[] nps = new Integer[n];
        Integer[] ces = new Integer[n];
        Integer[] felt = new Integer[n];
        int i = 0;
        for (SurveyResponse r : responses) {
            ids[i] = r.responseId();
            customers[i] = r.customerId();
            interactions[i] = r.interactionId();
            responded[i] = utc(r.respondedAt());
            csat[i] = r.csat();
            nps[i] = r.nps();
            ces[i] = r.ces();
            felt[i] = r.feltValued();
            i++;
        }
        return connection.preparedQuery("""
                        insert into survey_response (response_id, customer_id, interaction_id, responded_at, csat, nps,
                                                     ces, felt_valued)
                        select * from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::int4[],
                                             $6::int4[], $7::int4[], $8::int4[])
                        on conflict (response_id) do update set
                            customer_id = excluded.customer_id, interaction_id = excluded.interaction_id,
                            responded_at = excluded.responded_at, csat = excluded.csat, nps = excluded.nps,
                            ces = excluded.ces, felt_valued = excluded.felt_valued""")
                .execute(Tuple.from(new Object[] {ids, customers, interactions, responded, csat, nps, ces, felt}))
                .replaceWithVoid();
    }

    /**
     * Loads into {@code replay} the stored identity keys of the customers and the keys named (kind, value in
     * parallel lists).
     */
    public Uni<Void> loadIdentities(SqlConnection connection, Collection<String> customerIds, List<String> kinds,
            List<String> values, IdentityReplay replay) {
        return connection.preparedQuery("""
                        select kind, value, customer_id, linked_at from customer_identity
                        where customer_id = any($1)
                           or (kind, value) in (select * from unnest($2::text[], $3::text[]))""")
                .execute(Tuple.of(customerIds.toArray(String[]::new), kinds.toArray(String[]::new),
                        values.toArray(String[]::new)))
                .invoke(rows -> rows.forEach(row -> replay.stored(
                        new CustomerIdentity.Key(IdentityKind.valueOf(row.getString(0)), row.getString(1)),
                        new IdentityReplay.Link(row.getString(2), row.getOffsetDateTime(3).toInstant()))))
                .replaceWithVoid();
    }

    /** Writes what the replay changed: customers created or touched, keys deleted, keys linked. */
    public Uni<Void> writeIdentities(SqlConnection connection, IdentityReplay replay) {
        Map<String, Instant> touched = replay.touched();
        List<String> touchedIds = new ArrayList<>(touched.keySet());
        OffsetDateTime[] touchedAt = touchedIds.stream().map(id -> utc(touched.get(id)))
                .toArray(OffsetDateTime[]::new);
        Set<CustomerIdentity.Key> removed = replay.removed();
        Map<CustomerIdentity.Key, IdentityReplay.Link> changed = replay.changed();
        Uni<Void> customers = touchedIds.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                        insert into customer as c (customer_id, last_updated_at)
                        select * from unnest($1::text[], $2::timestamptz[])
                        on conflict (customer_id) do update
                            set last_updated_at = greatest(c.last_updated_at, excluded.last_updated_at)""")
                .execute(Tuple.of(touchedIds.toArray(String[]::new), touchedAt))
                .replaceWithVoid();
        return customers
                .chain(() -> removed.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                                delete from customer_identity
                                where (kind, value) in (select * from unnest($1::text[], $2::text[]))""")
                        .execute(Tuple.of(removed.stream().map(k -> k.kind().name()).toArray(String[]::new),
                                removed.stream().map(CustomerIdentity.Key::value).toArray(String[]::new)))
                        .replaceWithVoid())
                .chain(() -> {
                    if (changed.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<CustomerIdentity.Key> keys = new ArrayList<>(changed.keySet());
                    return connection.preparedQuery("""
                                    insert into customer_identity (kind, value, customer_id, linked_at)
                                    select * from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
                                    on conflict (kind, value) do update
                                        set customer_id = excluded.customer_id, linked_at = excluded.linked_at""")
                            .execute(Tuple.of(keys.stream().map(k -> k.kind().name()).toArray(String[]::new),
                                    keys.stream().map(CustomerIdentity.Key::value).toArray(String[]::new),
                                    keys.stream().map(k -> changed.get(k).customerId()).toArray(String[]::new),
                                    keys.stream().map(k -> utc(changed.get(k).linkedAt()))
                                            .toArray(OffsetDateTime[]::new)))
                            .replaceWithVoid();
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
