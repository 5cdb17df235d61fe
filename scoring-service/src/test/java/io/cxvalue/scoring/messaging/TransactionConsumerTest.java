package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.testsupport.CloudEventRecords;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.cxvalue.scoring.CustomerEvents.purchase;
import static io.cxvalue.scoring.CustomerEvents.transaction;
import static io.cxvalue.scoring.CustomerStateApi.awaitState;
import static io.cxvalue.scoring.Interactions.newCustomerId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** cx.transactions through the real broker and database, read back as transaction days through the state API. */
@QuarkusTest
class TransactionConsumerTest {

    private static final Instant DAY1 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-01-12T15:00:00Z");
    private static final Instant DAY3 = Instant.parse("2026-02-02T11:00:00Z");
    private static final Instant AS_OF = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void sameDayPurchasesAreOneTransactionDayAndARedeliveryCountsOnce() {
        String customerId = newCustomerId();
        TransactionRecorded morning = purchase(customerId, "20.00", DAY1);
        String eventId = UUID.randomUUID().toString();
        CloudEventRecords.publish(morning, eventId);
        CloudEventRecords.publish(morning, eventId);
        CloudEventRecords.publish(purchase(customerId, "5.50", DAY1.plusSeconds(6 * 3600)));
        CloudEventRecords.publish(purchase(customerId, "10", DAY2));

        awaitState(customerId, AS_OF, state -> state.getInt("transactions.purchases") == 3)
                .body("transactions.transactionDays", equalTo(2))
                .body("transactions.repeatTransactionDays", equalTo(1))
                .body("transactions.days.day", contains("2026-01-05", "2026-01-12"))
                .body("transactions.days.netAmount", contains(25.5f, 10.0f))
                .body("transactions.firstTransactionDay", equalTo("2026-01-05"))
                .body("transactions.lastTransactionDay", equalTo("2026-01-12"))
                .body("transactions.lastPurchaseAt", equalTo("2026-01-12T15:00:00Z"))
                .body("transactions.netValue", equalTo(35.5f));
    }

    @Test
    void aCancellationByReferenceRemovesThePurchaseAndARefundLowersIt() {
        String customerId = newCustomerId();
        TransactionRecorded first = purchase(customerId, "40", DAY1);
        TransactionRecorded second = purchase(customerId, "30", DAY2);
        CloudEventRecords.publish(first);
        CloudEventRecords.publish(second);
        CloudEventRecords.publish(purchase(customerId, "12", DAY3));
        CloudEventRecords.publish(transaction(customerId, TransactionKind.CANCELLATION, "40", DAY1.plusSeconds(600),
                first.transactionId()));
        CloudEventRecords.publish(transaction(customerId, TransactionKind.REFUND, "7.50", DAY3.plusSeconds(600),
                second.transactionId()));

        awaitState(customerId, AS_OF, state -> state.getInt("transactions.refunds") == 1)
                .body("transactions.purchases", equalTo(3))
                .body("transactions.cancellations", equalTo(1))
                .body("transactions.days.day", contains("2026-01-12", "2026-02-02"))
                .body("transactions.days.netAmount", contains(22.5f, 12.0f));

        // As of before the refund, the second purchase is whole; before the cancellation, the first one counts.
        awaitState(customerId, DAY1.plusSeconds(60), state -> true)
                .body("transactions.days.day", contains("2026-01-05"));
        awaitState(customerId, DAY3.plusSeconds(60), state -> true)
                .body("transactions.days.netAmount", contains(30.0f, 12.0f));
    }

    @Test
    void malformedRecordsAreDeadLetteredAndTheConsumerKeepsGoing() {
        String customerId = newCustomerId();
        String bad = DeadLetters.sendUnparsable(EventType.TRANSACTION_RECORDED, customerId);
        CloudEventRecords.publish(purchase(customerId, "9.99", DAY1));

        awaitState(customerId, AS_OF, state -> state.getInt("transactions.purchases") == 1);
        DeadLetters.assertDeadLettered(Topics.TRANSACTIONS, customerId, bad, "Payload is not JSON");
    }
}
