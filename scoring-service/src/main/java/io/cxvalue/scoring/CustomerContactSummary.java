package io.cxvalue.scoring;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.InteractionRecorded;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.MapKeyEnumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How often and how a customer has contacted the business: the contact part of the customer state that the caller
 * card, CLV and churn models read.
 * <p>
 * Events may be applied in any order (redelivery, replays, late reports from a channel system), so every field is
 * order-independent: counts are sums, {@code firstContactAt}/{@code lastContactAt} are the min/max of
 * {@code startedAt}, and the "last contact" details belong to the contact that started last, not to the one that
 * arrived last.
 */
@Entity
@Table(name = "customer_contact_summary")
public class CustomerContactSummary {

    @Id
    @Column(name = "customer_id", length = 128)
    private String customerId;

    @Column(name = "contacts", nullable = false)
    private long contacts;

    @Column(name = "abandoned_contacts", nullable = false)
    private long abandonedContacts;

    // Always needed with the summary, and at most one row per channel: load it with the summary in one query.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "customer_contact_channel", joinColumns = @JoinColumn(name = "customer_id"))
    @MapKeyEnumerated(EnumType.STRING)
    @MapKeyColumn(name = "channel", length = 32)
    @Column(name = "contacts", nullable = false)
    private Map<Channel, Long> contactsByChannel = new EnumMap<>(Channel.class);

    @Column(name = "first_contact_at", nullable = false)
    private Instant firstContactAt;

    @Column(name = "last_contact_at", nullable = false)
    private Instant lastContactAt;

    @Column(name = "last_interaction_id", nullable = false, length = 128)
    private String lastInteractionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_channel", nullable = false, length = 32)
    private Channel lastChannel;

    @Column(name = "last_contact_reason", length = 200)
    private String lastContactReason;

    @Column(name = "last_sentiment")
    private Double lastSentiment;

    // Guards against two consumers (e.g. during a partition rebalance) updating one customer at the same time.
    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** For Hibernate. */
    protected CustomerContactSummary() {
    }

    private CustomerContactSummary(String customerId) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
    }

    /** The summary of a customer with no contacts yet; {@link #record} its first one before storing it. */
    public static CustomerContactSummary forNewCustomer(String customerId) {
        return new CustomerContactSummary(customerId);
    }

    /** Adds one contact to the summary. */
    public void record(InteractionRecorded interaction) {
        record(interaction.customerId(), interaction.interactionId(), interaction.startedAt(), interaction.abandoned(),
                interaction.channel(), interaction.contactReason(), interaction.sentiment());
    }

    /** Adds one contact, as kept in the contact log, to the summary. */
    public void record(ContactLogEntry contact) {
        record(contact.customerId(), contact.interactionId(), contact.startedAt(), contact.abandoned(),
                contact.channel(), contact.contactReason(), contact.sentiment());
    }

    private void record(String contactCustomerId, String interactionId, Instant startedAt, boolean abandoned,
            Channel channel, String contactReason, Double sentiment) {
        if (!customerId.equals(contactCustomerId)) {
            throw new IllegalArgumentException("Interaction of customer " + contactCustomerId
                    + " recorded on the summary of " + customerId);
        }
        Objects.requireNonNull(startedAt, "startedAt");
        contacts++;
        if (abandoned) {
            abandonedContacts++;
        }
        contactsByChannel.merge(Objects.requireNonNull(channel, "channel"), 1L, Long::sum);
        if (firstContactAt == null || startedAt.isBefore(firstContactAt)) {
            firstContactAt = startedAt;
        }
        // On a tie the later-applied contact wins, so the result is the same whichever copy is applied last.
        if (lastContactAt == null || !startedAt.isBefore(lastContactAt)) {
            lastContactAt = startedAt;
            lastInteractionId = interactionId;
            lastChannel = channel;
            lastContactReason = contactReason;
            lastSentiment = sentiment;
        }
    }

    /**
     * Folds the summary of a customer merged into this one (a {@code CustomersMerged} event) into this summary, as
     * if its contacts had been recorded here. The merged summary is deleted by the caller.
     */
    public void absorb(CustomerContactSummary merged) {
        if (merged.contacts == 0) {
            return;
        }
        contacts += merged.contacts;
        abandonedContacts += merged.abandonedContacts;
        merged.contactsByChannel.forEach((channel, count) -> contactsByChannel.merge(channel, count, Long::sum));
        if (firstContactAt == null || merged.firstContactAt.isBefore(firstContactAt)) {
            firstContactAt = merged.firstContactAt;
        }
        // On a tie the merged customer's contact wins, as the later-applied one does in record().
        if (lastContactAt == null || !merged.lastContactAt.isBefore(lastContactAt)) {
            lastContactAt = merged.lastContactAt;
            lastInteractionId = merged.lastInteractionId;
            lastChannel = merged.lastChannel;
            lastContactReason = merged.lastContactReason;
            lastSentiment = merged.lastSentiment;
        }
    }

    public String customerId() {
        return customerId;
    }

    public long contacts() {
        return contacts;
    }

    public long abandonedContacts() {
        return abandonedContacts;
    }

    /** Contacts per channel, in the channels' declaration order; channels without contacts are absent. */
    public Map<Channel, Long> contactsByChannel() {
        Map<Channel, Long> copy = new EnumMap<>(Channel.class);
        copy.putAll(contactsByChannel);
        return Collections.unmodifiableMap(copy);
    }

    public Instant firstContactAt() {
        return firstContactAt;
    }

    public Instant lastContactAt() {
        return lastContactAt;
    }

    public String lastInteractionId() {
        return lastInteractionId;
    }

    public Channel lastChannel() {
        return lastChannel;
    }

    public String lastContactReason() {
        return lastContactReason;
    }

    public Double lastSentiment() {
        return lastSentiment;
    }
}
