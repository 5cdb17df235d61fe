package io.cxvalue.scoring.service;

import io.cxvalue.contracts.events.IdentityKind;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.scoring.TransactionDays;
import io.cxvalue.testsupport.CloudEventRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import static io.cxvalue.scoring.CustomerEvents.email;
import static io.cxvalue.scoring.CustomerEvents.merged;
import static io.cxvalue.scoring.CustomerEvents.newPhone;
import static io.cxvalue.scoring.CustomerEvents.phone;
import static io.cxvalue.scoring.CustomerEvents.purchase;
import static io.cxvalue.scoring.CustomerEvents.transaction;
import static io.cxvalue.scoring.CustomerEvents.upserted;
import static io.cxvalue.scoring.Interactions.newCustomerId;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The service methods the caller card and the CLV scoring will call, on the real database. */
@QuarkusTest
class CustomerStateServiceTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);

    @Inject
    CustomerStateService service;

    @Test
    void findsTheCustomerOfAPhoneOrEmailAndFollowsMerges() {
        String customerId = newCustomerId();
        String survivor = newCustomerId();
        String phone = newPhone();
        String mail = customerId + "@example.com";
        CloudEventRecords.publish(upserted(customerId, T0, phone(phone), email(mail)));

        await().atMost(APPLIED_WITHIN).until(() -> customerId.equals(byIdentity(IdentityKind.PHONE, phone)));
        assertEquals(customerId, byIdentity(IdentityKind.EMAIL, mail));
        assertNull(byIdentity(IdentityKind.PHONE, newPhone()));

        CloudEventRecords.publish(merged(survivor, T0.plusSeconds(60), customerId));
        await().atMost(APPLIED_WITHIN).until(() -> survivor.equals(byIdentity(IdentityKind.PHONE, phone)));
    }

    @Test
    void transactionDaysUpToACalibrationEnd() {
        String customerId = newCustomerId();
        TransactionRecorded first = purchase(customerId, "20", T0);
        CloudEventRecords.publish(first);
        CloudEventRecords.publish(purchase(customerId, "5", T0.plusSeconds(3600)));
        CloudEventRecords.publish(purchase(customerId, "10", T0.plusSeconds(86_400 * 7)));
        CloudEventRecords.publish(transaction(customerId, TransactionKind.REFUND, "4", T0.plusSeconds(86_400 * 8),
                first.transactionId()));
        CloudEventRecords.publish(purchase(customerId, "99", T0.plusSeconds(86_400 * 40)));

        Instant calibrationEnd = T0.plusSeconds(86_400 * 10);
        await().atMost(APPLIED_WITHIN).until(() -> days(customerId, calibrationEnd).size() == 2
                && days(customerId, calibrationEnd).get(0).reversed().signum() > 0);
        List<TransactionDays.Day> days = days(customerId, calibrationEnd);
        assertEquals(LocalDate.parse("2026-01-05"), days.get(0).day());
        assertEquals(2, days.get(0).purchases());
        assertEquals(0, new BigDecimal("21").compareTo(days.get(0).netAmount()));
        assertEquals(LocalDate.parse("2026-01-12"), days.get(1).day());
        assertEquals(0, new BigDecimal("10").compareTo(days.get(1).netAmount()));
    }

    private String byIdentity(IdentityKind kind, String value) {
        return onVertxContext(() -> service.customerByIdentity(kind, value));
    }

    private List<TransactionDays.Day> days(String customerId, Instant calibrationEnd) {
        return onVertxContext(() -> service.transactionDays(customerId, calibrationEnd));
    }

    /** Hibernate Reactive needs a Vert.x context: run the service call on one and wait for its result. */
    private static <T> T onVertxContext(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(call);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
