package io.cxvalue.scoring;

import io.cxvalue.contracts.events.TransactionKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TransactionDaysTest {

    private static final Instant DAY1 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-01-12T15:00:00Z");
    private static final Instant AS_OF = Instant.parse("2026-03-01T00:00:00Z");

    private final List<CustomerTransaction> log = new ArrayList<>();
    private int ids;

    @Test
    void samedayPurchasesAreOneTransactionDayWorthTheirSum() {
        purchase("20.00", DAY1);
        purchase("5.50", DAY1.plusSeconds(3600 * 8));
        purchase("10", DAY2);

        assertEquals(List.of(day("2026-01-05", "25.50"), day("2026-01-12", "10")), net(days()));
        assertEquals(2, days().get(0).purchases());
    }

    @Test
    void aCancellationOfAPurchaseByReferenceRemovesItsDay() {
        String first = purchase("20", DAY1);
        purchase("10", DAY2);
        reversal(TransactionKind.CANCELLATION, "20", DAY2.plusSeconds(60), first);

        assertEquals(List.of(day("2026-01-12", "10")), net(days()));
    }

    @Test
    void aPartialRefundByReferenceLowersThePurchaseDayItReferences() {
        String first = purchase("20", DAY1);
        purchase("10", DAY2);
        reversal(TransactionKind.REFUND, "7.25", DAY2.plusSeconds(60), first);

        assertEquals(List.of(day("2026-01-05", "12.75"), day("2026-01-12", "10")), net(days()));
    }

    @Test
    void aReversalNeverTakesMoreThanThePurchaseItReferences() {
        String first = purchase("20", DAY1);
        purchase("30", DAY1.plusSeconds(60));
        reversal(TransactionKind.REFUND, "25", DAY2, first);

        // Only the 20 of the referenced purchase can be reversed; the other purchase of the day stays.
        assertEquals(List.of(day("2026-01-05", "30")), net(days()));
    }

    @Test
    void aReversalWithoutReferenceLowersTheLatestPurchaseDayAtOrBeforeIt() {
        purchase("20", DAY1);
        purchase("10", DAY2);
        reversal(TransactionKind.REFUND, "4", DAY2.plusSeconds(3600), null);
        purchase("50", DAY2.plusSeconds(86_400 * 3));

        assertEquals(List.of(day("2026-01-05", "20"), day("2026-01-12", "6"), day("2026-01-15", "50")),
                net(days()));
    }

    @Test
    void aReversalOfAnUnknownPurchaseOrWithNoPurchaseBeforeItChangesNothing() {
        reversal(TransactionKind.REFUND, "5", DAY1.minusSeconds(60), null);
        purchase("20", DAY1);
        reversal(TransactionKind.CANCELLATION, "20", DAY2, "t-never-seen");

        assertEquals(List.of(day("2026-01-05", "20")), net(days()));
    }

    @Test
    void theDaysAreThoseKnownAtTheInstantReversalsIncluded() {
        String first = purchase("20", DAY1);
        purchase("10", DAY2);
        reversal(TransactionKind.CANCELLATION, "20", DAY2.plusSeconds(86_400), first);

        assertEquals(List.of(day("2026-01-05", "20")), net(TransactionDays.of(log, DAY2.minusSeconds(1),
                ZoneOffset.UTC)));
        assertEquals(List.of(day("2026-01-05", "20"), day("2026-01-12", "10")), net(TransactionDays.of(log,
                DAY2.plusSeconds(60), ZoneOffset.UTC)));
        assertEquals(List.of(day("2026-01-12", "10")), net(days()));
    }

    @Test
    void theDayIsTheBusinessCalendarDay() {
        purchase("20", Instant.parse("2026-01-05T23:30:00Z"));
        purchase("10", Instant.parse("2026-01-06T00:30:00Z"));

        assertEquals(2, TransactionDays.of(log, AS_OF, ZoneOffset.UTC).size());
        assertEquals(List.of(day("2026-01-06", "30")),
                net(TransactionDays.of(log, AS_OF, ZoneId.of("Europe/Berlin"))));
    }

    @Test
    void aDayOfFreePurchasesCountsAtZero() {
        purchase("0", DAY1);

        assertEquals(List.of(day("2026-01-05", "0")), net(days()));
    }

    private List<TransactionDays.Day> days() {
        return TransactionDays.of(log, AS_OF, ZoneOffset.UTC);
    }

    private String purchase(String amount, Instant at) {
        return reversal(TransactionKind.PURCHASE, amount, at, null);
    }

    private String reversal(TransactionKind kind, String amount, Instant at, String cancels) {
        String id = "t-" + (++ids);
        log.add(CustomerTransaction.of(id, "c-1", kind, new BigDecimal(amount), at, cancels));
        return id;
    }

    private record NetDay(LocalDate day, BigDecimal net) {
    }

    private static NetDay day(String day, String net) {
        return new NetDay(LocalDate.parse(day), new BigDecimal(net).stripTrailingZeros());
    }

    private static List<NetDay> net(List<TransactionDays.Day> days) {
        return days.stream().map(d -> new NetDay(d.day(), d.netAmount().stripTrailingZeros())).toList();
    }
}
