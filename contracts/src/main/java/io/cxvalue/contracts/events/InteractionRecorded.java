package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;

import java.time.Instant;
import java.util.List;

/**
 * A customer interaction on any channel. Durations are whole seconds; handle time = talk + hold + after-work.
 *
 * @param interactionId ingestion's id of the interaction
 * @param source        the system that reported it (e.g. the telephony platform)
 * @param externalId    the interaction's id in {@code source}; (source, externalId) is unique
 * @param resolved      whether the agent marked the contact resolved; null when not recorded
 * @param sentiment     -1 (negative) .. 1 (positive); null when not measured
 * @param experiment    the experiment variant the contact was handled under, if any
 * @param queue         the routing queue (ACD queue or skill) the contact waited in; null when the channel system
 *                      does not name one
 * @param notes         the agent's notes; personal data: kept by ingestion, never published (null on the topic)
 * @param transcript    the conversation as text, where the channel system sends it; like the notes, kept by
 *                      ingestion only
 * @param textTerms     the terms of the notes and transcript (what travels instead of them): empty when they had
 *                      none, null when there was no text
 */
public record InteractionRecorded(
        String interactionId,
        String source,
        String externalId,
        String customerId,
        Channel channel,
        Direction direction,
        Instant startedAt,
        Integer queueSeconds,
        Integer talkSeconds,
        Integer holdSeconds,
        Integer afterWorkSeconds,
        boolean abandoned,
        String agentId,
        String teamId,
        String departmentId,
        String contactReason,
        int transfers,
        Boolean resolved,
        Double sentiment,
        Sale sale,
        String campaign,
        ExperimentVariant experiment,
        String queue,
        String notes,
        String transcript,
        List<CommentTerm> textTerms) implements CxEvent {

    public InteractionRecorded {
        textTerms = textTerms == null ? null : List.copyOf(textTerms);
    }

    /** An interaction without notes or a transcript. */
    public InteractionRecorded(String interactionId, String source, String externalId, String customerId,
            Channel channel, Direction direction, Instant startedAt, Integer queueSeconds, Integer talkSeconds,
            Integer holdSeconds, Integer afterWorkSeconds, boolean abandoned, String agentId, String teamId,
            String departmentId, String contactReason, int transfers, Boolean resolved, Double sentiment, Sale sale,
            String campaign, ExperimentVariant experiment, String queue) {
        this(interactionId, source, externalId, customerId, channel, direction, startedAt, queueSeconds, talkSeconds,
                holdSeconds, afterWorkSeconds, abandoned, agentId, teamId, departmentId, contactReason, transfers,
                resolved, sentiment, sale, campaign, experiment, queue, null, null, null);
    }

    /** An interaction that names no routing queue. */
    public InteractionRecorded(String interactionId, String source, String externalId, String customerId,
            Channel channel, Direction direction, Instant startedAt, Integer queueSeconds, Integer talkSeconds,
            Integer holdSeconds, Integer afterWorkSeconds, boolean abandoned, String agentId, String teamId,
            String departmentId, String contactReason, int transfers, Boolean resolved, Double sentiment, Sale sale,
            String campaign, ExperimentVariant experiment) {
        this(interactionId, source, externalId, customerId, channel, direction, startedAt, queueSeconds, talkSeconds,
                holdSeconds, afterWorkSeconds, abandoned, agentId, teamId, departmentId, contactReason, transfers,
                resolved, sentiment, sale, campaign, experiment, null, null, null, null);
    }

    /** The interaction as published: its text's terms, not its notes or transcript. */
    @Override
    public InteractionRecorded published() {
        return notes == null && transcript == null ? this : new InteractionRecorded(interactionId, source, externalId,
                customerId, channel, direction, startedAt, queueSeconds, talkSeconds, holdSeconds, afterWorkSeconds,
                abandoned, agentId, teamId, departmentId, contactReason, transfers, resolved, sentiment, sale,
                campaign, experiment, queue, null, null, textTerms == null ? List.of() : textTerms);
    }

    /** Talk + hold + after-contact work, counting a missing part as zero. */
    public int handleSeconds() {
        return zeroIfNull(talkSeconds) + zeroIfNull(holdSeconds) + zeroIfNull(afterWorkSeconds);
    }

    private static int zeroIfNull(Integer seconds) {
        return seconds == null ? 0 : seconds;
    }
}
