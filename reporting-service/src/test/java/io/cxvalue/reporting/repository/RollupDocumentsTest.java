package io.cxvalue.reporting.repository;

import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.kpi.Measure;
import io.cxvalue.reporting.kpi.Tally;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A packed cell reads back as the cell it was packed from. */
class RollupDocumentsTest {

    @Test
    void aCellSurvivesPackingWithEveryPart() {
        KpiCell cell = new KpiCell();
        cell.add(Tally.OFFERED, 3);
        cell.add(Tally.HANDLED, 2);
        cell.add(Tally.HANDLE_SECONDS, 615);
        cell.add(Tally.SALES_CANCELLED, 1);
        cell.openIssues().put(1_750_000_000L, new double[] {1, 1, 1, 0, 1, 300});
        cell.money().put("EUR", new double[] {49.9, 10});
        cell.criteria().put("Empathie 😊", new double[] {2, 170, 14_500});
        KpiCell withSketch = new KpiCell();
        withSketch.merge(cell);
        KpiCell handled = new KpiCell();
        handled.add(new io.cxvalue.reporting.contact.ContactRecord(new io.cxvalue.reporting.contact.ContactFact("i",
                "c", io.cxvalue.contracts.events.Channel.VOICE, io.cxvalue.contracts.events.Direction.INBOUND,
                Instant.EPOCH, 5, 300, 10, 5, false, true, 0, "a", "t", "d", "r", null, false, false, null, null, null,
                null),
                List.of(), List.of(), List.of(), null), Instant.EPOCH, 20);
        withSketch.merge(handled);

        KpiCell back = RollupDocuments.unpack(RollupDocuments.pack(withSketch), true);
        for (Tally t : Tally.values()) {
            assertEquals(withSketch.get(t), back.get(t), t.name());
        }
        assertArrayEquals(new double[] {1, 1, 1, 0, 1, 300}, back.openIssues().get(1_750_000_000L));
        assertArrayEquals(new double[] {49.9, 10}, back.money().get("EUR"));
        assertArrayEquals(new double[] {2, 170, 14_500}, back.criteria().get("Empathie 😊"));
        assertEquals(Measure.AHT_MEDIAN.of(withSketch), Measure.AHT_MEDIAN.of(back));
        assertNull(RollupDocuments.unpack(RollupDocuments.pack(withSketch), false).sketch(KpiCell.TimePart.HANDLE));
    }
}
