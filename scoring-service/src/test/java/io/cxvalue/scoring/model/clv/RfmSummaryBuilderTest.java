package io.cxvalue.scoring.model.clv;

import static io.cxvalue.scoring.model.clv.Transaction.purchase;
import static io.cxvalue.scoring.model.clv.Transaction.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RfmSummaryBuilderTest {

    private static final LocalDate END = LocalDate.of(2024, 3, 31);
    private static final LocalDate D1 = LocalDate.of(2024, 1, 1);
    private static final LocalDate D2 = LocalDate.of(2024, 1, 11);
    private static final LocalDate D3 = LocalDate.of(2024, 2, 1);

    private static CustomerSummary days(List<Transaction> log) {
        return RfmSummaryBuilder.summarize(log, END, TimeUnit.DAYS).orElseThrow();
    }

    @Test
    void samePurchaseDayIsOneTransactionWithSummedValue() {
        CustomerSummary s = days(List.of(purchase(D1, 10), purchase(D2, 5), purchase(D2, 7), purchase(D3, 3)));
        assertEquals(2, s.x());
        assertEquals(31, s.tx(), 0); // 2024-01-01 .. 2024-02-01
        assertEquals(90, s.T(), 0); // 2024-01-01 .. 2024-03-31 (leap year)
        assertEquals((12 + 3) / 2.0, s.meanRepeatValue(), 1e-12);
    }

    @Test
    void firstPurchaseIsNotARepeatAndOrderDoesNotMatter() {
        CustomerSummary s = days(List.of(purchase(D2, 4), purchase(D1, 100)));
        assertEquals(new CustomerSummary(1, 10, 90, 4), s);
        assertEquals(new CustomerSummary(0, 0, 90, 0), days(List.of(purchase(D1, 100), purchase(D1, 1))));
    }

    @Test
    void weeksAreFractionalDaysOverSeven() {
        CustomerSummary s = RfmSummaryBuilder.summarize(List.of(purchase(D1, 1), purchase(D2, 2)), END,
                TimeUnit.WEEKS).orElseThrow();
        assertEquals(10 / 7.0, s.tx(), 1e-15);
        assertEquals(90 / 7.0, s.T(), 1e-15);
    }

    @Test
    void calibrationEndIsInclusiveAndLaterDaysAreIgnored() {
        CustomerSummary s = days(List.of(purchase(D1, 1), purchase(END, 2), purchase(END.plusDays(1), 50)));
        assertEquals(new CustomerSummary(1, 90, 90, 2), s);
        assertEquals(Optional.empty(),
                RfmSummaryBuilder.summarize(List.of(purchase(END.plusDays(1), 5)), END, TimeUnit.DAYS));
        assertEquals(Optional.empty(), RfmSummaryBuilder.summarize(List.of(), END, TimeUnit.DAYS));
    }

    @Test
    void partialRefundLowersTheDaysValue() {
        CustomerSummary s = days(List.of(purchase(D1, 10), purchase(D2, 30), refund(D2, 12)));
        assertEquals(new CustomerSummary(1, 10, 90, 18), s);
    }

    @Test
    void fullyRefundedOrCancelledRepeatDayIsRemoved() {
        CustomerSummary s = days(List.of(purchase(D1, 10), purchase(D2, 30), refund(D2, 10), refund(D2, 20),
                purchase(D3, 8)));
        assertEquals(new CustomerSummary(1, 31, 90, 8), s);
        // only the cancelled day after the first: no repeat left
        assertEquals(new CustomerSummary(0, 0, 90, 0), days(List.of(purchase(D1, 10), purchase(D3, 5),
                refund(D3, 5))));
    }

    @Test
    void cancelledFirstPurchaseMakesTheNextDayTheFirst() {
        CustomerSummary s = days(List.of(purchase(D1, 10), refund(D1, 10), purchase(D2, 30), purchase(D3, 6)));
        assertEquals(new CustomerSummary(1, 21, 80, 6), s);
        assertEquals(Optional.empty(), RfmSummaryBuilder.summarize(List.of(purchase(D1, 10), refund(D1, 10)), END,
                TimeUnit.DAYS));
    }

    @Test
    void refundWithoutPurchaseThatDayIsIgnoredAndFreePurchasesCount() {
        CustomerSummary s = days(List.of(purchase(D1, 10), refund(D2, 5), purchase(D3, 0)));
        assertEquals(new CustomerSummary(1, 31, 90, 0), s);
    }

    @Test
    void holdoutCountsTransactionDaysAfterTheCalibrationEnd() {
        LocalDate h1 = END.plusDays(3);
        LocalDate h2 = END.plusDays(40);
        List<Transaction> log = List.of(purchase(D1, 1), purchase(END, 1), purchase(h1, 2), purchase(h1, 3),
                purchase(h2, 4), refund(h2, 4), purchase(END.plusDays(100), 1));
        assertEquals(1, RfmSummaryBuilder.holdoutTransactions(log, END, END.plusDays(99)));
        assertEquals(2, RfmSummaryBuilder.holdoutTransactions(log, END, END.plusDays(100)));
    }

    /**
     * Every CDNOW customer's (x, t_x, T, zbar) computed from the raw log at 1997-09-30 in weeks equals the published
     * summary file. The file prints t_x, T and zbar to 2 decimals, so the tolerance is half a unit in the last place
     * (0.005) plus floating-point slack; x must match exactly.
     */
    @Test
    void cdnowRawLogReproducesTheSummaryFileForEveryCustomer() {
        Map<Integer, List<Transaction>> log = Cdnow.transactionLog();
        List<Cdnow.Row> rows = Cdnow.summaryFile();
        assertEquals(2357, rows.size());
        assertEquals(2357, log.size());
        double tolerance = 0.005 + 1e-9;
        int repeaters = 0;
        double zbarSum = 0;
        for (Cdnow.Row row : rows) {
            CustomerSummary s = RfmSummaryBuilder.summarize(log.get(row.id()), Cdnow.CALIBRATION_END, TimeUnit.WEEKS)
                    .orElseThrow();
            String who = "customer " + row.id() + ": " + s + " vs " + row;
            assertEquals(row.x(), s.x(), who);
            assertEquals(row.tx(), s.tx(), tolerance, who);
            assertEquals(row.T(), s.T(), tolerance, who);
            assertEquals(row.zbar(), s.meanRepeatValue(), tolerance, who);
            if (s.x() > 0) {
                repeaters++;
                zbarSum += s.meanRepeatValue();
            }
        }
        assertEquals(946, repeaters);
        assertEquals(35.08, Math.round(zbarSum / repeaters * 100) / 100.0, 1e-9); // README: mean zbar 35.08
        assertTrue(rows.stream().allMatch(r -> r.T() <= 39));
    }
}
