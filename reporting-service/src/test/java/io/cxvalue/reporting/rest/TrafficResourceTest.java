package io.cxvalue.reporting.rest;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.InteractionRecorded;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A simulated centre of one team over the ten days up to now, sent as events: Poisson contacts per minute whose rate
 * follows the hour of the day, with three planted spikes of six times the usual volume for 20 minutes: one from a
 * marketing campaign, one from an outage (contact reason 'outage', long queues and many abandoned calls), and one in
 * the last half hour that the live stream must raise. The spikes API must find exactly the planted spikes within two
 * minutes of their start, name what drove each, and show the outage hurt service; the series must count what was sent.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class TrafficResourceTest {

    private static final String TEAM = uniqueId("team");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static final Instant WORLD_START = NOW.minus(Duration.ofDays(10)).minus(Duration.ofHours(1));
    private static final Instant CAMPAIGN_SPIKE = NOW.minus(Duration.ofDays(2)).minus(Duration.ofMinutes(397));
    private static final Instant OUTAGE_SPIKE = NOW.minus(Duration.ofDays(1)).minus(Duration.ofMinutes(151));
    private static final Instant LIVE_SPIKE = NOW.minus(Duration.ofMinutes(25));
    private static final int SPIKE_MINUTES = 20;
    private static final double SPIKE_FACTOR = 6;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** Contacts sent per minute (index from WORLD_START), in total and those with the campaign. */
    private static final Map<Integer, Integer> sentPerMinute = new HashMap<>();
    private static final Map<Integer, Integer> campaignPerMinute = new HashMap<>();
    private static int sent;

    /** Sends the world once, before the first test (the application must be up: not in a static initializer). */
    @BeforeEach
    void sendTheWorldOnce() {
        synchronized (TrafficResourceTest.class) {
            if (sent == 0) {
                sendTheWorld();
            }
        }
    }

    private static void sendTheWorld() {
        Random random = new Random(20261207);
        List<InteractionRecorded> events = new ArrayList<>();
        int usualContacts = 0;
        int minutes = (int) Duration.between(WORLD_START, NOW).toMinutes();
        for (int m = 0; m < minutes; m++) {
            Instant minute = WORLD_START.plus(Duration.ofMinutes(m));
            int hour = minute.atZone(java.time.ZoneOffset.UTC).getHour();
            double rate = 4 + 0.8 * Math.sin(2 * Math.PI * (hour - 6) / 24.0);
            Instant spike = spikeAt(minute);
            int usual = poisson(random, rate);
            int extra = spike == null ? 0 : poisson(random, rate * (SPIKE_FACTOR - 1));
            for (int i = 0; i < usual + extra; i++) {
                Instant at = minute.plusSeconds(random.nextInt(60));
                boolean fromSpike = i >= usual;
                Events.Contact c = Events.contact(TEAM, uniqueId("cust"), at)
                        .channel(random.nextDouble() < 0.7 ? Channel.VOICE : Channel.CHAT)
                        .reason(random.nextDouble() < 0.6 ? "billing" : "delivery")
                        .routingQueue("q-general");
                if (fromSpike && spike.equals(CAMPAIGN_SPIKE)) {
                    c.reason("offer").campaign("spring-promo").routingQueue("q-sales");
                    campaignPerMinute.merge(m, 1, Integer::sum);
                } else if (fromSpike) {
                    c.reason("outage").routingQueue("q-support");
                }
                if (spike != null && spike.equals(OUTAGE_SPIKE)) {
                    // Everyone waits in the outage: service level collapses and a third give up.
                    if (random.nextDouble() < 0.35) {
                        c.abandoned(180);
                    } else {
                        c.queue(150);
                    }
                } else if (++usualContacts % 33 == 0) {
                    // Exactly one in 33 abandons outside the outage: a random 3 % let a spike's 400 contacts stray
                    // far enough from it (24 of 406 in one world) to read as a worse experience.
                    c.abandoned(40);
                }
                events.add(c.event());
                sentPerMinute.merge(m, 1, Integer::sum);
            }
        }
        CloudEventRecords.publishAll(events);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> totalIn(WORLD_START, NOW) == events.size());
        sent = events.size();
    }

    private static Instant spikeAt(Instant minute) {
        for (Instant start : List.of(CAMPAIGN_SPIKE, OUTAGE_SPIKE, LIVE_SPIKE)) {
            if (!minute.isBefore(start) && minute.isBefore(start.plus(Duration.ofMinutes(SPIKE_MINUTES)))) {
                return start;
            }
        }
        return null;
    }

    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    /** The contacts the series shows in [from, to), in quarter hours (at most 92 days). */
    private static long totalIn(Instant from, Instant to) {
        List<Number> totals = series(TestTokens.withRoles(Roles.ANALYST), Map.of("from", from.toString(),
                "to", to.toString(), "team", TEAM, "step", "15")).statusCode(200).extract().path("series.total");
        return totals.stream().mapToLong(Number::longValue).sum();
    }

    @Test
    void findsThePlantedSpikesWithinTwoMinutesAndOnlyThem() {
        JsonPath answer = spikes(TestTokens.managerOf(TEAM), Map.of("from", NOW.minus(Duration.ofDays(3)).toString(),
                "to", NOW.toString(), "team", TEAM, "experience", "false")).statusCode(200).extract().jsonPath();
        List<Map<String, Object>> found = answer.getList("spikes");
        List<Instant> planted = List.of(CAMPAIGN_SPIKE, OUTAGE_SPIKE, LIVE_SPIKE);
        int hits = 0;
        for (Instant start : planted) {
            boolean hit = found.stream().anyMatch(s -> {
                Instant alerted = Instant.parse((String) s.get("alertedAt"));
                return !alerted.isBefore(start) && !alerted.isAfter(start.plus(Duration.ofMinutes(2)));
            });
            hits += hit ? 1 : 0;
        }
        long matched = found.stream().filter(s -> planted.stream().anyMatch(p -> {
            Instant start = Instant.parse((String) s.get("start"));
            Instant end = Instant.parse((String) s.get("end"));
            return start.isBefore(p.plus(Duration.ofMinutes(SPIKE_MINUTES))) && end.isAfter(p);
        })).count();
        System.out.printf("traffic spikes: %d planted, %d found, recall within 2 min %.3f, precision %.3f%n",
                planted.size(), found.size(), hits / 3.0, found.isEmpty() ? 0 : (double) matched / found.size());
        assertEquals(planted.size(), hits, "every planted spike alerted within 2 minutes: " + found);
        assertEquals(found.size(), matched, "no spike that was not planted: " + found);
        assertEquals(3, found.size());
        assertThat(answer.getInt("detection.historyWeeks"), equalTo(8));
        assertThat(answer.getLong("detection.baselineContacts"), greaterThan(10_000L));
        assertThat(answer.getDouble("spikes[0].ratio"), greaterThan(3.0));
        assertThat(answer.getString("spikes[0].summary"), containsString("times the usual"));
    }

    @Test
    void namesWhatDroveEachSpike() {
        JsonPath answer = spikes(TestTokens.withRoles(Roles.ANALYST), Map.of("from",
                NOW.minus(Duration.ofDays(3)).toString(), "to", NOW.minus(Duration.ofHours(2)).toString(),
                "team", TEAM)).statusCode(200).extract().jsonPath();
        assertEquals(2, answer.getList("spikes").size());
        // The campaign spike: the excess came with the campaign, and its contacts' reason 'offer'.
        assertThat(answer.getString("spikes[0].cause"), equalTo("CAMPAIGN"));
        assertThat(answer.getString("spikes[0].byCampaign[0].value"), equalTo("spring-promo"));
        assertThat(answer.getDouble("spikes[0].byCampaign[0].shareOfExcess"), greaterThan(0.8));
        assertThat(answer.getDouble("spikes[0].byCampaign[0].expected"), lessThanOrEqualTo(0.5));
        assertThat(answer.getString("spikes[0].byReason[0].value"), equalTo("offer"));
        assertThat(answer.getString("spikes[0].driversSummary"), containsString("marketing push"));
        // The outage: one reason, no campaign.
        assertThat(answer.getString("spikes[1].cause"), equalTo("CONTACT_REASON"));
        assertThat(answer.getString("spikes[1].byReason[0].value"), equalTo("outage"));
        assertThat(answer.getString("spikes[1].driversSummary"), containsString("service failure"));
    }

    @Test
    void showsTheOutageHurtCustomersAgainstTheSameHoursOnNormalDays() {
        JsonPath answer = spikes(TestTokens.withRoles(Roles.ANALYST), Map.of("from",
                NOW.minus(Duration.ofDays(3)).toString(), "to", NOW.minus(Duration.ofHours(2)).toString(),
                "team", TEAM)).statusCode(200).extract().jsonPath();
        List<Map<String, Object>> campaign = answer.getList("spikes[0].experience.overall");
        JsonPath outage = answer.setRootPath("spikes[1].experience");
        Map<String, Map<String, Object>> overall = new HashMap<>();
        List<Map<String, Object>> figures = outage.getList("overall");
        figures.forEach(f -> overall.put((String) f.get("measure"), f));
        Map<String, Object> serviceLevel = overall.get("service_level");
        Map<String, Object> abandonment = overall.get("abandonment_rate");
        assertEquals(Boolean.TRUE, serviceLevel.get("worse"), serviceLevel.toString());
        assertEquals(Boolean.TRUE, abandonment.get("worse"), abandonment.toString());
        // Planted: a third abandon in the outage against 3 % on normal days; nobody answered within 20 s.
        assertThat(((Number) abandonment.get("normal")).doubleValue(), lessThanOrEqualTo(0.06));
        assertThat(((Number) abandonment.get("during")).doubleValue(), greaterThan(0.2));
        assertThat(((Number) serviceLevel.get("normal")).doubleValue(), greaterThan(0.9));
        assertThat(((Number) serviceLevel.get("normalBase")).doubleValue(), greaterThan(500.0));
        assertThat(outage.getString("summary"), containsString("abandonment rate rose"));
        // The campaign spike's customers were served as usual.
        assertTrue(campaign.stream().noneMatch(f -> Boolean.TRUE.equals(f.get("worse"))
                && "abandonment_rate".equals(f.get("measure"))), campaign.toString());
    }

    @Test
    void seriesCountWhatWasSentPerMinuteAndQuarterHour() {
        Instant from = CAMPAIGN_SPIKE.minus(Duration.ofMinutes(30));
        Instant to = CAMPAIGN_SPIKE.plus(Duration.ofMinutes(60));
        int offset = (int) Duration.between(WORLD_START, from).toMinutes();
        JsonPath minutes = series(TestTokens.managerOf(TEAM), Map.of("from", from.toString(), "to", to.toString(),
                "team", TEAM)).statusCode(200).extract().jsonPath();
        List<Integer> total = minutes.getList("series[0].contacts", Integer.class);
        assertEquals(90, total.size());
        for (int m = 0; m < 90; m++) {
            assertEquals(sentPerMinute.getOrDefault(offset + m, 0), total.get(m), "minute " + m);
        }
        assertEquals(90, minutes.getList("expected").size());
        JsonPath byCampaign = series(TestTokens.managerOf(TEAM), Map.of("from", from.toString(), "to", to.toString(),
                "team", TEAM, "campaign", "spring-promo")).statusCode(200).extract().jsonPath();
        List<Integer> campaign = byCampaign.getList("series[0].contacts", Integer.class);
        for (int m = 0; m < 90; m++) {
            assertEquals(campaignPerMinute.getOrDefault(offset + m, 0), campaign.get(m), "minute " + m);
        }
        JsonPath quarters = series(TestTokens.managerOf(TEAM), Map.of("from", from.toString(), "to", to.toString(),
                "team", TEAM, "step", "15", "by", "queue")).statusCode(200).extract().jsonPath();
        assertThat(quarters.getList("series.value"), equalTo(List.of("q-general", "q-sales")));
        int quarterSum = 0;
        for (int m = 0; m < 15; m++) {
            quarterSum += sentPerMinute.getOrDefault(offset + m, 0);
        }
        List<Integer> general = quarters.getList("series[0].contacts", Integer.class);
        List<Integer> sales = quarters.getList("series[1].contacts", Integer.class);
        assertEquals(quarterSum, general.get(0) + sales.get(0));
    }

    @Test
    void rejectsWhatItCannotAnswerWithProblems() {
        String analyst = TestTokens.withRoles(Roles.ANALYST);
        series(analyst, Map.of("from", NOW.minus(Duration.ofDays(8)).toString(), "to", NOW.toString(), "team", TEAM))
                .statusCode(400).body("violations[0].field", equalTo("to"));
        series(analyst, Map.of("from", "2026-01-01", "to", "2026-01-02", "step", "5", "by", "agent"))
                .statusCode(400).body("violations.field", equalTo(List.of("step", "by")));
        series(analyst, Map.of("from", "2026-01-01", "to", "2026-01-02", "by", "reason", "channel", "VOICE"))
                .statusCode(400).body("violations[0].field", equalTo("by"));
        series(TestTokens.managerOf(uniqueId("team")), Map.of("from", "2026-01-01", "to", "2026-01-02",
                "team", TEAM)).statusCode(403);
        spikes(analyst, Map.of("from", WORLD_START.toString(), "to", WORLD_START.plus(Duration.ofDays(1)).toString(),
                "team", TEAM)).statusCode(422).body("detail", containsString("days of contacts"));
        spikes(analyst, Map.of("from", "2026-01-01", "to", "2026-01-02", "alpha", "0.5"))
                .statusCode(400).body("violations[0].field", equalTo("alpha"));
        given().auth().oauth2(analyst).queryParam("since", NOW.minus(Duration.ofDays(2)).toString())
                .when().get("/api/v1/traffic/stream").then().statusCode(400)
                .body("violations[0].field", equalTo("since"));
    }

    @Test
    void streamsClosedMinutesAndRaisesTheLiveSpike() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/traffic/stream?team=" + TEAM + "&since="
                        + NOW.minus(Duration.ofMinutes(40))))
                .header("Authorization", "Bearer " + TestTokens.managerOf(TEAM))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        List<String> minutes = new ArrayList<>();
        CompletableFuture<String> spike = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String event = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:") && "minute".equals(event)) {
                        minutes.add(line.substring(5).trim());
                    } else if (line.startsWith("data:") && "spike".equals(event)) {
                        return line.substring(5).trim();
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String raised = spike.get(60, TimeUnit.SECONDS);
        response.body().close();
        JsonPath alert = JsonPath.from(raised);
        Instant alertedAt = Instant.parse(alert.getString("alertedAt"));
        assertTrue(!alertedAt.isBefore(LIVE_SPIKE) && !alertedAt.isAfter(LIVE_SPIKE.plus(Duration.ofMinutes(2))),
                "alerted at " + alertedAt + " for a spike from " + LIVE_SPIKE);
        assertThat(alert.getString("byReason[0].value"), equalTo("outage"));
        // The minutes before the alert were streamed first, in order, with what was sent in each.
        int offset = (int) Duration.between(WORLD_START, NOW.minus(Duration.ofMinutes(40))).toMinutes();
        assertThat(minutes.size(), greaterThan(10));
        for (int i = 0; i < minutes.size(); i++) {
            JsonPath minute = JsonPath.from(minutes.get(i));
            assertEquals(NOW.minus(Duration.ofMinutes(40 - i)), Instant.parse(minute.getString("minute")));
            assertEquals(sentPerMinute.getOrDefault(offset + i, 0), minute.getInt("contacts"));
        }
    }

    private static ValidatableResponse series(String token, Map<String, ?> params) {
        return given().auth().oauth2(token).queryParams(params).when().get("/api/v1/traffic").then();
    }

    private static ValidatableResponse spikes(String token, Map<String, ?> params) {
        return given().auth().oauth2(token).queryParams(params).when().get("/api/v1/traffic/spikes").then();
    }
}
