package io.cxvalue.scoring;

import io.cxvalue.contracts.events.CustomerUpserted;
import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.Identity;
import io.cxvalue.contracts.events.IdentityKind;
import io.cxvalue.contracts.events.IdentityLinked;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Customer, feedback and transaction events for tests. */
public final class CustomerEvents {

    private CustomerEvents() {
    }

    public static CustomerUpserted upserted(String customerId, Instant at, Identity... identities) {
        return new CustomerUpserted(customerId, "Ada Lovelace", List.of(identities),
                Map.of("segment", "gold", "region", "north"), at);
    }

    public static IdentityLinked linked(String customerId, Identity identity, Instant at) {
        return new IdentityLinked(customerId, identity, at);
    }

    public static CustomersMerged merged(String survivorId, Instant at, String... mergedIds) {
        return new CustomersMerged(survivorId, List.of(mergedIds), at);
    }

    public static Identity phone(String e164) {
        return new Identity(IdentityKind.PHONE, e164, null);
    }

    public static Identity email(String address) {
        return new Identity(IdentityKind.EMAIL, address, null);
    }

    public static Identity crmId(String id) {
        return new Identity(IdentityKind.CRM_ID, id, null);
    }

    public static Identity social(String handle) {
        return new Identity(IdentityKind.SOCIAL, handle, "x");
    }

    /** A phone number no other test uses. */
    public static String newPhone() {
        return "+4477" + String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
    }

    public static SurveyResponded survey(String customerId, Instant at, Integer csat, Integer nps, Integer ces,
            Integer feltValued, String comment) {
        String responseId = "r-" + UUID.randomUUID();
        return new SurveyResponded(responseId, "survey-tool", "ext-" + responseId, customerId, null, at, csat, nps,
                ces, feltValued, comment);
    }

    public static TransactionRecorded purchase(String customerId, String amount, Instant at) {
        return transaction(customerId, TransactionKind.PURCHASE, amount, at, null);
    }

    public static TransactionRecorded transaction(String customerId, TransactionKind kind, String amount,
            Instant at, String cancelsTransactionId) {
        String transactionId = "t-" + UUID.randomUUID();
        return new TransactionRecorded(transactionId, "shop", "ext-" + transactionId, customerId, kind,
                new BigDecimal(amount), "EUR", "p-1", at, null, cancelsTransactionId);
    }
}
