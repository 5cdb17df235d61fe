package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.CustomerUpserted;
import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.scoring.ScoringDatabase;
import io.cxvalue.testsupport.CloudEventRecords;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cxvalue.scoring.CustomerContactsApi.awaitContacts;
import static io.cxvalue.scoring.CustomerContactsApi.getContacts;
import static io.cxvalue.scoring.CustomerEvents.crmId;
import static io.cxvalue.scoring.CustomerEvents.email;
import static io.cxvalue.scoring.CustomerEvents.linked;
import static io.cxvalue.scoring.CustomerEvents.merged;
import static io.cxvalue.scoring.CustomerEvents.newPhone;
import static io.cxvalue.scoring.CustomerEvents.phone;
import static io.cxvalue.scoring.CustomerEvents.purchase;
import static io.cxvalue.scoring.CustomerEvents.social;
import static io.cxvalue.scoring.CustomerEvents.survey;
import static io.cxvalue.scoring.CustomerEvents.upserted;
import static io.cxvalue.scoring.CustomerStateApi.awaitState;
import static io.cxvalue.scoring.Interactions.interaction;
import static io.cxvalue.scoring.Interactions.newCustomerId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** cx.customers (upserts, identity links, merges) through the real broker and database. */
@QuarkusTest
class CustomerConsumerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant AS_OF = Instant.parse("2026-03-05T00:00:00Z");
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);

    @Test
    void keepsOnlyThePhoneEmailAndCrmIdKeysOfACustomerAppliedOnce() {
        String customerId = newCustomerId();
        String phone = newPhone();
        String mail = customerId + "@example.com";
        CustomerUpserted upsert = new CustomerUpserted(customerId, "Ada Lovelace",
                List.of(phone(phone), email(mail), crmId("crm-" + customerId), social("@ada")),
                Map.of("segment", "gold"), T0);
        String eventId = UUID.randomUUID().toString();
        CloudEventRecords.publish(upsert, eventId);
        CloudEventRecords.publish(upsert, eventId);
        // Same key, same partition: once this is applied, the redelivery before it has been handled too.
        String secondPhone = newPhone();
        CloudEventRecords.publish(linked(customerId, phone(secondPhone), T0.plusSeconds(60)));

        await().atMost(APPLIED_WITHIN).until(() -> identities(customerId) == 4);
        assertEquals(1, identity("PHONE", phone, customerId));
        assertEquals(1, identity("PHONE", secondPhone, customerId));
        assertEquals(1, identity("EMAIL", mail, customerId));
        assertEquals(1, identity("CRM_ID", "crm-" + customerId, customerId));
        assertEquals(0, ScoringDatabase.count("select count(*) from customer_identity where kind = 'SOCIAL'"));
        // A known customer without contacts, surveys or transactions has a (blank) state.
        awaitState(customerId, AS_OF, state -> true)
                .body("customerId", equalTo(customerId))
                .body("contacts.last30Days", equalTo(0))
                .body("transactions.purchases", equalTo(0));
    }

    @Test
    void anUpsertReplacesTheCustomersIdentitiesAndTakesOverAPhoneFromAnotherCustomer() {
        String first = newCustomerId();
        String second = newCustomerId();
        String sharedPhone = newPhone();
        String oldMail = first + "@old.example.com";
        CloudEventRecords.publish(upserted(first, T0, phone(sharedPhone), email(oldMail)));
        CloudEventRecords.publish(upserted(first, T0.plusSeconds(60), phone(sharedPhone)));
        await().atMost(APPLIED_WITHIN).until(() -> identities(first) == 1);

        CloudEventRecords.publish(upserted(second, T0.plusSeconds(120), phone(sharedPhone)));
        await().atMost(APPLIED_WITHIN).until(() -> identity("PHONE", sharedPhone, second) == 1);
        assertEquals(0, identities(first));
    }

    @Test
    void aMergeMovesEverythingToTheSurvivorAndLaterEventsOfTheMergedIdLandThere() {
        String survivor = newCustomerId();
        String merged = newCustomerId();
        String mergedPhone = newPhone();
        CloudEventRecords.publish(upserted(survivor, T0, phone(newPhone())));
        CloudEventRecords.publish(upserted(merged, T0, phone(mergedPhone)));
        CloudEventRecords.publish(interaction(survivor, Channel.VOICE, T0.plusSeconds(3600), false, "billing", 0.2));
        CloudEventRecords.publish(interaction(merged, Channel.CHAT, T0.plusSeconds(7200), false, "billing", -0.4));
        CloudEventRecords.publish(survey(merged, T0.plusSeconds(8000), 2, 3, null, 1, null));
        CloudEventRecords.publish(purchase(merged, "15", T0.minusSeconds(86_400 * 10)));
        awaitContacts(merged, 1);
        awaitState(merged, AS_OF, state -> state.getInt("transactions.purchases") == 1
                && state.getInt("surveys.responses") == 1);
        await().atMost(APPLIED_WITHIN).until(() -> identities(merged) == 1);

        String mergeId = UUID.randomUUID().toString();
        CustomersMerged merge = merged(survivor, T0.plusSeconds(9000), merged);
        CloudEventRecords.publish(merge, mergeId);
        CloudEventRecords.publish(merge, mergeId);

        awaitContacts(survivor, 2)
                .body("byChannel.VOICE", equalTo(1))
                .body("byChannel.CHAT", equalTo(1))
                .body("lastContactReason", equalTo("billing"))
                .body("lastSentiment", equalTo(-0.4f));
        awaitState(survivor, AS_OF, state -> state.getInt("transactions.purchases") == 1)
                .body("contacts.last30Days", equalTo(2))
                .body("contacts.repeatCaller", equalTo(true))
                .body("contacts.repeatReason", equalTo("billing"))
                .body("surveys.lastCsat", equalTo(2))
                .body("surveys.npsCategory", equalTo("DETRACTOR"));
        assertEquals(1, identity("PHONE", mergedPhone, survivor));
        assertEquals(0, rowsOf(merged));
        assertEquals(1, ScoringDatabase.count(
                "select count(*) from customer_alias where merged_id = ? and survivor_id = ?", merged, survivor));
        // The merged id answers with the survivor's state.
        awaitState(merged, AS_OF, state -> survivor.equals(state.getString("customerId")));
        getContacts(merged).then().statusCode(200).body("customerId", equalTo(survivor));

        // Events still carrying the merged id are applied to the survivor.
        CloudEventRecords.publish(interaction(merged, Channel.EMAIL, T0.plusSeconds(10_000), false, "refund", null));
        CloudEventRecords.publish(survey(merged, T0.plusSeconds(11_000), 5, 10, null, 5, null));
        CloudEventRecords.publish(purchase(merged, "25", T0.plusSeconds(12_000)));
        String laterPhone = newPhone();
        CloudEventRecords.publish(linked(merged, phone(laterPhone), T0.plusSeconds(13_000)));

        awaitContacts(survivor, 3).body("byChannel.EMAIL", equalTo(1));
        awaitState(survivor, AS_OF, state -> state.getInt("transactions.purchases") == 2
                && state.getInt("surveys.responses") == 2)
                .body("surveys.npsCategory", equalTo("PROMOTER"))
                .body("transactions.transactionDays", equalTo(2));
        await().atMost(APPLIED_WITHIN).until(() -> identity("PHONE", laterPhone, survivor) == 1);
        assertEquals(0, rowsOf(merged));
    }

    @Test
    void eventsOfTheMergedCustomerArrivingDuringTheMergeAllEndUpWithTheSurvivor() {
        String survivor = newCustomerId();
        String merged = newCustomerId();
        int purchases = 30;
        for (int i = 0; i < purchases; i++) {
            CloudEventRecords.publish(purchase(merged, "1", T0.plusSeconds(86_400L * i)));
            CloudEventRecords.publish(survey(merged, T0.plusSeconds(86_400L * i), 4, null, null, null, null));
            if (i == purchases / 2) {
                // Applied concurrently with the purchases and responses (other topics, other consumers).
                CloudEventRecords.publish(merged(survivor, T0, merged));
            }
        }
        Instant asOf = T0.plusSeconds(86_400L * purchases);
        awaitState(survivor, asOf, state -> state.getInt("transactions.purchases") == purchases
                && state.getInt("surveys.responses") == purchases);
        assertEquals(0, rowsOf(merged), "nothing left behind under the merged id");
    }

    @Test
    void aMergeChainKeepsPointingAtTheFinalSurvivor() {
        String a = newCustomerId();
        String b = newCustomerId();
        String c = newCustomerId();
        CloudEventRecords.publish(purchase(a, "10", T0));
        CloudEventRecords.publish(merged(b, T0.plusSeconds(60), a));
        CloudEventRecords.publish(merged(c, T0.plusSeconds(120), b));
        CloudEventRecords.publish(purchase(a, "20", T0.plusSeconds(86_400)));

        awaitState(c, AS_OF, state -> state.getInt("transactions.purchases") == 2)
                .body("customerId", equalTo(c));
        await().atMost(APPLIED_WITHIN).until(() -> ScoringDatabase.count(
                "select count(*) from customer_alias where survivor_id = ? and merged_id in (?, ?)", c, a, b) == 2);
    }

    @Test
    void malformedRecordsAreDeadLetteredAndTheConsumerKeepsGoing() {
        String customerId = newCustomerId();
        String bad = DeadLetters.sendUnparsable(EventType.CUSTOMERS_MERGED, customerId);
        String phone = newPhone();
        CloudEventRecords.publish(upserted(customerId, T0, phone(phone)));

        await().atMost(APPLIED_WITHIN).until(() -> identity("PHONE", phone, customerId) == 1);
        DeadLetters.assertDeadLettered(Topics.CUSTOMERS, customerId, bad, "Payload is not JSON");
    }

    private static long identities(String customerId) {
        return ScoringDatabase.count("select count(*) from customer_identity where customer_id = ?", customerId);
    }

    private static long identity(String kind, String value, String customerId) {
        return ScoringDatabase.count(
                "select count(*) from customer_identity where kind = ? and value = ? and customer_id = ?",
                kind, value, customerId);
    }

    /** Rows of every per-customer table still under {@code customerId}. */
    static long rowsOf(String customerId) {
        long rows = 0;
        for (String table : new String[] {"customer", "customer_identity", "contact_log", "survey_response",
                "customer_transaction", "customer_contact_summary"}) {
            rows += ScoringDatabase.count("select count(*) from " + table + " where customer_id = ?", customerId);
        }
        return rows;
    }
}
