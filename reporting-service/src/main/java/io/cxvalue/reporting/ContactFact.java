package io.cxvalue.reporting;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;

import java.time.Instant;

/**
 * One customer interaction as reporting keeps it: the identifiers, times, durations and flags every KPI is computed
 * from, and nothing personal (no contact details, no free text beyond the contact reason code).
 * <p>
 * A fact is identified by its interaction: a contact is counted once however many events describe it.
 * {@code eventId} is the {@code ce_id} of the event that recorded it, stored in the same document so that applying
 * the event and remembering it are one atomic write.
 * <p>
 * Facts are made only from events that passed contracts' {@code EventReader}, so every value is within the bounds of
 * the {@code interaction-recorded-v1} JSON Schema (ids of 1 to 128 characters, durations of 0 to 604800 seconds, ...).
 */
public record ContactFact(
        String interactionId,
        String eventId,
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
        String contactReason) {

    /** The fact an {@link InteractionRecorded} event with id {@code eventId} records. */
    public static ContactFact of(String eventId, InteractionRecorded event) {
        return new ContactFact(
                event.interactionId(),
                eventId,
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
                event.contactReason());
    }

    /**
     * This fact filed under {@code customerId} instead: used to store a late fact of an erased customer under the
     * erasure's pseudonym.
     */
    public ContactFact withCustomerId(String customerId) {
        return new ContactFact(interactionId, eventId, customerId, channel, direction, startedAt, queueSeconds,
                talkSeconds, holdSeconds, afterWorkSeconds, abandoned, resolved, transfers, agentId, teamId,
                departmentId, contactReason);
    }

    /** Talk + hold + after-contact work, counting a missing part as zero (the contract's definition). */
    public int handleSeconds() {
        return zeroIfNull(talkSeconds) + zeroIfNull(holdSeconds) + zeroIfNull(afterWorkSeconds);
    }

    private static int zeroIfNull(Integer seconds) {
        return seconds == null ? 0 : seconds;
    }
}
