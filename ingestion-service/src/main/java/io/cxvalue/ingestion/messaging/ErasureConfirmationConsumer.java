package io.cxvalue.ingestion.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.ingestion.service.ErasureService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;


/**
 * Collects the services' {@code ErasureCompleted} confirmations from {@code cx.erasures}. Other events of the topic
 * (the requests themselves) are skipped; a record that cannot be read fails and is dead-lettered. Recording a
 * confirmation is idempotent, so a redelivery changes nothing.
 */
@ApplicationScoped
public class ErasureConfirmationConsumer {

    private static final Logger LOG = Logger.getLogger(ErasureConfirmationConsumer.class);

    private final ErasureService erasures;

    public ErasureConfirmationConsumer(ErasureService erasures) {
        this.erasures = erasures;
    }

    @Incoming("erasures")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        try {
            return EventReader.read(record, ErasureCompleted.class)
                    .map(received -> erasures.confirm(received.event()))
                    .orElseGet(() -> Uni.createFrom().voidItem());
        } catch (MalformedEventException e) {
            LOG.warnf("Rejecting %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return Uni.createFrom().failure(e);
        }
    }

}
