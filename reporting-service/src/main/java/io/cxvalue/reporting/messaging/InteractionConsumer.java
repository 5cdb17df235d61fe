package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.reporting.ContactFact;
import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.service.ContactFactService;
import io.cxvalue.reporting.service.RecordOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Consumes {@code cx.interactions} (consumer group {@code reporting-service}) and records one contact fact per
 * interaction.
 * <p>
 * Records are processed one at a time per channel, in partition order, and acknowledged when their write is done.
 * A record that contracts' {@link EventReader} rejects, or whose write keeps failing, is nacked and the connector's dead-letter-queue strategy parks it on
 * {@code cx.interactions.dlq.reporting-service} with the failure in its headers; consumption goes on.
 */
@ApplicationScoped
public class InteractionConsumer {

    static final String CHANNEL = "interactions";
    static final String METRIC = "cx.reporting.interactions";

    private static final Logger LOG = Logger.getLogger(InteractionConsumer.class);

    private final ContactFactService contactFacts;
    private final ReportingConfig.StoreRetry storeRetry;
    private final Counter recorded;
    private final Counter duplicates;
    private final Counter ignored;
    private final Counter rejected;
    private final Counter failed;

    InteractionConsumer(ContactFactService contactFacts, ReportingConfig config, MeterRegistry registry) {
        this.contactFacts = contactFacts;
        this.storeRetry = config.storeRetry();
        this.recorded = outcomeCounter(registry, "recorded", "Interactions counted in the reports");
        this.duplicates = outcomeCounter(registry, "duplicate", "Interaction events ignored as already applied");
        this.ignored = outcomeCounter(registry, "ignored", "Events of another type of the topic, not used by reports");
        this.rejected = outcomeCounter(registry, "rejected", "Malformed interaction events sent to the dead-letter topic");
        this.failed = outcomeCounter(registry, "failed", "Interaction events dead-lettered because they could not be stored");
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Optional<ReceivedEvent<InteractionRecorded>> read;
        try {
            read = EventReader.read(record, InteractionRecorded.class);
        } catch (MalformedEventException e) {
            rejected.increment();
            LOG.warnf("Rejecting %s: %s", position(record), e.getMessage());
            return Uni.createFrom().failure(e);
        }
        if (read.isEmpty()) {
            ignored.increment();
            return Uni.createFrom().voidItem();
        }
        ContactFact fact = ContactFact.of(read.get().eventId(), read.get().event());
        return StoreRetry.withRetry(contactFacts.record(fact), storeRetry)
                .invoke(outcome -> (outcome == RecordOutcome.RECORDED ? recorded : duplicates).increment())
                .onFailure().invoke(failure -> {
                    failed.increment();
                    LOG.errorf(failure, "Could not apply %s (event %s); dead-lettering it", position(record),
                            fact.eventId());
                })
                .replaceWithVoid();
    }


    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static Counter outcomeCounter(MeterRegistry registry, String outcome, String description) {
        return Counter.builder(METRIC).tag("outcome", outcome).description(description).register(registry);
    }
}
