package io.cxvalue.reporting.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.contracts.events.CommentTerm;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.reporting.Erasure;
import io.cxvalue.reporting.Events;
import io.cxvalue.reporting.repository.CommentRepositoryAccess;
import io.cxvalue.reporting.repository.ErasureRepository;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cxvalue.reporting.ErasureEvents.REPORTING;
import static io.cxvalue.reporting.ErasureEvents.awaitCompletions;
import static io.cxvalue.reporting.ErasureEvents.completionsAfter;
import static io.cxvalue.reporting.InteractionEvents.abandoned;
import static io.cxvalue.reporting.InteractionEvents.handled;
import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.cxvalue.reporting.rest.Reports.contactCount;
import static io.cxvalue.reporting.rest.Reports.kpis;
import static io.cxvalue.testsupport.KafkaTestClient.header;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Erasure requests published on the real broker: the customer's facts are anonymised, the reports do not change,
 * and reporting's ErasureCompleted goes out through the outbox exactly once per erasure.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ErasureConsumerTest {

    private static final Duration PROCESSING = Duration.ofSeconds(30);
    /** Long enough for several relay rounds (every second): a duplicate would show up. */
    private static final Duration SETTLE = Duration.ofSeconds(4);
    private static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.ERASURES, REPORTING);
    private static final Instant MONDAY_9AM = Instant.parse("2025-03-03T09:00:00Z");

    @Inject
    MongoClient mongo;

    @Inject
    ErasureRepository erasureRepository;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void anonymisesTheCustomersFactsKeepsTheReportsAndConfirmsOnce() {
        String team = uniqueId("team");
        String customerA = uniqueId("cust-a");
        String customerB = uniqueId("cust-b");
        CloudEventRecords.publish(handled(team, customerA, MONDAY_9AM, 300, 10, 20));
        CloudEventRecords.publish(abandoned(team, customerA, MONDAY_9AM.plusSeconds(60)));
        CloudEventRecords.publish(handled(team, customerB, MONDAY_9AM.plusSeconds(120), 200, 0, 0));
        await().atMost(PROCESSING).until(() -> contactCount(team) == 3);
        String reportBefore = teamReport(team);

        String erasureId = UUID.randomUUID().toString();
        String requestId = CloudEventRecords.publish(new ErasureRequested(erasureId, customerA, Instant.now()));

        List<ConsumerRecord<String, String>> confirmations = awaitCompletions(erasureId, 1, PROCESSING);
        assertThat(confirmations, hasSize(1));
        assertThat(factsOf(customerA), equalTo(0L));
        String pseudonym = pseudonymIn(team);
        assertThat(factsOf(pseudonym), equalTo(2L));
        assertThat(factsOf(customerB), equalTo(1L));
        assertThat(teamReport(team), equalTo(reportBefore));

        ConsumerRecord<String, String> record = confirmations.get(0);
        // The whole contract: headers, schema, key = customer id.
        ReceivedEvent<ErasureCompleted> completed = EventReader.read(record, ErasureCompleted.class).orElseThrow();
        assertThat(record.key(), equalTo(customerA));
        assertThat(completed.source(), equalTo("/reporting-service"));
        assertThat(completed.event().erasureId(), equalTo(erasureId));
        assertThat(completed.event().customerId(), equalTo(customerA));
        assertThat(completed.event().service(), equalTo(REPORTING));
        assertThat(header(record, CloudEventHeaders.SUBJECT), equalTo(customerA));
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION), equalTo(CloudEventHeaders.SPEC_VERSION_1_0));
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE), equalTo(CloudEventHeaders.JSON));
        assertThat(header(record, CloudEventHeaders.TIME), notNullValue());

        Document erasure = erasures().find(Filters.eq("_id", erasureId)).first();
        assertThat(erasure, notNullValue());
        assertThat(erasure.getString("requestEventId"), equalTo(requestId));
        assertThat(erasure.get("completedAt"), notNullValue());
        // Once published, the confirmation (which names the customer) is dropped.
        await().atMost(PROCESSING).until(() -> erasures().find(Filters.and(Filters.eq("_id", erasureId),
                Filters.exists("outboxPublishedAt"), Filters.exists("outboxPending", false),
                Filters.exists("outbox", false))).first() != null);

        assertThat(completionsAfter(erasureId, SETTLE), hasSize(1));
        // Nothing in the store links the pseudonym to the customer: not the erasure (its id is published next to
        // the customer id), not the erased-customer record, not the published confirmation.
        Document published = erasures().find(Filters.eq("_id", erasureId)).first();
        assertThat(published.toJson(), not(containsString(customerA)));
        assertThat(published.toJson(), not(containsString(pseudonym)));
        List<Document> erased = db().getCollection("erased_customers").find(Filters.eq("pseudonym", pseudonym))
                .into(new ArrayList<>());
        assertThat(erased, hasSize(1));
        assertThat(erased.get(0).toJson(), not(containsString(customerA)));
    }

    @Test
    void dropsTheTermsOfTheCustomersTextsAndOfTheirLateAnswers() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        String other = uniqueId("cust");
        Events.Contact noted = Events.contact(team, customer, MONDAY_9AM)
                .textTerms(List.of(new CommentTerm("zanzibar", "zanzibar")));
        Events.Contact surveyed = Events.contact(team, customer, MONDAY_9AM.plusSeconds(600));
        Events.Contact kept = Events.contact(team, other, MONDAY_9AM.plusSeconds(1200))
                .textTerms(List.of(new CommentTerm("kept", "kept")));
        CloudEventRecords.publish(noted.event());
        CloudEventRecords.publish(surveyed.event());
        CloudEventRecords.publish(kept.event());
        CloudEventRecords.publish(answer(customer, surveyed.id(), "quokka"));
        await().atMost(PROCESSING).until(() -> terms(team).containsAll(List.of("zanzibar", "quokka", "kept")));

        String erasureId = UUID.randomUUID().toString();
        CloudEventRecords.publish(new ErasureRequested(erasureId, customer, Instant.now()));
        awaitCompletions(erasureId, 1, PROCESSING);

        assertThat(terms(team), equalTo(List.of("kept")));
        assertThat(facts().find(Filters.eq("_id", surveyed.id())).first().toJson(), not(containsString("quokka")));
        // An answer of the erased customer arriving after the erasure keeps its scores, not its terms.
        CloudEventRecords.publish(answer(customer, surveyed.id(), "platypus"));
        await().atMost(PROCESSING).until(() -> facts().find(Filters.eq("_id", surveyed.id())).first()
                .getList("surveys", Document.class).size() == 2);
        await().during(SETTLE).atMost(SETTLE.plus(PROCESSING)).until(() -> terms(team).equals(List.of("kept")));
    }

    private static SurveyResponded answer(String customer, String interactionId, String term) {
        String id = "resp-" + UUID.randomUUID();
        return new SurveyResponded(id, "survey-tool", "ext-" + id, customer, interactionId,
                MONDAY_9AM.plusSeconds(3600), 2, null, null, null, null, List.of(new CommentTerm(term, term)));
    }

    /** Every term kept for the voice of the customer of the team's contacts in March 2025, sorted. */
    private List<String> terms(String team) {
        Document month = db().getCollection("comment_months").find(Filters.eq("_id", team + "|2025-03")).first();
        if (month == null) {
            return List.of();
        }
        List<String> terms = new ArrayList<>();
        month.get("c", Document.class).values().forEach(entry -> CommentRepositoryAccess.unpack(entry, team)
                .keys().forEach(terms::add));
        return terms.stream().sorted().toList();
    }

    @Test
    void confirmsARequestDeliveredTwiceOnce() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        CloudEventRecords.publish(handled(team, customer, MONDAY_9AM, 60, 0, 0));
        await().atMost(PROCESSING).until(() -> contactCount(team) == 1);
        String erasureId = UUID.randomUUID().toString();
        ErasureRequested request = new ErasureRequested(erasureId, customer, Instant.now());
        String requestId = UUID.randomUUID().toString();

        CloudEventRecords.publish(request, requestId);
        CloudEventRecords.publish(request, requestId);
        // A later erasure of the same customer: same key, same partition, so once it is confirmed both deliveries
        // before it were processed. It keeps the first erasure's pseudonym.
        String laterErasureId = UUID.randomUUID().toString();
        CloudEventRecords.publish(new ErasureRequested(laterErasureId, customer, Instant.now()));
        awaitCompletions(laterErasureId, 1, PROCESSING);

        assertThat(completionsAfter(erasureId, SETTLE), hasSize(1));
        assertThat(factsOf(pseudonymIn(team)), equalTo(1L));
        assertThat(factsOf(customer), equalTo(0L));
        assertThat(erasures().countDocuments(Filters.eq("_id", erasureId)), equalTo(1L));
    }

    @Test
    void filesALateInteractionOfAnErasedCustomerUnderThePseudonym() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        CloudEventRecords.publish(handled(team, customer, MONDAY_9AM, 60, 0, 0));
        await().atMost(PROCESSING).until(() -> contactCount(team) == 1);
        String erasureId = UUID.randomUUID().toString();
        CloudEventRecords.publish(new ErasureRequested(erasureId, customer, Instant.now()));
        awaitCompletions(erasureId, 1, PROCESSING);
        String pseudonym = pseudonymIn(team);

        String lateTeam = uniqueId("team");
        CloudEventRecords.publish(Events.contact(lateTeam, customer, MONDAY_9AM.plusSeconds(60))
                .textTerms(List.of(new CommentTerm("wombat", "wombat"))).event());
        await().atMost(PROCESSING).until(() -> contactCount(lateTeam) == 1);

        assertThat(factsOf(customer), equalTo(0L));
        Document fact = facts().find(Filters.eq("teamId", lateTeam)).first();
        assertThat(fact, notNullValue());
        assertThat(fact.getString("customerId"), equalTo(pseudonym));
        assertThat(terms(lateTeam), equalTo(List.of()));
    }

    @Test
    void movesAnEarlierVersionsErasureRecordToTheKeyedForm() {
        // As earlier versions stored it: the customer id and the pseudonym with the erasure, the published event kept.
        String customer = uniqueId("cust");
        String erasureId = UUID.randomUUID().toString();
        String pseudonym = "erased:" + erasureId;
        erasures().insertOne(new Document("_id", erasureId).append("customerId", customer)
                .append("pseudonym", pseudonym).append("requestEventId", UUID.randomUUID().toString())
                .append("completedAt", new java.util.Date())
                .append("outbox", new Document("eventId", "e-1").append("payload", "{\"customerId\":\"" + customer
                        + "\"}"))
                .append("outboxPublishedAt", new java.util.Date()));

        erasureRepository.forgetLegacyCustomerIds().await().atMost(PROCESSING);

        Document moved = erasures().find(Filters.eq("_id", erasureId)).first();
        assertThat(moved.toJson(), not(containsString(customer)));
        assertThat(moved.toJson(), not(containsString(pseudonym)));
        // The customer is still known as erased, under the same pseudonym: a late fact joins their earlier ones.
        String lateTeam = uniqueId("team");
        CloudEventRecords.publish(handled(lateTeam, customer, MONDAY_9AM, 90, 0, 0));
        await().atMost(PROCESSING).until(() -> contactCount(lateTeam) == 1);
        assertThat(facts().find(Filters.eq("teamId", lateTeam)).first().getString("customerId"), equalTo(pseudonym));
    }

    @Test
    void parksAMalformedRequestIgnoresOtherServicesConfirmationsAndGoesOn() {
        String customer = uniqueId("cust");
        String value = "{\"erasureId\": \"e-1\", oops";
        KafkaTestClient.send(Topics.ERASURES, customer, value, Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, EventType.ERASURE_REQUESTED.ceType(),
                CloudEventHeaders.SOURCE, "/test",
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));
        // Another service's confirmation: a valid event of the topic that reporting skips.
        String foreignErasureId = UUID.randomUUID().toString();
        CloudEventRecords.publish(new ErasureCompleted(foreignErasureId, customer, "scoring-service", Instant.now()));
        String erasureId = UUID.randomUUID().toString();
        CloudEventRecords.publish(new ErasureRequested(erasureId, customer, Instant.now()));

        awaitCompletions(erasureId, 1, PROCESSING);

        List<ConsumerRecord<String, String>> parked = KafkaTestClient.readFor(DEAD_LETTER_TOPIC, SETTLE).stream()
                .filter(r -> customer.equals(r.key()))
                .toList();
        assertThat(parked, hasSize(1));
        assertThat(parked.get(0).value(), equalTo(value));
        assertThat(header(parked.get(0), "dead-letter-reason"), containsString("Payload is not JSON"));
        assertThat(header(parked.get(0), "dead-letter-topic"), equalTo(Topics.ERASURES));
        assertThat(erasures().find(Filters.eq("_id", foreignErasureId)).first(), nullValue());
    }

    @Test
    void relaysAnEventLeftPendingOnALaterRound() {
        // As after a crash between the erasure's write and its publication: the document is pending and nothing
        // wakes the relay; a scheduled round publishes it.
        String customer = uniqueId("cust");
        String erasureId = UUID.randomUUID().toString();
        Instant completedAt = Instant.now();
        OutboxEvent event = OutboxEvent.of(new ErasureCompleted(erasureId, customer, REPORTING, completedAt),
                completedAt, 1L);
        erasureRepository.insertIfAbsent(new Erasure(erasureId, UUID.randomUUID().toString(), completedAt, event))
                .await().atMost(PROCESSING);

        List<ConsumerRecord<String, String>> confirmations = awaitCompletions(erasureId, 1, PROCESSING);

        assertThat(confirmations, hasSize(1));
        assertThat(header(confirmations.get(0), CloudEventHeaders.ID), equalTo(event.eventId()));
        assertThat(confirmations.get(0).key(), equalTo(customer));
        await().atMost(PROCESSING).until(() -> erasures().find(Filters.and(Filters.eq("_id", erasureId),
                Filters.exists("outboxPending", false))).first() != null);
        assertThat(completionsAfter(erasureId, SETTLE), hasSize(1));
    }

    /** The team's figures (without the freshness, which moves with every event). */
    private static String teamReport(String team) {
        return kpis(java.util.Map.of("from", "2025-03-01", "to", "2025-04-01", "team", team, "measures",
                "contacts_offered,contacts_handled,aht,fcr_rate,repeat_contact_rate"))
                .statusCode(200).extract().jsonPath().getList("rows").toString();
    }

    /** The one pseudonym among the customer ids of the team's facts. */
    private String pseudonymIn(String team) {
        List<String> pseudonyms = facts().distinct("customerId", Filters.eq("teamId", team), String.class)
                .into(new ArrayList<>()).stream().filter(id -> id.startsWith("erased:")).toList();
        assertThat(pseudonyms, hasSize(1));
        return pseudonyms.get(0);
    }

    private long factsOf(String customerId) {
        return facts().countDocuments(Filters.eq("customerId", customerId));
    }

    private com.mongodb.client.MongoCollection<Document> facts() {
        return db().getCollection("contacts");
    }

    private com.mongodb.client.MongoCollection<Document> erasures() {
        return db().getCollection("erasures");
    }

    private MongoDatabase db() {
        return mongo.getDatabase(database);
    }
}
