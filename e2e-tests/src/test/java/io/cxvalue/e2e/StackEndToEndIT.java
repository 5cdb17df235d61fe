package io.cxvalue.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The whole stack, as a developer runs it: {@code ./cx up} (Kafka, MongoDB wire-protocol server, Keycloak with the
 * cx-value realm, the four packaged services, and the stack's own PostgreSQL), real tokens from Keycloak, one
 * interaction followed through ingestion into scoring, experiment and reporting, a duplicate that must change nothing,
 * and {@code ./cx down} at the end.
 *
 * <p>The stack's state lives in its own CX_HOME ({@code e2e-tests/target/cx-home}, logs kept after the run) and its own
 * databases ({@code cx_e2e_scoring}, {@code cx_e2e_experiment}, recreated on every run), so it never touches a
 * developer's {@code .cx}. It uses the standard ports: when a developer's stack is running, the test fails at once
 * naming the busy port.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StackEndToEndIT.FailureWatcher.class)
class StackEndToEndIT {

    static final String KEYCLOAK = "http://localhost:8180";
    static final String TOKEN_URL = KEYCLOAK + "/realms/cx-value/protocol/openid-connect/token";
    static final String INGESTION = "http://localhost:8081";
    static final String SCORING = "http://localhost:8082";
    static final String EXPERIMENT = "http://localhost:8083";
    static final String REPORTING = "http://localhost:8084";

    /** Every port the stack listens on (kafka, kafka controller, mongo, keycloak, the four services). */
    static final int[] PORTS = {15432, 9092, 9093, 27017, 8180, 8081, 8082, 8083, 8084};

    static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(60);
    /** The CDNOW import (6,919 records) behind the earlier tests' events on a shared 2-core runner. */
    static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(4);
    static final Duration SETTLE = Duration.ofSeconds(5);

    static final ObjectMapper JSON = new ObjectMapper();

    static Path repoRoot;
    static Path cxHome;
    static volatile boolean failed;

    // ---------------------------------------------------------------------------------------------------------------
    // Stack lifecycle

    @BeforeAll
    static void startStack() throws Exception {
        repoRoot = findRepoRoot();
        cxHome = Path.of(System.getProperty("cx.e2e.home", repoRoot.resolve("e2e-tests/target/cx-home").toString()))
                .toAbsolutePath();
        System.out.println("[e2e] repository " + repoRoot + ", CX_HOME " + cxHome);
        try {
            // Leftovers of an earlier run with this CX_HOME: stop them and start from empty data.
            int reset = cx("reset", Duration.ofMinutes(3));
            if (reset != 0) {
                fail("./cx reset failed with exit code " + reset + " (its output is above)");
            }
            List<String> busy = new ArrayList<>();
            for (int port : PORTS) {
                if (portInUse(port)) {
                    busy.add(String.valueOf(port));
                }
            }
            if (!busy.isEmpty()) {
                fail("Ports " + busy + " are in use by processes this test did not start (a developer's ./cx stack?"
                        + " stop it with ./cx down). The end-to-end test needs the standard ports free.");
            }
            int rc = cx("up", Duration.ofMinutes(20));
            if (rc != 0) {
                fail("./cx up failed with exit code " + rc + " (its output is above; logs in " + cxHome.resolve("logs")
                        + ")");
            }
        } catch (Throwable t) {
            failed = true;
            throw t;
        }
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (cxHome == null) {
            return;
        }
        if (failed) {
            printLogTails();
        }
        int rc = cx("down", Duration.ofMinutes(3));
        if (rc != 0) {
            System.out.println("[e2e] ./cx down exited with " + rc);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tests

    @Test
    @Order(1)
    void keycloakIssuesTokensWithRealmRoles() {
        assertEquals(List.of("ingest"), realmRoles(clientCredentialsToken()));
        assertEquals(List.of("agent"), realmRoles(passwordToken("alice.agent")));
        assertEquals(List.of("analyst"), realmRoles(passwordToken("ana.analyst")));
        assertEquals(List.of("manager"), realmRoles(passwordToken("mia.manager")));
        assertEquals(List.of("team-north"), claim(passwordToken("mia.manager"), "teams"));
        assertEquals(List.of("team-south"), claim(passwordToken("noah.manager"), "teams"));
    }

    @Test
    @Order(2)
    void everyServiceRejectsRequestsWithoutToken() throws Exception {
        given().contentType(ContentType.JSON).body(JSON.writeValueAsString(interaction(Ids.random(), "c-e2e-401")))
                .post(INGESTION + "/api/v1/interactions").then().statusCode(401);
        given().get(SCORING + "/api/v1/customers/c-e2e-401/contacts").then().statusCode(401);
        given().get(EXPERIMENT + "/api/v1/experiments/exp-e2e-401/contacts").then().statusCode(401);
        given().get(REPORTING + "/api/v1/kpis?from=2026-01-01&to=2026-02-01").then().statusCode(401);
    }

    @Test
    @Order(3)
    void interactionReachesEveryServiceExactlyOnce() throws Exception {
        Ids ids = Ids.random();
        String gateway = clientCredentialsToken();
        String agent = passwordToken("alice.agent");
        String analyst = passwordToken("ana.analyst");
        String manager = passwordToken("mia.manager");

        // 1. A new interaction is accepted.
        String firstCustomer = "c-e2e-" + UUID.randomUUID();
        Map<String, Object> first = interaction(ids, firstCustomer);
        JsonNode accepted = postInteraction(gateway, first, 201);
        assertEquals("ACCEPTED", accepted.path("status").asText(), accepted.toString());
        String interactionId = accepted.path("interactionId").asText();
        assertFalse(interactionId.isBlank(), "interactionId missing: " + accepted);

        // 2. Each consumer shows it once.
        JsonNode customer = await("scoring-service contacts of " + firstCustomer,
                () -> get(agent, SCORING + "/api/v1/customers/" + firstCustomer + "/contacts"),
                json -> json.path("contacts").asInt() >= 1);
        assertCustomerContacts(customer, firstCustomer);

        JsonNode experiment = await("experiment-service contacts of " + ids.experimentId,
                () -> get(analyst, EXPERIMENT + "/api/v1/experiments/" + ids.experimentId + "/contacts"),
                json -> json.path("total").asInt() >= 1);
        assertExperimentContacts(experiment, ids.experimentId, 1, 1, 1);

        JsonNode team = await("reporting-service contacts of " + ids.teamId,
                () -> get(analyst, teamKpis(ids.teamId)),
                json -> teamTotal(json, "contacts_offered") >= 1);
        assertTeamContacts(team, ids.teamId, 1);

        // 3. The same interaction again is a duplicate with the same id.
        JsonNode duplicate = postInteraction(gateway, first, 200);
        assertEquals("DUPLICATE", duplicate.path("status").asText(), duplicate.toString());
        assertEquals(interactionId, duplicate.path("interactionId").asText(), duplicate.toString());

        // 4. A different interaction (other customer, same team and experiment) posted after the duplicate arrives:
        //    the pipeline has moved past the duplicate.
        String secondCustomer = "c-e2e-" + UUID.randomUUID();
        JsonNode second = postInteraction(gateway, interaction(ids, secondCustomer), 201);
        assertEquals("ACCEPTED", second.path("status").asText(), second.toString());
        assertNotEquals(interactionId, second.path("interactionId").asText(), second.toString());

        await("scoring-service contacts of " + secondCustomer,
                () -> get(agent, SCORING + "/api/v1/customers/" + secondCustomer + "/contacts"),
                json -> json.path("contacts").asInt() >= 1);
        await("experiment-service total 2 for " + ids.experimentId,
                () -> get(analyst, EXPERIMENT + "/api/v1/experiments/" + ids.experimentId + "/contacts"),
                json -> json.path("total").asInt() >= 2);
        await("reporting-service contacts 2 for " + ids.teamId,
                () -> get(analyst, teamKpis(ids.teamId)),
                json -> teamTotal(json, "contacts_offered") >= 2);
        // Other partitions may lag a little: give any (wrong) repeat of the first interaction time to show up.
        Thread.sleep(SETTLE.toMillis());

        // 5. Counted exactly once: the first customer still has 1 contact; team and experiment count 2 (two
        //    interactions), not 3.
        assertCustomerContacts(okJson(get(agent, SCORING + "/api/v1/customers/" + firstCustomer + "/contacts")),
                firstCustomer);
        assertCustomerContacts(okJson(get(agent, SCORING + "/api/v1/customers/" + secondCustomer + "/contacts")),
                secondCustomer);
        assertExperimentContacts(
                okJson(get(analyst, EXPERIMENT + "/api/v1/experiments/" + ids.experimentId + "/contacts")),
                ids.experimentId, 2, 2, 2);
        assertTeamContacts(okJson(get(analyst, teamKpis(ids.teamId))), ids.teamId, 2);
        // A manager sees the teams of their Keycloak groups (the 'teams' claim) and no other.
        assertEquals(200, get(manager, REPORTING + "/api/v1/kpis?from=2026-01-01&to=2026-02-01&team=team-north")
                .statusCode());
        assertEquals(403, get(manager, REPORTING + "/api/v1/kpis?from=2026-01-01&to=2026-02-01&team=team-south")
                .statusCode());
        assertEquals(403, get(manager, teamKpis(ids.teamId)).statusCode());
        assertEquals(200, get(passwordToken("noah.manager"),
                REPORTING + "/api/v1/kpis?from=2026-01-01&to=2026-02-01&team=team-south").statusCode());
    }

    @Test
    @Order(4)
    void anErasureLeavesNoPersonalDataInAnyStore() throws Exception {
        // A customer known by every kind of identity, with free text in notes, a transcript and a survey comment, a
        // purchase, and a contact in an experiment: everything each service keeps about a person.
        Ids ids = Ids.random();
        String run = randomLetters(10);
        String nationalPhone = "07700 900" + (100 + new Random().nextInt(900));
        String e164 = "+44" + nationalPhone.substring(1).replace(" ", "");
        String email = "Erase." + run + "@Example.com";
        String crmId = "crm-erase-" + run;
        String handle = "@e" + run; // x handles: at most 15 characters
        String displayName = "Zelda " + run;
        String notesWord = "xnotes" + run;
        String transcriptWord = "xtranscript" + run;
        String commentWord = "xcomment" + run;
        String gateway = clientCredentialsToken();

        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("source", "crm");
        profile.put("externalId", "erase-" + run);
        profile.put("displayName", displayName);
        profile.put("attributes", Map.of("segment", "gold", "nickname", "zee" + run));
        profile.put("identities", Map.of("phones", List.of(nationalPhone), "emails", List.of(email),
                "crmIds", List.of(crmId), "social", List.of(Map.of("network", "x", "handle", handle))));
        String customerId = post(gateway, "/api/v1/customers", profile, 201).path("customerId").asText();
        assertFalse(customerId.isBlank());

        Map<String, Object> contact = interaction(ids, null);
        contact.remove("customerId");
        contact.put("customer", Map.of("phone", "+44 " + nationalPhone.substring(1)));
        contact.put("notes", "Customer asked about " + notesWord + " twice");
        contact.put("transcript", "agent: hello. customer: my " + transcriptWord + " is broken again.");
        String interactionId = postInteraction(gateway, contact, 201).path("interactionId").asText();
        post(gateway, "/api/v1/survey-responses", Map.of("source", "qualtrics", "externalId", "erase-" + run,
                "customer", Map.of("email", email.toUpperCase(Locale.ROOT)), "interactionId", interactionId,
                "respondedAt", Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString(),
                "csat", 2, "nps", 3, "comment", "The " + commentWord + " was not fixed"), 201);
        post(gateway, "/api/v1/transactions", Map.of("source", "shop", "externalId", "erase-" + run,
                "customer", Map.of("crmId", crmId), "kind", "PURCHASE", "amount", 42.5, "currency", "EUR",
                "occurredAt", Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS).toString()), 201);

        String agent = passwordToken("alice.agent");
        String analyst = passwordToken("ana.analyst");
        JsonNode card = await("the caller card of " + nationalPhone,
                () -> caller(agent, "phone", nationalPhone),
                json -> json.path("known").asBoolean() && json.path("contacts").path("last30Days").asInt() >= 1);
        assertEquals(customerId, card.path("customerId").asText(), card.toString());
        await("experiment-service contacts of " + ids.experimentId,
                () -> get(analyst, EXPERIMENT + "/api/v1/experiments/" + ids.experimentId + "/contacts"),
                json -> json.path("total").asInt() >= 1);
        await("reporting-service contacts of " + ids.teamId, () -> get(analyst, teamKpis(ids.teamId)),
                json -> teamTotal(json, "contacts_offered") >= 1);

        List<String> personal = List.of(nationalPhone, nationalPhone.replace(" ", ""), e164, email, crmId, handle,
                handle.substring(1), displayName, "zee" + run, notesWord, transcriptWord, commentWord);
        List<String> identifying = Stream.concat(personal.stream(), Stream.of(customerId)).toList();
        // The scan sees what is there: before the erasure every store holds the customer.
        assertHolds(StoreScan.mongo(MONGO, List.of("cx_ingestion"), personal), email, displayName, notesWord,
                transcriptWord, commentWord, crmId);
        assertHolds(postgres("cx_e2e_scoring", identifying), e164, customerId);
        assertHolds(postgres("cx_e2e_experiment", identifying), customerId);
        // (reporting packs the terms of the texts into binary values: the scan reads those too)
        assertHolds(StoreScan.mongo(MONGO, List.of("cx_reporting"), identifying), customerId, notesWord,
                transcriptWord, commentWord);

        String admin = passwordToken("adam.admin");
        Response started = given().auth().oauth2(admin).accept(ContentType.JSON)
                .delete(INGESTION + "/api/v1/customers/" + customerId);
        assertEquals(202, started.statusCode(), started.asString());
        String erasureId = started.jsonPath().getString("erasureId");
        JsonNode erasure = await("erasure " + erasureId + " confirmed by every service",
                () -> get(admin, INGESTION + "/api/v1/erasures/" + erasureId),
                json -> json.path("complete").asBoolean());
        assertEquals(List.of("experiment-service", "ingestion-service", "reporting-service", "scoring-service"),
                sortedFieldNames(erasure.path("confirmedBy")), erasure.toString());

        // The search paths: the caller card no longer knows the phone number or the e-mail address.
        for (Map.Entry<String, String> lookup : List.of(Map.entry("phone", nationalPhone), Map.entry("phone", e164),
                Map.entry("email", email))) {
            JsonNode unknown = okJson(caller(agent, lookup.getKey(), lookup.getValue()));
            assertFalse(unknown.path("known").asBoolean(), lookup + " still known: " + unknown);
        }
        assertEquals(404, get(agent, SCORING + "/api/v1/customers/" + customerId + "/contacts").statusCode());

        // The stores themselves: no personal data anywhere; the customer id stays only in ingestion, where it is the
        // pseudonym the kept records (interactions, answers, purchases without their text) are filed under.
        List<StoreScan.Finding> left = new ArrayList<>();
        left.addAll(StoreScan.mongo(MONGO, List.of("cx_ingestion"), personal));
        left.addAll(postgres("cx_e2e_scoring", identifying));
        left.addAll(postgres("cx_e2e_experiment", identifying));
        left.addAll(StoreScan.mongo(MONGO, List.of("cx_reporting"), identifying));
        assertEquals(List.of(), left, "personal data or identifiers left after erasure " + erasureId);
    }

    static final String MONGO = "mongodb://localhost:27017";

    /** The caller card looked up by phone or email. */
    static Response caller(String token, String parameter, String value) {
        return given().auth().oauth2(token).accept(ContentType.JSON).queryParam(parameter, value)
                .get(SCORING + "/api/v1/callers");
    }

    static List<StoreScan.Finding> postgres(String database, List<String> needles) throws Exception {
        return StoreScan.postgres("127.0.0.1", 15432, database, "postgres", "postgres", needles);
    }

    /** The scan found each of {@code expected} somewhere. */
    static void assertHolds(List<StoreScan.Finding> findings, String... expected) {
        List<String> found = findings.stream().flatMap(f -> f.needles().stream()).distinct().toList();
        for (String needle : expected) {
            assertTrue(found.contains(needle.toLowerCase(Locale.ROOT)),
                    "the store scan did not find " + needle + " before the erasure: " + findings);
        }
    }

    static String randomLetters(int length) {
        java.util.Random random = new Random();
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < length; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }

    static JsonNode post(String token, String path, Map<String, Object> body, int expectedStatus) throws IOException {
        Response response = given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(JSON.writeValueAsString(body)).post(INGESTION + path);
        assertEquals(expectedStatus, response.statusCode(),
                "POST " + path + ": HTTP " + response.statusCode() + " " + response.asString());
        return JSON.readTree(response.asString());
    }

    @Test
    @Order(5)
    void theCdnowLogImportedThroughIngestionReproducesThePublishedEstimates() throws Exception {
        // The raw CDNOW log (6,919 purchases of 2,357 customers, 1997-01-01 .. 1998-06-30) as a CSV file import:
        // ingestion resolves each customer by its CRM id, scoring consumes the purchases, and the analyst's fit must
        // give the published BG/NBD (Fader, Hardie & Lee 2005) and Gamma-Gamma (Fader & Hardie 2013) estimates.
        Path log = repoRoot.resolve("scoring-service/src/test/resources/cdnow/CDNOW_sample.txt");
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("source,externalId,customer.crmId,kind,amount,currency,occurredAt\n");
        int rows = 0;
        for (String line : Files.readAllLines(log)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5) {
                continue;
            }
            String day = f[2].substring(0, 4) + "-" + f[2].substring(4, 6) + "-" + f[2].substring(6, 8);
            csv.append("cdnow,").append(run).append('-').append(++rows).append(",cdnow-").append(run).append('-')
                    .append(f[1]).append(",PURCHASE,").append(f[4]).append(",EUR,").append(day).append("T12:00:00Z\n");
        }
        assertEquals(6919, rows);
        String gateway = clientCredentialsToken();
        Response started = given().auth().oauth2(gateway).contentType("text/csv").body(csv.toString())
                .post(INGESTION + "/api/v1/imports/transactions");
        assertEquals(202, started.statusCode(), started.asString());
        String job = started.getHeader("Location");
        // The estimates are what this test checks; the import's speed is the pipeline benchmark's (on a busy 2-core
        // runner with the whole stack catching up on the earlier tests' events it has taken over a minute).
        JsonNode done = await("the CDNOW import", () -> get(gateway, job.startsWith("http") ? job : INGESTION + job),
                json -> List.of("COMPLETED", "FAILED").contains(json.path("state").asText()), IMPORT_TIMEOUT);
        assertEquals("COMPLETED", done.path("state").asText(), done.toString());
        assertEquals(6919, done.path("accepted").asLong(), done.toString());

        // Fit until scoring has consumed every purchase: all 2,357 customers and the 1,882 holdout repeat purchases.
        String analyst = passwordToken("ana.analyst");
        Map<String, String> request = Map.of("calibrationEnd", "1997-09-30", "timeUnit", "WEEKS",
                "holdoutEnd", "1998-06-30");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        JsonNode fit = null;
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            Response response = given().auth().oauth2(analyst).contentType(ContentType.JSON)
                    .body(JSON.writeValueAsString(request)).post(SCORING + "/api/v1/clv/models");
            last = "HTTP " + response.statusCode() + " " + response.asString();
            if (response.statusCode() == 201) {
                JsonNode json = JSON.readTree(response.asString());
                if (json.path("customerCount").asInt() == 2357 && json.path("holdout").path("actual").asInt() == 1882) {
                    fit = json;
                    break;
                }
            }
            Thread.sleep(2000);
        }
        assertNotNull(fit, "scoring never had the whole CDNOW log; last fit: " + last);
        System.out.println("[e2e] CDNOW through ingestion: " + fit.path("bgNbd") + " " + fit.path("gammaGamma"));
        assertPrinted(0.243, fit.path("bgNbd").path("r").asDouble(), 3, "r");
        assertPrinted(4.414, fit.path("bgNbd").path("alpha").asDouble(), 3, "alpha");
        assertPrinted(0.793, fit.path("bgNbd").path("a").asDouble(), 3, "a");
        assertPrinted(2.426, fit.path("bgNbd").path("b").asDouble(), 3, "b");
        assertPrinted(-9582.4, fit.path("bgNbd").path("logLikelihood").asDouble(), 1, "log-likelihood");
        assertEquals(946, fit.path("gammaGamma").path("customerCount").asInt());
        assertPrinted(6.25, fit.path("gammaGamma").path("p").asDouble(), 2, "p");
        assertPrinted(3.74, fit.path("gammaGamma").path("q").asDouble(), 2, "q");
        assertPrinted(15.44, fit.path("gammaGamma").path("gamma").asDouble(), 2, "gamma");

        // Scoring everyone with it through the API, with a real analyst token.
        Response scored = given().auth().oauth2(analyst).post(SCORING + "/api/v1/clv/scoring-runs");
        assertEquals(200, scored.statusCode(), scored.asString());
        assertEquals(2357, scored.jsonPath().getInt("scored"), scored.asString());
    }

    @Test
    @Order(6)
    void anExperimentRunsFromDesignToDecisionAndItsResultsMatchAnIndependentComputation() throws Exception {
        Ids ids = Ids.random();
        String gateway = clientCredentialsToken();
        String agent = passwordToken("alice.agent");
        String analyst = passwordToken("ana.analyst");
        String manager = passwordToken("mia.manager");
        String reason = "e2e-exp-" + UUID.randomUUID().toString().substring(0, 8);

        // The analyst designs and starts a test program for VOICE contacts about the reason.
        Map<String, Object> definition = Map.of(
                "name", "E2E take time", "hypothesis", "Taking time pays", "owner", "ana.analyst",
                "variants", List.of(
                        Map.of("key", "aht-target", "weight", 1, "control", true, "instruction",
                                Map.of("handling", "STANDARD", "handleTimeTargetSeconds", 300,
                                        "agentMessage", "Keep to the 5-minute target.")),
                        Map.of("key", "take-time", "weight", 1, "control", false, "instruction",
                                Map.of("handling", "TAKE_TIME", "agentMessage", "Take the time it needs."))),
                "eligibility", Map.of("channels", List.of("VOICE"), "contactReasons", List.of(reason),
                        "teams", List.of(), "valueTiers", List.of()),
                "metrics", List.of(Map.of("kind", "REVENUE", "role", "PRIMARY"),
                        Map.of("kind", "CSAT_TOP2", "role", "SECONDARY"),
                        Map.of("kind", "HANDLE_TIME", "role", "GUARDRAIL", "allowedDegradation", 600)),
                "outcomeWindowDays", 30, "prePeriodDays", 0,
                "planning", Map.of("alpha", 0.05, "power", 0.8),
                "economics", Map.of("currency", "EUR", "costPerAgentMinute", 0.9, "costPerContact", 0.5));
        Response created = given().auth().oauth2(analyst).contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(definition)).post(EXPERIMENT + "/api/v1/experiments");
        assertEquals(201, created.statusCode(), created.asString());
        String experimentId = created.jsonPath().getString("id");
        Response plan = given().auth().oauth2(analyst).get(EXPERIMENT + "/api/v1/experiments/" + experimentId
                + "/plan");
        assertEquals(200, plan.statusCode(), plan.asString());
        Response started = given().auth().oauth2(analyst).post(EXPERIMENT + "/api/v1/experiments/" + experimentId
                + "/start");
        assertEquals(200, started.statusCode(), started.asString());
        assertEquals("RUNNING", started.jsonPath().getString("state"));

        // Callers scoring knows (one earlier contact, not eligible: another reason), until each variant has three;
        // scoring-service learns of the experiment from cx.experiments and tells the agent each caller's variant.
        Map<String, String> variantOf = new LinkedHashMap<>();
        while (variantOf.values().stream().filter("take-time"::equals).count() < 3
                || variantOf.values().stream().filter("aht-target"::equals).count() < 3) {
            String customer = "c-e2e-exp-" + UUID.randomUUID();
            Map<String, Object> known = interaction(ids, customer);
            known.remove("experiment");
            postInteraction(gateway, known, 201);
            JsonNode card = await("the card of " + customer + " names " + experimentId,
                    () -> get(agent, SCORING + "/api/v1/callers/" + customer),
                    json -> json.path("experiments").findValuesAsText("experimentId").contains(experimentId));
            for (JsonNode e : card.path("experiments")) {
                if (experimentId.equals(e.path("experimentId").asText())) {
                    String variant = e.path("variant").asText();
                    assertEquals(variant.equals("take-time") ? "TAKE_TIME" : "STANDARD", e.path("handling").asText());
                    variantOf.put(customer, variant);
                }
            }
            assertTrue(variantOf.size() < 40, "the hash should split callers evenly: " + variantOf);
        }

        // Each eligible call, after the start, handled under the variant the card named; a survey and a purchase.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, double[]> sent = new LinkedHashMap<>(); // customer -> {revenue, csat, handle seconds}
        int i = 0;
        for (Map.Entry<String, String> c : variantOf.entrySet()) {
            boolean takeTime = c.getValue().equals("take-time");
            int talk = takeTime ? 420 + 10 * i : 240 + 10 * i;
            double revenue = (takeTime ? 60 : 50) + 3 * i + (i % 3 == 0 ? 0.25 : 0);
            int csat = takeTime || i % 2 == 0 ? 5 : 3;
            Map<String, Object> call = interaction(ids, c.getKey());
            call.put("contactReason", reason);
            call.put("startedAt", at.toString());
            call.put("talkSeconds", talk);
            call.put("experiment", Map.of("experimentId", experimentId, "variant", c.getValue()));
            postInteraction(gateway, call, 201);
            postRecord(gateway, "/api/v1/survey-responses", Map.of("source", "e2e-survey",
                    "externalId", "e2e-s-" + UUID.randomUUID(), "customerId", c.getKey(),
                    "respondedAt", at.plusSeconds(1).toString(), "csat", csat));
            postRecord(gateway, "/api/v1/transactions", Map.of("source", "e2e-shop",
                    "externalId", "e2e-t-" + UUID.randomUUID(), "customerId", c.getKey(), "kind", "PURCHASE",
                    "amount", revenue, "currency", "EUR", "occurredAt", at.plusSeconds(2).toString()));
            sent.put(c.getKey(), new double[] {revenue, csat, talk + 30 + 45});
            i++;
        }

        // The results, once everything is measured, against the same figures computed here from what was sent.
        Expected control = Expected.of(variantOf, sent, "aht-target");
        Expected treatment = Expected.of(variantOf, sent, "take-time");
        JsonNode results = await("the results of " + experimentId,
                () -> get(manager, EXPERIMENT + "/api/v1/experiments/" + experimentId + "/results"),
                json -> json.path("exposedCustomers").asInt() == variantOf.size()
                        && Math.abs(metric(json, "REVENUE").path("variants").get(0).path("value").asDouble()
                                - control.meanRevenue) < 1e-9
                        && Math.abs(metric(json, "REVENUE").path("variants").get(1).path("value").asDouble()
                                - treatment.meanRevenue) < 1e-9);
        assertFalse(results.path("sampleRatio").path("mismatch").asBoolean(), results.toString());
        JsonNode revenue = metric(results, "REVENUE").path("effects").get(0);
        double difference = treatment.meanRevenue - control.meanRevenue;
        double vc = control.varianceRevenue / control.n;
        double vt = treatment.varianceRevenue / treatment.n;
        double df = (vc + vt) * (vc + vt) / (vc * vc / (control.n - 1) + vt * vt / (treatment.n - 1));
        double t = new org.hipparchus.distribution.continuous.TDistribution(df).inverseCumulativeProbability(0.975);
        assertEquals(difference, revenue.path("difference").path("estimate").asDouble(), 1e-9);
        assertEquals(difference - t * Math.sqrt(vc + vt), revenue.path("difference").path("lower").asDouble(), 1e-7);
        assertEquals(difference + t * Math.sqrt(vc + vt), revenue.path("difference").path("upper").asDouble(), 1e-7);
        JsonNode csat = metric(results, "CSAT_TOP2").path("variants");
        assertEquals(control.csatTop2Share, csat.get(0).path("value").asDouble(), 1e-12);
        assertEquals(treatment.csatTop2Share, csat.get(1).path("value").asDouble(), 1e-12);
        JsonNode handle = metric(results, "HANDLE_TIME").path("variants");
        assertEquals(control.meanHandle, handle.get(0).path("value").asDouble(), 1e-9);
        assertEquals(treatment.meanHandle, handle.get(1).path("value").asDouble(), 1e-9);
        double extraCost = (treatment.meanHandle - control.meanHandle) / 60 * 0.9;
        assertEquals(extraCost, results.path("roi").get(0).path("agentCostPerCustomer").path("estimate").asDouble(),
                1e-9);
        assertTrue(results.path("verdict").asText().contains("take-time"), results.path("verdict").asText());

        // Every call was handled under the assigned variant: compliance 1, in the results and the exposures.
        JsonNode withCompliance = await("the compliance of " + experimentId,
                () -> get(manager, EXPERIMENT + "/api/v1/experiments/" + experimentId + "/results"),
                json -> json.path("variants").get(0).path("reportedContacts").asInt()
                        + json.path("variants").get(1).path("reportedContacts").asInt() == variantOf.size());
        for (JsonNode v : withCompliance.path("variants")) {
            assertEquals(1.0, v.path("complianceRate").asDouble(), withCompliance.path("variants").toString());
        }
        JsonNode exposures = okJson(get(analyst, EXPERIMENT + "/api/v1/experiments/" + experimentId + "/exposures"));
        assertEquals(variantOf.size(), exposures.path("total").asInt(), exposures.toString());
        for (String variant : List.of("aht-target", "take-time")) {
            assertEquals(1.0, exposures.path("variants").path(variant).path("complianceRate").asDouble(),
                    exposures.toString());
        }

        // The analyst decides: the experiment stops (the card no longer shows it) and the decision is on record.
        Response decided = given().auth().oauth2(analyst).contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(Map.of("variant", "take-time", "rollout", false,
                        "rationale", "E2E: revenue up for take-time")))
                .post(EXPERIMENT + "/api/v1/experiments/" + experimentId + "/decision");
        assertEquals(201, decided.statusCode(), decided.asString());
        assertEquals("DECIDED", okJson(get(manager, EXPERIMENT + "/api/v1/experiments/" + experimentId))
                .path("state").asText());
        String someone = variantOf.keySet().iterator().next();
        await("the card of " + someone + " without " + experimentId,
                () -> get(agent, SCORING + "/api/v1/callers/" + someone),
                json -> !json.path("experiments").findValuesAsText("experimentId").contains(experimentId));
    }

    /**
     * A simulated contact centre sent through ingestion as a centre would (interactions, then the late survey
     * answers, quality evaluations, purchases and their cancellations), and every KPI of each team read back through
     * the API against the same figures computed from the events by {@link SimulatedCentre}.
     */
    @Test
    @Order(7)
    void theKpisOfASimulatedContactCentreMatchTheFiguresComputedFromItsEvents() throws Exception {
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
        SimulatedCentre centre = new SimulatedCentre(20261206L, month, 80);
        String gateway = clientCredentialsToken();
        String analyst = passwordToken("ana.analyst");
        for (SimulatedCentre.Contact c : centre.contacts) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("source", "sim");
            body.put("externalId", c.externalId);
            body.put("customerId", c.customerId);
            body.put("channel", c.channel);
            body.put("direction", "INBOUND");
            body.put("startedAt", c.startedAt.toString());
            if (c.queueSeconds != null) {
                body.put("queueSeconds", c.queueSeconds);
            }
            body.put("abandoned", c.abandoned);
            body.put("teamId", c.team);
            body.put("departmentId", "sim-care");
            body.put("contactReason", c.reason);
            if (!c.abandoned) {
                body.put("talkSeconds", c.talk);
                body.put("holdSeconds", c.hold);
                body.put("afterWorkSeconds", c.afterWork);
                body.put("agentId", c.agent);
                body.put("transfers", c.transfers);
                body.put("resolved", c.resolved);
                if (c.saleOffered) {
                    body.put("sale", c.saleAccepted
                            ? Map.of("offered", true, "accepted", true, "amount", c.saleAmount(), "currency", "EUR")
                            : Map.of("offered", true, "accepted", false));
                }
            }
            c.interactionId = postInteraction(gateway, body, 201).path("interactionId").asText();
        }
        for (SimulatedCentre.Contact c : centre.contacts) {
            if (c.survey != null) {
                postRecord(gateway, "/api/v1/survey-responses", Map.of("source", "sim", "externalId",
                        "sim-s-" + c.externalId, "customerId", c.customerId, "interactionId", c.interactionId,
                        "respondedAt", c.startedAt.plus(2, ChronoUnit.DAYS).toString(), "csat", c.survey[0],
                        "nps", c.survey[1], "ces", c.survey[2], "feltValued", c.survey[3]));
            }
            if (c.quality != null) {
                postRecord(gateway, "/api/v1/quality-evaluations", Map.of("source", "sim", "externalId",
                        "sim-q-" + c.externalId, "customerId", c.customerId, "interactionId", c.interactionId,
                        "agentId", c.agent, "teamId", c.team, "score", c.quality,
                        "evaluatedAt", c.startedAt.plus(1, ChronoUnit.DAYS).toString()));
            }
            if (c.saleCancelled) {
                Response purchase = given().auth().oauth2(gateway).contentType(ContentType.JSON)
                        .body(JSON.writeValueAsString(Map.of("source", "sim-shop", "externalId",
                                "sim-p-" + c.externalId, "customerId", c.customerId, "kind", "PURCHASE",
                                "amount", c.saleAmount(), "currency", "EUR",
                                "occurredAt", c.startedAt.plusSeconds(600).toString(),
                                "originatingInteractionId", c.interactionId)))
                        .post(INGESTION + "/api/v1/transactions");
                assertEquals(201, purchase.statusCode(), purchase.asString());
                postRecord(gateway, "/api/v1/transactions", Map.of("source", "sim-shop", "externalId",
                        "sim-x-" + c.externalId, "customerId", c.customerId, "kind", "CANCELLATION",
                        "amount", c.saleAmount(), "currency", "EUR",
                        "occurredAt", c.startedAt.plus(3, ChronoUnit.DAYS).toString(),
                        "cancelsTransactionId", purchase.jsonPath().getString("id")));
            }
        }

        Map<String, Map<String, double[]>> expected = centre.expectedByTeam();
        String measures = String.join(",", expected.get(centre.teamA).keySet());
        String uri = REPORTING + "/api/v1/kpis?granularity=month&from=" + month.atDay(1) + "&to="
                + month.plusMonths(1).atDay(1) + "&groupBy=team&team=" + centre.teamA + "&team=" + centre.teamB
                + "&measures=" + measures;
        // Everything has arrived once the last things sent (cancellations, answers, evaluations) show.
        JsonNode answer = await("the simulated centre's KPIs", () -> get(analyst, uri), json -> {
            for (JsonNode row : json.path("rows")) {
                Map<String, double[]> e = expected.get(row.path("group").asText());
                for (String m : List.of("contacts_offered", "sales_cancelled", "csat", "quality_score")) {
                    JsonNode figure = row.path("measures").path(m);
                    double base = figure.path("base").isMissingNode() ? Double.NaN : figure.path("base").asDouble();
                    if (e == null || figure.path("value").asDouble() != (Double.isNaN(e.get(m)[0]) ? 0 : e.get(m)[0])
                            || (!Double.isNaN(e.get(m)[1]) && base != e.get(m)[1])) {
                        return false;
                    }
                }
            }
            return json.path("rows").size() == 2;
        });
        for (JsonNode row : answer.path("rows")) {
            String team = row.path("group").asText();
            expected.get(team).forEach((measure, e) -> {
                JsonNode figure = row.path("measures").path(measure);
                String where = team + " " + measure + " " + figure;
                if (Double.isNaN(e[0])) {
                    assertTrue(figure.path("value").isNull(), where);
                } else {
                    double tolerance = measure.endsWith("revenue") ? 0.005 : 1e-9;
                    assertEquals(e[0], figure.path("value").asDouble(), tolerance, where);
                }
                if (Double.isNaN(e[1])) {
                    assertTrue(figure.path("base").isMissingNode() || figure.path("base").isNull(), where);
                } else {
                    assertEquals(e[1], figure.path("base").asDouble(), 1e-9, where);
                }
            });
        }
        // The planted difference shows: team A's customers are happier and its queues shorter.
        Map<String, double[]> a = expected.get(centre.teamA);
        Map<String, double[]> b = expected.get(centre.teamB);
        assertTrue(a.get("csat")[0] > b.get("csat")[0] && a.get("service_level")[0] > b.get("service_level")[0],
                "the simulation plants team A better than team B");
    }

    /** One variant's figures, computed from what the test sent. */
    record Expected(int n, double meanRevenue, double varianceRevenue, double csatTop2Share, double meanHandle) {

        static Expected of(Map<String, String> variantOf, Map<String, double[]> sent, String variant) {
            List<double[]> mine = variantOf.entrySet().stream().filter(e -> e.getValue().equals(variant))
                    .map(e -> sent.get(e.getKey())).toList();
            int n = mine.size();
            double mean = mine.stream().mapToDouble(v -> v[0]).sum() / n;
            double variance = mine.stream().mapToDouble(v -> (v[0] - mean) * (v[0] - mean)).sum() / (n - 1);
            double top2 = mine.stream().filter(v -> v[1] >= 4).count() / (double) n;
            double handle = mine.stream().mapToDouble(v -> v[2]).sum() / n;
            return new Expected(n, mean, variance, top2, handle);
        }
    }

    static JsonNode metric(JsonNode results, String kind) {
        for (JsonNode m : results.path("metrics")) {
            if (kind.equals(m.path("metric").asText())) {
                return m;
            }
        }
        throw new AssertionError("no metric " + kind + " in " + results);
    }

    static void postRecord(String token, String path, Map<String, Object> body) throws IOException {
        Response response = given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(JSON.writeValueAsString(body)).post(INGESTION + path);
        assertEquals(201, response.statusCode(), "POST " + path + ": HTTP " + response.statusCode() + " "
                + response.asString());
    }

    /** Every service's API, read with an analyst's token: all four let an analyst read something. */
    static final List<String> ANALYST_READS = List.of(INGESTION + "/api/v1/verbatims?term=x&from=2026-01-01T00:00:00Z"
            + "&to=2026-01-02T00:00:00Z", SCORING + "/api/v1/clv/models/active", EXPERIMENT + "/api/v1/experiments",
            REPORTING + "/api/v1/session");

    @Test
    @Order(8)
    void aKeyRotatedOutOfTheRealmStopsVerifyingItsTokensWithinTheCacheBound() throws Exception {
        String before = passwordToken("ana.analyst");
        for (String url : ANALYST_READS) {
            assertNotEquals(401, get(before, url).statusCode(), url);
        }
        String oldKey = RealmKeys.keyIdOf(before);
        new RealmKeys(KEYCLOAK).rotateOut(oldKey);
        Instant rotated = Instant.now();

        String after = passwordToken("ana.analyst");
        assertNotEquals(oldKey, RealmKeys.keyIdOf(after));
        for (String url : ANALYST_READS) {
            assertNotEquals(401, get(after, url).statusCode(), "a token signed with the new key, " + url);
        }
        // The stack runs with a 10 s key time to live, a 5 s clean-up interval and scoring's 10 s token cache
        // (cx(), below): the old key's tokens must be refused within those 25 s, plus the time a request takes.
        Instant deadline = rotated.plusSeconds(90);
        for (String url : ANALYST_READS) {
            int status;
            while ((status = get(before, url).statusCode()) != 401 && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            assertEquals(401, status, "a token of the removed key, 90 s after the rotation, at " + url);
        }
        long seconds = Duration.between(rotated, Instant.now()).toSeconds();
        System.out.println("[e2e] tokens of the rotated-out key refused by every service after " + seconds + " s");
        assertTrue(seconds <= 40, "refused only after " + seconds + " s");
    }

    @Test
    @Order(9)
    void throughKillsRestartsAndStoreOutagesNothingIsLostAndNothingCountedTwice() throws Exception {
        String gateway = clientCredentialsToken();
        String analyst = passwordToken("ana.analyst");
        String agent = passwordToken("alice.agent");
        FaultDrill.Result result = new FaultDrill(cxHome, () -> gateway, () -> analyst, () -> agent,
                () -> cx("up", Duration.ofMinutes(5), false)).run();

        System.out.println("[e2e] fault drill: " + result.accepted() + " interactions accepted in "
                + result.attempts() + " attempts; reflected " + result.reflected() + "; new dead letters "
                + result.newDeadLetters());
        result.recoveries().forEach(r -> System.out.println("[e2e] fault drill: " + r));
        assertTrue(result.accepted() >= 200, "only " + result.accepted() + " interactions accepted");
        result.reflected().forEach((where, count) -> assertEquals(result.accepted(), count.intValue(),
                where + " holds " + count + " of the " + result.accepted() + " accepted interactions"));
        assertEquals(0, result.newDeadLetters(), "records dead-lettered during the drill");
    }

    @Test
    @Order(10)
    void theStackRunsItsOwnPostgresAsAnUnprivilegedUser() throws Exception {
        long pid = Long.parseLong(Files.readString(cxHome.resolve("run/postgres.pid")).strip());
        String commandLine = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        Path cluster = cxHome.resolve("postgres").toRealPath();
        assertTrue(commandLine.contains("/bin/postgres -D " + cluster.resolve("data") + " "),
                "the stack's server runs on the cluster under its CX_HOME: " + commandLine);
        assertTrue(commandLine.contains("port=15432") && commandLine.contains("autovacuum=on"), commandLine);
        long uid = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("Uid:")).map(line -> Long.parseLong(line.split("\\s+")[2]))
                .findFirst().orElseThrow();
        assertNotEquals(0L, uid, "PostgreSQL never runs as root");
        assertTrue(portInUse(15432));
    }

    @Test
    @Order(11)
    void resetStopsTheStackAndDeletesItsData() throws Exception {
        // After a failure the logs are worth more than this check: stopStack() prints them.
        org.junit.jupiter.api.Assumptions.assumeFalse(failed, "an earlier test failed: the stack's data is kept");
        Path cluster = cxHome.resolve("postgres").toRealPath();
        assertEquals(0, cx("reset", Duration.ofMinutes(3)));
        for (int port : PORTS) {
            assertFalse(portInUse(port), "port " + port + " is still open after ./cx reset");
        }
        for (Path gone : List.of(cluster, cxHome.resolve("postgres"), cxHome.resolve("kafka"), cxHome.resolve("mongo"),
                cxHome.resolve("logs"))) {
            assertFalse(Files.exists(gone, java.nio.file.LinkOption.NOFOLLOW_LINKS), gone + " is left after ./cx reset");
        }
    }

    /** The estimate rounds to the published figure at the published precision. */
    static void assertPrinted(double published, double estimate, int decimals, String name) {
        double scale = Math.pow(10, decimals);
        assertEquals(published, Math.round(estimate * scale) / scale, 1e-9,
                name + " = " + estimate + " does not round to the published " + published);
    }

    static List<String> sortedFieldNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        java.util.Collections.sort(names);
        return names;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Expected answers

    /** scoring-service: {"customerId", "contacts": 1, "lastContactAt", "byChannel": {"VOICE": 1}}. */
    static void assertCustomerContacts(JsonNode json, String customerId) {
        assertEquals(customerId, json.path("customerId").asText(), json.toString());
        assertEquals(1, json.path("contacts").asInt(), "contacts of " + customerId + ": " + json);
        assertTrue(json.hasNonNull("lastContactAt"), "lastContactAt missing: " + json);
        assertEquals(1, json.path("byChannel").path("VOICE").asInt(), "byChannel.VOICE: " + json);
    }

    /** experiment-service: {"experimentId", "total", "variants": [{"variant", "contacts", "customers"}]}. */
    static void assertExperimentContacts(JsonNode json, String experimentId, int total, int contacts, int customers) {
        assertEquals(experimentId, json.path("experimentId").asText(), json.toString());
        assertEquals(total, json.path("total").asInt(), "total: " + json);
        JsonNode variants = json.path("variants");
        assertTrue(variants.isArray() && variants.size() == 1, "exactly one variant expected: " + json);
        JsonNode variant = variants.get(0);
        assertEquals("unlimited-time", variant.path("variant").asText(), json.toString());
        assertEquals(contacts, variant.path("contacts").asInt(), "variant contacts: " + json);
        assertEquals(customers, variant.path("customers").asInt(), "variant customers: " + json);
    }

    /** reporting-service: the team's contacts offered, handled and abandoned; both interactions are handled. */
    static void assertTeamContacts(JsonNode json, String teamId, int contacts) {
        assertEquals(List.of(teamId), mapper(json.path("query").path("filters").path("team")), json.toString());
        assertEquals(contacts, teamTotal(json, "contacts_offered"), "contacts: " + json);
        assertEquals(contacts, teamTotal(json, "contacts_handled"), "handled: " + json);
        assertEquals(0, teamTotal(json, "contacts_abandoned"), "abandoned: " + json);
    }

    /** The team's KPIs by month from 40 days ago to tomorrow (UTC): every contact the tests post. */
    static String teamKpis(String teamId) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        return REPORTING + "/api/v1/kpis?granularity=month&from=" + today.minusDays(40) + "&to=" + today.plusDays(2)
                + "&team=" + teamId + "&measures=contacts_offered,contacts_handled,contacts_abandoned";
    }

    /** A count measure summed over the answer's rows. */
    static int teamTotal(JsonNode json, String measure) {
        int total = 0;
        for (JsonNode row : json.path("rows")) {
            total += row.path("measures").path(measure).path("value").asInt();
        }
        return total;
    }

    private static List<String> mapper(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Requests

    record Ids(String teamId, String experimentId) {
        static Ids random() {
            String run = UUID.randomUUID().toString().substring(0, 8);
            return new Ids("team-e2e-" + run, "exp-e2e-" + run);
        }
    }

    static Map<String, Object> interaction(Ids ids, String customerId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", "genesys");
        body.put("externalId", "e2e-" + UUID.randomUUID());
        body.put("customerId", customerId);
        body.put("channel", "VOICE");
        body.put("direction", "INBOUND");
        body.put("startedAt", Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("queueSeconds", 12);
        body.put("talkSeconds", 240);
        body.put("holdSeconds", 30);
        body.put("afterWorkSeconds", 45);
        body.put("abandoned", false);
        body.put("agentId", "agent-7");
        body.put("teamId", ids.teamId());
        body.put("contactReason", "billing");
        body.put("transfers", 0);
        body.put("resolved", true);
        body.put("sentiment", 0.4);
        body.put("experiment", Map.of("experimentId", ids.experimentId(), "variant", "unlimited-time"));
        return body;
    }

    static JsonNode postInteraction(String token, Map<String, Object> body, int expectedStatus) throws IOException {
        Response response = given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(JSON.writeValueAsString(body)).post(INGESTION + "/api/v1/interactions");
        assertEquals(expectedStatus, response.statusCode(),
                "POST /api/v1/interactions: HTTP " + response.statusCode() + " " + response.asString());
        return JSON.readTree(response.asString());
    }

    static Response get(String token, String url) {
        return given().auth().oauth2(token).accept(ContentType.JSON).get(url);
    }

    static JsonNode okJson(Response response) {
        assertEquals(200, response.statusCode(), "HTTP " + response.statusCode() + " " + response.asString());
        try {
            return JSON.readTree(response.asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls until the call answers 200 with JSON matching {@code until}, or fails after {@link #ARRIVAL_TIMEOUT}. */
    static JsonNode await(String what, Supplier<Response> call, Predicate<JsonNode> until) throws InterruptedException {
        return await(what, call, until, ARRIVAL_TIMEOUT);
    }

    /** Polls until the call answers 200 with JSON matching {@code until}, or fails after {@code timeout}. */
    static JsonNode await(String what, Supplier<Response> call, Predicate<JsonNode> until, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (true) {
            try {
                Response response = call.get();
                last = "HTTP " + response.statusCode() + " " + response.asString();
                if (response.statusCode() == 200) {
                    JsonNode json = JSON.readTree(response.asString());
                    if (until.test(json)) {
                        return json;
                    }
                }
            } catch (Exception e) {
                last = e.toString();
            }
            if (Instant.now().isAfter(deadline)) {
                fail("Timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last answer: "
                        + last);
            }
            Thread.sleep(500);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tokens (the realm file local-stack/src/main/keycloak/cx-value-realm.json; local development credentials)

    static String clientCredentialsToken() {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", "channel-gateway")
                .formParam("client_secret", "channel-gateway-dev-secret").post(TOKEN_URL)
                .then().statusCode(200).extract().path("access_token");
    }

    static String passwordToken(String username) {
        return given().formParam("grant_type", "password").formParam("client_id", "cx-cli")
                .formParam("username", username).formParam("password", "cx-demo").formParam("scope", "openid")
                .post(TOKEN_URL)
                .then().statusCode(200).extract().path("access_token");
    }

    /** A list claim of the token. */
    static List<String> claim(String jwt, String name) {
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            return mapper(payload.path(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> realmRoles(String jwt) {
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            assertEquals(KEYCLOAK + "/realms/cx-value", payload.path("iss").asText(), payload.toString());
            List<String> roles = new ArrayList<>();
            payload.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
            assertNotNull(payload.get("exp"));
            return roles;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // ./cx and diagnostics

    static Path findRepoRoot() {
        String env = System.getenv("CX_REPO_ROOT");
        if (env != null && Files.isRegularFile(Path.of(env, "cx"))) {
            return Path.of(env).toAbsolutePath();
        }
        String prop = System.getProperty("maven.multiModuleProjectDirectory");
        if (prop != null && Files.isRegularFile(Path.of(prop, "cx"))) {
            return Path.of(prop).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("cx")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found: set CX_REPO_ROOT");
    }

    /** Runs {@code ./cx COMMAND} for this test's CX_HOME, echoing its output; returns the exit code. */
    static int cx(String command, Duration timeout) throws IOException, InterruptedException {
        return cx(command, timeout, command.equals("up"));
    }

    /**
     * Runs {@code ./cx COMMAND}; {@code freshDatabases} makes {@code up} drop and create the services' databases
     * (the first start of a run), which a restart in the middle of the run must not.
     */
    static int cx(String command, Duration timeout, boolean freshDatabases) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", repoRoot.resolve("cx").toString(), command)
                .directory(repoRoot.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        // Only this test decides the stack's settings (a developer's CX_* overrides would move ports under the test).
        env.keySet().removeIf(k -> k.startsWith("CX_") && !k.equals("CX_REPO_ROOT"));
        env.put("CX_HOME", cxHome.toString());
        env.put("CX_NO_BUILD", "1"); // the reactor has just packaged every module; never rebuild from here
        env.put("CX_DB_PREFIX", "cx_e2e_");
        // short key and token caches, so the key-rotation test need not wait the production bound (~7 minutes)
        env.put("OIDC_JWKS_CACHE_TTL", "10S");
        env.put("OIDC_JWKS_CLEAN_UP_INTERVAL", "5S");
        env.put("CX_SCORING_TOKEN_CACHE_MAX_AGE", "PT10S");
        if (freshDatabases) {
            env.put("CX_DB_RECREATE", "1");
        }
        System.out.println("[e2e] ./cx " + command);
        Process process = pb.start();
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    System.out.println("[cx] " + line);
                }
            } catch (IOException e) {
                // process gone
            }
        }, "cx-output");
        pump.setDaemon(true);
        pump.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroy();
            System.out.println("[e2e] ./cx " + command + " did not finish within " + timeout.toMinutes() + " min");
            return -1;
        }
        pump.join(5_000);
        return process.exitValue();
    }

    static boolean portInUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void printLogTails() {
        Path logs = cxHome.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                System.out.println("[e2e] ===== last lines of " + log + " =====");
                lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
            }
        } catch (IOException e) {
            System.out.println("[e2e] could not read the logs: " + e);
        }
    }

    /** Marks the run as failed so {@link #stopStack()} prints the components' logs before stopping them. */
    static class FailureWatcher implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }

        @Override
        public void testAborted(ExtensionContext context, Throwable cause) {
            failed = true;
        }

        @Override
        public void testDisabled(ExtensionContext context, Optional<String> reason) {
        }
    }
}
