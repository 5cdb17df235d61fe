package io.cxvalue.reporting.rest;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.reporting.Events;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.cxvalue.reporting.rest.Reports.contactCount;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A customer sent around three contacts, two channels and two teams, next to simple journeys. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class JourneyResourceTest {

    private static final Instant D0 = Instant.parse("2025-05-05T09:00:00Z");

    @Test
    void showsTheDistributionPerReasonAndTheWorstJourneyWithItsContactsInOrder() {
        String team = uniqueId("team");
        String otherTeam = uniqueId("team");
        String sentAround = uniqueId("cust");
        Events.Contact first = Events.contact(team, sentAround, D0).transfers(2).resolved(false);
        Events.Contact second = Events.contact(otherTeam, sentAround, D0.plus(Duration.ofDays(1)))
                .channel(Channel.CHAT).agent("agent-9").resolved(false);
        Events.Contact third = Events.contact(team, sentAround, D0.plus(Duration.ofDays(2)));
        CloudEventRecords.publish(first.event());
        CloudEventRecords.publish(second.event());
        CloudEventRecords.publish(third.event());
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), D0.plusSeconds(60)).event());
        String twice = uniqueId("cust");
        CloudEventRecords.publish(Events.contact(team, twice, D0).reason("delivery").resolved(false).event());
        CloudEventRecords.publish(Events.contact(team, twice, D0.plus(Duration.ofHours(3))).reason("delivery")
                .event());
        await().atMost(Duration.ofSeconds(30)).until(() -> contactCount(team) == 5 && contactCount(otherTeam) == 1);

        Map<String, Object> query = Map.of("from", "2025-05-01", "to", "2025-06-01", "team", team);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> journeys(TestTokens.managerOf(team), query)
                .statusCode(200).body("worst[0].contacts.size()", equalTo(3)));
        journeys(TestTokens.managerOf(team), query).statusCode(200)
                .body("issues", equalTo(3))
                .body("openIssues", equalTo(0))
                .body("byReason.reason", equalTo(List.of("billing", "delivery")))
                .body("byReason[0].issues", equalTo(2))
                .body("byReason[0].touchpoints", equalTo(Map.of("1", 1, "2", 0, "3", 1, "4", 0, "5+", 0)))
                .body("byReason[0].meanTouchpoints", equalTo(2.0f))
                .body("byReason[0].meanChannels", equalTo(1.5f))
                .body("byReason[0].meanRunaround", equalTo(2.0f))
                .body("byReason[0].resolvedShare", equalTo(1.0f))
                // 310 s (a one-contact issue) and 2 days + 310 s: the lower median is 310
                .body("byReason[0].medianResolutionSeconds", equalTo(310.0f))
                .body("byReason[0].p90ResolutionSeconds", equalTo(173110.0f))
                .body("byReason[1].touchpoints.'2'", equalTo(1))
                .body("worst[0].rank", equalTo(1))
                .body("worst[0].customerId", equalTo(sentAround))
                .body("worst[0].touchpoints", equalTo(3))
                .body("worst[0].channels", equalTo(2))
                .body("worst[0].runaround", equalTo(4))
                .body("worst[0].contacts.interactionId", equalTo(List.of(first.id(), second.id(), third.id())))
                .body("worst[0].contacts[1].teamId", equalTo(otherTeam))
                .body("worst[0].contacts[1].agentId", equalTo("agent-9"))
                .body("worst[1].reason", equalTo("delivery"));

        String csv = given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST)).accept("text/csv")
                .queryParams(query).when().get("/api/v1/journeys").then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(csv, startsWith("reason,issues,closedIssues,touchpoints_1,"));
        org.hamcrest.MatcherAssert.assertThat(csv, containsString("\r\nbilling,2,2,1,0,1,0,0,2,1.5,1,2,1,2,310,"));
        journeys(TestTokens.managerOf(otherTeam), query).statusCode(403);
        journeys(TestTokens.withRoles(Roles.ANALYST), Map.of("from", "2025-05-01", "to", "2025-06-01",
                "worst", "1000")).statusCode(400).body("violations[0].field", equalTo("worst"));
    }

    private static io.restassured.response.ValidatableResponse journeys(String token, Map<String, Object> query) {
        return given().auth().oauth2(token).queryParams(query).when().get("/api/v1/journeys").then();
    }
}
