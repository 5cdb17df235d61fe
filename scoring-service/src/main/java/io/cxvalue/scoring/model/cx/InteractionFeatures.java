package io.cxvalue.scoring.model.cx;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * What is known about one interaction when predicting satisfaction with it. Everything except the channel may be
 * unknown (null): sources differ in what they report, and the encoder turns "unknown" into its own signal rather than
 * dropping the interaction.
 *
 * <p>Nothing here identifies a person: no customer, agent or free text. Agent and team are left out on purpose, so
 * the inferred score describes the contact, not who handled it (and a model over hundreds of agents would need far
 * more respondents than a site usually has).
 *
 * @param channel          where it took place
 * @param direction        who started it; null when not reported
 * @param contactReason    free-form reason code as the source reports it; null when not known. Matched
 *                         case-insensitively after trimming
 * @param queueSeconds     wait before an agent answered; null when not reported
 * @param talkSeconds      talk (or active handling) time; null when not reported
 * @param holdSeconds      time on hold; null when not reported
 * @param afterWorkSeconds after-contact work; null when not reported
 * @param abandoned        the customer gave up before being served
 * @param transfers        times the contact was transferred, &ge; 0
 * @param resolved         whether the agent marked it resolved; null when not recorded
 * @param repeatContact    the customer had another contact within a window (e.g. 7 days) before this one, see
 *                         {@link #isRepeat(Instant, Iterable, Duration)}
 * @param sentiment        -1 (negative) .. 1 (positive); null when not measured
 * @param hourOfDay        local hour the contact started, 0..23; null when not known
 * @param dayOfWeek        local day the contact started; null when not known
 */
public record InteractionFeatures(
        Channel channel,
        Direction direction,
        String contactReason,
        Integer queueSeconds,
        Integer talkSeconds,
        Integer holdSeconds,
        Integer afterWorkSeconds,
        boolean abandoned,
        int transfers,
        Boolean resolved,
        boolean repeatContact,
        Double sentiment,
        Integer hourOfDay,
        DayOfWeek dayOfWeek) {

    /** Default window for {@link #repeatContact}: another contact within the 7 days before. */
    public static final Duration DEFAULT_REPEAT_WINDOW = Duration.ofDays(7);

    public InteractionFeatures {
        Objects.requireNonNull(channel, "channel");
        nonNegative("queueSeconds", queueSeconds);
        nonNegative("talkSeconds", talkSeconds);
        nonNegative("holdSeconds", holdSeconds);
        nonNegative("afterWorkSeconds", afterWorkSeconds);
        if (transfers < 0) {
            throw new IllegalArgumentException("transfers must be >= 0, was " + transfers);
        }
        if (sentiment != null && !(sentiment >= -1.0 && sentiment <= 1.0)) {
            throw new IllegalArgumentException("sentiment must be in -1..1, was " + sentiment);
        }
        if (hourOfDay != null && (hourOfDay < 0 || hourOfDay > 23)) {
            throw new IllegalArgumentException("hourOfDay must be in 0..23, was " + hourOfDay);
        }
    }

    /**
     * The features of a recorded interaction, its start time read in {@code zone} (the contact centre's local time:
     * "evening" and "weekend" mean the customer's day, not UTC's).
     *
     * @param repeatContact whether the customer had another contact shortly before, which the event alone cannot tell
     */
    public static InteractionFeatures of(InteractionRecorded interaction, boolean repeatContact, ZoneId zone) {
        Integer hour = null;
        DayOfWeek day = null;
        if (interaction.startedAt() != null) {
            ZonedDateTime local = interaction.startedAt().atZone(zone);
            hour = local.getHour();
            day = local.getDayOfWeek();
        }
        return new InteractionFeatures(interaction.channel(), interaction.direction(), interaction.contactReason(),
                interaction.queueSeconds(), interaction.talkSeconds(), interaction.holdSeconds(),
                interaction.afterWorkSeconds(), interaction.abandoned(), interaction.transfers(),
                interaction.resolved(), repeatContact, interaction.sentiment(), hour, day);
    }

    /**
     * Whether a contact at {@code startedAt} is a repeat: some other contact of the same customer started in
     * [{@code startedAt - window}, {@code startedAt}). The contact itself (same instant) does not count.
     */
    public static boolean isRepeat(Instant startedAt, Iterable<Instant> otherContacts, Duration window) {
        Instant from = startedAt.minus(window);
        for (Instant t : otherContacts) {
            if (t != null && !t.isBefore(from) && t.isBefore(startedAt)) {
                return true;
            }
        }
        return false;
    }

    private static void nonNegative(String name, Integer seconds) {
        if (seconds != null && seconds < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + seconds);
        }
    }
}
