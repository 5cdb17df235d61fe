package io.cxvalue.reporting;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * One customer interaction as reporting keeps it: the identifiers, times, durations and flags every KPI is computed
 * from, and nothing personal (no contact details, no free text beyond the contact reason code).
 * <p>
 * A fact is identified by its interaction: a contact is counted once however many events describe it.
 * {@code eventId} is the {@code ce_id} of the event that recorded it, stored in the same document so that applying
 * the event and remembering it are one atomic write.
 * <p>
 * The constraints are those of the {@code interaction-recorded-v1} JSON Schema that reporting relies on.
 */
public record ContactFact(
        @NotBlank @Size(max = 128) String interactionId,
        @NotBlank @Size(max = MAX_EVENT_ID_LENGTH) String eventId,
        @NotBlank @Size(max = 128) String customerId,
        @NotNull Channel channel,
        @NotNull Direction direction,
        @NotNull Instant startedAt,
        @PositiveOrZero @Max(MAX_SECONDS) Integer queueSeconds,
        @PositiveOrZero @Max(MAX_SECONDS) Integer talkSeconds,
        @PositiveOrZero @Max(MAX_SECONDS) Integer holdSeconds,
        @PositiveOrZero @Max(MAX_SECONDS) Integer afterWorkSeconds,
        boolean abandoned,
        Boolean resolved,
        @PositiveOrZero @Max(100) int transfers,
        @Size(min = 1, max = 128) String agentId,
        @Size(min = 1, max = 128) String teamId,
        @Size(min = 1, max = 128) String departmentId,
        @Size(min = 1, max = 200) String contactReason) {

    /** One week: the longest duration the contract allows. */
    public static final int MAX_SECONDS = 604_800;
    public static final int MAX_EVENT_ID_LENGTH = 256;

    /** The fact an {@link InteractionRecorded} event with id {@code eventId} records (not yet validated). */
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

    /** Talk + hold + after-contact work, counting a missing part as zero (the contract's definition). */
    public int handleSeconds() {
        return zeroIfNull(talkSeconds) + zeroIfNull(holdSeconds) + zeroIfNull(afterWorkSeconds);
    }

    private static int zeroIfNull(Integer seconds) {
        return seconds == null ? 0 : seconds;
    }
}
