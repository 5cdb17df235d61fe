package io.cxvalue.reporting.contact;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.Sale;

import java.time.Instant;

/**
 * One customer interaction as reporting keeps it: the dimensions, times, durations and flags every KPI is computed
 * from, and nothing personal (no contact details, no free text beyond the contact reason and campaign codes).
 * <p>
 * A fact is identified by its interaction: a contact is counted once however many events describe it. Facts are made
 * only from events that passed contracts' {@code EventReader}, so every value is within the bounds of the
 * {@code interaction-recorded-v1} JSON Schema.
 *
 * @param saleAmount   the accepted sale's amount, null when no sale was accepted (or none recorded)
 * @param saleCurrency its ISO 4217 code
 * @param queue        the routing queue the contact waited in, null when not named
 * @param sentiment    -1 (negative) .. 1 (positive), null when not measured
 */
public record ContactFact(
        String interactionId,
        String customerId,
        Channel channel,
        Direction direction,
        Instant startedAt,
        Integer queueSeconds,
        Integer talkSeconds,
        Integer holdSeconds,
        Integer afterWorkSeconds,
        boolean abandoned,
        Boolean resolved,
        int transfers,
        String agentId,
        String teamId,
        String departmentId,
        String contactReason,
        String campaign,
        boolean saleOffered,
        boolean saleAccepted,
        Double saleAmount,
        String saleCurrency,
        String queue,
        Double sentiment) {

    /** Sentiment at or above this is positive, at or below its negative negative (between: neutral). */
    public static final double SENTIMENT_BAND = 0.3;

    /** The fact an {@link InteractionRecorded} event records. */
    public static ContactFact of(InteractionRecorded event) {
        Sale sale = event.sale();
        boolean accepted = sale != null && sale.accepted();
        return new ContactFact(
                event.interactionId(),
                event.customerId(),
                event.channel(),
                event.direction(),
                event.startedAt(),
                event.queueSeconds(),
                event.talkSeconds(),
                event.holdSeconds(),
                event.afterWorkSeconds(),
                event.abandoned(),
                event.resolved(),
                event.transfers(),
                event.agentId(),
                event.teamId(),
                event.departmentId(),
                event.contactReason(),
                event.campaign(),
                sale != null && sale.offered(),
                accepted,
                accepted && sale.amount() != null ? sale.amount().doubleValue() : null,
                accepted ? sale.currency() : null,
                event.queue(),
                event.sentiment());
    }

    /** This fact filed under {@code customerId} instead (an erased customer's late fact gets the pseudonym). */
    public ContactFact withCustomerId(String customerId) {
        return new ContactFact(interactionId, customerId, channel, direction, startedAt, queueSeconds, talkSeconds,
                holdSeconds, afterWorkSeconds, abandoned, resolved, transfers, agentId, teamId, departmentId,
                contactReason, campaign, saleOffered, saleAccepted, saleAmount, saleCurrency, queue, sentiment);
    }

    /** Talk + hold + after-contact work, counting a missing part as zero (the contract's definition). */
    public int handleSeconds() {
        return zeroIfNull(talkSeconds) + zeroIfNull(holdSeconds) + zeroIfNull(afterWorkSeconds);
    }

    /** When the contact ended: its start, plus the time in queue and the handle time. */
    public Instant endedAt() {
        return startedAt.plusSeconds(zeroIfNull(queueSeconds) + (long) handleSeconds());
    }

    private static int zeroIfNull(Integer seconds) {
        return seconds == null ? 0 : seconds;
    }
}
