package io.cxvalue.scoring.service;

import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.scoring.SurveyResponse;
import io.cxvalue.scoring.repository.CustomerAliasRepository;
import io.cxvalue.scoring.repository.ProcessedEventRepository;
import io.cxvalue.scoring.repository.SurveyResponseRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps each customer's survey answers (scores only, never the comment) from cx.feedback, once per event. */
@ApplicationScoped
public class FeedbackService {

    private final SurveyResponseRepository responses;
    private final CustomerAliasRepository aliases;
    private final ProcessedEventRepository processedEvents;

    public FeedbackService(SurveyResponseRepository responses, CustomerAliasRepository aliases,
            ProcessedEventRepository processedEvents) {
        this.responses = responses;
        this.aliases = aliases;
        this.processedEvents = processedEvents;
    }

    /**
     * Stores the response's scores under its customer (the survivor, when merged) and records the event id, in one
     * transaction. Another report of a known response (same response id, new event id) replaces its scores.
     */
    @WithTransaction
    public Uni<EventOutcome> recordResponse(String eventId, String topic, SurveyResponded response) {
        return processedEvents.applyOnce(eventId, topic, () -> aliases.lockAndResolve(response.customerId())
                .chain(customerId -> responses.findById(response.responseId())
                        .chain(known -> {
                            if (known != null) {
                                known.update(response, customerId);
                                return Uni.createFrom().voidItem();
                            }
                            return responses.persist(SurveyResponse.of(response, customerId)).replaceWithVoid();
                        })));
    }
}
