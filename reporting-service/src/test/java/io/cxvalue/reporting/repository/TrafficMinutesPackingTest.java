package io.cxvalue.reporting.repository;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The packed minute counts of a traffic hour read back as written, empty minutes and large counts included. */
class TrafficMinutesPackingTest {

    @Test
    void minuteCountsReadBackAsWritten() {
        Map<String, int[]> series = new TreeMap<>();
        int[] total = new int[60];
        total[0] = 3;
        total[59] = 1_000_000;
        int[] reason = new int[60];
        reason[17] = 2;
        series.put("*", total);
        series.put("r:billing €", reason);
        series.put("k:", new int[60]);
        Map<String, int[]> read = TrafficRepository.unpackMinutes(TrafficRepository.packMinutes(series));
        assertEquals(series.keySet(), read.keySet());
        series.forEach((key, counts) -> assertArrayEquals(counts, read.get(key), key));
    }
}
