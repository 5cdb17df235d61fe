package io.cxvalue.scoring;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.scoring.model.cx.InteractionFeatures;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.cxvalue.scoring.model.cx.InteractionFeatures;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * One contact of a customer, as its latest report described it: what the caller card's contact history is computed
 * from, and the per-interaction features the inferred-CX model reads. No agent, team, campaign or free text.
 */
@Entity
@Table(name = "contact_log")
public class ContactLogEntry {

    @Id
    @Column(name = "interaction_id", length = 128)
    private String interactionId;

    @Column(name = "customer_id", nullable = false, length = 128)
    private String customerId;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, length = 32)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false, length = 16)
    private Direction direction;

    @Column(name = "contact_reason", length = 200)
    private String contactReason;

    @Column(name = "resolved")
    private Boolean resolved;

    @Column(name = "sentiment")
    private Double sentiment;

    @Column(name = "transfers", nullable = false)
    private int transfers;

    @Column(name = "queue_seconds")
    private Integer queueSeconds;

    @Column(name = "handle_seconds")
    private Integer handleSeconds;

    @Column(name = "talk_seconds")
    private Integer talkSeconds;

    @Column(name = "hold_seconds")
    private Integer holdSeconds;

    @Column(name = "after_work_seconds")
    private Integer afterWorkSeconds;

    @Column(name = "abandoned", nullable = false)
    private boolean abandoned;

    /** For Hibernate. */
    protected ContactLogEntry() {
    }

    private ContactLogEntry(String interactionId) {
        this.interactionId = Objects.requireNonNull(interactionId, "interactionId");
    }

    /** The entry of an interaction, kept under {@code customerId} (the event's, or its survivor after a merge). */
    public static ContactLogEntry of(InteractionRecorded interaction, String customerId) {
        ContactLogEntry entry = new ContactLogEntry(interaction.interactionId());
        entry.update(interaction, customerId);
        return entry;
    }

    /**
     * The entry as stored, from a read that does not go through Hibernate (the caller card's single-statement read);
     * the arguments are the table's columns.
     */
    public static ContactLogEntry stored(String interactionId, String customerId, Instant startedAt, Channel channel,
            Direction direction, String contactReason, Boolean resolved, Double sentiment, int transfers,
            Integer queueSeconds, Integer handleSeconds, boolean abandoned, Integer talkSeconds, Integer holdSeconds,
            Integer afterWorkSeconds) {
        ContactLogEntry entry = new ContactLogEntry(interactionId);
        entry.customerId = Objects.requireNonNull(customerId, "customerId");
        entry.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        entry.channel = Objects.requireNonNull(channel, "channel");
        entry.direction = Objects.requireNonNull(direction, "direction");
        entry.contactReason = contactReason;
        entry.resolved = resolved;
        entry.sentiment = sentiment;
        entry.transfers = transfers;
        entry.queueSeconds = queueSeconds;
        entry.handleSeconds = handleSeconds;
        entry.abandoned = abandoned;
        entry.talkSeconds = talkSeconds;
        entry.holdSeconds = holdSeconds;
        entry.afterWorkSeconds = afterWorkSeconds;
        return entry;
    }

    /** Replaces what is known of the contact with a newer report of it. */
    public void update(InteractionRecorded interaction, String customerId) {
        if (!interactionId.equals(interaction.interactionId())) {
            throw new IllegalArgumentException("Report of " + interaction.interactionId() + " applied to "
                    + interactionId);
        }
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.startedAt = Objects.requireNonNull(interaction.startedAt(), "startedAt");
        this.channel = Objects.requireNonNull(interaction.channel(), "channel");
        this.direction = Objects.requireNonNull(interaction.direction(), "direction");
        this.contactReason = interaction.contactReason();
        this.resolved = interaction.resolved();
        this.sentiment = interaction.sentiment();
        this.transfers = interaction.transfers();
        this.queueSeconds = interaction.queueSeconds();
        this.abandoned = interaction.abandoned();
        this.handleSeconds = interaction.abandoned() ? null : interaction.handleSeconds();
        this.talkSeconds = interaction.talkSeconds();
        this.holdSeconds = interaction.holdSeconds();
        this.afterWorkSeconds = interaction.afterWorkSeconds();
    }

    /**
     * What the inferred-CX model reads of this contact, its start read in the business time zone.
     *
     * @param repeatContact whether the customer had another contact shortly before this one (the row alone cannot
     *                      tell)
     */
    public InteractionFeatures features(boolean repeatContact, ZoneId businessZone) {
        ZonedDateTime local = startedAt.atZone(businessZone);
        return new InteractionFeatures(channel, direction, contactReason, queueSeconds, talkSeconds, holdSeconds,
                afterWorkSeconds, abandoned, transfers, resolved, repeatContact, sentiment, local.getHour(),
                local.getDayOfWeek());
    }

    public String interactionId() {
        return interactionId;
    }

    public String customerId() {
        return customerId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Channel channel() {
        return channel;
    }

    public Direction direction() {
        return direction;
    }

    public String contactReason() {
        return contactReason;
    }

    public Boolean resolved() {
        return resolved;
    }

    public Double sentiment() {
        return sentiment;
    }

    public int transfers() {
        return transfers;
    }

    public Integer queueSeconds() {
        return queueSeconds;
    }

    public Integer handleSeconds() {
        return handleSeconds;
    }

    public boolean abandoned() {
        return abandoned;
    }

    public Integer talkSeconds() {
        return talkSeconds;
    }

    public Integer holdSeconds() {
        return holdSeconds;
    }

    public Integer afterWorkSeconds() {
        return afterWorkSeconds;
    }
}
