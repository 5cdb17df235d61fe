package io.cxvalue.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.contracts.events.ValueDriversAnalysed;
import io.cxvalue.scoring.ScoringDatabase;
import io.cxvalue.scoring.model.value.CustomerPeriod;
import io.cxvalue.scoring.model.value.Experience;
import io.cxvalue.scoring.model.value.ValueDriverAnalysis;
import io.cxvalue.scoring.model.value.ValueDriverReport;
import io.cxvalue.scoring.model.value.ValueWorld;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What moves customer value, through the API: a simulated customer base with planted effects (ValueWorld: 2,000
 * customers, their contacts, CSAT answers and purchases around the last quarter of 2015) is sent as events through
 * Kafka; a lifetime-value model is fitted and the customers scored through the API; then the analysis. Its counts
 * must be exactly those of the simulation (computed from the simulated contacts, independently of the service's
 * query), its estimates exactly those of the analysis of the simulation's own features with the lifetime values the
 * API scored, and its intervals must cover the planted effects.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ValueDriverApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PREFIX = "vd-";
    private static final LocalDate AS_OF = LocalDate.of(2016, 1, 1);
    private static final int MONTHS = 3;
    private static final ValueWorld WORLD = ValueWorld.simulate(2000, 42, AS_OF, MONTHS, PREFIX);
    /** Decimals as doubles (JsonPath reads floats by default, too coarse to compare estimates). */
    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);
    private static String analysisId;

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.withRoles(role));
    }

    @Test
    @Order(1)
    void theSimulatedBaseArrivesAsEvents() {
        List<CxEvent> events = new ArrayList<>();
        long contacts = 0;
        long surveys = 0;
        long purchases = 0;
        for (ValueWorld.Customer c : WORLD.customers) {
            for (ValueWorld.Purchase p : c.purchases()) {
                events.add(new TransactionRecorded(p.transactionId(), "test-shop", p.transactionId(), c.id(),
                        TransactionKind.PURCHASE, BigDecimal.valueOf(p.amount()), "EUR", null, p.at(), null, null));
                purchases++;
            }
            for (ValueWorld.Contact k : c.contacts()) {
                events.add(interaction(c.id(), k));
                contacts++;
                if (k.csat() != null) {
                    events.add(new SurveyResponded("s-" + k.interactionId(), "test-survey", "s-" + k.interactionId(),
                            c.id(), k.interactionId(), k.startedAt().plus(Duration.ofHours(2)), k.csat(), null, null,
                            null, null));
                    surveys++;
                }
            }
        }
        CloudEventRecords.publishAll(events);
        long expectedContacts = contacts;
        long expectedSurveys = surveys;
        long expectedPurchases = purchases;
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() ->
                ScoringDatabase.count("select count(*) from contact_log where customer_id like ?", PREFIX + "%")
                        == expectedContacts
                        && ScoringDatabase.count("select count(*) from survey_response where customer_id like ?",
                        PREFIX + "%") == expectedSurveys
                        && ScoringDatabase.count("select count(*) from customer_transaction where customer_id like ?",
                        PREFIX + "%") == expectedPurchases);
    }

    private static InteractionRecorded interaction(String customerId, ValueWorld.Contact k) {
        boolean handled = !k.abandoned();
        return new InteractionRecorded(k.interactionId(), "test-platform", "ext-" + k.interactionId(), customerId,
                Channel.valueOf(k.channel()), Direction.INBOUND, k.startedAt(), k.queueSeconds(),
                handled ? 300 : null, handled ? 20 : null, handled ? 40 : null, k.abandoned(),
                handled ? "agent-1" : null, handled ? "team-1" : null, "dept-1", k.reason(), k.transfers(),
                k.resolved(), handled ? k.sentiment() : null, null, null, null);
    }

    @Test
    @Order(2)
    void theAnalysisCountsWhatHappenedAndRecoversThePlantedEffects() {
        as("analyst").contentType(ContentType.JSON)
                .body(Map.of("calibrationEnd", AS_OF.minusDays(1).toString(), "timeUnit", "WEEKS"))
                .when().post("/api/v1/clv/models").then().statusCode(201);
        as("analyst").when().post("/api/v1/clv/scoring-runs").then().statusCode(200);

        JsonPath analysis = as("analyst").contentType(ContentType.JSON)
                .body(Map.of("asOf", AS_OF.toString(), "months", MONTHS))
                .when().post("/api/v1/value-drivers")
                .then().statusCode(201).contentType(ContentType.JSON)
                .extract().jsonPath().using(DOUBLES);
        analysisId = analysis.getString("id");
        System.out.println("Value drivers through the API: " + analysis.prettify());

        // Counts: exactly the simulation's.
        List<CustomerPeriod> simulated = WORLD.customers.stream().map(ValueWorld.Customer::period).toList();
        assertEquals(simulated.size(), analysis.getLong("fit.customers"));
        assertEquals(simulated.size(), analysis.getInt("fit.analysed"));
        assertEquals(simulated.stream().filter(CustomerPeriod::retained).count(), analysis.getLong("fit.retained"));
        assertEquals(simulated.size(), analysis.getInt("fit.customersWithClv"));
        for (Experience e : Experience.values()) {
            Map<String, Object> driver = driver(analysis, e);
            assertEquals((int) simulated.stream().filter(p -> p.had(e)).count(), driver.get("customers"), e.name());
        }

        // Estimates: exactly those of the same analysis of the simulation's own features, with the scored values.
        Map<String, Double> clv = scoredLifetimeValues();
        List<CustomerPeriod> withClv = simulated.stream().map(p -> new CustomerPeriod(p.customerId(),
                p.experiences(), p.mainChannel(), p.mainReason(), p.periodContacts(), p.priorContacts(),
                p.tenureDays(), p.priorSpend(), p.retained(), p.nextSpend(), clv.get(p.customerId()))).toList();
        ValueDriverReport expected;
        try {
            expected = ValueDriverAnalysis.analyse(withClv, withClv.size(), new ValueDriverReport.Period(
                    WORLD.experienceFrom, WORLD.outcomeFrom, WORLD.outcomeTo, MONTHS), new ValueDriverAnalysis.Options(
                    MONTHS, 200, 20, 20, 8, new double[] {0.5, 0.8, 0.95}, List.of("LOW", "MEDIUM", "HIGH", "TOP"),
                    "EUR"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(expected.fit().logLikelihood(), analysis.getDouble("fit.logLikelihood"), 1e-6);
        assertEquals(expected.drivers().stream().map(d -> d.experience().name()).toList(),
                analysis.getList("drivers.experience"), "ranked alike");
        for (ValueDriverReport.Driver d : expected.drivers()) {
            Map<String, Object> got = driver(analysis, d.experience());
            assertEquals(d.oddsRatio().estimate(), number(got, "oddsRatio", "estimate"), 1e-6);
            assertEquals(d.retentionChange().low(), number(got, "retentionChange", "low"), 1e-6);
            assertEquals(d.spendChange().high(), number(got, "spendChange", "high"), 1e-6);
            assertEquals(d.valueAtStake().estimate(), number(got, "valueAtStake", "estimate"),
                    1e-6 * Math.max(1, Math.abs(d.valueAtStake().estimate())));
            assertEquals(d.sentence(), got.get("sentence"));
        }

        // The planted effects: intervals cover them, and the strong ones are found.
        for (Experience e : List.of(Experience.UNRESOLVED, Experience.LOW_CSAT, Experience.ABANDONED,
                Experience.REPEAT_CONTACT)) {
            Map<String, Object> got = driver(analysis, e);
            double planted = Math.exp(ValueWorld.RETENTION_LOG_ODDS.get(e));
            assertTrue(number(got, "oddsRatio", "low") <= planted && planted <= number(got, "oddsRatio", "high"),
                    e + " odds ratio interval covers " + planted + ": " + got.get("oddsRatio"));
            assertTrue(number(got, "oddsRatio", "high") < 1, e + " is found to lower retention");
            assertTrue(number(got, "valueAtStake", "low") > 0, e + " puts value at risk");
        }
        Map<String, Object> unresolved = driver(analysis, Experience.UNRESOLVED);
        assertTrue(number(unresolved, "spendChange", "low") <= -10 && -10 <= number(unresolved, "spendChange",
                "high"), "spend interval covers the planted -10: " + unresolved.get("spendChange"));
    }

    @Test
    @Order(3)
    void theAnalysisIsPublishedForReporting() {
        assertNotNull(analysisId);
        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(Topics.VALUE_DRIVERS,
                Duration.ofSeconds(30), found -> found.stream().anyMatch(r -> analysisId.equals(r.key())));
        ConsumerRecord<String, String> record = records.stream().filter(r -> analysisId.equals(r.key()))
                .findFirst().orElseThrow(() -> new AssertionError("ValueDriversAnalysed not published"));
        assertEquals(EventType.VALUE_DRIVERS_ANALYSED.ceType(), KafkaTestClient.header(record, CloudEventHeaders.TYPE));
        ValueDriversAnalysed event = EventJson.read(record.value(), ValueDriversAnalysed.class);
        JsonPath stored = as("analyst").when().get("/api/v1/value-drivers/" + analysisId)
                .then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertEquals(stored.getString("currency"), event.currency());
        assertEquals(MONTHS, event.months());
        assertEquals(stored.getList("drivers.experience"),
                event.drivers().stream().map(ValueDriversAnalysed.Driver::experience).toList());
        assertEquals(stored.getDouble("drivers[0].valueAtStake.estimate"), event.drivers().get(0).valueAtStake(),
                1e-9);
        assertEquals(stored.getDouble("drivers[0].customersPerMonth"), event.drivers().get(0).customersPerMonth(),
                1e-9);
    }

    /** A cap below the customers there are: about that many are fitted, the per-month figures count them all (estimated). */
    @Test
    @Order(5)
    void aSampleOfTheCustomersIsFittedWhenAsked() {
        JsonPath sampled = as("analyst").contentType(ContentType.JSON)
                .body(Map.of("asOf", AS_OF.toString(), "months", MONTHS, "maxCustomers", 1000))
                .when().post("/api/v1/value-drivers")
                .then().statusCode(201).extract().jsonPath().using(DOUBLES);
        int analysed = sampled.getInt("fit.analysed");
        assertTrue(analysed > 800 && analysed < 1200, "about 1,000 analysed: " + analysed);
        // The population is estimated as the sample over the sampling fraction p (about analysed / N): within four
        // standard deviations, sqrt(N (1 - p) / p), of the customers there are.
        long customers = sampled.getLong("fit.customers");
        double n = WORLD.customers.size();
        double p = analysed / n;
        assertEquals(n, customers, 4 * Math.sqrt(n * (1 - p) / p), "estimated population");
        Map<String, Object> unresolved = driver(sampled, Experience.UNRESOLVED);
        assertEquals(((Number) unresolved.get("customers")).doubleValue() * customers / analysed / MONTHS,
                ((Number) unresolved.get("customersPerMonth")).doubleValue(), 1e-6);
        JsonPath again = as("analyst").contentType(ContentType.JSON)
                .body(Map.of("asOf", AS_OF.toString(), "months", MONTHS, "maxCustomers", 1000))
                .when().post("/api/v1/value-drivers")
                .then().statusCode(201).extract().jsonPath().using(DOUBLES);
        assertEquals(analysed, again.getInt("fit.analysed"), "the same data give the same sample");
        assertEquals(sampled.getDouble("fit.logLikelihood"), again.getDouble("fit.logLikelihood"), 1e-9);
    }

    @Test
    @Order(4)
    void theAnalysisIsKeptAndReadBack() {
        assertNotNull(analysisId);
        as("manager").when().get("/api/v1/value-drivers/latest").then().statusCode(200)
                .body("id", equalTo(analysisId)).body("period.months", equalTo(MONTHS));
        as("analyst").when().get("/api/v1/value-drivers/" + analysisId).then().statusCode(200)
                .body("id", equalTo(analysisId)).body("drivers.experience", hasItem("UNRESOLVED"));
        as("analyst").when().get("/api/v1/value-drivers/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        as("analyst").when().get("/api/v1/value-drivers/not-an-id").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    @Order(6)
    void badRequestsAreProblemsNamingTheField() {
        invalid(Map.of("asOf", "01.12.2015"), "asOf");
        invalid(Map.of("asOf", LocalDate.now().plusDays(2).toString()), "asOf");
        invalid(Map.of("months", 0), "months");
        invalid(Map.of("months", 13), "months");
        invalid(Map.of("maxCustomers", 999), "maxCustomers");
        invalid(Map.of("maxCustomers", 50_001), "maxCustomers");
        as("analyst").contentType(ContentType.JSON).body(Map.of("asOf", "1995-01-01"))
                .when().post("/api/v1/value-drivers")
                .then().statusCode(422).contentType(PROBLEM_JSON).body("reason", equalTo("TOO_FEW_CUSTOMERS"));
        as("analyst").contentType(ContentType.JSON).body("{\"months\": \"three\"}")
                .when().post("/api/v1/value-drivers").then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    @Order(7)
    void onlyAnalystsRunAnalysesAndManagersReadThem() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/value-drivers").then().statusCode(401);
        as("manager").contentType(ContentType.JSON).body("{}").when().post("/api/v1/value-drivers")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        as("agent").when().get("/api/v1/value-drivers/latest").then().statusCode(403);
        given().when().get("/api/v1/value-drivers/latest").then().statusCode(401);
    }

    private static void invalid(Map<String, Object> body, String field) {
        as("analyst").contentType(ContentType.JSON).body(body).when().post("/api/v1/value-drivers")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("violations.field", hasItem(field));
    }

    private static Map<String, Double> scoredLifetimeValues() {
        Map<String, Double> clv = new HashMap<>();
        for (ValueWorld.Customer c : WORLD.customers) {
            JsonPath score = as("analyst").pathParam("customerId", c.id())
                    .when().get("/api/v1/customers/{customerId}/score")
                    .then().statusCode(200).extract().jsonPath().using(DOUBLES);
            clv.put(c.id(), score.getDouble("clv"));
        }
        assertFalse(clv.isEmpty());
        return clv;
    }

    private static Map<String, Object> driver(JsonPath analysis, Experience e) {
        List<Map<String, Object>> drivers = analysis.getList("drivers");
        return drivers.stream().filter(d -> e.name().equals(d.get("experience"))).findFirst()
                .orElseThrow(() -> new AssertionError("no driver " + e));
    }

    @SuppressWarnings("unchecked")
    private static double number(Map<String, Object> driver, String estimate, String part) {
        return ((Number) ((Map<String, Object>) driver.get(estimate)).get(part)).doubleValue();
    }
}
