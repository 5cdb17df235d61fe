package io.cxvalue.scoring.model.cx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CxScoreTest {

    private static final Instant T = Instant.parse("2025-02-01T10:00:00Z");

    @Test
    void realResponseWinsOverInferred() {
        CxScore s = CxScore.of(new CsatResponse(2, T), 0.93);
        assertEquals(CxScore.Source.REAL, s.source());
        assertEquals(0.0, s.satisfaction());
        assertEquals(2, s.csat());
        assertEquals(false, s.satisfied());
        assertEquals(T, s.respondedAt());

        CxScore happy = CxScore.of(new CsatResponse(4, T), 0.1);
        assertEquals(CxScore.Source.REAL, happy.source());
        assertEquals(1.0, happy.satisfaction());
        assertEquals(true, happy.satisfied());
    }

    @Test
    void inferredWhenNoResponse() {
        CxScore s = CxScore.of(null, 0.72);
        assertEquals(CxScore.Source.INFERRED, s.source());
        assertEquals(0.72, s.satisfaction());
        assertNull(s.csat());
        assertNull(s.satisfied());
        assertNull(s.respondedAt());
    }

    @Test
    void noneWithoutEither() {
        CxScore s = CxScore.of(null, null);
        assertEquals(CxScore.Source.NONE, s.source());
        assertNull(s.satisfaction());
    }

    @Test
    void labelThresholdApplies() {
        CxScore s = CxScore.of(new CsatResponse(4, T), null, new SatisfactionLabel(5));
        assertEquals(false, s.satisfied());
        assertEquals(0.0, s.satisfaction());
    }

    @Test
    void latestResponseIsPicked() {
        CsatResponse older = new CsatResponse(5, T.minusSeconds(86_400));
        CsatResponse newer = new CsatResponse(1, T);
        assertEquals(newer, CsatResponse.latest(List.of(newer, older)));
        assertEquals(newer, CsatResponse.latest(Arrays.asList(older, null, newer)));
        assertNull(CsatResponse.latest(List.of()));
        assertEquals(CxScore.Source.REAL, CxScore.of(CsatResponse.latest(List.of(older, newer)), 0.9).source());
    }

    @Test
    void rejectsOutOfRangeValues() {
        assertThrows(IllegalArgumentException.class, () -> new CsatResponse(0, T));
        assertThrows(IllegalArgumentException.class, () -> new CsatResponse(6, T));
        assertThrows(IllegalArgumentException.class, () -> CxScore.of(null, 1.2));
        assertThrows(IllegalArgumentException.class, () -> CxScore.of(null, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SatisfactionLabel(1));
    }
}
