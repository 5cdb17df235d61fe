package io.cxvalue.ingestion;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk imports: files streamed to disk, processed in chunks, progress and line-numbered rejections. */
@QuarkusTest
class ImportTest {

    private static String upload(String kind, String contentType, String file) {
        return given().auth().oauth2(TestTokens.withRoles("ingest")).contentType(contentType)
                .body(file.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/imports/" + kind)
                .then().statusCode(202)
                .header("Location", containsString("/api/v1/imports/"))
                .body("state", equalTo("QUEUED"))
                .extract().path("jobId");
    }

    private static JsonPath finished(String jobId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(TestTokens.withRoles("admin"))
                                .when().get("/api/v1/imports/" + jobId)
                                .then().statusCode(200).extract().jsonPath(),
                        job -> List.of("COMPLETED", "FAILED").contains(job.getString("state")));
    }

    @Test
    void anNdjsonFileIsImportedInChunksWithEveryRejectionOnItsLine() {
        String customer = "c-" + UUID.randomUUID();
        String run = UUID.randomUUID().toString();
        // 2,500 records over three chunks of 1,000; line 2 is blank, lines 700 and 1500 are broken, line 2400
        // repeats line 1.
        StringBuilder file = new StringBuilder();
        for (int line = 1; line <= 2502; line++) {
            if (line == 2) {
                file.append('\n');
            } else if (line == 700) {
                file.append("{\"source\":\"genesys\",\n");
            } else if (line == 1500) {
                file.append(call("imp-" + run + "-" + line, customer).replace("\"VOICE\"", "\"PIGEON\"")).append('\n');
            } else if (line == 2400) {
                file.append(call("imp-" + run + "-1", customer)).append('\n');
            } else {
                file.append(call("imp-" + run + "-" + line, customer)).append('\n');
            }
        }
        JsonPath job = finished(upload("interactions", "application/x-ndjson", file.toString()));

        assertEquals("COMPLETED", job.getString("state"), job.prettify());
        assertEquals(2501, job.getLong("processed"));
        assertEquals(2498, job.getLong("accepted"));
        assertEquals(1, job.getLong("duplicates"));
        assertEquals(2, job.getLong("rejected"));
        assertEquals(List.of(700, 1500), job.getList("rejections.line"));
        assertEquals("channel", job.getString("rejections[1].violations[0].field"));
        assertTrue(job.getDouble("recordsPerSecond") > 0);
        assertEquals(file.length(), job.getLong("fileBytes"));

        List<ConsumerRecord<String, String>> published = InteractionResourceTest.recordsOf(customer, 2498);
        assertEquals(2498, published.size());
        assertEquals(2498, published.stream().map(r -> KafkaTestClient.header(r, CloudEventHeaders.ID)).distinct()
                .count());

        // The same file again: nothing new.
        JsonPath again = finished(upload("interactions", "application/x-ndjson", file.toString()));
        assertEquals(0, again.getLong("accepted"));
        assertEquals(2499, again.getLong("duplicates"));
    }

    @Test
    void aCsvFileNamesFieldsByPathAndReadsTextAsTheFieldsTypes() {
        String customer = "c-" + UUID.randomUUID();
        String at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String header = "source,externalId,customerId,channel,direction,startedAt,talkSeconds,abandoned,"
                + "contactReason,sentiment,sale.offered,sale.accepted,sale.amount,sale.currency\n";
        String rows = IntStream.rangeClosed(1, 30)
                .mapToObj(i -> "crm-export,csv-" + customer + "-" + i + "," + customer + ","
                        + (i == 7 ? "PIGEON" : "CHAT") + ",INBOUND," + at + ",120,false,"
                        + (i == 3 ? "\"billing\nrefunds\"" : "\"billing, refunds\"") + ",-0.5,true,true,19.90,EUR\n")
                .collect(Collectors.joining());
        JsonPath job = finished(upload("interactions", "text/csv", header + rows));
        assertEquals("COMPLETED", job.getString("state"), job.prettify());
        assertEquals(29, job.getLong("accepted"));
        assertEquals(1, job.getLong("rejected"));
        assertEquals(9, job.getInt("rejections[0].line"),
                "the header is line 1, row 3 spans two lines, so row 7 starts on line 9");

        String anyId = InteractionResourceTest.recordsOf(customer, 29).stream().map(ConsumerRecord::value)
                .filter(value -> value.contains("csv-" + customer + "-1\"")).findFirst().orElseThrow();
        assertTrue(anyId.contains("\"contactReason\":\"billing, refunds\""), anyId);
        assertTrue(anyId.contains("\"amount\":19.9"), anyId);
    }

    @Test
    void customerProfilesCanBeImportedWithSeveralIdentitiesPerRow() {
        String externalId = "crm-" + UUID.randomUUID();
        String csv = "source,externalId,displayName,attributes.segment,identities.emails[0],identities.emails[1]\n"
                + "crm," + externalId + ",Ada,gold,a-" + externalId + "@example.com,b-" + externalId
                + "@example.com\n"
                + "crm," + externalId + "-2,Bob,silver,not-an-email,\n";
        JsonPath job = finished(upload("customers", "text/csv", csv));
        assertEquals(1, job.getLong("accepted"), job.prettify());
        assertEquals(3, job.getInt("rejections[0].line"));
        assertEquals("identities.emails[0]", job.getString("rejections[0].violations[0].field"));
    }

    @Test
    void whatCannotBeImportedIsAClearError() {
        given().auth().oauth2(TestTokens.withRoles("ingest")).contentType("application/x-ndjson").body(new byte[0])
                .when().post("/api/v1/imports/interactions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("The file is empty"));
        given().auth().oauth2(TestTokens.withRoles("ingest")).contentType("application/x-ndjson").body("{}".getBytes())
                .when().post("/api/v1/imports/parcels")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", startsWith("Files can be imported as interactions"));
        given().auth().oauth2(TestTokens.withRoles("ingest")).contentType("application/pdf").body("{}".getBytes())
                .when().post("/api/v1/imports/interactions")
                .then().statusCode(415);
        given().contentType("application/x-ndjson").body("{}".getBytes())
                .when().post("/api/v1/imports/interactions").then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("agent")).contentType("application/x-ndjson").body("{}".getBytes())
                .when().post("/api/v1/imports/interactions").then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("ingest"))
                .when().get("/api/v1/imports/no-such-job")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static String call(String externalId, String customerId) {
        return Interactions.voiceCall(externalId, customerId).replace("\n", "");
    }
}
