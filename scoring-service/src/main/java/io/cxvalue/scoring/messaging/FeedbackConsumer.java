package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.scoring.service.FeedbackService;
import io.cxvalue.support.consumer.PollConsumers;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Applies {@code cx.feedback} survey responses to the customers' survey history (scores only; the comment is
 * dropped). Malformed records are dead-lettered to {@code cx.feedback.dlq.scoring-service}, store failures retried
 * with back-off ({@link PollConsumer}).
 */
@ApplicationScoped
// Created at start rather than on the first poll, so that its meters are exported (at zero) from the beginning.
@Startup
public class FeedbackConsumer {

    private final FeedbackService feedback;
    private final PollConsumer poll;

    public FeedbackConsumer(FeedbackService feedback, PollConsumers consumers) {
        this.feedback = feedback;
        this.poll = consumers.onVertxContext(FeedbackConsumer.class, List.of(Topics.FEEDBACK));
    }

    /** One poll, applied in one transaction. */
    @Incoming("feedback")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return poll.consume(records, record -> EventReader.read(record, SurveyResponded.class),
                events -> feedback.recordResponses(Topics.FEEDBACK, events));
    }
}
