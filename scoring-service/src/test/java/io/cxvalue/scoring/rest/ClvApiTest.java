package io.cxvalue.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.scoring.CustomerScore;
import io.cxvalue.scoring.CustomerTransaction;
import io.cxvalue.scoring.model.clv.ClvModel;
import io.cxvalue.scoring.repository.ClvModelRepository;
import io.cxvalue.scoring.repository.CustomerScoreRepository;
import io.cxvalue.scoring.repository.CustomerTransactionRepository;
import io.cxvalue.scoring.service.ClvService;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The CLV API on the CDNOW sample (2,357 customers, 6,919 purchases): the purchases of customers 1..{@value
 * #THROUGH_CONSUMER} go through cx.transactions and the consumer, the rest are stored directly (the consumer path
 * takes one transaction per event); the fit through the API must return the published estimates, and scoring must
 * publish one CustomerScored per customer, and nothing on a rerun without changes.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClvApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final int THROUGH_CONSUMER = 300;
    private static final int CUSTOMERS = 2357;
    private static final int PURCHASES = 6919;
    private static final Instant AFTER_DATA = Instant.parse("1998-07-01T00:00:00Z");
    private static boolean loaded;
    private static String fittedVersion;

    @Inject
    CustomerTransactionRepository transactions;
    @Inject
    ClvModelRepository models;
    @Inject
    CustomerScoreRepository scores;
    @Inject
    ClvService service;

    @Test
    @Order(1)
    void fitOnTheCdnowLogReturnsThePublishedEstimates() throws Exception {
        loadCdnow();
        JsonPath fit = given().auth().oauth2(TestTokens.withRoles("analyst")).contentType(ContentType.JSON)
                .body(Map.of("calibrationEnd", "1997-09-30", "timeUnit", "WEEKS", "holdoutEnd", "1998-06-30"))
                .when().post("/api/v1/clv/models")
                .then().statusCode(201)
                .contentType("application/json")
                .body("active", equalTo(true))
                .body("calibrationEnd", equalTo("1997-09-30"))
                .body("timeUnit", equalTo("WEEKS"))
                .body("customerCount", equalTo(CUSTOMERS))
                .body("bgNbd.converged", equalTo(true))
                .body("gammaGamma.converged", equalTo(true))
                .body("gammaGamma.customerCount", equalTo(946))
                .body("holdout.holdoutEnd", equalTo("1998-06-30"))
                .body("holdout.customers", equalTo(CUSTOMERS))
                .body("holdout.actual", equalTo(1882))
                .body("holdout.byFrequency", hasSize(8))
                .body("holdout.byFrequency[7].frequency", equalTo("7+"))
                .body("coverage.measuredAt", notNullValue())
                .body("coverage.topics.topic", contains(Topics.TRANSACTIONS, Topics.CUSTOMERS))
                .extract().jsonPath();
        assertPrinted(0.243, fit.getDouble("bgNbd.r"), 3, "r");
        assertPrinted(4.414, fit.getDouble("bgNbd.alpha"), 3, "alpha");
        assertPrinted(0.793, fit.getDouble("bgNbd.a"), 3, "a");
        assertPrinted(2.426, fit.getDouble("bgNbd.b"), 3, "b");
        assertPrinted(-9582.4, fit.getDouble("bgNbd.logLikelihood"), 1, "LL");
        assertPrinted(6.25, fit.getDouble("gammaGamma.p"), 2, "p");
        assertPrinted(3.74, fit.getDouble("gammaGamma.q"), 2, "q");
        assertPrinted(15.44, fit.getDouble("gammaGamma.gamma"), 2, "gamma");
        String version = fit.getString("version");
        assertTrue(version.startsWith("clv-v1-1997-09-30-weeks-"), version);
        System.out.printf("CLV API estimates: r=%s alpha=%s a=%s b=%s LL=%s p=%s q=%s gamma=%s%n",
                fit.getDouble("bgNbd.r"), fit.getDouble("bgNbd.alpha"), fit.getDouble("bgNbd.a"),
                fit.getDouble("bgNbd.b"), fit.getDouble("bgNbd.logLikelihood"), fit.getDouble("gammaGamma.p"),
                fit.getDouble("gammaGamma.q"), fit.getDouble("gammaGamma.gamma"));
        fittedVersion = version;

        given().auth().oauth2(TestTokens.withRoles("analyst")).when().get("/api/v1/clv/models/active")
                .then().statusCode(200).body("version", equalTo(version))
                .body("customerCount", equalTo(CUSTOMERS))
                .body("holdout.byFrequency[0].frequency", equalTo("0"));
        given().auth().oauth2(TestTokens.withRoles("agent")).pathParam("version", version)
                .when().get("/api/v1/clv/models/{version}")
                .then().statusCode(200).body("version", equalTo(version)).body("customerCount", equalTo(CUSTOMERS));
        given().auth().oauth2(TestTokens.withRoles("analyst")).when().get("/api/v1/clv/models/clv-v1-unknown")
                .then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    @Order(2)
    void scoringStoresTiersAndPublishesEachChangeOnce() throws Exception {
        loadCdnow();
        ClvModel model = await(() -> service.activeModel()).model();
        ClvService.ScoreRun run = await(() -> service.scoreAll(model));
        assertEquals(CUSTOMERS, run.scored());

        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= CUSTOMERS; i++) {
            ids.add(Integer.toString(i));
        }
        Map<String, CustomerScore> stored = await(() -> Panache.withSession(() -> scores.findAll(ids)));
        assertEquals(CUSTOMERS, stored.size());
        // Tiers follow the configured percentiles (0.5, 0.8, 0.95): ordered by CLV, and the top shares as configured.
        Map<String, List<Double>> byTier = stored.values().stream().collect(Collectors.groupingBy(
                CustomerScore::valueTier, Collectors.mapping(s -> s.clv().doubleValue(), Collectors.toList())));
        List<String> order = List.of("LOW", "MEDIUM", "HIGH", "TOP");
        for (int i = 0; i + 1 < order.size(); i++) {
            double maxLower = byTier.getOrDefault(order.get(i), List.of(-1.0)).stream()
                    .mapToDouble(Double::doubleValue).max().orElse(-1);
            double minUpper = byTier.get(order.get(i + 1)).stream().mapToDouble(Double::doubleValue).min()
                    .orElseThrow();
            assertTrue(maxLower <= minUpper, order.get(i) + " above " + order.get(i + 1));
        }
        double top = byTier.get("TOP").size() / (double) CUSTOMERS;
        double highOrTop = (byTier.get("HIGH").size() + byTier.get("TOP").size()) / (double) CUSTOMERS;
        assertEquals(0.05, top, 0.02, "share of TOP");
        assertEquals(0.20, highOrTop, 0.03, "share of HIGH and TOP");
        assertTrue(stored.values().stream().allMatch(s -> s.modelVersion().equals(model.version())
                && s.currency().equals("USD") && s.horizonMonths() == 12));

        // One event per customer on cx.scores (all were new), and none more after a rerun without changes.
        Set<String> cdnow = new HashSet<>(ids);
        List<ConsumerRecord<String, String>> published = KafkaTestClient.readUntil(Topics.SCORES,
                Duration.ofSeconds(120), records -> ofCdnow(records, cdnow).size() >= CUSTOMERS);
        List<ConsumerRecord<String, String>> mine = ofCdnow(published, cdnow);
        assertEquals(CUSTOMERS, mine.size());
        assertEquals(CUSTOMERS, mine.stream().map(ConsumerRecord::key).distinct().count());
        ConsumerRecord<String, String> first = mine.get(0);
        assertEquals(EventType.CUSTOMER_SCORED.ceType(), KafkaTestClient.header(first, CloudEventHeaders.TYPE));
        assertTrue(first.value().contains("\"modelVersion\":\"" + model.version() + "\""));

        ClvService.ScoreRun rerun = await(() -> service.scoreAll(model));
        assertEquals(CUSTOMERS, rerun.scored());
        assertEquals(0, rerun.published());
        assertEquals(CUSTOMERS, ofCdnow(KafkaTestClient.readFor(Topics.SCORES, Duration.ofSeconds(5)), cdnow).size());

        given().auth().oauth2(TestTokens.withRoles("agent")).pathParam("customerId", "1")
                .when().get("/api/v1/customers/{customerId}/score")
                .then().statusCode(200).body("customerId", equalTo("1"))
                .body("modelVersion", equalTo(model.version()))
                .body("currency", equalTo("USD"));
    }

    @Test
    @Order(3)
    void erasureDeletesTheScore() {
        String customerId = "2357";
        given().auth().oauth2(TestTokens.withRoles("analyst")).pathParam("customerId", customerId)
                .when().get("/api/v1/customers/{customerId}/score").then().statusCode(200);
        CloudEventRecords.publish(new ErasureRequested("erasure-" + UUID.randomUUID(), customerId, Instant.now()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .auth().oauth2(TestTokens.withRoles("analyst")).pathParam("customerId", customerId)
                .when().get("/api/v1/customers/{customerId}/score").then().statusCode(404));
    }

    @Test
    void badFitRequestsAreProblemsNamingTheField() {
        fit(Map.of("calibrationEnd", "2999-01-01", "timeUnit", "WEEKS"), "calibrationEnd");
        fit(Map.of("calibrationEnd", "1997-09-30", "timeUnit", "WEEKS", "holdoutEnd", "1997-09-01"), "holdoutEnd");
        fit(Map.of("calibrationEnd", "1997-09-30", "timeUnit", "MONTHS"), "timeUnit");
        fit(Map.of("calibrationEnd", "30.09.1997", "timeUnit", "WEEKS"), "calibrationEnd");
        fit(Map.of("timeUnit", "WEEKS"), "calibrationEnd");
        // No customer bought before 1990.
        fit(Map.of("calibrationEnd", "1990-01-01", "timeUnit", "DAYS"), "calibrationEnd");
    }

    private static void assertPrinted(double published, double estimate, int decimals, String name) {
        double scale = Math.pow(10, decimals);
        assertEquals(published, Math.round(estimate * scale) / scale, 1e-9,
                name + " = " + estimate + " does not round to the published " + published);
    }

    private static void fit(Map<String, String> body, String field) {
        given().auth().oauth2(TestTokens.withRoles("analyst")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/clv/models")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo(field));
    }

    @Test
    void endpointsNeedATokenWithTheRightRole() {
        given().contentType(ContentType.JSON).body(Map.of("calibrationEnd", "1997-09-30", "timeUnit", "WEEKS"))
                .when().post("/api/v1/clv/models").then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("agent")).contentType(ContentType.JSON)
                .body(Map.of("calibrationEnd", "1997-09-30", "timeUnit", "WEEKS"))
                .when().post("/api/v1/clv/models").then().statusCode(403);
        given().when().get("/api/v1/clv/models/active").then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("ingest")).when().get("/api/v1/clv/models/active")
                .then().statusCode(403);
        given().when().get("/api/v1/clv/models/x").then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("manager")).when().get("/api/v1/clv/models/x")
                .then().statusCode(403);
        given().pathParam("customerId", "1").when().get("/api/v1/customers/{customerId}/score")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("ingest")).pathParam("customerId", "1")
                .when().get("/api/v1/customers/{customerId}/score").then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("analyst")).pathParam("customerId", "never-" + UUID.randomUUID())
                .when().get("/api/v1/customers/{customerId}/score").then().statusCode(404)
                .contentType(PROBLEM_JSON);
    }

    private static List<ConsumerRecord<String, String>> ofCdnow(List<ConsumerRecord<String, String>> records,
            Set<String> ids) {
        return records.stream().filter(r -> ids.contains(r.key())).toList();
    }

    /** The CDNOW log, through the consumer for the first customers and stored directly for the rest. Once. */
    private void loadCdnow() throws IOException {
        if (loaded) {
            return;
        }
        List<TransactionRecorded> viaKafka = new ArrayList<>();
        List<CustomerTransaction> direct = new ArrayList<>();
        DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
        Map<Integer, Integer> perCustomer = new HashMap<>();
        for (String line : cdnowLog()) {
            if (line.isBlank()) {
                continue;
            }
            String[] t = line.strip().split("\\s+");
            int id = Integer.parseInt(t[1]);
            int n = perCustomer.merge(id, 1, Integer::sum);
            String transactionId = "cdnow-" + id + "-" + n;
            Instant at = LocalDate.parse(t[2], f).atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
            BigDecimal amount = new BigDecimal(t[4]);
            if (id <= THROUGH_CONSUMER) {
                viaKafka.add(new TransactionRecorded(transactionId, "cdnow", transactionId, Integer.toString(id),
                        TransactionKind.PURCHASE, amount, "USD", null, at, null, null));
            } else {
                CustomerTransaction tx = CustomerTransaction.of(transactionId, Integer.toString(id),
                        TransactionKind.PURCHASE, amount, at, null);
                direct.add(tx);
            }
        }
        assertEquals(PURCHASES, viaKafka.size() + direct.size());
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (TransactionRecorded event : viaKafka) {
                List<Header> headers = List.of(
                        header(CloudEventHeaders.ID, UUID.randomUUID().toString()),
                        header(CloudEventHeaders.TYPE, EventType.TRANSACTION_RECORDED.ceType()),
                        header(CloudEventHeaders.SOURCE, "/test/cdnow"),
                        header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0),
                        header(CloudEventHeaders.TIME, Instant.now().toString()),
                        header(CloudEventHeaders.SUBJECT, event.customerId()),
                        header(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));
                producer.send(new ProducerRecord<>(Topics.TRANSACTIONS, null, event.customerId(),
                        EventJson.write(event), headers));
            }
            producer.flush();
        }
        // The direct rows carry the currency of the consumed ones.
        direct.forEach(tx -> setUsd(tx));
        await(() -> Panache.withTransaction(() -> transactions.persist(direct)).replaceWith(0));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> await(
                () -> Panache.withSession(() -> transactions.count("occurredAt <= ?1", AFTER_DATA))) == PURCHASES);
        loaded = true;
    }

    private static void setUsd(CustomerTransaction tx) {
        try {
            var field = CustomerTransaction.class.getDeclaredField("currency");
            field.setAccessible(true);
            field.set(tx, "USD");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The raw CDNOW log from the test classpath (src/test/resources/cdnow, see its README.md). */
    private static List<String> cdnowLog() throws IOException {
        try (InputStream in = ClvApiTest.class.getResourceAsStream("/cdnow/CDNOW_sample.txt")) {
            if (in == null) {
                throw new IllegalStateException("/cdnow/CDNOW_sample.txt not found on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static <T> T await(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(call);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
