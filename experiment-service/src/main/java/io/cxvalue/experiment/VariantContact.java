package io.cxvalue.experiment;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.ExperimentVariant;
import io.cxvalue.contracts.events.InteractionRecorded;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * One contact handled under a variant of an experiment: the unit of observation from which the variant's outcomes
 * are measured. It keeps the contact's own facts (customer, channel, handle time, resolution), so later outcomes
 * (follow-up contacts, satisfaction, revenue, retention) can be joined to it by customer and time.
 *
 * <p>A contact is identified by its interaction within the experiment, not by the event that reported it: should
 * the same interaction ever be published again under a new event id, it is still one contact.
 */
@Entity
@Table(name = "variant_contact")
// Named, so Hibernate parses and checks it at boot rather than on the event loop of the first request.
@NamedQuery(name = VariantContact.COUNT_BY_VARIANT, query = """
        select new io.cxvalue.experiment.VariantContacts(c.variant, count(c), count(distinct c.customerId))
        from VariantContact c
        where c.key.experimentId = :experimentId
        group by c.variant""")
public class VariantContact {

    /** Contacts and distinct customers per variant of the experiment given as {@code experimentId}. */
    public static final String COUNT_BY_VARIANT = "VariantContact.countByVariant";

    @EmbeddedId
    private Key key;

    @Column(name = "variant", nullable = false, length = 128)
    private String variant;

    @Column(name = "customer_id", nullable = false, length = 128)
    private String customerId;

    /** The event that reported the contact, to trace an observation back to the record on the topic. */
    @Column(name = "event_id", nullable = false, length = 128)
    private String eventId;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, length = 16)
    private Channel channel;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    /** Talk + hold + after-contact work, in seconds. */
    @Column(name = "handle_seconds", nullable = false)
    private int handleSeconds;

    @Column(name = "abandoned", nullable = false)
    private boolean abandoned;

    /** Null when the agent did not record whether the contact was resolved. */
    @Column(name = "resolved")
    private Boolean resolved;

    protected VariantContact() {
        // for Hibernate
    }

    private VariantContact(String eventId, ExperimentVariant experiment, InteractionRecorded interaction) {
        this.key = new Key(experiment.experimentId(), interaction.interactionId());
        this.variant = experiment.variant();
        this.customerId = interaction.customerId();
        this.eventId = eventId;
        this.channel = interaction.channel();
        this.startedAt = interaction.startedAt();
        this.handleSeconds = interaction.handleSeconds();
        this.abandoned = interaction.abandoned();
        this.resolved = interaction.resolved();
    }

    /**
     * The observation an interaction makes for its experiment variant; empty when the contact was not handled under
     * an experiment, in which case it tells the experiments nothing.
     */
    public static Optional<VariantContact> observedIn(String eventId, InteractionRecorded interaction) {
        return Optional.ofNullable(interaction.experiment())
                .map(experiment -> new VariantContact(eventId, experiment, interaction));
    }

    public Key key() {
        return key;
    }

    public String experimentId() {
        return key.experimentId();
    }

    public String interactionId() {
        return key.interactionId();
    }

    public String variant() {
        return variant;
    }

    public String customerId() {
        return customerId;
    }

    public String eventId() {
        return eventId;
    }

    public Channel channel() {
        return channel;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public int handleSeconds() {
        return handleSeconds;
    }

    public boolean abandoned() {
        return abandoned;
    }

    public Boolean resolved() {
        return resolved;
    }

    /** An interaction counts once per experiment. */
    @Embeddable
    public record Key(
            @Column(name = "experiment_id", nullable = false, length = 128) String experimentId,
            @Column(name = "interaction_id", nullable = false, length = 128) String interactionId)
            implements Serializable {
    }
}
