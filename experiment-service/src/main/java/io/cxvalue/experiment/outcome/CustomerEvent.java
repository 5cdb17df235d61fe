package io.cxvalue.experiment.outcome;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * What experiment outcomes need of one event in a customer's history ({@code customer_event}): a contact, a survey
 * answer, a transaction or a score, reduced to the fields the metrics read. Outcomes and their pre-period covariates
 * are recomputed from these, so they never depend on the order events arrived in.
 *
 * @param eventKey      a 64-bit digest of the event's {@code ce_id}: a redelivered event is stored once
 * @param handleSeconds a contact's handle time (talk + hold + after-work)
 * @param amount        a transaction's effect on spend: positive for a purchase, negative for a refund or
 *                      cancellation
 * @param clv           a score's customer lifetime value
 * @param cxScore       a score's probability that the customer is satisfied (may be null)
 * @param channel       a contact's channel (with its reason and team: what eligibility looks at, for the plan)
 */
public record CustomerEvent(String customerId, Instant occurredAt, long eventKey, Kind kind, String contactReason,
        Integer handleSeconds, Boolean abandoned, Integer csat, Integer nps, Integer ces, Integer feltValued,
        Double amount, TransactionKind transactionKind, Double clv, Double cxScore, Channel channel, String teamId) {

    /** What the event was. */
    public enum Kind {
        CONTACT, SURVEY, TRANSACTION, SCORE
    }

    public static CustomerEvent contact(long eventKey, InteractionRecorded contact) {
        return new CustomerEvent(contact.customerId(), contact.startedAt(), eventKey, Kind.CONTACT,
                contact.contactReason(), contact.handleSeconds(), contact.abandoned(), null, null, null, null, null,
                null, null, null, contact.channel(), contact.teamId());
    }

    public static CustomerEvent survey(long eventKey, SurveyResponded survey) {
        return new CustomerEvent(survey.customerId(), survey.respondedAt(), eventKey, Kind.SURVEY, null, null, null,
                survey.csat(), survey.nps(), survey.ces(), survey.feltValued(), null, null, null, null, null, null);
    }

    public static CustomerEvent transaction(long eventKey, TransactionRecorded transaction) {
        double amount = transaction.amount().doubleValue();
        double signed = transaction.kind() == TransactionKind.PURCHASE ? amount : -amount;
        return new CustomerEvent(transaction.customerId(), transaction.occurredAt(), eventKey, Kind.TRANSACTION, null,
                null, null, null, null, null, null, signed, transaction.kind(), null, null, null, null);
    }

    public static CustomerEvent score(long eventKey, CustomerScored score) {
        return new CustomerEvent(score.customerId(), score.scoredAt(), eventKey, Kind.SCORE, null, null, null, null,
                null, null, null, null, null, score.clv().doubleValue(), score.cxScore(), null, null);
    }

    /** The 64-bit digest of an event id stored as {@code eventKey}: the first 8 bytes of its SHA-256. */
    public static long keyOf(String eventId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A contact the agent handled (abandoned contacts count as demand, but have no handling). */
    boolean handledContact() {
        return kind == Kind.CONTACT && !Boolean.TRUE.equals(abandoned);
    }
}
