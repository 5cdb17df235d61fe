package io.cxvalue.reporting.repository;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Packed counts read back as written: an hour's minutes, a day's minutes, a day's hours, empty and large counts. */
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
        int[] day = new int[1440];
        day[1439] = 7;
        day[600] = 40_000;
        series.put("day", day);
        series.put("hours", new int[] {1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9});
        Map<String, int[]> read = TrafficRepository.unpackMinutes(TrafficRepository.packMinutes(series));
        assertEquals(series.keySet(), read.keySet());
        series.forEach((key, counts) -> assertArrayEquals(counts, read.get(key), key));
    }
}
