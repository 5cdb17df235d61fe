package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.service.FeedbackService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies {@code cx.feedback} survey responses to the customers' survey history (scores only; the comment is
 * dropped). Malformed records are dead-lettered to {@code cx.feedback.dlq.scoring-service}, store failures retried
 * with back-off ({@link ConsumedEvents}).
 */
@ApplicationScoped
@Startup
public class FeedbackConsumer {

    private final FeedbackService feedback;
    private final ConsumedEvents events;

    public FeedbackConsumer(FeedbackService feedback, ScoringConfig config, MeterRegistry registry) {
        this.feedback = feedback;
        this.events = new ConsumedEvents(Topics.FEEDBACK, FeedbackConsumer.class, config, registry);
    }

    @Incoming("feedback")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return events.consume(record, r -> EventReader.read(r, SurveyResponded.class),
                received -> feedback.recordResponse(received.eventId(), record.topic(), received.event()));
    }
}
