package io.cxvalue.benchmarks;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardBenchOptionsTest {

    @Test
    void defaultsMatchTheTarget() {
        CardBenchOptions o = CardBenchOptions.parse();
        assertEquals(20_000, o.customers);
        assertEquals(2000, o.rate);
        assertEquals(30, o.durationSeconds);
        assertEquals(10, o.warmupSeconds);
        assertEquals(10, o.targetP99Ms);
        assertEquals(2000, o.targetRate);
        assertEquals(0.05, o.unknownShare);
        assertFalse(o.skipSeed);
        assertEquals(List.of("session", "card"), List.copyOf(o.phases));
        assertEquals("alice.agent", o.agentUser);
        assertEquals("cx-cli", o.userClient);
    }

    @Test
    void readsBothOptionStyles() {
        CardBenchOptions o = CardBenchOptions.parse("--rate", "500", "--duration=5", "--warmup", "0", "--skip-seed",
                "--run-id", "r-1", "--customers=300", "--phases", "card", "--scoring-url", "http://h:18082/",
                "--pid-dir", "/tmp/run", "--connections", "8", "--timeout", "500", "--unknown-share", "0.1");
        assertEquals(500, o.rate);
        assertEquals(5, o.durationSeconds);
        assertEquals(0, o.warmupSeconds);
        assertTrue(o.skipSeed);
        assertEquals("r-1", o.runId);
        assertEquals(300, o.customers);
        assertEquals(List.of("card"), List.copyOf(o.phases));
        assertEquals("http://h:18082", o.scoringUrl);
        assertEquals(Path.of("/tmp/run"), o.pidDir);
        assertEquals(8, o.connections);
        assertEquals(500, o.timeoutMs);
        assertEquals(0.1, o.unknownShare);
    }

    @Test
    void rejectsWrongValues() {
        assertThrows(IllegalArgumentException.class, () -> CardBenchOptions.parse("--rate", "0"));
        assertThrows(IllegalArgumentException.class, () -> CardBenchOptions.parse("--rate", "fast"));
        assertThrows(IllegalArgumentException.class, () -> CardBenchOptions.parse("--duration"));
        assertThrows(IllegalArgumentException.class, () -> CardBenchOptions.parse("--warmup", "-1"));
        assertThrows(IllegalArgumentException.class, () -> CardBenchOptions.parse("--unknown-share", "1.5"));
        assertThrows(IllegalArgumentException.class, () -> CardBenchOptions.parse("--phases", "session,nope"));
        assertThrows(IllegalArgumentException.class, () -> CardBenchOptions.parse("--run-id", "a b"));
        assertThrows(IllegalArgumentException.class, () -> CardBenchOptions.parse("--frobnicate", "1"));
    }

    @Test
    void helpIsAnEmptyMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CardBenchOptions.parse("--help"));
        assertEquals("", e.getMessage());
        assertTrue(CardBenchOptions.USAGE.contains("--rate"));
        assertTrue(CardBenchOptions.USAGE.contains("--skip-seed"));
    }
}
