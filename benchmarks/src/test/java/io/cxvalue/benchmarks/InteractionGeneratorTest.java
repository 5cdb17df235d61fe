package io.cxvalue.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InteractionGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant BASE = Instant.parse("2026-11-23T10:00:00Z");

    private final InteractionGenerator generator = new InteractionGenerator("run-1", 100, BASE);

    @Test
    void recordsAreCompleteValidInteractions() throws Exception {
        for (long i = 0; i < 500; i++) {
            JsonNode r = JSON.readTree(generator.json("batch", i));
            assertEquals("bench", r.get("source").asText());
            assertEquals("run-1-batch-" + String.format("%09d", i), r.get("externalId").asText());
            assertTrue(r.get("customerId").asText().startsWith("bench-run-1-c"));
            assertTrue(List.of("VOICE", "CHAT", "EMAIL").contains(r.get("channel").asText()));
            assertTrue(List.of("INBOUND", "OUTBOUND").contains(r.get("direction").asText()));
            Instant startedAt = Instant.parse(r.get("startedAt").asText());
            assertFalse(startedAt.isAfter(BASE));
            assertTrue(startedAt.isAfter(BASE.minusSeconds(86_401)));
            for (String field : List.of("queueSeconds", "talkSeconds", "holdSeconds", "afterWorkSeconds", "transfers")) {
                assertTrue(r.get(field).isInt() && r.get(field).asInt() >= 0, field);
            }
            double sentiment = r.get("sentiment").asDouble();
            assertTrue(sentiment >= -1 && sentiment <= 1);
            assertTrue(r.get("resolved").isBoolean());
        }
    }

    @Test
    void externalIdsAreUniqueAndCustomersSpreadOverTheGivenCount() throws Exception {
        Set<String> ids = new HashSet<>();
        Set<String> customers = new HashSet<>();
        for (long i = 0; i < 10_000; i++) {
            JsonNode r = JSON.readTree(generator.json("batch", i));
            assertTrue(ids.add(r.get("externalId").asText()));
            customers.add(r.get("customerId").asText());
        }
        assertEquals(100, customers.size());
        assertFalse(generator.json("batch", 1).equals(generator.json("import", 1)));
        assertFalse(new InteractionGenerator("run-2", 100, BASE).json("batch", 1).equals(generator.json("batch", 1)));
    }

    @Test
    void sameArgumentsSameBytes() {
        InteractionGenerator again = new InteractionGenerator("run-1", 100, BASE);
        assertArrayEquals(generator.jsonArray("batch", 0, 1000), again.jsonArray("batch", 0, 1000));
    }

    @Test
    void jsonArrayHoldsTheRequestedRange() throws Exception {
        JsonNode array = JSON.readTree(generator.jsonArray("batch", 1000, 2000));
        assertEquals(1000, array.size());
        assertEquals(generator.externalId("batch", 1000), array.get(0).get("externalId").asText());
        assertEquals(generator.externalId("batch", 1999), array.get(999).get("externalId").asText());
        assertTrue(generator.jsonArray("batch", 0, 1000).length < 16 * 1024 * 1024);
    }

    @Test
    void ndjsonHasOneRecordPerLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.ndjson");
        long size = generator.writeNdjson("import", 250, file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(Files.size(file), size);
        assertEquals(250, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(generator.json("import", i), lines.get(i));
        }
    }

    @Test
    void csvHasHeaderOfFieldPathsAndTheSameValues(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.csv");
        generator.writeCsv("csv", 300, file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(301, lines.size());
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals(InteractionGenerator.CSV_COLUMNS, header);
        for (int i = 0; i < 300; i++) {
            String[] cells = lines.get(i + 1).split(",", -1);
            assertEquals(header.size(), cells.length);
            ObjectNode expected = (ObjectNode) JSON.readTree(generator.json("csv", i));
            for (int c = 0; c < cells.length; c++) {
                assertEquals(expected.get(header.get(c)).asText(), cells[c], header.get(c) + " of row " + i);
            }
        }
    }

    @Test
    void eventLikePayloadIsJsonOfTheRequestedSize() throws Exception {
        String event = generator.eventLike(7, 700);
        assertEquals(700, event.getBytes(StandardCharsets.UTF_8).length);
        JsonNode node = JSON.readTree(event);
        assertTrue(node.hasNonNull("interactionId"));
        assertTrue(node.hasNonNull("externalId"));
    }

    @Test
    void watcherExtractsOnlyThisPhasesExternalIds() {
        byte[] prefix = generator.prefix("batch").getBytes(StandardCharsets.UTF_8);
        String mine = generator.eventLike(3, 0).replace("payload", "batch");
        assertEquals(generator.externalId("batch", 3),
                TopicWatcher.externalId(mine.getBytes(StandardCharsets.UTF_8), prefix));
        assertNull(TopicWatcher.externalId(generator.json("import", 3).getBytes(StandardCharsets.UTF_8), prefix));
        assertNull(TopicWatcher.externalId("{\"x\":1}".getBytes(StandardCharsets.UTF_8), prefix));
        assertNull(TopicWatcher.externalId(null, prefix));
    }

    @Test
    void runIdsAreValidatedAndUnique() {
        assertThrows(IllegalArgumentException.class, () -> new InteractionGenerator("bad id", 1, BASE));
        assertThrows(IllegalArgumentException.class, () -> new InteractionGenerator("ok", 0, BASE));
        String a = InteractionGenerator.newRunId();
        new InteractionGenerator(a, 1, BASE);
        assertFalse(a.equals(InteractionGenerator.newRunId()));
    }

    @Test
    void optionsHaveTheDocumentedDefaultsAndParse() {
        BenchOptions d = BenchOptions.parse();
        assertEquals(200_000, d.records);
        assertEquals(8, d.concurrency);
        assertEquals(1000, d.batch);
        BenchOptions o = BenchOptions.parse("--records", "5000", "--concurrency=2", "--phases", "batch,csv",
                "--run-id", "fixed-1");
        assertEquals(5000, o.records);
        assertEquals(2, o.concurrency);
        assertEquals(List.of("batch", "csv"), List.copyOf(o.phases));
        assertEquals("fixed-1", o.runId);
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--batch", "1001"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--phases", "nope"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--records"));
    }

    @Test
    void percentiles() {
        List<Long> nanos = List.of(1_000_000L, 2_000_000L, 3_000_000L, 4_000_000L);
        assertEquals(2.0, IngestionBenchmark.percentile(nanos, 0.5));
        assertEquals(4.0, IngestionBenchmark.percentile(nanos, 0.99));
        assertEquals(0.0, IngestionBenchmark.percentile(List.of(), 0.5));
    }
}
