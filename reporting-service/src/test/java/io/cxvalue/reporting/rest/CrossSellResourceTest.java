package io.cxvalue.reporting.rest;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.reporting.Events;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 1,600 sales of 50 EUR in two months of one team, sent as events, with planted effects: a sale made in a contact with
 * negative sentiment is cancelled within 30 days three times as often as one made with positive sentiment (24 % against
 * 8 %; neutral as positive), and one made in a repeat contact twice as often; resolution and CSAT do nothing. Some
 * kept sales are cancelled on day 40 (outside the window). Every cancellation comes with a cancellation call ten
 * minutes before it. The analysis must count exactly what was sent, its intervals must cover the planted risks, and
 * it must suggest the sentiment threshold the planted effect implies.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class CrossSellResourceTest {

    private static final String TEAM = uniqueId("team");
    private static final Instant T0 = Instant.parse("2025-06-02T08:00:00Z");
    private static final int SALES = 1_600;
    private static final double AMOUNT = 50.0;

    private static int cancelledIn30;
    private static int cancelledIn60;
    private static int negativeSales;
    private static int negativeCancelled;
    private static int repeatSales;
    private static boolean sent;

    private static synchronized void sendTheWorld() {
        if (sent) {
            return;
        }
        Random random = new Random(1207);
        List<CxEvent> events = new ArrayList<>();
        for (int i = 0; i < SALES; i++) {
            String customer = uniqueId("cust");
            Instant at = T0.plus(Duration.ofMinutes(i * 50L));
            double band = random.nextDouble();
            double sentiment = band < 0.4 ? 0.35 + 0.55 * random.nextDouble()
                    : band < 0.7 ? -0.15 + 0.3 * random.nextDouble() : -0.9 + 0.45 * random.nextDouble();
            boolean negative = band >= 0.7;
            boolean repeat = random.nextDouble() < 0.25;
            if (repeat) {
                // An earlier contact about the same reason two days before: the sale contact continues that issue.
                events.add(Events.contact(TEAM, customer, at.minus(Duration.ofDays(2))).reason("upgrade").event());
            }
            Events.Contact sale = Events.contact(TEAM, customer, at).reason("upgrade").sentiment(sentiment)
                    .resolved(random.nextDouble() < 0.8).sale(true, "50.00");
            events.add(sale.event());
            TransactionRecorded purchase = Events.purchase(customer, sale.id(), "50.00", at.plusSeconds(120));
            events.add(purchase);
            if (random.nextDouble() < 0.5) {
                events.add(Events.survey(customer, sale.id(), at.plus(Duration.ofHours(2)), 1 + random.nextInt(5),
                        null, null, null));
            }
            double p = (negative ? 0.24 : 0.08) * (repeat ? 2 : 1);
            Instant cancelAt = null;
            if (random.nextDouble() < p) {
                cancelAt = at.plus(Duration.ofHours(24 + random.nextInt(24 * 25)));
                cancelledIn30++;
                negativeCancelled += negative ? 1 : 0;
            } else if (random.nextDouble() < 0.05) {
                cancelAt = at.plus(Duration.ofDays(40));
            }
            if (cancelAt != null) {
                cancelledIn60++;
                events.add(Events.contact(TEAM, customer, cancelAt.minus(Duration.ofMinutes(10)))
                        .reason("cancellation").event());
                events.add(Events.cancellation(customer, purchase.transactionId(), "50.00", cancelAt));
            }
            negativeSales += negative ? 1 : 0;
            repeatSales += repeat ? 1 : 0;
        }
        CloudEventRecords.publishAll(events);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonPath r = crossSell(TestTokens.withRoles(Roles.ANALYST), Map.of("from", "2025-06-01",
                    "to", "2025-08-01", "team", TEAM, "window", "60")).statusCode(200).extract().jsonPath();
            return r.getInt("sales") == SALES && r.getInt("cancelled") == cancelledIn60
                    && r.getInt("cancellationContacts") == cancelledIn60;
        });
        sent = true;
    }

    @Test
    void countsTheCancelledSalesTheirRevenueAndTheirCallsExactly() {
        sendTheWorld();
        JsonPath r = crossSell(TestTokens.managerOf(TEAM), Map.of("from", "2025-06-01", "to", "2025-08-01",
                "team", TEAM)).statusCode(200).extract().jsonPath();
        assertEquals(SALES, r.getInt("sales"));
        assertEquals(0, r.getInt("immatureSales"));
        assertEquals(cancelledIn30, r.getInt("cancelled"));
        assertThat(r.getDouble("revenue.EUR"), closeTo(SALES * AMOUNT, 1e-6));
        assertThat(r.getDouble("revenueLost.EUR"), closeTo(cancelledIn30 * AMOUNT, 1e-6));
        assertEquals(cancelledIn30, r.getInt("cancellationContacts"));
        assertThat(r.getDouble("cancellationContactCost"), closeTo(cancelledIn30 * 6.0, 1e-6));
        assertThat(r.getString("summary"), containsString("were cancelled or refunded within 30 days"));
        Map<String, Object> negative = level(r, "sentiment", "negative");
        assertEquals(negativeSales, ((Number) negative.get("sales")).intValue());
        assertEquals(negativeCancelled, ((Number) negative.get("cancelled")).intValue());
        assertEquals(repeatSales, ((Number) level(r, "repeat", "repeat contact").get("sales")).intValue());
        // CSAT answered for about half, in four levels that add up to every sale.
        List<Map<String, Object>> csat = factor(r, "csat");
        assertEquals(SALES, csat.stream().mapToInt(l -> ((Number) l.get("sales")).intValue()).sum());
    }

    @Test
    void relativeRisksCoverThePlantedEffectsAndReadAsSentences() {
        sendTheWorld();
        JsonPath r = crossSell(TestTokens.withRoles(Roles.ANALYST), Map.of("from", "2025-06-01", "to", "2025-08-01",
                "team", TEAM)).statusCode(200).extract().jsonPath();
        Map<String, Object> negative = level(r, "sentiment", "negative");
        assertThat(((Number) negative.get("relativeRiskLow")).doubleValue(), lessThan(3.0));
        assertThat(((Number) negative.get("relativeRiskHigh")).doubleValue(), greaterThan(3.0));
        assertThat(((Number) negative.get("relativeRiskLow")).doubleValue(), greaterThan(1.0));
        assertThat((String) negative.get("words"), containsString(
                "sales made in contacts with negative sentiment are cancelled"));
        assertThat((String) negative.get("words"), containsString("times as often as those made in contacts with "
                + "positive sentiment (95 % CI"));
        Map<String, Object> repeat = level(r, "repeat", "repeat contact");
        assertThat(((Number) repeat.get("relativeRiskLow")).doubleValue(), lessThan(2.0));
        assertThat(((Number) repeat.get("relativeRiskHigh")).doubleValue(), greaterThan(2.0));
        assertEquals(Boolean.TRUE, repeat.get("clear"));
        Map<String, Object> neutral = level(r, "sentiment", "neutral");
        assertThat(((Number) neutral.get("relativeRiskLow")).doubleValue(), lessThan(1.0));
        assertThat(((Number) neutral.get("relativeRiskHigh")).doubleValue(), greaterThan(1.0));
        // Planted: -0.9 to -0.45 is three times as risky, -0.15 to 0.15 not at all: the threshold is -0.4.
        assertThat(r.getDouble("policySuggestion.negativeSentimentBelow"), closeTo(-0.4, 1e-9));
        assertThat(r.getString("policySuggestion.evidence"), containsString(
                "sales made in contacts with sentiment below -0.4 are cancelled"));
    }

    @Test
    void aLongerWindowCountsTheLateCancellationsAndBadInputIsRefused() {
        sendTheWorld();
        JsonPath r = crossSell(TestTokens.withRoles(Roles.ANALYST), Map.of("from", "2025-06-01", "to", "2025-08-01",
                "team", TEAM, "window", "60")).statusCode(200).extract().jsonPath();
        assertEquals(cancelledIn60, r.getInt("cancelled"));
        assertThat(cancelledIn60, greaterThan(cancelledIn30));
        // Sales whose window has not passed are left out and counted as such.
        JsonPath recent = crossSell(TestTokens.withRoles(Roles.ANALYST), Map.of("from", "2025-06-01",
                "to", "2025-08-01", "team", TEAM, "window", "365")).statusCode(200).extract().jsonPath();
        assertEquals(SALES, recent.getInt("sales") + recent.getInt("immatureSales"));
        crossSell(TestTokens.withRoles(Roles.ANALYST), Map.of("from", "2025-06-01", "to", "2025-08-01",
                "window", "0")).statusCode(400).body("violations[0].field", equalTo("window"));
        crossSell(TestTokens.withRoles(Roles.ANALYST), Map.of("from", "2024-01-01", "to", "2025-08-01"))
                .statusCode(400).body("violations[0].field", equalTo("to"));
        crossSell(TestTokens.managerOf(uniqueId("team")), Map.of("from", "2025-06-01", "to", "2025-08-01",
                "team", TEAM)).statusCode(403);
    }

    private static List<Map<String, Object>> factor(JsonPath r, String factor) {
        List<Map<String, Object>> factors = r.getList("factors");
        for (Map<String, Object> f : factors) {
            if (factor.equals(f.get("factor"))) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> levels = (List<Map<String, Object>>) f.get("levels");
                return levels;
            }
        }
        throw new AssertionError("no factor " + factor + " in " + factors);
    }

    private static Map<String, Object> level(JsonPath r, String factor, String level) {
        return factor(r, factor).stream().filter(l -> level.equals(l.get("level"))).findFirst()
                .orElseThrow(() -> new AssertionError("no level " + level + " of " + factor));
    }

    private static ValidatableResponse crossSell(String token, Map<String, ?> params) {
        return given().auth().oauth2(token).queryParams(params).when().get("/api/v1/cross-sell").then();
    }
}
